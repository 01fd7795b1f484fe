#include "calsim/version.hpp"

#include "calsim/build_info.hpp"  // generated in the build tree (cmake/build_info.cmake)

namespace calsim {

const char* const version_string = detail::build_info::version;
const char* const build_commit = detail::build_info::commit;

std::string version_label(std::string_view version, std::string_view commit) {
  return std::string(version) + " (commit " + std::string(commit.substr(0, 12)) + ")";
}

std::string build_label() { return version_label(version_string, build_commit); }

}  // namespace calsim
