// Clients' stories (story.hpp): one teller per client, fed by the run's records.
#include "output/story.hpp"

#include <algorithm>
#include <sstream>

#include "core/calendar.hpp"

namespace calsim::detail {
namespace {

const char* holding(int kind) {
  switch (kind) {
    case 1: return "a temporary CAL";
    case 2: return "a permanent CAL";
    default: return "no license";
  }
}

// A happening that leaves the client with a new (or no) HardwareID: the CALs
// issued to the old one stay issued until they expire (R-CLI-2/3/4, R-DEV-6).
bool loses_hardware_id(const log_event& e) {
  const std::string_view m = e.message;
  return m.starts_with("action: rebuilt") || m.starts_with("replaced (hardware refresh)") || m.starts_with("action: the MSLicensing key was deleted") ||
         m.starts_with("shutdown: a script deleted the MSLicensing key") ||
         m.starts_with("boot: the non-persistent desktop starts with an empty store") ||
         m.starts_with("boot: the image's MSLicensing key is restored");
}

std::string outcome_text(std::string_view outcome) {
  if (outcome == "licensed") return "connected";
  if (outcome == "refused") return "REFUSED";
  return "connected in the grace period";
}

}  // namespace

story_book::story_book(const std::vector<std::string>& clients, sim_time from, sim_time to) : from_(from), to_(to) {
  for (const auto& c : clients) tellers_.try_emplace(c);
}

story_book::teller* story_book::find(std::string_view client) {
  const auto it = tellers_.find(client);
  return it == tellers_.end() ? nullptr : &it->second;
}

void story_book::on_trace(const trace_message& m) {
  teller* t = find(m.client);
  if (!t || m.time < from_ || m.time >= to_) return;
  if (m.connection != t->messages_of) {
    t->messages_of = m.connection;
    t->messages.clear();
  }
  if (!t->messages.empty()) t->messages += " -> ";
  t->messages += m.message;
  if (!m.error.empty()) t->messages += "(" + std::string(m.error) + ", " + std::string(m.transition) + ")";
}

void story_book::on_event(const log_event& e) {
  teller* t = find(e.client);
  if (!t || e.time < from_ || e.time >= to_) return;
  std::string line;
  if (e.event_id) line += "Event " + std::to_string(e.event_id) + " on " + std::string(e.node) + ": ";
  line += e.message + " [" + std::string(e.rule) + "]";
  const bool happening = e.node == e.client;
  if (happening && loses_hardware_id(e) && t->holds == 2 && t->holds_expires > e.time) {
    // R-DEV-6: the permanent CAL stays issued to the HardwareID the client no longer has.
    line += "\n  The permanent CAL it held stays issued on the license server to the old HardwareID; "
            "nobody renews it, so it returns to the pool when it expires, " +
            format_datetime(t->holds_expires) + " [R-DEV-6].";
    t->left_behind.push_back(t->holds_expires);
    t->holds = 0;
  }
  t->pending.push_back({e.time, std::move(line), happening});
}

// R-DEV-6: the permanent CALs of this client that expire before `until`
// without a renewal (the one it holds, those left with an old HardwareID).
void story_book::tell_returns(teller& t, sim_time until) {
  if (t.holds == 2 && t.holds_expires < until) {
    t.pending.push_back({t.holds_expires,
                         "its permanent CAL expires unrenewed (no connection in its last 7 days): the license "
                         "server returns it to the pool [R-DEV-6]. The expired license stays in the client's store.",
                         true});
    t.holds = 3;  // told: expired, still in the store
  }
  for (auto it = t.left_behind.begin(); it != t.left_behind.end();) {
    if (*it >= until) {
      ++it;
      continue;
    }
    t.pending.push_back({*it, "the permanent CAL left with its old HardwareID expires: the license server returns "
                              "it to the pool [R-DEV-6].", true});
    it = t.left_behind.erase(it);
  }
  std::stable_sort(t.pending.begin(), t.pending.end(),
                   [](const told_event& a, const told_event& b) { return a.time < b.time; });
}

void story_book::on_connection(const connection_record& r) {
  teller* tp = find(r.client);
  if (!tp || r.time < from_ || r.time >= to_) return;
  teller& t = *tp;
  ++t.told;
  tell_returns(t, r.time);
  std::string before, before_key;  // what happened on the client since its last connection
  std::vector<std::string> own;    // the events of this connection, told after it
  for (auto& e : t.pending) {
    if (e.happening || e.time < r.time) {
      before += format_datetime(e.time) + "  " + std::string(r.client) + ": " + e.line + "\n";
      before_key += e.line + "\n";
    } else {
      own.push_back(std::move(e.line));
    }
  }
  t.pending.clear();
  std::ostringstream body;
  body << r.client << " connects to " << r.host;
  if (!r.server.empty()) body << " (license server " << r.server << ")";
  else body << " (no license server reachable)";
  body << ".\n  It presents " << holding(r.presented);
  if (r.presented) body << (r.presented_expires > r.time ? " that expires " : " that expired ") << format_date(r.presented_expires);
  body << ". The host " << (r.decision.empty() ? "decided" : r.decision) << " [" << r.rule << "].\n";
  body << "  Outcome: " << outcome_text(r.outcome) << "; the client now holds " << holding(r.holds);
  if (r.holds) body << (r.holds_expires > r.time ? " until " : " that expired ") << format_date(r.holds_expires);
  if (r.keeps_nothing) body << " (a thin client: no writable store keeps the license) [R-CLI-3]";
  body << ".\n";
  if (r.connection == t.messages_of && !t.messages.empty()) body << "  Messages: " << t.messages << "\n";
  for (const auto& line : own) body << "  " << line << "\n";
  t.holds = r.holds == 2 && r.holds_expires <= r.time ? 3 : r.holds;  // 3: an expired permanent, its return told
  t.holds_expires = r.holds_expires;
  const std::string key = before_key + body.str();
  if (key == t.last_key) {  // issue 15: unchanged connections fold into one line
    ++t.folded;
    t.folded_until = r.time;
    return;
  }
  flush_fold(t);
  t.text += before;
  t.text += format_datetime(r.time) + "  " + body.str();
  t.last_key = key;
}

void story_book::flush_fold(teller& t) {
  if (t.folded == 0) return;
  t.text += "  ... and " + std::to_string(t.folded) + (t.folded == 1 ? " more connection" : " more connections") +
            " like it, until " + format_datetime(t.folded_until) + ": nothing changed.\n";
  t.folded = 0;
}

void story_book::finish() {
  for (auto& [name, t] : tellers_) {
    flush_fold(t);
    tell_returns(t, to_);
    for (const auto& e : t.pending)
      t.text += format_datetime(e.time) + "  " + (e.happening ? name + ": " : std::string("  ")) + e.line + "\n";
    t.pending.clear();
  }
}

const std::string& story_book::story(const std::string& client) const {
  static const std::string none;
  const auto it = tellers_.find(client);
  return it == tellers_.end() ? none : it->second.text;
}

int story_book::told(const std::string& client) const {
  const auto it = tellers_.find(client);
  return it == tellers_.end() ? 0 : it->second.told;
}

}  // namespace calsim::detail
