#include "ngnpro/storage/credits.hpp"

#include "ngnpro/storage/statement.hpp"

namespace ngnpro::storage {

namespace {

const Statement kProperty{"customer_property_value",
                          "SELECT value FROM ngnpro.customer_properties WHERE customer_id = $1 AND name = $2"};

// The cap and what is used, in one read. Records inherit customer and reseller from their
// domain (api §8.5); record_counts keeps both counts in step with every write (schema/006).
const Statement kUsage{"credit_usage",
                       "SELECT (SELECT value FROM ngnpro.customer_properties WHERE customer_id = $1 AND name = $2),"
                       " COALESCE((SELECT n FROM ngnpro.record_counts"
                       " WHERE kind = $3 AND level = $4 AND holder_id = $1), 0)"};

const char* record_kind(CreditedRecord kind) {
  switch (kind) {
    case CreditedRecord::kSipAccount: return "sip_account";
    case CreditedRecord::kSipAlias: return "sip_alias";
  }
  return "";
}

}  // namespace

const char* credit_property(CreditedRecord kind) {
  switch (kind) {
    case CreditedRecord::kSipAccount: return "sip_credit";
    case CreditedRecord::kSipAlias: return "sip_alias_credit";
  }
  return "";
}

CreditUsage credit_usage(pqxx::transaction_base& tx, CreditedRecord kind, OwnerColumn column, std::int64_t id) {
  const pqxx::result r = exec(tx, kUsage, id, credit_property(kind), record_kind(kind),
                              column == OwnerColumn::kReseller ? "reseller" : "customer");
  CreditUsage usage;
  if (!r[0][0].is_null()) usage.limit = r[0][0].as<std::string>();
  usage.used = r[0][1].as<std::int64_t>();
  return usage;
}

std::optional<std::string> customer_property(pqxx::transaction_base& tx, std::int64_t customer_id,
                                             const std::string& name) {
  const pqxx::result r = exec(tx, kProperty, customer_id, name);
  if (r.empty()) return std::nullopt;
  return r[0][0].as<std::string>();
}

}  // namespace ngnpro::storage
