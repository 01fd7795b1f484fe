// Prints a generated estate scenario (bench/estate.hpp) for `calsim run`:
//   build/bench/calsim_make_estate 100000 365 > /tmp/estate.json
#include <cstdlib>
#include <iostream>

#include "estate.hpp"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: calsim_make_estate CLIENTS DAYS\n";
    return 2;
  }
  const long long clients = std::atoll(argv[1]);
  const int days = std::atoi(argv[2]);
  if (clients < 1 || clients > 10'000'000 || days < 1 || days > 36'500) {
    std::cerr << "calsim_make_estate: CLIENTS must be 1..10000000 and DAYS 1..36500\n";
    return 2;
  }
  std::cout << calsim::bench::estate_json(clients, days) << '\n';
  return 0;
}
