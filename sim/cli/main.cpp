#include "cli/cli.hpp"

int main(int argc, char** argv) { return calsim::detail::run_cli(argc, argv); }
