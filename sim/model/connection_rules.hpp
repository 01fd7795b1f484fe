// The licensing rules of one connection as a function from state to a
// decision (decision.hpp): the host's mode and grace (R-MODE, R-GRACE), the
// client's store (R-CLI), the license server's answer (R-DEV, R-USER, R-VER,
// R-REV) and the messages exchanged (PROTO). The rules change the state they
// are given (licenses issued, stores updated, expiries scheduled) and say
// what they did; they write nothing out: the kernel does, once.
#pragma once
#include <cstdint>
#include <optional>
#include <vector>

#include "calsim/scenario.hpp"
#include "engine/event_queue.hpp"
#include "model/decision.hpp"
#include "model/license_server.hpp"
#include "model/state.hpp"

namespace calsim::detail {

struct connection_context {
  client_state& client;
  std::uint32_t client_index;
  const client_group_spec& group;
  host_state& host;
  std::size_t host_index;
  std::vector<license_server>& servers;
  std::uint32_t found;                // the license server discovery found (R-MODE-4), or no_id
                                      // (a plain index: an optional here stalled store forwarding, issue 18)
  refusal_cause no_server_cause;      // why none was found (R-GRACE-4, R-MODE-8)
  rules_profile rules;
  sim_time now;
  event_queue& queue;  // expiries of what is issued
  bool keep_messages = true;  // record the message exchange (the trace and explain read it)
};

// The whole licensing decision of a connection (after the client's lifecycle).
decision decide_connection(connection_context& cx);

// The client's copy of `server`'s license, if any.
store_entry* store_for(client_state& cl, std::uint32_t server);
void put_in_store(client_state& cl, std::uint32_t server, std::uint32_t idx, const license& l);

}  // namespace calsim::detail
