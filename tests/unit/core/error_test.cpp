// Fault codes (api §7.2, §7.3): wire numbers, Client/Server split, faultstrings.
#include "ngnpro/core/error.hpp"

#include <catch2/catch.hpp>
#include <cstring>
#include <iterator>
#include <string>

using ngnpro::core::Error;
using ngnpro::core::ErrorCode;

namespace {

// Every enumerator; keep in step with error.hpp (a new code missing here goes untested).
constexpr ErrorCode kAllCodes[] = {
    ErrorCode::kSipDomainNotFound,
    ErrorCode::kSipDomainExists,
    ErrorCode::kSipDomainNotEmpty,
    ErrorCode::kSipAccountNotFound,
    ErrorCode::kSipAccountExists,
    ErrorCode::kSipAliasNotFound,
    ErrorCode::kSipAliasExists,
    ErrorCode::kAlreadyInGroup,
    ErrorCode::kNotInGroup,
    ErrorCode::kTrustedPeerNotFound,
    ErrorCode::kTrustedPeerExists,
    ErrorCode::kPhonebookEntryNotFound,
    ErrorCode::kPhonebookEntryExists,
    ErrorCode::kNoMediaTrace,
    ErrorCode::kNotPrepaid,
    ErrorCode::kPrepaidCardInvalid,
    ErrorCode::kSecondaryRecordNotFound,
    ErrorCode::kVoicemailExists,
    ErrorCode::kEnumRangeNotFound,
    ErrorCode::kEnumRangeExists,
    ErrorCode::kEnumNumberNotFound,
    ErrorCode::kEnumNumberExists,
    ErrorCode::kEnumNumberOutsideRange,
    ErrorCode::kEnumRangeNotEmpty,
    ErrorCode::kEnumMappingInvalid,
    ErrorCode::kEnumRangeFull,
    ErrorCode::kCustomerNotFound,
    ErrorCode::kCustomerExists,
    ErrorCode::kCustomerReferenced,
    ErrorCode::kCarrierNotFound,
    ErrorCode::kCarrierExists,
    ErrorCode::kCarrierInUse,
    ErrorCode::kGatewayNotFound,
    ErrorCode::kGatewayExists,
    ErrorCode::kGatewayRuleNotFound,
    ErrorCode::kRouteNotFound,
    ErrorCode::kRouteExists,
    ErrorCode::kDnsZoneNotFound,
    ErrorCode::kDnsZoneExists,
    ErrorCode::kDnsRecordNotFound,
    ErrorCode::kDnsRecordExists,
    ErrorCode::kDnsRecordInvalid,
    ErrorCode::kAuthenticationFailed,
    ErrorCode::kPermissionDenied,
    ErrorCode::kCreditExceeded,
    ErrorCode::kInvalidArgument,
    ErrorCode::kResellerInactive,
    ErrorCode::kInternal,
    ErrorCode::kMalformedRequest,
    ErrorCode::kUnknownMethod,
};

}  // namespace

TEST_CASE("wire_code is the NGNPro fault number", "[unit][core][error]") {
  CHECK(wire_code(ErrorCode::kSipDomainNotFound) == 1000);
  CHECK(wire_code(ErrorCode::kSipAccountExists) == 1011);
  CHECK(wire_code(ErrorCode::kSecondaryRecordNotFound) == 2000);
  CHECK(wire_code(ErrorCode::kEnumRangeFull) == 3007);
  CHECK(wire_code(ErrorCode::kCustomerNotFound) == 5000);
  CHECK(wire_code(ErrorCode::kRouteExists) == 6031);
  CHECK(wire_code(ErrorCode::kDnsRecordInvalid) == 7004);
  CHECK(wire_code(ErrorCode::kAuthenticationFailed) == 8000);
  CHECK(wire_code(ErrorCode::kPermissionDenied) == 8001);
  CHECK(wire_code(ErrorCode::kCreditExceeded) == 8002);
  CHECK(wire_code(ErrorCode::kInvalidArgument) == 8003);
  CHECK(wire_code(ErrorCode::kInternal) == 9000);
  CHECK(wire_code(ErrorCode::kMalformedRequest) == 9001);
  CHECK(wire_code(ErrorCode::kUnknownMethod) == 9002);
}

TEST_CASE("wire codes are distinct", "[unit][core][error]") {
  for (std::size_t i = 0; i < std::size(kAllCodes); ++i) {
    for (std::size_t j = i + 1; j < std::size(kAllCodes); ++j) {
      CHECK(wire_code(kAllCodes[i]) != wire_code(kAllCodes[j]));
    }
  }
}

TEST_CASE("only an internal failure is the server's fault", "[unit][core][error]") {
  CHECK_FALSE(is_client_error(ErrorCode::kInternal));
  for (const ErrorCode code : kAllCodes) {
    if (code == ErrorCode::kInternal) continue;
    INFO("code " << wire_code(code));
    CHECK(is_client_error(code));
  }
  // Malformed requests and unknown methods are the caller's to fix.
  CHECK(is_client_error(ErrorCode::kMalformedRequest));
  CHECK(is_client_error(ErrorCode::kUnknownMethod));
}

TEST_CASE("every code has a non-empty fault string", "[unit][core][error]") {
  for (const ErrorCode code : kAllCodes) {
    INFO("code " << wire_code(code));
    const char* text = fault_string(code);
    REQUIRE(text != nullptr);
    CHECK(std::strlen(text) > 0);
  }
}

TEST_CASE("a code outside the enumeration still gets a fault string", "[unit][core][error]") {
  const char* text = fault_string(static_cast<ErrorCode>(4242));
  REQUIRE(text != nullptr);
  CHECK(std::strlen(text) > 0);
}

TEST_CASE("an Error carries its code and its specific message", "[unit][core][error]") {
  const Error e{ErrorCode::kSipAccountNotFound, "alice@example.com does not exist"};
  CHECK(e.code() == ErrorCode::kSipAccountNotFound);
  CHECK(std::string(e.what()) == "alice@example.com does not exist");
  CHECK_THROWS_MATCHES(throw e, std::runtime_error,
                       Catch::Matchers::Message("alice@example.com does not exist"));
}
