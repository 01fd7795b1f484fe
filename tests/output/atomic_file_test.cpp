#include "output/atomic_file.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

#include "calsim/output.hpp"
#include "temp_dir.hpp"

namespace calsim {
namespace {

using test::read_all;
using test::temp_dir;

TEST(AtomicFile, appears_only_at_commit) {
  temp_dir t;
  const auto target = t.path / "sub" / "a.txt";
  detail::atomic_file f(target);
  f.write("hello\n");
  EXPECT_TRUE(std::filesystem::exists(f.temp_path()));
  EXPECT_EQ(f.temp_path().parent_path(), target.parent_path());
  EXPECT_EQ(f.temp_path().filename().string().rfind(".a.txt.tmp-", 0), 0u);
  EXPECT_FALSE(std::filesystem::exists(target));
  f.commit();
  EXPECT_TRUE(std::filesystem::exists(target));
  EXPECT_FALSE(std::filesystem::exists(f.temp_path()));
  EXPECT_EQ(read_all(target), "hello\n");
}

TEST(AtomicFile, destroyed_without_commit_leaves_nothing) {
  temp_dir t;
  const auto target = t.path / "b.txt";
  std::filesystem::path temp;
  try {
    detail::atomic_file f(target);
    temp = f.temp_path();
    f.write(std::string(200000, 'x'));  // past the buffer: bytes reached the disk
    throw std::runtime_error("run failed");
  } catch (const std::runtime_error&) {
  }
  EXPECT_FALSE(std::filesystem::exists(target));
  EXPECT_FALSE(std::filesystem::exists(temp));
  EXPECT_TRUE(std::filesystem::is_empty(t.path));
}

TEST(AtomicFile, commit_replaces_an_old_file_whole) {
  temp_dir t;
  const auto target = t.path / "c.txt";
  {
    detail::atomic_file f(target);
    f.write("old");
    f.commit();
  }
  {
    detail::atomic_file f(target);
    f.write(std::string(100000, 'n'));
    EXPECT_EQ(read_all(target), "old");  // the old file is intact until commit
    f.commit();
  }
  EXPECT_EQ(read_all(target).size(), 100000u);
}

TEST(AtomicFile, unwritable_folder_is_an_output_error) {
  EXPECT_THROW(detail::atomic_file("/proc/calsim-no-such/x.txt"), output_error);
}

}  // namespace
}  // namespace calsim
