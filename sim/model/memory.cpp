// What a run holds in memory at its end (run_result::memory, calsim run
// --stats): every array of the kernel, counted as resident (touched) bytes,
// so that with what the process held before the run it adds up to the peak
// RSS (issue 18). The largest arrays only grow, and are reserved untouched
// where their end size is known, so the end is the peak.
#include "model/simulation.hpp"

namespace calsim::detail {

void simulation::count_memory() {
  auto& m = result_.memory;
  m.events = static_cast<std::int64_t>(queue_.memory_bytes());
  std::size_t clients = resident_bytes(clients_) + resident_bytes(client_group_) + resident_bytes(absences_) +
                        resident_bytes(active_cursor_) + resident_bytes(retired_) + resident_bytes(day_table_);
  clients += resident_bytes(group_plans_) + resident_bytes(next_scheduled_) + resident_bytes(table_schedules_);
  for (const auto& t : next_scheduled_) clients += resident_bytes(t);
  for (const auto& cl : clients_)
    if (cl.store.size() > 1) clients += 32 + cl.store.size() * sizeof(store_entry);  // the vector and its entries
  clients += resident_bytes(user_names_);
  for (const auto& name : user_names_) clients += name.size() > 15 ? name.capacity() + 1 : 0;  // beyond the SSO buffer
  m.clients = static_cast<std::int64_t>(clients);
  m.databases = 0;
  for (const auto& sv : servers_) m.databases += sv.memory_bytes();
  m.truth = static_cast<std::int64_t>(truth_.memory_bytes());
}

}  // namespace calsim::detail
