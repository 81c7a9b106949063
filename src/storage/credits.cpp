#include "ngnpro/storage/credits.hpp"

#include "ngnpro/storage/statement.hpp"

namespace ngnpro::storage {

namespace {

const Statement kProperty{"customer_property_value",
                          "SELECT value FROM ngnpro.customer_properties WHERE customer_id = $1 AND name = $2"};

// Records inherit customer and reseller from their domain (api §8.5), so they count through it.
const Statement kCounts[2][2] = {
    {{"count_sip_accounts_of_reseller",
      "SELECT count(*) FROM ngnpro.sip_accounts a JOIN ngnpro.sip_domains d ON d.id = a.domain_id"
      " WHERE d.reseller_id = $1"},
     {"count_sip_accounts_of_customer",
      "SELECT count(*) FROM ngnpro.sip_accounts a JOIN ngnpro.sip_domains d ON d.id = a.domain_id"
      " WHERE d.customer_id = $1"}},
    {{"count_sip_aliases_of_reseller",
      "SELECT count(*) FROM ngnpro.sip_aliases s JOIN ngnpro.sip_domains d ON d.id = s.domain_id"
      " WHERE d.reseller_id = $1"},
     {"count_sip_aliases_of_customer",
      "SELECT count(*) FROM ngnpro.sip_aliases s JOIN ngnpro.sip_domains d ON d.id = s.domain_id"
      " WHERE d.customer_id = $1"}},
};

}  // namespace

const char* credit_property(CreditedRecord kind) {
  switch (kind) {
    case CreditedRecord::kSipAccount: return "sip_credit";
    case CreditedRecord::kSipAlias: return "sip_alias_credit";
  }
  return "";
}

std::optional<std::string> customer_property(pqxx::transaction_base& tx, std::int64_t customer_id,
                                             const std::string& name) {
  const pqxx::result r = exec(tx, kProperty, customer_id, name);
  if (r.empty()) return std::nullopt;
  return r[0][0].as<std::string>();
}

std::int64_t count_records(pqxx::transaction_base& tx, CreditedRecord kind, OwnerColumn column, std::int64_t id) {
  const Statement& statement = kCounts[static_cast<int>(kind)][column == OwnerColumn::kReseller ? 0 : 1];
  return exec(tx, statement, id)[0][0].as<std::int64_t>();
}

}  // namespace ngnpro::storage
