// The model's registry at the end of a run, as JSON, for the registry import
// test: runs SCENARIO through the library (no files) and prints
// {"node": {"KEY PATH": {"value name": [REG type, "hex of the data"]}}} with the
// data as Windows stores it (REG_SZ and REG_MULTI_SZ as UTF-16LE with their NULs).
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>

#include "calsim/load.hpp"
#include "calsim/run.hpp"

namespace {
std::string hex(const std::vector<std::uint8_t>& b) {
  std::string s;
  char buf[3];
  for (auto x : b) {
    std::snprintf(buf, sizeof buf, "%02x", x);
    s += buf;
  }
  return s;
}
void utf16z(std::vector<std::uint8_t>& out, const std::string& s) {
  for (unsigned char ch : s) {  // calsim's registry strings are ASCII
    out.push_back(ch);
    out.push_back(0);
  }
  out.push_back(0);
  out.push_back(0);
}
}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: registry_dump SCENARIO.json\n";
    return 2;
  }
  const calsim::scenario s = calsim::load_scenario_file(argv[1]);
  calsim::run_observer quiet;
  const calsim::run_result r = calsim::run_scenario(s, {}, quiet);
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  for (const auto& node : r.registry) {
    nlohmann::ordered_json keys = nlohmann::ordered_json::object();
    for (const auto& k : node.keys) {
      nlohmann::ordered_json values = nlohmann::ordered_json::object();
      for (const auto& v : k.values) {
        std::vector<std::uint8_t> data;
        int type = 0;
        switch (v.type) {
          case calsim::reg_value::kind::dword:
            type = 4;
            for (int i = 0; i < 4; ++i) data.push_back(static_cast<std::uint8_t>(v.dword >> (8 * i)));
            break;
          case calsim::reg_value::kind::string:
            type = 1;
            utf16z(data, v.text);
            break;
          case calsim::reg_value::kind::binary:
            type = 3;
            data = v.bytes;
            break;
          case calsim::reg_value::kind::multi_string:
            type = 7;
            for (const auto& x : v.strings) utf16z(data, x);
            data.push_back(0);
            data.push_back(0);
            break;
        }
        values[v.name] = {type, hex(data)};
      }
      keys[k.path] = values;
    }
    out[node.node] = keys;
  }
  std::cout << out.dump(1) << "\n";
  return 0;
}
