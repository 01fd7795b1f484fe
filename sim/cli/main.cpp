#include "cli/cli.hpp"
#include "cli/signals.hpp"

int main(int argc, char** argv) {
  calsim::detail::install_signal_cleanup();
  return calsim::detail::run_cli(argc, argv);
}
