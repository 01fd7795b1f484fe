// Issue 18: what a run holds in memory, and the structures that keep it small.
#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "calsim/load.hpp"
#include "calsim/run.hpp"
#include "core/huge_pages.hpp"
#include "model/hwid_map.hpp"
#include "model/hwids_in_use.hpp"
#include "model/state.hpp"

namespace calsim::testing {
namespace {

using namespace calsim::detail;

TEST(Memory, hwids_in_use_checks_own_ids_at_their_client_and_shared_ids_in_a_list) {
  client_vector clients(4);
  clients[0].hwid = client_hwid_key(0, 2);  // its second HardwareID
  clients[1].hwid = client_hwid_key(1, 1);
  clients[1].retired = true;
  clients[2].hwid = image_hwid_key(7);  // a clone
  clients[3].hwid = 0;                  // no MSLicensing key
  const hwids_in_use in_use(clients);
  EXPECT_TRUE(in_use.contains(client_hwid_key(0, 2)));
  EXPECT_FALSE(in_use.contains(client_hwid_key(0, 1)));  // its first ID, replaced: a leaked CAL's
  EXPECT_FALSE(in_use.contains(client_hwid_key(1, 1)));  // retired
  EXPECT_TRUE(in_use.contains(image_hwid_key(7)));
  EXPECT_FALSE(in_use.contains(image_hwid_key(8)));
  EXPECT_FALSE(in_use.contains(client_hwid_key(9, 1)));  // no such client
  EXPECT_FALSE(in_use.contains(0));
}

TEST(Memory, large_arrays_are_aligned_to_huge_pages_and_count_what_is_touched) {
  huge_page_allocator<std::uint64_t> alloc;
  const std::size_t n = huge_page_bytes / sizeof(std::uint64_t) + 1;  // just over 2 MiB
  std::uint64_t* p = alloc.allocate(n);
  EXPECT_EQ(reinterpret_cast<std::uintptr_t>(p) % huge_page_bytes, 0u);
  p[n - 1] = 1;
  alloc.deallocate(p, n);
  // Resident: a huge array counts its touched 2 MiB pages, a small one its capacity.
  EXPECT_EQ(resident_bytes(10, 1 << 20, 48), huge_page_bytes);              // 48 MiB reserved, 480 B used
  EXPECT_EQ(resident_bytes(50000, 1 << 20, 48), 2 * huge_page_bytes);       // 2.4 MB used
  EXPECT_EQ(resident_bytes(10, 100, 48), 4800u);                            // small: its capacity
  std::vector<license, huge_page_allocator<license>> big;
  big.reserve(100000);
  EXPECT_EQ(resident_bytes(big), 0u);  // reserved, untouched
}

// Issue 18: from 256 KiB on, an array is one or more whole huge pages (a
// 4 KiB page fault cost ~80 times its share of a 2 MiB page's on the measured VM);
// below, operator new. resident_bytes counts what each holds once touched.
TEST(Memory, arrays_from_256_KiB_take_whole_huge_pages_and_count_them) {
  huge_page_allocator<std::uint64_t> alloc;
  const std::size_t n = huge_page_min_bytes / sizeof(std::uint64_t);  // exactly 256 KiB
  std::uint64_t* p = alloc.allocate(n);
  EXPECT_EQ(reinterpret_cast<std::uintptr_t>(p) % huge_page_bytes, 0u);
  p[0] = 1;
  alloc.deallocate(p, n);
  std::vector<std::uint64_t, huge_page_allocator<std::uint64_t>> huge(n);
  EXPECT_EQ(resident_bytes(huge), huge_page_bytes);  // a whole huge page once touched
  std::vector<std::uint64_t> plain(n);
  EXPECT_EQ(resident_bytes(plain), huge_page_min_bytes);  // operator new's memory: its capacity
  std::vector<std::uint64_t, huge_page_allocator<std::uint64_t>> small(n - 1);
  EXPECT_EQ(resident_bytes(small), (n - 1) * sizeof(std::uint64_t));  // below 256 KiB: its capacity
}

// The HardwareID table writes all its slots: from 256 KiB it holds whole huge pages.
TEST(Memory, the_hardware_id_table_counts_the_huge_pages_it_holds) {
  hwid_map small;
  small.reserve(1000);  // 2,048 slots: tens of KiB, operator new's
  EXPECT_GT(small.memory_bytes(), 0u);
  EXPECT_LT(small.memory_bytes(), huge_page_min_bytes);
  hwid_map mid;
  mid.reserve(20000);  // 65,536 slots: over 1 MiB, on one 2 MiB page
  EXPECT_EQ(mid.memory_bytes(), huge_page_bytes);
}

TEST(Memory, a_run_counts_each_clients_state_licenses_and_truth) {
  const std::int64_t clients = 3000;
  std::string json = R"({"calsim":1,"name":"m","seed":3,"start":"2026-01-05","days":20,
    "license_servers":[{"name":"LS1","domain":"corp","key_packs":[{"id":"DEV","type":"per_device","version":2019,"count":4000}]}],
    "session_hosts":[{"name":"RDSH1","domain":"corp","licensing_mode":2,"license_servers":["LS1"]}],
    "clients":[{"group":"pc","count":)" + std::to_string(clients) + R"(,"name":"PC-{n}","hosts":["RDSH1"],
    "schedule":{"days":"daily","at":["09:00"]}}]})";
  const scenario s = load_scenario_text(json, "m.json");
  run_observer silent;
  run_options o;
  const run_result r = run_scenario(s, o, silent);
  ASSERT_EQ(r.permanents_issued, clients);
  EXPECT_GE(r.memory.clients, clients * static_cast<std::int64_t>(sizeof(client_state)));
  EXPECT_GE(r.memory.databases, 2 * clients * static_cast<std::int64_t>(sizeof(license)));  // a temporary, a permanent
  EXPECT_GE(r.memory.truth, clients * 16);  // an open span each
  EXPECT_GT(r.memory.events, 0);
  EXPECT_EQ(r.memory.total(), r.memory.clients + r.memory.events + r.memory.databases + r.memory.truth);
}

}  // namespace
}  // namespace calsim::testing
