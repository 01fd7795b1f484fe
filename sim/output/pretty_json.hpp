// JSON written straight into a string in exactly the layout of nlohmann's
// dump(2) (two-space indent, "key": value, [] and {} when empty), without
// building a document first: truth.json lists thousands of clients, and
// building them as nlohmann objects cost 25 ms of a 10,000-client run (issue 18).
// Strings are escaped as nlohmann escapes them (a string that is not valid
// UTF-8 is handed to nlohmann itself, with its replacement of bad bytes).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace calsim::detail {

class pretty_json {
 public:
  explicit pretty_json(std::string& out) : out_(out) {}

  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }
  // Inside an object: the next member's key; its value follows.
  void key(std::string_view k);

  void value(std::string_view s);
  void value(const char* s) { value(std::string_view(s)); }
  void value(std::int64_t v);
  void value(std::uint64_t v);
  void value(int v) { value(static_cast<std::int64_t>(v)); }
  void value(bool v);
  void null();

  // "key": value in one call.
  template <class T>
  void member(std::string_view k, const T& v) {
    key(k);
    value(v);
  }

 private:
  void open(char bracket);
  void close(char bracket);
  void next_item();  // before a value or a key: the separator and the indent
  void indent(std::size_t depth);

  std::string& out_;
  std::vector<std::size_t> counts_;  // items so far, per open container
  bool after_key_ = false;           // a key was written: its value needs no separator
};

// A JSON string literal as nlohmann's dump writes it (ensure_ascii off).
void append_json_string_as_nlohmann(std::string& out, std::string_view s);

}  // namespace calsim::detail
