#include "ngnpro/storage/dns_zones.hpp"

#include <map>

#include "ngnpro/core/error.hpp"
#include "pg_arrays.hpp"
#include "sip_domain_filter.hpp"
#include "statement.hpp"

namespace ngnpro::storage {

namespace {

#define NGNPRO_ZONE_COLUMNS                                                                        \
  "d.id, d.name, d.ttl, d.refresh, d.retry, d.expire, d.minimum, d.nameservers, d.email, d.serial," \
  " COALESCE(d.customer_id, 0), COALESCE(d.reseller_id, 0), d.info,"                              \
  " to_char(d.change_date, 'YYYY-MM-DD HH24:MI:SS')"

DnsZoneRow zone_from_row(const pqxx::row& row) {
  DnsZoneRow out;
  out.id = row[0].as<std::int64_t>();
  core::DnsZone& z = out.zone;
  z.name = row[1].as<std::string>();
  z.timers = {row[2].as<int>(), row[3].as<int>(), row[4].as<int>(), row[5].as<int>(), row[6].as<int>()};
  z.nameservers = text_array(row[7]);
  z.email = row[8].as<std::string>();
  z.serial = row[9].as<std::int64_t>();
  z.owner = {row[10].as<std::int64_t>(), row[11].as<std::int64_t>()};
  z.info = row[12].as<std::string>();
  z.change_date = row[13].as<std::string>();
  return out;
}

std::optional<DnsZoneRow> one(const pqxx::result& r) {
  if (r.empty()) return std::nullopt;
  return zone_from_row(r[0]);
}

std::string nameservers_literal(const core::DnsZone& z) {
  return array_literal(z.nameservers, [](const std::string& name) { return name; });
}

const Statement kFind{"dns_zone_find", "SELECT " NGNPRO_ZONE_COLUMNS " FROM ngnpro.dns_zones d WHERE d.name = $1"};
const Statement kLock{"dns_zone_lock",
                      "SELECT " NGNPRO_ZONE_COLUMNS " FROM ngnpro.dns_zones d WHERE d.name = $1 FOR UPDATE"};
const Statement kLockId{"dns_zone_lock_id",
                        "SELECT " NGNPRO_ZONE_COLUMNS " FROM ngnpro.dns_zones d WHERE d.id = $1 FOR UPDATE"};
const Statement kPublished{"dns_domain_published", "SELECT EXISTS (SELECT FROM pdns.domains WHERE name = $1)"};
// 0 is "none" on the wire and NULL in the table, so that a foreign key can hold.
const Statement kInsert{"dns_zone_insert",
                        "INSERT INTO ngnpro.dns_zones (name, ttl, refresh, retry, expire, minimum, nameservers, email,"
                        " customer_id, reseller_id, info, changed_by, changed_as)"
                        " VALUES ($1, $2, $3, $4, $5, $6, $7::text[], $8, NULLIF($9, 0), NULLIF($10, 0), $11, $12, $13)"
                        " ON CONFLICT (name) DO NOTHING RETURNING id"};
const Statement kUpdate{"dns_zone_update",
                        "UPDATE ngnpro.dns_zones SET ttl = $2, refresh = $3, retry = $4, expire = $5, minimum = $6,"
                        " nameservers = $7::text[], email = $8, customer_id = NULLIF($9, 0),"
                        " reseller_id = NULLIF($10, 0), info = $11, changed_by = $12, changed_as = $13,"
                        " change_date = now() WHERE id = $1"};
const Statement kDelete{"dns_zone_delete", "DELETE FROM ngnpro.dns_zones WHERE id = $1"};

Order order_by(const std::string& attribute) {
  static const std::map<std::string, Order> kOrders = {
      {"changeDate", {"d.change_date", "d.id"}}, {"name", {"d.name", "d.name"}},
      {"customer", {"d.customer_id", "d.id"}},   {"reseller", {"d.reseller_id", "d.id"}},
      {"ttl", {"d.ttl", "d.id"}},                {"info", {"d.info", "d.id"}}};
  return order_of(kOrders, attribute, {"d.name", "d.name"});
}

}  // namespace

std::optional<DnsZoneRow> find_dns_zone(Tx& tx, const std::string& name) { return one(exec(tx, kFind, name)); }

std::optional<DnsZoneRow> lock_dns_zone(Tx& tx, const std::string& name) { return one(exec(tx, kLock, name)); }

std::optional<DnsZoneRow> lock_dns_zone(Tx& tx, std::int64_t id) { return one(exec(tx, kLockId, id)); }

bool dns_domain_published(Tx& tx, const std::string& name) { return exec(tx, kPublished, name)[0][0].as<bool>(); }

core::Page<core::DnsZone> list_dns_zones(Tx& tx, const core::DnsZoneQuery& q, const Scope& scope) {
  SqlBuilder where;
  where.like("d.name", q.name);
  where.like("d.info", q.info);
  if (q.customer != 0) where.equals("d.customer_id", q.customer);
  if (q.reseller != 0) where.equals("d.reseller_id", q.reseller);
  add_domain_scope(where, scope);
  core::Page<core::DnsZone> page;
  page.total = where.count(tx, "ngnpro.dns_zones d");
  for (const auto& row :
       where.select(tx, NGNPRO_ZONE_COLUMNS, "ngnpro.dns_zones d", order_by(q.order_by.attribute),
                    q.order_by.descending, q.range))
    page.rows.push_back(zone_from_row(row).zone);
  return page;
}

void insert_dns_zone(Tx& tx, const core::DnsZone& z, const Audit& audit) {
  const auto& t = z.timers;
  if (exec(tx, kInsert, z.name, t.ttl, t.refresh, t.retry, t.expire, t.minimum, nameservers_literal(z), z.email,
           z.owner.customer, z.owner.reseller, z.info, audit.login, audit.acting_as)
          .empty())
    throw core::Error{core::ErrorCode::kDnsZoneExists, "DNS zone " + z.name + " already exists"};
}

void update_dns_zone(Tx& tx, std::int64_t id, const core::DnsZone& z, const Audit& audit) {
  const auto& t = z.timers;
  exec(tx, kUpdate, id, t.ttl, t.refresh, t.retry, t.expire, t.minimum, nameservers_literal(z), z.email,
       z.owner.customer, z.owner.reseller, z.info, audit.login, audit.acting_as);
}

void delete_dns_zone(Tx& tx, std::int64_t id) { exec(tx, kDelete, id); }

}  // namespace ngnpro::storage
