// calsim's build identity, from one place: the version is project(VERSION) in
// CMakeLists.txt, the commit is the git commit the build was configured from
// (cmake/build_info.cmake). Every output that names the version names the
// commit too.
#pragma once
#include <string>
#include <string_view>

namespace calsim {

extern const char* const version_string;  // "0.1.0"
extern const char* const build_commit;    // 40 hex digits, or "unknown" outside a git checkout

// "0.1.0 (commit 28ba78e3f1a2)": the version and the first 12 digits of the
// commit, for people (reports, --version); JSON outputs carry both in full.
std::string version_label(std::string_view version, std::string_view commit);

// version_label of this build.
std::string build_label();

}  // namespace calsim
