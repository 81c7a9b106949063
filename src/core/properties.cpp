#include "ngnpro/core/properties.hpp"

#include <algorithm>

namespace ngnpro::core {

const CreditSpec& credit_spec(CreditedRecord record) {
  return *std::find_if(kCredits.begin(), kCredits.end(), [&](const CreditSpec& c) { return c.record == record; });
}

std::optional<CreditSpec> find_credit(std::string_view property) {
  const auto it = std::find_if(kCredits.begin(), kCredits.end(), [&](const CreditSpec& c) { return c.property == property; });
  if (it == kCredits.end()) return std::nullopt;
  return *it;
}

bool reseller_may_manage(std::string_view name) {
  return find_credit(name) || name == kPstnAccess || name == kPrepaidChanges || name == kPstnChanges;
}

bool is_server_property(std::string_view name) { return reseller_may_manage(name) || name == kPaymentProcessorClass; }

}  // namespace ngnpro::core
