#include "ngnpro/core/error.hpp"

namespace ngnpro::core {

int wire_code(ErrorCode code) noexcept { return static_cast<int>(code); }

// Only internal and database failures are the server's; a malformed request or unknown method is the caller's.
bool is_client_error(ErrorCode code) noexcept {
  return code != ErrorCode::kInternal && code != ErrorCode::kDatabaseUnavailable;
}

const char* fault_string(ErrorCode code) noexcept {
  switch (code) {
    case ErrorCode::kSipDomainNotFound: return "SIP domain does not exist";
    case ErrorCode::kSipDomainExists: return "SIP domain already exists";
    case ErrorCode::kSipDomainNotEmpty: return "SIP domain is not empty";
    case ErrorCode::kSipAccountNotFound: return "SIP account does not exist";
    case ErrorCode::kSipAccountExists: return "SIP account already exists";
    case ErrorCode::kSipAliasNotFound: return "SIP alias does not exist";
    case ErrorCode::kSipAliasExists: return "SIP alias already exists";
    case ErrorCode::kAlreadyInGroup: return "SIP account is already in the group";
    case ErrorCode::kNotInGroup: return "SIP account is not in the group";
    case ErrorCode::kTrustedPeerNotFound: return "trusted peer does not exist";
    case ErrorCode::kTrustedPeerExists: return "trusted peer already exists";
    case ErrorCode::kPhonebookEntryNotFound: return "phonebook entry does not exist";
    case ErrorCode::kPhonebookEntryExists: return "phonebook entry already exists";
    case ErrorCode::kNoMediaTrace: return "no media trace available";
    case ErrorCode::kNotPrepaid: return "SIP account is not prepaid";
    case ErrorCode::kPrepaidCardInvalid: return "prepaid card is invalid or already used";
    case ErrorCode::kSecondaryRecordNotFound: return "record does not exist";
    case ErrorCode::kVoicemailExists: return "voicemail account already exists";
    case ErrorCode::kEnumRangeNotFound: return "ENUM range does not exist";
    case ErrorCode::kEnumRangeExists: return "ENUM range already exists";
    case ErrorCode::kEnumNumberNotFound: return "ENUM number does not exist";
    case ErrorCode::kEnumNumberExists: return "ENUM number already exists";
    case ErrorCode::kEnumNumberOutsideRange: return "ENUM number is outside every range";
    case ErrorCode::kEnumRangeNotEmpty: return "ENUM range is not empty";
    case ErrorCode::kEnumMappingInvalid: return "invalid ENUM mapping";
    case ErrorCode::kEnumRangeFull: return "ENUM range is full";
    case ErrorCode::kCustomerNotFound: return "customer does not exist";
    case ErrorCode::kCustomerExists: return "customer already exists";
    case ErrorCode::kCustomerReferenced: return "customer is still referenced";
    case ErrorCode::kCarrierNotFound: return "carrier does not exist";
    case ErrorCode::kCarrierExists: return "carrier already exists";
    case ErrorCode::kCarrierInUse: return "carrier is still in use";
    case ErrorCode::kGatewayNotFound: return "gateway does not exist";
    case ErrorCode::kGatewayExists: return "gateway already exists";
    case ErrorCode::kGatewayRuleNotFound: return "gateway rule does not exist";
    case ErrorCode::kRouteNotFound: return "route does not exist";
    case ErrorCode::kRouteExists: return "route already exists";
    case ErrorCode::kDnsZoneNotFound: return "DNS zone does not exist";
    case ErrorCode::kDnsZoneExists: return "DNS zone already exists";
    case ErrorCode::kDnsRecordNotFound: return "DNS record does not exist";
    case ErrorCode::kDnsRecordExists: return "DNS record already exists";
    case ErrorCode::kDnsRecordInvalid: return "invalid DNS record";
    case ErrorCode::kAuthenticationFailed: return "authentication failed";
    case ErrorCode::kPermissionDenied: return "permission denied";
    case ErrorCode::kCreditExceeded: return "credit exceeded";
    case ErrorCode::kInvalidArgument: return "invalid argument";
    case ErrorCode::kResellerInactive: return "reseller is not active";
    case ErrorCode::kInternal: return "internal server error";
    case ErrorCode::kMalformedRequest: return "malformed request";
    case ErrorCode::kUnknownMethod: return "unknown method";
    case ErrorCode::kDatabaseUnavailable: return "database unavailable, retry";
  }
  return "internal server error";
}

}  // namespace ngnpro::core
