#include "model/protocol.hpp"

namespace calsim::detail {

const char* msg_name(msg m) {
  switch (m) {
    case msg::license_request: return "LICENSE_REQUEST";
    case msg::platform_challenge: return "PLATFORM_CHALLENGE";
    case msg::new_license: return "NEW_LICENSE";
    case msg::upgrade_license: return "UPGRADE_LICENSE";
    case msg::license_info: return "LICENSE_INFO";
    case msg::new_license_request: return "NEW_LICENSE_REQUEST";
    case msg::platform_challenge_response: return "PLATFORM_CHALLENGE_RESPONSE";
    case msg::error_alert: return "ERROR_ALERT";
  }
  return "UNKNOWN";
}

const char* alert_error_name(alert_error e) {
  switch (e) {
    case alert_error::none: return "";
    case alert_error::invalid_server_certificate: return "ERR_INVALID_SERVER_CERTIFICATE";
    case alert_error::no_license: return "ERR_NO_LICENSE";
    case alert_error::invalid_mac: return "ERR_INVALID_MAC";
    case alert_error::invalid_scope: return "ERR_INVALID_SCOPE";
    case alert_error::no_license_server: return "ERR_NO_LICENSE_SERVER";
    case alert_error::valid_client: return "STATUS_VALID_CLIENT";
    case alert_error::invalid_client: return "ERR_INVALID_CLIENT";
    case alert_error::invalid_product_id: return "ERR_INVALID_PRODUCTID";
    case alert_error::invalid_message_len: return "ERR_INVALID_MESSAGE_LEN";
  }
  return "";
}

const char* alert_transition_name(alert_transition t) {
  switch (t) {
    case alert_transition::none: return "";
    case alert_transition::total_abort: return "ST_TOTAL_ABORT";
    case alert_transition::no_transition: return "ST_NO_TRANSITION";
    case alert_transition::reset_phase_to_start: return "ST_RESET_PHASE_TO_START";
    case alert_transition::resend_last_message: return "ST_RESEND_LAST_MESSAGE";
  }
  return "";
}

}  // namespace calsim::detail
