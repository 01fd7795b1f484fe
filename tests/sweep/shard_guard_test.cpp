// What merge refuses (OUTPUTS.md, "Shards"): a shard whose data do not match
// its checksum, one of another build (version or commit), a directory given as
// a shard; and what `merge --check` lists: missing and damaged shards by number.
#include <gtest/gtest.h>

#include <cctype>
#include <fstream>

#include "../output/temp_dir.hpp"
#include "calsim/errors.hpp"
#include "calsim/version.hpp"
#include "sweep/shard_file.hpp"
#include "sweep/shard_set.hpp"
#include "sweep/sweep_run.hpp"
#include "sweep_fixture.hpp"

namespace calsim::detail {
namespace {

using calsim::test::read_all;
using calsim::test::temp_dir;

constexpr std::uint64_t n = 8;

sweep_results run_shard(std::uint64_t index, std::uint64_t shards) {
  const scenario s = testing::load_text(testing::small_office_json(30));
  const replication_range r = shard_range(n, index, shards);
  return run_sweep(s, make_sweep_header(s, "feedfacefeedface", n), r.first, r.count, 1, false);
}

std::string merge_error(const std::vector<std::filesystem::path>& files) {
  try {
    merge_shards(files);
  } catch (const usage_error& e) {
    return e.what();
  }
  return "no error";
}

// The text with the first daily issued count of its first replication changed by one.
std::string with_one_issued_changed(std::string text) {
  const auto at = text.find("\"issued\":[[");
  EXPECT_NE(at, std::string::npos);
  std::size_t i = at + 11, j = i;
  while (j < text.size() && std::isdigit(static_cast<unsigned char>(text[j]))) ++j;
  const long v = std::stol(text.substr(i, j - i));
  return text.replace(i, j - i, std::to_string(v + 1));
}

TEST(ShardGuards, DamagedDataAreRefusedNamingTheFile) {
  temp_dir dir;
  const auto a = write_shard(run_shard(1, 2), 1, 2, dir.path);
  const auto b = write_shard(run_shard(2, 2), 2, 2, dir.path);
  ASSERT_EQ(merge_error({a, b}), "no error");
  const std::string changed = with_one_issued_changed(read_all(b));
  ASSERT_NE(changed, read_all(b));
  std::ofstream(b, std::ios::binary | std::ios::trunc) << changed;
  const std::string e = merge_error({a, b});
  EXPECT_NE(e.find(b.string() + ": damaged: its data do not match its checksum"), std::string::npos) << e;
  EXPECT_NE(e.find("nothing was merged"), std::string::npos) << e;
  // --check lists it by number.
  const shard_set set = check_shards({a, b}, "sweep");
  EXPECT_FALSE(set.complete());
  ASSERT_EQ(set.damaged.size(), 1u);
  EXPECT_EQ(set.damaged[0].index, 2u);
  EXPECT_TRUE(set.missing.empty());
  EXPECT_EQ(set.to_rerun(), std::vector<std::uint64_t>{2});
  EXPECT_NE(describe_shard_set(set).find("damaged: 2: " + b.string()), std::string::npos) << describe_shard_set(set);
}

TEST(ShardGuards, CutFileIsDamagedByTheNumberInItsName) {
  temp_dir dir;
  const auto a = write_shard(run_shard(1, 2), 1, 2, dir.path);
  const auto b = write_shard(run_shard(2, 2), 2, 2, dir.path);
  const std::string text = read_all(b);
  std::ofstream(b, std::ios::binary | std::ios::trunc) << text.substr(0, text.size() / 2);
  const shard_set set = check_shards({a, b}, "sweep");
  ASSERT_EQ(set.damaged.size(), 1u);
  EXPECT_EQ(set.damaged[0].index, 2u);
  EXPECT_EQ(set.to_rerun(), std::vector<std::uint64_t>{2});
}

TEST(ShardGuards, OtherVersionOrCommitIsRefused) {
  temp_dir dir;
  const auto a = write_shard(run_shard(1, 2), 1, 2, dir.path / "a");
  sweep_results other_commit = run_shard(2, 2);
  other_commit.header.calsim_commit = std::string(build_commit) == "0123456789abcdef0123456789abcdef01234567"
                                          ? "fedcba9876543210fedcba9876543210fedcba98"
                                          : "0123456789abcdef0123456789abcdef01234567";
  const auto b = write_shard(other_commit, 2, 2, dir.path / "b");
  std::string e = merge_error({a, b});
  EXPECT_NE(e.find(b.string() + ": from another sweep than " + a.string() + ": calsim commit " +
                   other_commit.header.calsim_commit + ", expected " + build_commit),
            std::string::npos)
      << e;

  sweep_results other_version = run_shard(2, 2);
  other_version.header.calsim_version = std::string(version_string) + ".1";
  const auto c = write_shard(other_version, 2, 2, dir.path / "c");
  e = merge_error({a, c});
  EXPECT_NE(e.find(c.string() + ": from another sweep than " + a.string() + ": calsim version " +
                   other_version.header.calsim_version + ", expected " + version_string),
            std::string::npos)
      << e;
  // The shard records this build's identity.
  const std::string text = read_all(a);
  EXPECT_NE(text.find("\"calsim_commit\":\"" + std::string(build_commit) + "\""), std::string::npos);
  EXPECT_NE(text.find("\"calsim_version\":\"" + std::string(version_string) + "\""), std::string::npos);
}

TEST(ShardGuards, CheckListsMissingShardsByNumber) {
  temp_dir dir;
  std::vector<std::filesystem::path> files;
  for (std::uint64_t i : {1u, 2u, 4u}) files.push_back(write_shard(run_shard(i, 5), i, 5, dir.path));
  const shard_set set = check_shards(files, "sweep");
  EXPECT_EQ(set.missing, (std::vector<std::uint64_t>{3, 5}));
  EXPECT_TRUE(set.damaged.empty());
  EXPECT_EQ(set.sound.size(), 3u);
  const std::string text = describe_shard_set(set);
  EXPECT_NE(text.find("missing: 3 5\n"), std::string::npos) << text;
  EXPECT_NE(text.find("to run again: 3,5\n"), std::string::npos) << text;
  const std::string e = merge_error(files);
  EXPECT_NE(e.find("missing shards 3, 5 of 5"), std::string::npos) << e;
  // A file named on the command line but not there (a glob that matched
  // nothing, a typo) is a missing shard, not a damaged one.
  std::vector<std::filesystem::path> with_absent = files;
  with_absent.push_back(dir.path / "sweep-small-office-seed11-shard-3-of-5.json");
  const shard_set absent = check_shards(with_absent, "sweep");
  EXPECT_EQ(absent.missing, (std::vector<std::uint64_t>{3, 5}));
  EXPECT_TRUE(absent.damaged.empty()) << describe_shard_set(absent);

  files.push_back(write_shard(run_shard(3, 5), 3, 5, dir.path));
  files.push_back(write_shard(run_shard(5, 5), 5, 5, dir.path));
  const shard_set whole = check_shards(files, "sweep");
  EXPECT_TRUE(whole.complete()) << describe_shard_set(whole);
  EXPECT_NE(describe_shard_set(whole).find("complete"), std::string::npos);
}

// A stray shard of another sweep listed first does not decide which sweep is
// checked: the one most files belong to is.
TEST(ShardGuards, StrayShardFirstDoesNotDecideTheSweep) {
  temp_dir dir;
  sweep_results other = run_shard(2, 3);
  other.header.seed = 99;
  const auto stray = write_shard(other, 2, 3, dir.path / "stray");
  std::vector<std::filesystem::path> files = {stray};
  for (std::uint64_t i : {1u, 2u}) files.push_back(write_shard(run_shard(i, 3), i, 3, dir.path / "ours"));
  const shard_set set = check_shards(files, "sweep");
  ASSERT_TRUE(set.reference.has_value());
  EXPECT_EQ(set.reference->seed, 11u);
  EXPECT_EQ(set.missing, std::vector<std::uint64_t>{3});
  ASSERT_EQ(set.damaged.size(), 1u);
  EXPECT_NE(set.damaged[0].message.find(stray.string() + ": from another sweep than " + files[1].string() +
                                        ": seed 99, expected 11"),
            std::string::npos)
      << set.damaged[0].message;
}

TEST(ShardGuards, DirectoryIsRefusedAsADirectory) {
  temp_dir dir;
  write_shard(run_shard(1, 1), 1, 1, dir.path);
  const std::string e = merge_error({dir.path});
  EXPECT_NE(e.find(dir.path.string() + ": is a directory"), std::string::npos) << e;
}

TEST(ShardGuards, OldFormatIsRefusedWithAReason) {
  temp_dir dir;
  std::filesystem::create_directories(dir.path);
  std::ofstream(dir.path / "old.json") << R"({"format":"calsim-sweep-shard","format_version":1})";
  const std::string e = merge_error({dir.path / "old.json"});
  EXPECT_NE(e.find("older calsim"), std::string::npos) << e;
}

}  // namespace
}  // namespace calsim::detail
