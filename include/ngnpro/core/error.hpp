// The one error type of ngnpro: every failure a caller can see carries an NGNPro fault code
// (api §7.2, §7.3). ports/guarded.cpp is the only place that turns it into a SOAP fault.
#pragma once

#include <stdexcept>
#include <string>

namespace ngnpro::core {

// Enumerator values are the NGNPro wire codes, so a code never needs a second lookup table.
enum class ErrorCode : int {
  kSipDomainNotFound = 1000,
  kSipDomainExists = 1001,
  kSipDomainNotEmpty = 1002,
  kSipAccountNotFound = 1010,
  kSipAccountExists = 1011,
  kSipAliasNotFound = 1020,
  kSipAliasExists = 1021,
  kAlreadyInGroup = 1030,
  kNotInGroup = 1031,
  kTrustedPeerNotFound = 1040,
  kTrustedPeerExists = 1041,
  kPhonebookEntryNotFound = 1050,
  kPhonebookEntryExists = 1051,
  kNoMediaTrace = 1060,
  kNotPrepaid = 1070,
  kPrepaidCardInvalid = 1071,
  kSecondaryRecordNotFound = 2000,  // no voicemail account, no prepaid history
  kVoicemailExists = 2001,
  kEnumRangeNotFound = 3000,
  kEnumRangeExists = 3001,
  kEnumNumberNotFound = 3002,
  kEnumNumberExists = 3003,
  kEnumNumberOutsideRange = 3004,
  kEnumRangeNotEmpty = 3005,
  kEnumMappingInvalid = 3006,
  kEnumRangeFull = 3007,
  kCustomerNotFound = 5000,
  kCustomerExists = 5001,
  kCustomerReferenced = 5002,
  kCarrierNotFound = 6000,
  kCarrierExists = 6001,
  kCarrierInUse = 6002,
  kGatewayNotFound = 6010,
  kGatewayExists = 6011,
  kGatewayRuleNotFound = 6020,
  kRouteNotFound = 6030,
  kRouteExists = 6031,
  kDnsZoneNotFound = 7000,
  kDnsZoneExists = 7001,
  kDnsRecordNotFound = 7002,
  kDnsRecordExists = 7003,
  kDnsRecordInvalid = 7004,
  kAuthenticationFailed = 8000,
  kPermissionDenied = 8001,
  kCreditExceeded = 8002,
  kInvalidArgument = 8003,
  kResellerInactive = 8004,
  kInternal = 9000,
  kMalformedRequest = 9001,
  kUnknownMethod = 9002,
  kDatabaseUnavailable = 9003,  // timeout, lost connection, pool exhausted: nothing written, retry
};

class Error : public std::runtime_error {
 public:
  Error(ErrorCode code, const std::string& message) : std::runtime_error(message), code_(code) {}
  ErrorCode code() const noexcept { return code_; }

 private:
  ErrorCode code_;
};

int wire_code(ErrorCode code) noexcept;
// SOAP-ENV:Client for anything the caller can fix, SOAP-ENV:Server otherwise (api §7.1).
bool is_client_error(ErrorCode code) noexcept;
// The short, stable faultstring of a code; the Error's message is the specific errorstring.
const char* fault_string(ErrorCode code) noexcept;

}  // namespace ngnpro::core
