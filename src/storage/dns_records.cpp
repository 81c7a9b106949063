#include "ngnpro/storage/dns_records.hpp"

#include <map>

#include "ngnpro/core/error.hpp"
#include "sip_domain_filter.hpp"
#include "statement.hpp"

namespace ngnpro::storage {

namespace {

// The columns both tables share, then what PowerDNS gets (content or redirector).
#define NGNPRO_DNS_RECORD_COLUMNS(published)                                                     \
  "r.id, r.zone_id, d.name, r.name, r.type, r.value, r.ttl, r.priority, r.owner_id,"           \
  " COALESCE(d.customer_id, 0), COALESCE(d.reseller_id, 0),"                                   \
  " to_char(r.change_date, 'YYYY-MM-DD HH24:MI:SS'), r." published
#define NGNPRO_DNS_RECORDS_FROM " ngnpro.dns_records r JOIN ngnpro.dns_zones d ON d.id = r.zone_id"
#define NGNPRO_DNS_FANCY_FROM " ngnpro.dns_fancy_records r JOIN ngnpro.dns_zones d ON d.id = r.zone_id"

DnsRecordRow record_from_row(const pqxx::row& row) {
  DnsRecordRow out;
  core::DnsRecord& r = out.record;
  r.id = row[0].as<std::int64_t>();
  out.zone_id = row[1].as<std::int64_t>();
  r.zone = row[2].as<std::string>();
  r.name = row[3].as<std::string>();
  r.type = row[4].as<std::string>();
  r.value = row[5].as<std::string>();
  r.ttl = row[6].as<int>();
  r.priority = row[7].as<int>();
  r.owner = row[8].as<std::int64_t>();
  r.zone_owner = {row[9].as<std::int64_t>(), row[10].as<std::int64_t>()};
  r.change_date = row[11].as<std::string>();
  out.published = row[12].as<std::string>();
  return out;
}

// The statements of one table.
struct TableSql {
  const char* columns;
  const char* from;
  Statement find;
  Statement named;
  Statement insert;
  Statement update;
  Statement remove;
};

const TableSql kRecords{
    NGNPRO_DNS_RECORD_COLUMNS("content"),
    NGNPRO_DNS_RECORDS_FROM,
    {"dns_record_find", "SELECT " NGNPRO_DNS_RECORD_COLUMNS("content") " FROM" NGNPRO_DNS_RECORDS_FROM " WHERE r.id = $1"},
    {"dns_records_named",
     "SELECT " NGNPRO_DNS_RECORD_COLUMNS("content") " FROM" NGNPRO_DNS_RECORDS_FROM
     " WHERE r.zone_id = $1 AND r.name = $2 AND r.type = $3"
     " ORDER BY (md5(r.content) = md5($4) AND ngnpro.dns_prio(r.type, r.priority) = ngnpro.dns_prio($3, $5)) DESC,"
     " r.id LIMIT 2"},
    {"dns_record_insert",
     "INSERT INTO ngnpro.dns_records (zone_id, name, type, value, content, ttl, priority, owner_id, changed_by,"
     " changed_as) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING RETURNING id"},
    // The same RR twice is 7003 (schema/014 dns_records_rr_key); the zone's row lock, held by
    // every writer of the zone, keeps the check and the write together.
    {"dns_record_update",
     "UPDATE ngnpro.dns_records r SET name = $2, type = $3, value = $4, content = $5, ttl = $6, priority = $7,"
     " owner_id = $8, changed_by = $9, changed_as = $10, change_date = now() WHERE r.id = $1"
     " AND NOT EXISTS (SELECT FROM ngnpro.dns_records o WHERE o.zone_id = r.zone_id AND o.name = $2"
     " AND o.type = $3 AND ngnpro.dns_prio(o.type, o.priority) = ngnpro.dns_prio($3, $7)"
     " AND md5(o.content) = md5($5) AND o.id <> $1) RETURNING r.id"},
    {"dns_record_delete", "DELETE FROM ngnpro.dns_records WHERE id = $1"}};

const TableSql kFancyRecords{
    NGNPRO_DNS_RECORD_COLUMNS("redirector"),
    NGNPRO_DNS_FANCY_FROM,
    {"dns_fancy_record_find",
     "SELECT " NGNPRO_DNS_RECORD_COLUMNS("redirector") " FROM" NGNPRO_DNS_FANCY_FROM " WHERE r.id = $1"},
    {"dns_fancy_records_named",
     "SELECT " NGNPRO_DNS_RECORD_COLUMNS("redirector") " FROM" NGNPRO_DNS_FANCY_FROM
     " WHERE r.zone_id = $1 AND r.name = $2 AND r.type = $3"
     " ORDER BY (r.value = $4 AND r.priority = $5) DESC, r.id LIMIT 2"},
    {"dns_fancy_record_insert",
     "INSERT INTO ngnpro.dns_fancy_records (zone_id, name, type, value, redirector, ttl, priority, owner_id,"
     " changed_by, changed_as) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"
     " ON CONFLICT DO NOTHING RETURNING id"},
    {"dns_fancy_record_update",
     "UPDATE ngnpro.dns_fancy_records r SET name = $2, type = $3, value = $4, redirector = $5, ttl = $6,"
     " priority = $7, owner_id = $8, changed_by = $9, changed_as = $10, change_date = now() WHERE r.id = $1"
     " AND NOT EXISTS (SELECT FROM ngnpro.dns_fancy_records o WHERE o.zone_id = r.zone_id AND o.type = $3"
     " AND o.name = $2 AND o.id <> $1) RETURNING r.id"},
    {"dns_fancy_record_delete", "DELETE FROM ngnpro.dns_fancy_records WHERE id = $1"}};

const TableSql& sql_of(DnsTable table) { return table == DnsTable::kRecords ? kRecords : kFancyRecords; }

const Statement kNameUse{
    "dns_name_use",
    "SELECT EXISTS (SELECT FROM ngnpro.dns_records WHERE zone_id = $1 AND name = $2 AND id <> $3 AND type = 'CNAME'),"
    " EXISTS (SELECT FROM ngnpro.dns_records WHERE zone_id = $1 AND name = $2 AND id <> $3 AND type <> 'CNAME'),"
    " EXISTS (SELECT FROM ngnpro.dns_records WHERE zone_id = $1 AND name = $2 AND id <> $3"
    "         AND type IN ('A', 'AAAA')),"
    " EXISTS (SELECT FROM ngnpro.dns_fancy_records WHERE zone_id = $1 AND name = $2 AND id <> $4"
    "         AND type = 'URL')"};

std::string duplicate(const DnsRecordWrite& r) {
  return r.type + " record " + r.name + " " + core::excerpt(r.value) + " already exists";
}

// Within one zone every order is an index order (schema/014), so a page stops early.
Order order_by(const std::string& attribute) {
  static const std::map<std::string, Order> kOrders = {
      {"changeDate", {"r.change_date", "r.id"}}, {"name", {"r.name", "r.id"}},   {"type", {"r.type", "r.id"}},
      {"value", {"r.value", "r.id"}},            {"ttl", {"r.ttl", "r.id"}},     {"priority", {"r.priority", "r.id"}},
      {"owner", {"r.owner_id", "r.id"}},         {"zone", {"d.name", "r.id"}},   {"id", {"r.id", "r.id"}}};
  return order_of(kOrders, attribute, {"r.id", "r.id"});
}

}  // namespace

std::optional<DnsRecordRow> find_dns_record(Tx& tx, DnsTable table, std::int64_t id) {
  const pqxx::result r = exec(tx, sql_of(table).find, id);
  if (r.empty()) return std::nullopt;
  return record_from_row(r[0]);
}

std::vector<DnsRecordRow> find_dns_records_named(Tx& tx, DnsTable table, std::int64_t zone_id,
                                                 const std::string& name, const std::string& type,
                                                 const std::string& content, int priority) {
  std::vector<DnsRecordRow> out;
  for (const auto& row : exec(tx, sql_of(table).named, zone_id, name, type, content, priority))
    out.push_back(record_from_row(row));
  return out;
}

DnsNameUse dns_name_use(Tx& tx, std::int64_t zone_id, const std::string& name, std::int64_t record_id,
                        std::int64_t fancy_id) {
  const pqxx::row row = exec(tx, kNameUse, zone_id, name, record_id, fancy_id)[0];
  return {row[0].as<bool>(), row[1].as<bool>(), row[2].as<bool>(), row[3].as<bool>()};
}

core::Page<core::DnsRecord> list_dns_records(Tx& tx, DnsTable table, const core::DnsRecordQuery& q,
                                             const Scope& scope) {
  const TableSql& sql = sql_of(table);
  SqlBuilder where;
  add_domain_conditions(where, q.zone, q.customer, q.reseller, scope, "ngnpro.dns_zones", "name");
  const std::size_t zone_conditions = where.size();
  if (q.id != 0) where.equals("r.id", q.id);
  where.like("r.name", q.name);
  where.like("r.type", q.type);
  where.like("r.value", q.value);
  if (q.owner != 0) where.equals("r.owner_id", q.owner);
  core::Page<core::DnsRecord> page;
  // Without conditions on the records themselves, the zones' counts (schema/014 record_count).
  page.total = table == DnsTable::kRecords && where.size() == zone_conditions
                   ? where.scalar(tx, "COALESCE(sum(d.record_count), 0)::bigint", "ngnpro.dns_zones d")
                   : where.count(tx, sql.from);
  for (const auto& row : where.select(tx, sql.columns, sql.from, order_by(q.order_by.attribute),
                                      q.order_by.descending, q.range))
    page.rows.push_back(record_from_row(row).record);
  return page;
}

std::int64_t insert_dns_record(Tx& tx, DnsTable table, std::int64_t zone_id, const DnsRecordWrite& r,
                               const Audit& audit) {
  const pqxx::result out = exec(tx, sql_of(table).insert, zone_id, r.name, r.type, r.value, r.published, r.ttl,
                                r.priority, r.owner, audit.login, audit.acting_as);
  if (out.empty()) throw core::Error{core::ErrorCode::kDnsRecordExists, duplicate(r)};
  return out[0][0].as<std::int64_t>();
}

void update_dns_record(Tx& tx, DnsTable table, std::int64_t id, const DnsRecordWrite& r, const Audit& audit) {
  if (exec(tx, sql_of(table).update, id, r.name, r.type, r.value, r.published, r.ttl, r.priority, r.owner,
           audit.login, audit.acting_as)
          .empty())
    throw core::Error{core::ErrorCode::kDnsRecordExists, duplicate(r)};
}

void delete_dns_record(Tx& tx, DnsTable table, std::int64_t id) { exec(tx, sql_of(table).remove, id); }

}  // namespace ngnpro::storage
