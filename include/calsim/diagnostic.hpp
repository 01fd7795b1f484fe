// One problem found in a scenario: where it is and what is wrong.
#pragma once
#include <string>
#include <vector>

namespace calsim {

struct diagnostic {
  std::string file;     // file name as given on the command line, or "--set"
  int line = 0;         // 1-based; 0 when unknown
  int column = 0;       // 1-based; 0 when unknown
  std::string pointer;  // JSON pointer of the offending value ("" = whole document)
  std::string message;
};

// "FILE:LINE:COL: /pointer: message" (SCENARIO.md, "Errors").
std::string format_diagnostic(const diagnostic& d);

using diagnostics = std::vector<diagnostic>;

}  // namespace calsim
