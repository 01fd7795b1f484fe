// Runs the calsim command line in-process and captures what it prints.
#pragma once
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "cli/cli.hpp"

namespace calsim::test {

struct cli_outcome {
  int code = 0;
  std::string out, err;
};

// `calsim ARGS...`: exit code, stdout and stderr.
inline cli_outcome run_calsim(std::vector<std::string> args) {
  args.insert(args.begin(), "calsim");
  std::vector<const char*> argv;
  for (const auto& a : args) argv.push_back(a.c_str());
  ::testing::internal::CaptureStdout();
  ::testing::internal::CaptureStderr();
  cli_outcome o;
  o.code = detail::run_cli(static_cast<int>(argv.size()), argv.data());
  o.out = ::testing::internal::GetCapturedStdout();
  o.err = ::testing::internal::GetCapturedStderr();
  return o;
}

}  // namespace calsim::test
