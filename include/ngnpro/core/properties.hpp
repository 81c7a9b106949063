// The customer property names that mean something to the server (api §8.5, §8.6): the one
// registry of credit names and rights. Every other property name is opaque data.
#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace ngnpro::core {

// A kind of record that a credit property caps (api §8.5). The value names the record_counts kind.
enum class CreditedRecord { kSipAccount, kSipAlias, kEnumRange, kEnumNumber, kDnsZone, kEmail };

struct CreditSpec {
  CreditedRecord record;
  std::string_view property;     // "sip_credit"
  std::string_view counts_kind;  // ngnpro.record_counts.kind ("sip_account")
};

inline constexpr std::array<CreditSpec, 6> kCredits = {{
    {CreditedRecord::kSipAccount, "sip_credit", "sip_account"},
    {CreditedRecord::kSipAlias, "sip_alias_credit", "sip_alias"},
    {CreditedRecord::kEnumRange, "enum_range_credit", "enum_range"},
    {CreditedRecord::kEnumNumber, "enum_number_credit", "enum_number"},
    {CreditedRecord::kDnsZone, "dns_zone_credit", "dns_zone"},
    {CreditedRecord::kEmail, "email_credit", "email"},
}};

// The PSTN and prepaid rights a reseller grants (api §8.5 "PSTN rights").
inline constexpr std::string_view kPstnAccess = "pstn_access";
inline constexpr std::string_view kPrepaidChanges = "prepaid_changes";
inline constexpr std::string_view kPstnChanges = "pstn_changes";
inline constexpr std::string_view kPaymentProcessorClass = "payment_processor_class";

const CreditSpec& credit_spec(CreditedRecord record);
std::optional<CreditSpec> find_credit(std::string_view property);  // nullopt: not a credit name

// The names with meaning to the server: their permission is always admin, whatever a caller
// sends, so no caller can grant itself a right or a credit (api §8.6).
bool is_server_property(std::string_view name);

// The admin properties a reseller may still manage on its sub-customers, never on itself
// (api §8.6, CDRTool's resellerMayManageForChildAccounts): the credits and the three rights.
bool reseller_may_manage(std::string_view name);

}  // namespace ngnpro::core
