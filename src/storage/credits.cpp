#include "ngnpro/storage/credits.hpp"

#include "statement.hpp"

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

}  // namespace

CreditUsage credit_usage(Tx& tx, core::CreditedRecord kind, OwnerColumn column, std::int64_t id) {
  const core::CreditSpec& credit = core::credit_spec(kind);
  const pqxx::result r = exec(tx, kUsage, id, std::string(credit.property), std::string(credit.counts_kind),
                              column == OwnerColumn::kReseller ? "reseller" : "customer");
  CreditUsage usage;
  if (!r[0][0].is_null()) usage.limit = r[0][0].as<std::string>();
  usage.used = r[0][1].as<std::int64_t>();
  return usage;
}

std::optional<std::string> customer_property(Tx& tx, std::int64_t customer_id, const std::string& name) {
  const pqxx::result r = exec(tx, kProperty, customer_id, name);
  if (r.empty()) return std::nullopt;
  return r[0][0].as<std::string>();
}

}  // namespace ngnpro::storage
