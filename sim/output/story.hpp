// Clients' stories in plain sentences (calsim explain, and the report's
// "clients to look at"): an observer that tells, connection by connection,
// what a client presented, what the host decided and what the client holds
// afterwards, and between connections what happened to the client (a boot, a
// rebuild, a deleted or corrupted store) and to the CALs it no longer uses
// (returned to the pool at their expiry, R-DEV-6). Unchanged connections in a
// row fold into one line. Needs a run with run_options::trace (the messages).
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "calsim/run.hpp"

namespace calsim::detail {

class story_book final : public run_observer {
 public:
  // Tells the stories of `clients` between [from, to).
  story_book(const std::vector<std::string>& clients, sim_time from, sim_time to);

  void on_trace(const trace_message& t) override;
  void on_event(const log_event& e) override;
  void on_connection(const connection_record& r) override;

  // Ends every story (folds, CALs returned before `to`); call once, after the run.
  void finish();
  const std::string& story(const std::string& client) const;  // "" for a client not asked for
  int told(const std::string& client) const;  // connections told in full or folded

 private:
  struct told_event {
    sim_time time;
    std::string line;       // without the time
    bool happening;         // on the client itself (boot, rebuild, ...), told before its connection
  };
  struct teller {
    std::string text;
    std::uint64_t messages_of = 0;
    std::string messages;
    std::vector<told_event> pending;
    int told = 0;
    std::string last_key;  // the last connection told in full (happenings + body)
    int folded = 0;
    sim_time folded_until = 0;
    int holds = 0;  // what the client holds after its last connection: 0, 1 temporary, 2 permanent
    sim_time holds_expires = 0;
    std::vector<sim_time> left_behind;  // permanent CALs still issued to a HardwareID the client lost
  };
  teller* find(std::string_view client);
  void flush_fold(teller& t);
  void tell_returns(teller& t, sim_time until);

  std::map<std::string, teller, std::less<>> tellers_;
  sim_time from_, to_;
};

}  // namespace calsim::detail
