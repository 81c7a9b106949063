#include "ngnpro/storage/sip_aliases.hpp"

#include <map>

#include "ngnpro/core/error.hpp"
#include "statement.hpp"
#include "sip_domain_filter.hpp"

namespace ngnpro::storage {

namespace {

#define NGNPRO_ALIAS_COLUMNS                                                                         \
  "s.id, s.domain_id, s.username, d.domain, s.target_username, s.target_domain, s.owner_id,"        \
  " COALESCE(d.customer_id, 0), COALESCE(d.reseller_id, 0), to_char(s.change_date, 'YYYY-MM-DD HH24:MI:SS')"
#define NGNPRO_ALIAS_FROM " ngnpro.sip_aliases s JOIN ngnpro.sip_domains d ON d.id = s.domain_id"
// A list total without conditions on the aliases themselves: the domains' counts (schema/006).
#define NGNPRO_ALIAS_COUNTS_FROM                                                        \
  " ngnpro.sip_domains d JOIN ngnpro.record_counts c"                                   \
  " ON c.kind = 'sip_alias' AND c.level = 'domain' AND c.holder_id = d.id"

SipAliasRow alias_from_row(const pqxx::row& row) {
  SipAliasRow out;
  out.id = row[0].as<std::int64_t>();
  out.domain_id = row[1].as<std::int64_t>();
  core::SipAlias& a = out.alias;
  a.id = {row[2].as<std::string>(), row[3].as<std::string>()};
  a.target = {row[4].as<std::string>(), row[5].as<std::string>()};
  a.owner = row[6].as<std::int64_t>();
  a.domain_owner = {row[7].as<std::int64_t>(), row[8].as<std::int64_t>()};
  a.change_date = row[9].as<std::string>();
  return out;
}

const Statement kFind{"sip_alias_find", "SELECT " NGNPRO_ALIAS_COLUMNS " FROM" NGNPRO_ALIAS_FROM
                                        " WHERE d.domain = $2 AND s.username = $1"};
const Statement kLock{"sip_alias_lock", "SELECT " NGNPRO_ALIAS_COLUMNS " FROM" NGNPRO_ALIAS_FROM
                                        " WHERE d.domain = $2 AND s.username = $1 FOR UPDATE OF s"};
const Statement kExists{"sip_alias_exists",
                        "SELECT EXISTS (SELECT 1 FROM ngnpro.sip_aliases WHERE domain_id = $1 AND username = $2)"};
const Statement kInsert{"sip_alias_insert",
                        "INSERT INTO ngnpro.sip_aliases (domain_id, username, target_username, target_domain,"
                        " owner_id, changed_by, changed_as) VALUES ($1, $2, $3, $4, $5, $6, $7)"
                        " ON CONFLICT (domain_id, username) DO NOTHING RETURNING id"};
const Statement kUpdate{"sip_alias_update",
                        "UPDATE ngnpro.sip_aliases SET target_username = $2, target_domain = $3, owner_id = $4,"
                        " changed_by = $5, changed_as = $6, change_date = now() WHERE id = $1"};
const Statement kDelete{"sip_alias_delete", "DELETE FROM ngnpro.sip_aliases WHERE id = $1"};

// With the domain fixed, the username and changeDate orders are index orders
// (UNIQUE (domain_id, username), schema/007).
Order order_by(const std::string& attribute) {
  static const std::map<std::string, Order> kOrders = {
      {"changeDate", {"s.change_date", "s.id"}},     {"aliasUsername", {"s.username", "s.domain_id"}},
      {"aliasDomain", {"d.domain", "s.username"}},   {"targetUsername", {"s.target_username", "s.id"}},
      {"targetDomain", {"s.target_domain", "s.id"}}, {"owner", {"s.owner_id", "s.id"}}};
  return order_of(kOrders, attribute, {"s.id", "s.id"});
}

}  // namespace

std::optional<SipAliasRow> find_sip_alias(Tx& tx, const core::SipAddress& address, bool lock) {
  const pqxx::result r = exec(tx, lock ? kLock : kFind, address.username, address.domain);
  if (r.empty()) return std::nullopt;
  return alias_from_row(r[0]);
}

bool sip_alias_exists(Tx& tx, std::int64_t domain_id, const std::string& username) {
  return exec(tx, kExists, domain_id, username)[0][0].as<bool>();
}

core::Page<core::SipAlias> list_sip_aliases(Tx& tx, const core::SipAliasQuery& q,
                                            const Scope& scope) {
  SqlBuilder where;
  add_domain_conditions(where, q.alias_domain, q.customer, q.reseller, scope);
  const std::size_t domain_conditions = where.size();

  where.like("s.username", q.alias_username);
  where.like("s.target_username", q.target_username);
  where.like("s.target_domain", q.target_domain);
  if (q.owner != 0) where.equals("s.owner_id", q.owner);

  core::Page<core::SipAlias> page;
  page.total = where.size() == domain_conditions
                   ? where.scalar(tx, "COALESCE(sum(c.n), 0)::bigint", NGNPRO_ALIAS_COUNTS_FROM)
                   : where.count(tx, NGNPRO_ALIAS_FROM);
  for (const auto& row : where.select(tx, NGNPRO_ALIAS_COLUMNS, NGNPRO_ALIAS_FROM, order_by(q.order_by.attribute),
                                      q.order_by.descending, q.range))
    page.rows.push_back(alias_from_row(row).alias);
  return page;
}

std::vector<core::SipAlias> sip_aliases_for_target(Tx& tx, const core::SipAddress& target,
                                                   const Scope& scope) {
  SqlBuilder where;
  where.equals("s.target_username", target.username);
  where.equals("s.target_domain", target.domain);
  add_domain_scope(where, scope);
  std::vector<core::SipAlias> out;
  for (const auto& row : where.select(tx, NGNPRO_ALIAS_COLUMNS, NGNPRO_ALIAS_FROM, "s.username", false, "s.id", {}))
    out.push_back(alias_from_row(row).alias);
  return out;
}

void insert_sip_alias(Tx& tx, std::int64_t domain_id, const core::SipAlias& a,
                      const Audit& audit) {
  if (exec(tx, kInsert, domain_id, a.id.username, a.target.username, a.target.domain, a.owner, audit.login,
           audit.acting_as)
          .empty())
    throw core::Error{core::ErrorCode::kSipAliasExists, "SIP alias " + a.id.text() + " already exists"};
}

void update_sip_alias(Tx& tx, std::int64_t id, const core::SipAlias& a, const Audit& audit) {
  exec(tx, kUpdate, id, a.target.username, a.target.domain, a.owner, audit.login, audit.acting_as);
}

void delete_sip_alias(Tx& tx, std::int64_t id) { exec(tx, kDelete, id); }

}  // namespace ngnpro::storage
