// The calsim command line (OUTPUTS.md). main() only calls run_cli().
#pragma once

namespace calsim::detail {
int run_cli(int argc, const char* const* argv);
}
