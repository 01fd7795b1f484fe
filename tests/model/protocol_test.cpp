// PROTO: the message sequences of a connection (MS-RDPELE names).
#include "model_fixture.hpp"

namespace calsim::testing {
namespace {
std::vector<std::string> messages_of(const recorded_run& r, std::uint64_t connection) {
  std::vector<std::string> out;
  const std::string prefix = std::to_string(connection) + " ";
  for (const auto& t : r.trace)
    if (t.rfind(prefix, 0) == 0) out.push_back(t.substr(t.find(' ', prefix.size()) + 1));
  return out;
}
using seq = std::vector<std::string>;
}  // namespace

TEST(Protocol, PROTO_new_client_upgrade_valid_and_refused_sequences) {
  json j = base_scenario();
  j["license_servers"][0]["key_packs"][0]["count"] = 1;
  j["clients"][0]["count"] = 2;
  j["clients"][0]["hosts_policy"] = "first";
  j["days"] = 95;
  const auto r = run(j, true);
  // Connection 1: PC-001 is new.
  EXPECT_EQ(messages_of(r, 1), (seq{"LICENSE_REQUEST", "NEW_LICENSE_REQUEST", "PLATFORM_CHALLENGE",
                                    "PLATFORM_CHALLENGE_RESPONSE", "NEW_LICENSE"}));
  // Connection 3: PC-001 again, its validated temporary is upgraded.
  EXPECT_EQ(messages_of(r, 3), (seq{"LICENSE_REQUEST", "LICENSE_INFO", "PLATFORM_CHALLENGE",
                                    "PLATFORM_CHALLENGE_RESPONSE", "UPGRADE_LICENSE"}));
  // Connection 5: PC-001 with a good permanent: nothing to change.
  EXPECT_EQ(messages_of(r, 5), (seq{"LICENSE_REQUEST", "LICENSE_INFO", "ERROR_ALERT[STATUS_VALID_CLIENT]"}));
  // PC-002 never gets the one CAL: refused once its temporary is gone (day 91).
  const auto last = messages_of(r, r.connections.back().connection);
  ASSERT_FALSE(last.empty());
  EXPECT_EQ(last.back(), "ERROR_ALERT[ERR_INVALID_CLIENT]");
}

TEST(Protocol, PROTO_no_license_server_is_ERR_NO_LICENSE_SERVER) {
  json j = base_scenario();
  j["session_hosts"][0]["license_servers"] = json::array();
  j["days"] = 1;
  const auto r = run(j, true);
  EXPECT_EQ(messages_of(r, 1), (seq{"LICENSE_REQUEST", "NEW_LICENSE_REQUEST", "ERROR_ALERT[ERR_NO_LICENSE_SERVER]"}));
}

}  // namespace calsim::testing
