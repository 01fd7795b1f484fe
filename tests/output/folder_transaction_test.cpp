// An output folder as one transaction (issue 19): staged, swapped in whole,
// described by manifest.json; foreign files refused unless replacing.
#include "output/folder_transaction.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "calsim/errors.hpp"
#include "calsim/output.hpp"
#include "output/pending_output.hpp"
#include "temp_dir.hpp"

namespace calsim {
namespace {

using detail::files_under;
using detail::folder_transaction;
using test::read_all;
using test::temp_dir;

void put(const std::filesystem::path& p, const std::string& text) {
  std::filesystem::create_directories(p.parent_path());
  std::ofstream(p) << text;
}

std::size_t write_output(const std::filesystem::path& dir, const std::vector<std::string>& files,
                         std::uint64_t seed, bool replace = false) {
  folder_transaction t(dir, replace);
  for (const auto& f : files) put(t.staging() / f, f);
  return t.commit({"run", "office", seed, "test"});
}

TEST(FolderTransaction, swaps_in_the_new_set_and_drops_the_old_one) {
  temp_dir t;
  const auto dir = t.path / "out";
  EXPECT_EQ(write_output(dir, {"a.csv", "trace.jsonl", "registry/PC1.reg"}, 1), 4u);
  EXPECT_EQ(write_output(dir, {"a.csv", "registry/PC2.reg"}, 2), 3u);
  // Nothing of the first output is left beside the second (the stale trace and registry file).
  EXPECT_EQ(files_under(dir), (std::vector<std::string>{"a.csv", "manifest.json", "registry/PC2.reg"}));
  const auto m = nlohmann::json::parse(read_all(dir / "manifest.json"));
  EXPECT_EQ(m["seed"], 2);
  EXPECT_EQ(m["command"], "run");
  EXPECT_EQ(m["file_count"], 3);
  EXPECT_EQ(m["files"], nlohmann::json::array({"a.csv", "registry/PC2.reg"}));
  EXPECT_EQ(files_under(t.path), (std::vector<std::string>{"out/a.csv", "out/manifest.json",
                                                            "out/registry/PC2.reg"}));  // no staging left
}

TEST(FolderTransaction, without_commit_the_target_is_untouched) {
  temp_dir t;
  const auto dir = t.path / "out";
  write_output(dir, {"a.csv"}, 1);
  {
    folder_transaction tx(dir, false);
    put(tx.staging() / "b.csv", "b");
    EXPECT_TRUE(std::filesystem::exists(tx.staging()));
  }
  EXPECT_EQ(files_under(t.path), (std::vector<std::string>{"out/a.csv", "out/manifest.json"}));
}

TEST(FolderTransaction, refuses_a_folder_with_foreign_files_unless_replacing) {
  temp_dir t;
  const auto dir = t.path / "out";
  put(dir / "notes.txt", "mine");
  try {
    write_output(dir, {"a.csv"}, 1);
    FAIL() << "a folder with a foreign file was accepted";
  } catch (const usage_error& e) {
    EXPECT_NE(std::string(e.what()).find("notes.txt"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("--replace"), std::string::npos) << e.what();
  }
  EXPECT_EQ(read_all(dir / "notes.txt"), "mine");
  write_output(dir, {"a.csv"}, 1, true);
  EXPECT_FALSE(std::filesystem::exists(dir / "notes.txt"));
}

TEST(FolderTransaction, refuses_a_file_and_accepts_an_empty_folder) {
  temp_dir t;
  put(t.path / "file", "x");
  EXPECT_THROW(folder_transaction(t.path / "file", true), usage_error);
  std::filesystem::create_directories(t.path / "empty");
  EXPECT_EQ(write_output(t.path / "empty", {"a.csv"}, 3), 2u);
}

TEST(FolderTransaction, removes_the_staging_folder_of_a_killed_process) {
  temp_dir t;
  const auto dir = t.path / "out";
  // pid 1 runs (init); a pid above the kernel's limit (4194304) never does.
  put(t.path / ".out.calsim-staging-99999999" / "events.jsonl", "half");
  put(t.path / ".out.calsim-staging-1" / "events.jsonl", "another process's");
  write_output(dir, {"a.csv"}, 1);
  EXPECT_FALSE(std::filesystem::exists(t.path / ".out.calsim-staging-99999999"));
  EXPECT_TRUE(std::filesystem::exists(t.path / ".out.calsim-staging-1"));
}

TEST(PendingOutput, removes_registered_trees_with_system_calls) {
  temp_dir t;
  put(t.path / "stage" / "registry" / "a.reg", "x");
  put(t.path / "stage" / "b.csv", "y");
  {
    detail::pending_output p(t.path / "stage");
    detail::remove_pending_outputs();  // what the signal handler calls
  }
  EXPECT_FALSE(std::filesystem::exists(t.path / "stage"));
  put(t.path / "kept" / "c.csv", "z");
  {
    detail::pending_output p(t.path / "kept");
    p.release();
    detail::remove_pending_outputs();
  }
  EXPECT_TRUE(std::filesystem::exists(t.path / "kept" / "c.csv"));
}

}  // namespace
}  // namespace calsim
