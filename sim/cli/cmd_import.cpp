// `calsim import ISSUED.csv [--key-packs PACKS.csv] -o SCENARIO.json`: a
// scenario that starts from a real license server's pool (import_estate.hpp).
#include <filesystem>
#include <iostream>

#include "calsim/errors.hpp"
#include "cli/commands.hpp"
#include "core/calendar.hpp"
#include "output/atomic_file.hpp"
#include "scenario/import_estate.hpp"

namespace calsim::detail {

int command_import(const import_command& cmd) {
  const std::filesystem::path out(cmd.out);
  if (out.extension() != ".json") throw usage_error("-o must name a .json file, got \"" + cmd.out + "\"");
  if (std::filesystem::exists(out) && !cmd.replace)
    throw usage_error(cmd.out + " exists (--replace overwrites it)");
  import_request req;
  req.issued_csv = cmd.issued;
  req.packs_csv = cmd.key_packs;
  std::string stem = out.stem().string();
  for (char& ch : stem) ch = std::isalnum(static_cast<unsigned char>(ch)) ? static_cast<char>(std::tolower(ch)) : '-';
  req.name = stem.empty() ? "imported" : stem;
  if (cmd.start) {
    const auto t = parse_iso(*cmd.start);
    if (!t) throw usage_error("--start must be a date YYYY-MM-DD, got \"" + *cmd.start + "\"");
    req.start = *t;
  }
  req.days = cmd.days;
  const import_result r = import_estate(req);
  atomic_file f(out);
  f.write(r.scenario.dump(2) + "\n");
  f.commit();
  std::cout << "read " << r.rows << " licenses (" << r.left_out << " expired by " << r.scenario["start"].get<std::string>()
            << " or revoked, left out); " << r.groups.size() << (r.groups.size() == 1 ? " group:" : " groups:") << "\n";
  for (const auto& g : r.groups)
    std::cout << "  " << g.group << ": " << g.count << " " << g.kind << " (" << g.why << ")\n";
  std::cout << "wrote " << cmd.out << "; edit its schedules and session host, then: calsim run " << cmd.out
            << ", calsim size " << cmd.out << " --pack SERVER/PACK\n";
  return 0;
}

}  // namespace calsim::detail
