// MS-RDPELE licensing messages, error codes and state transitions (RULES.md PROTO).
#pragma once
#include <cstdint>

namespace calsim::detail {

enum class msg : std::uint8_t {
  license_request = 0x01,
  platform_challenge = 0x02,
  new_license = 0x03,
  upgrade_license = 0x04,
  license_info = 0x12,
  new_license_request = 0x13,
  platform_challenge_response = 0x15,
  error_alert = 0xFF,
};

enum class alert_error : std::uint8_t {
  none = 0,
  invalid_server_certificate = 1,
  no_license = 2,
  invalid_mac = 3,
  invalid_scope = 4,
  no_license_server = 6,
  valid_client = 7,  // STATUS_VALID_CLIENT
  invalid_client = 8,
  invalid_product_id = 0x0B,
  invalid_message_len = 0x0C,
};

enum class alert_transition : std::uint8_t {
  none = 0,
  total_abort = 1,
  no_transition = 2,
  reset_phase_to_start = 3,
  resend_last_message = 4,
};

const char* msg_name(msg m);
const char* alert_error_name(alert_error e);
const char* alert_transition_name(alert_transition t);

}  // namespace calsim::detail
