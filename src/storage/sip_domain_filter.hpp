// Conditions on a record's container, joined as d, that the lists of its records share: the SIP
// domain of accounts and aliases, the DNS zone of records and fancy records.
#pragma once

#include <cstdint>
#include <string>

#include "ngnpro/storage/scope.hpp"
#include "sql_builder.hpp"

namespace ngnpro::storage {

// What the caller may see (api §8.3): records inherit customer and reseller from the domain.
inline void add_domain_scope(SqlBuilder& where, const Scope& scope) {
  if (scope.reseller) where.equals("d.reseller_id", *scope.reseller);
  if (scope.customer) where.equals("d.customer_id", *scope.customer);
}

// A list filter's domain pattern, customer and reseller, and the caller's scope. One named
// domain is resolved to its id, which lets the planner walk that domain's index in page order.
// Other containers joined as d (DNS zones) name their table and name column.
inline void add_domain_conditions(SqlBuilder& where, const std::string& domain, std::int64_t customer,
                                  std::int64_t reseller, const Scope& scope,
                                  const std::string& table = "ngnpro.sip_domains",
                                  const std::string& name_column = "domain") {
  if (!domain.empty() && SqlBuilder::is_exact(domain))
    where.add("d.id = (SELECT id FROM " + table + " WHERE " + name_column + " = $", domain, ")");
  else
    where.like(("d." + name_column).c_str(), domain);
  if (customer != 0) where.equals("d.customer_id", customer);
  if (reseller != 0) where.equals("d.reseller_id", reseller);
  add_domain_scope(where, scope);
}

}  // namespace ngnpro::storage
