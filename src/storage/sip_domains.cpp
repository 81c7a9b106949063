#include "ngnpro/storage/sip_domains.hpp"

#include <map>

#include "ngnpro/core/error.hpp"
#include "statement.hpp"
#include "sip_domain_filter.hpp"

namespace ngnpro::storage {

namespace {

#define NGNPRO_DOMAIN_COLUMNS                                                                              \
  "d.id, d.domain, COALESCE(d.customer_id, 0), COALESCE(d.reseller_id, 0), d.certificate, d.private_key," \
  " d.match_ip_address, d.match_sip_domain, d.verify_cert, d.require_cert,"                              \
  " to_char(d.change_date, 'YYYY-MM-DD HH24:MI:SS')"

SipDomainRow domain_from_row(const pqxx::row& row) {
  SipDomainRow out;
  out.id = row[0].as<std::int64_t>();
  core::SipDomain& d = out.domain;
  d.domain = row[1].as<std::string>();
  d.owner = {row[2].as<std::int64_t>(), row[3].as<std::int64_t>()};
  d.certificate = row[4].as<std::string>();
  d.private_key = row[5].as<std::string>();
  d.match_ip_address = row[6].as<std::string>();
  d.match_sip_domain = row[7].as<std::string>();
  d.verify_cert = row[8].as<bool>();
  d.require_cert = row[9].as<bool>();
  d.change_date = row[10].as<std::string>();
  return out;
}

std::optional<SipDomainRow> one(const pqxx::result& r) {
  if (r.empty()) return std::nullopt;
  return domain_from_row(r[0]);
}

const Statement kFind{"sip_domain_find", "SELECT " NGNPRO_DOMAIN_COLUMNS " FROM ngnpro.sip_domains d WHERE d.domain = $1"};
const Statement kLock{"sip_domain_lock",
                      "SELECT " NGNPRO_DOMAIN_COLUMNS " FROM ngnpro.sip_domains d WHERE d.domain = $1 FOR UPDATE"};
// 0 is "none" on the wire and NULL in the table, so that a foreign key can hold.
const Statement kInsert{"sip_domain_insert",
                        "INSERT INTO ngnpro.sip_domains (domain, customer_id, reseller_id, certificate, private_key,"
                        " match_ip_address, match_sip_domain, verify_cert, require_cert, changed_by, changed_as)"
                        " VALUES ($1, NULLIF($2, 0), NULLIF($3, 0), $4, $5, $6, $7, $8, $9, $10, $11)"
                        " ON CONFLICT (domain) DO NOTHING RETURNING id"};
const Statement kUpdate{"sip_domain_update",
                        "UPDATE ngnpro.sip_domains SET customer_id = NULLIF($2, 0), reseller_id = NULLIF($3, 0),"
                        " certificate = $4, private_key = $5, match_ip_address = $6, match_sip_domain = $7,"
                        " verify_cert = $8, require_cert = $9, changed_by = $10, changed_as = $11,"
                        " change_date = now() WHERE id = $1"};
const Statement kMembers{"sip_domain_members",
                         "SELECT (SELECT count(*) FROM ngnpro.sip_accounts WHERE domain_id = $1)"
                         " + (SELECT count(*) FROM ngnpro.sip_aliases WHERE domain_id = $1)"};
const Statement kDelete{"sip_domain_delete", "DELETE FROM ngnpro.sip_domains WHERE id = $1"};

const char* order_column(const std::string& attribute) {
  static const std::map<std::string, const char*> kColumns = {
      {"changeDate", "d.change_date"}, {"domain", "d.domain"}, {"customer", "d.customer_id"},
      {"reseller", "d.reseller_id"}};
  const auto it = kColumns.find(attribute);
  return it == kColumns.end() ? "d.domain" : it->second;
}

}  // namespace

std::optional<SipDomainRow> find_sip_domain(Tx& tx, const std::string& domain) {
  return one(exec(tx, kFind, domain));
}

std::optional<SipDomainRow> lock_sip_domain(Tx& tx, const std::string& domain) {
  return one(exec(tx, kLock, domain));
}

core::Page<core::SipDomain> list_sip_domains(Tx& tx, const core::SipDomainQuery& query,
                                             const Scope& scope) {
  SqlBuilder where;
  where.like("d.domain", query.domain);
  if (query.customer != 0) where.equals("d.customer_id", query.customer);
  if (query.reseller != 0) where.equals("d.reseller_id", query.reseller);
  add_domain_scope(where, scope);
  core::Page<core::SipDomain> page;
  page.total = where.count(tx, "ngnpro.sip_domains d");
  for (const auto& row : where.select(tx, NGNPRO_DOMAIN_COLUMNS, "ngnpro.sip_domains d",
                                      order_column(query.order_by.attribute), query.order_by.descending, "d.id",
                                      query.range))
    page.rows.push_back(domain_from_row(row).domain);
  return page;
}

void insert_sip_domain(Tx& tx, const core::SipDomain& d, const Audit& audit) {
  if (exec(tx, kInsert, d.domain, d.owner.customer, d.owner.reseller, d.certificate, d.private_key,
           d.match_ip_address, d.match_sip_domain, d.verify_cert, d.require_cert, audit.login, audit.acting_as)
          .empty())
    throw core::Error{core::ErrorCode::kSipDomainExists, "SIP domain " + d.domain + " already exists"};
}

void update_sip_domain(Tx& tx, std::int64_t id, const core::SipDomain& d, const Audit& audit) {
  exec(tx, kUpdate, id, d.owner.customer, d.owner.reseller, d.certificate, d.private_key, d.match_ip_address,
       d.match_sip_domain, d.verify_cert, d.require_cert, audit.login, audit.acting_as);
}

std::int64_t count_sip_domain_members(Tx& tx, std::int64_t id) {
  return exec(tx, kMembers, id)[0][0].as<std::int64_t>();
}

void delete_sip_domain(Tx& tx, std::int64_t id) { exec(tx, kDelete, id); }

}  // namespace ngnpro::storage
