// output_sample DIR: writes the synthetic run's files into DIR (browser test, manual looks).
#include <iostream>

#include "synthetic_run.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: output_sample DIR\n";
    return 2;
  }
  using namespace calsim;
  const scenario s = test::synthetic_scenario();
  output_set out(s, argv[1], {.trace = true});
  test::feed_synthetic_run(s, out);
  out.finish(test::synthetic_result(s), test::synthetic_info(s));
  std::cout << (std::filesystem::path(argv[1]) / "report.html").string() << '\n';
  return 0;
}
