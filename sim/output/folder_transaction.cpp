#include "output/folder_transaction.hpp"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "calsim/errors.hpp"
#include "calsim/output.hpp"
#include "output/atomic_file.hpp"

namespace calsim::detail {
namespace fs = std::filesystem;
namespace {

constexpr const char* manifest_name = "manifest.json";
constexpr const char* staging_tag = ".calsim-staging-";
constexpr const char* old_tag = ".calsim-old-";

// "out/demo/" and "out/demo" name the same folder.
fs::path normalized(const fs::path& p) {
  fs::path n = p.lexically_normal();
  if (!n.empty() && n.filename().empty()) n = n.parent_path();
  return n;
}

fs::path sibling(const fs::path& target, const char* tag, long pid) {
  return target.parent_path() / ("." + target.filename().string() + tag + std::to_string(pid));
}

// Staging folders of calsim processes that no longer run (killed with -9).
void remove_abandoned_siblings(const fs::path& target) {
  std::error_code ec;
  const fs::path parent = target.parent_path().empty() ? fs::path(".") : target.parent_path();
  const std::string stem = "." + target.filename().string();
  for (const auto& entry : fs::directory_iterator(parent, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(stem, 0) != 0) continue;
    const std::string rest = name.substr(stem.size());
    for (const char* tag : {staging_tag, old_tag}) {
      const std::string t(tag);
      if (rest.rfind(t, 0) != 0) continue;
      const std::string digits = rest.substr(t.size());
      if (digits.empty() || digits.size() > 9 || digits.find_first_not_of("0123456789") != std::string::npos) continue;
      const long pid = std::stol(digits);
      if (pid == static_cast<long>(::getpid()) || ::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH) continue;
      std::error_code rm;
      fs::remove_all(entry.path(), rm);
    }
  }
}

std::string foreign_message(const fs::path& target, const std::vector<std::string>& foreign, bool has_manifest) {
  std::string m = target.string() + " holds " + std::to_string(foreign.size()) +
                  (foreign.size() == 1 ? " file" : " files") + " that calsim did not write (" + foreign.front();
  if (foreign.size() > 1) m += ", ...";
  m += ")";
  if (!has_manifest) m += "; it has no calsim manifest.json";
  return m +
         ". calsim replaces a whole output folder and does not delete what is not its own: choose another "
         "folder with -o, or pass --replace to replace the folder with everything in it";
}

void check_target(const fs::path& target, bool replace) {
  std::error_code ec;
  const auto status = fs::status(target, ec);
  if (ec || !fs::exists(status)) return;
  if (!fs::is_directory(status)) throw usage_error(target.string() + " exists and is not a folder");
  if (fs::equivalent(target, fs::current_path(), ec))
    throw usage_error("the output folder cannot be the current folder (" + target.string() +
                      "): calsim replaces the whole folder; name a subfolder with -o");
  if (replace) return;
  const auto files = files_under(target);
  if (files.empty()) return;
  const auto own = manifest_files(target);
  std::set<std::string> listed;
  if (own) listed.insert(own->begin(), own->end());
  listed.insert(manifest_name);
  std::vector<std::string> foreign;
  for (const auto& f : files)
    if (!listed.count(f)) foreign.push_back(f);
  if (!foreign.empty()) throw usage_error(foreign_message(target, foreign, own.has_value()));
}

// Every file under `dir` on disk, in one call (thousands of registry files),
// then the folder itself. A failing sync is a failing write (throws).
void sync_folder(const fs::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  const bool ok = ::syncfs(fd) == 0 && ::fsync(fd) == 0;
  const int err = errno;
  ::close(fd);
  if (!ok) throw output_error("cannot sync " + dir.string() + ": " + std::strerror(err));
}

[[noreturn]] void swap_failed(const fs::path& from, const fs::path& to, int err) {
  throw output_error("cannot rename " + from.string() + " to " + to.string() + ": " + std::strerror(err));
}

}  // namespace

std::vector<std::string> files_under(const fs::path& dir) {
  std::vector<std::string> out;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec))
    if (!it->is_directory(ec)) out.push_back(it->path().lexically_relative(dir).generic_string());
  std::sort(out.begin(), out.end());
  return out;
}

std::optional<std::vector<std::string>> manifest_files(const fs::path& dir) {
  std::ifstream in(dir / manifest_name, std::ios::binary);
  if (!in) return std::nullopt;
  const auto j = nlohmann::json::parse(in, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("calsim_manifest") || !j.contains("files") ||
      !j["files"].is_array())
    return std::nullopt;
  std::vector<std::string> files;
  for (const auto& f : j["files"])
    if (f.is_string()) files.push_back(f.get<std::string>());
  return files;
}

folder_transaction::folder_transaction(fs::path target, bool replace)
    : target_(normalized(target)),
      staging_(sibling(target_, staging_tag, static_cast<long>(::getpid()))),
      replace_(replace),
      pending_(staging_) {
  if (target_.empty() || target_.filename() == "." || target_.filename() == "..")
    throw usage_error("the output folder must name a folder (got \"" + target.string() + "\")");
  check_target(target_, replace_);
  make_directories(target_.parent_path());
  remove_abandoned_siblings(target_);
  std::error_code ec;
  fs::remove_all(staging_, ec);
  if (!fs::create_directory(staging_, ec) || ec)
    throw output_error("cannot create folder " + staging_.string() + ": " +
                       (ec ? ec.message() : std::string("it exists")));
}

folder_transaction::~folder_transaction() {
  if (committed_) return;
  std::error_code ec;
  fs::remove_all(staging_, ec);
}

std::size_t folder_transaction::commit(const manifest_info& info) {
  if (committed_) throw output_error("output folder committed twice: " + target_.string());
  const auto files = files_under(staging_);
  nlohmann::ordered_json m;
  m["calsim_manifest"] = 1;
  m["command"] = info.command;
  if (!info.scenario.empty()) m["scenario"] = info.scenario;
  if (info.seed) m["seed"] = *info.seed;
  m["calsim_version"] = info.calsim_version;
  m["file_count"] = files.size() + 1;
  m["files"] = files;
  {
    atomic_file f(staging_ / manifest_name);
    f.write(m.dump(2) + "\n");
    f.close(false);
    f.rename_into_place();
  }
  sync_folder(staging_);
  check_target(target_, replace_);  // again: something may have appeared meanwhile
  {
    stop_signals_blocked blocked;  // the handler finds the staging folder or the old one, never a missing target
    std::error_code ec;
    if (!fs::exists(target_, ec)) {
      if (::rename(staging_.c_str(), target_.c_str()) != 0) swap_failed(staging_, target_, errno);
      committed_ = true;
      note_output_committed();
      pending_.release();
    } else if (::renameat2(AT_FDCWD, staging_.c_str(), AT_FDCWD, target_.c_str(), RENAME_EXCHANGE) == 0) {
      committed_ = true;  // staging_ now holds the previous output, removed below
      note_output_committed();
    } else if (errno == EINVAL || errno == ENOSYS) {
      // A file system without RENAME_EXCHANGE: two renames, the previous output kept until both are done.
      const fs::path old = sibling(target_, old_tag, static_cast<long>(::getpid()));
      if (::rename(target_.c_str(), old.c_str()) != 0) swap_failed(target_, old, errno);
      if (::rename(staging_.c_str(), target_.c_str()) != 0) {
        const int err = errno;
        ::rename(old.c_str(), target_.c_str());
        swap_failed(staging_, target_, err);
      }
      committed_ = true;
      note_output_committed();
      fs::rename(old, staging_, ec);
    } else {
      swap_failed(staging_, target_, errno);
    }
  }
  std::error_code ec;
  fs::remove_all(staging_, ec);
  pending_.release();
  try {
    sync_folder(target_.parent_path().empty() ? fs::path(".") : target_.parent_path());
  } catch (const output_error&) {
    // The swap is done: the new output is in place either way.
  }
  return files.size() + 1;
}

}  // namespace calsim::detail
