#include "ngnpro/storage/enum_ranges.hpp"

#include <map>

#include "ngnpro/core/error.hpp"
#include "pg_arrays.hpp"
#include "sip_domain_filter.hpp"
#include "statement.hpp"

namespace ngnpro::storage {

namespace {

// The first key of the tld lock's two-key advisory space (pg_advisory_xact_lock(int, int)),
// which never meets the one-key locks of SIP addresses (lock_sip_address).
constexpr int kEnumTldLockClass = 15;

// A range is a container like a SIP domain, joined as d, so that add_domain_scope applies.
// used is the range's count of numbers kept by the schema (O(1), schema/015).
#define NGNPRO_RANGE_COLUMNS                                                                              \
  "d.id, d.prefix, d.tld, d.ttl, d.min_digits, d.max_digits, d.size, d.nameservers,"                    \
  " COALESCE((SELECT c.n FROM ngnpro.record_counts c"                                                    \
  "           WHERE c.kind = 'enum_number' AND c.level = 'domain' AND c.holder_id = d.id), 0),"          \
  " d.serial, COALESCE(d.customer_id, 0), COALESCE(d.reseller_id, 0),"                                 \
  " to_char(d.change_date, 'YYYY-MM-DD HH24:MI:SS'), d.info"

EnumRangeRow range_from_row(const pqxx::row& row) {
  EnumRangeRow out;
  out.id = row[0].as<std::int64_t>();
  core::EnumRange& r = out.range;
  r.id = {row[1].as<std::string>(), row[2].as<std::string>()};
  r.ttl = row[3].as<int>();
  r.min_digits = row[4].as<int>();
  r.max_digits = row[5].as<int>();
  r.size = row[6].as<int>();
  r.nameservers = text_array(row[7]);
  r.used = row[8].as<std::int64_t>();
  r.serial = row[9].as<std::int64_t>();
  r.owner = {row[10].as<std::int64_t>(), row[11].as<std::int64_t>()};
  r.change_date = row[12].as<std::string>();
  r.info = row[13].as<std::string>();
  return out;
}

std::optional<EnumRangeRow> one(const pqxx::result& r) {
  if (r.empty()) return std::nullopt;
  return range_from_row(r[0]);
}

std::string nameserver_literal(const core::EnumRange& r) {
  return array_literal(r.nameservers, [](const std::string& ns) { return ns; });
}

const Statement kLockTld{"enum_tld_lock", "SELECT pg_advisory_xact_lock($1, hashtext($2))"};
const Statement kLockTldShared{"enum_tld_lock_shared", "SELECT pg_advisory_xact_lock_shared($1, hashtext($2))"};
const Statement kFind{"enum_range_find",
                      "SELECT " NGNPRO_RANGE_COLUMNS " FROM ngnpro.enum_ranges d WHERE d.tld = $2 AND d.prefix = $1"};
const Statement kLock{"enum_range_lock", "SELECT " NGNPRO_RANGE_COLUMNS
                                         " FROM ngnpro.enum_ranges d WHERE d.tld = $2 AND d.prefix = $1 FOR UPDATE"};
const Statement kLongest{"enum_range_longest", "SELECT " NGNPRO_RANGE_COLUMNS
                                               " FROM ngnpro.enum_ranges d WHERE d.id = ngnpro.enum_range_for($1, $2)"};
const Statement kLockLongest{"enum_range_lock_longest",
                             "SELECT " NGNPRO_RANGE_COLUMNS
                             " FROM ngnpro.enum_ranges d WHERE d.id = ngnpro.enum_range_for($1, $2) FOR UPDATE"};
const Statement kUsed{"enum_range_used",
                      "SELECT COALESCE((SELECT n FROM ngnpro.record_counts"
                      " WHERE kind = 'enum_number' AND level = 'domain' AND holder_id = $1), 0)"};
// 0 is "none" on the wire and NULL in the table, so that a foreign key can hold.
const Statement kInsert{"enum_range_insert",
                        "INSERT INTO ngnpro.enum_ranges (prefix, tld, ttl, min_digits, max_digits, size, nameservers,"
                        " customer_id, reseller_id, info, changed_by, changed_as)"
                        " VALUES ($1, $2, $3, $4, $5, $6, $7::text[], NULLIF($8, 0), NULLIF($9, 0), $10, $11, $12)"
                        " ON CONFLICT (tld, prefix) DO NOTHING RETURNING id"};
const Statement kUpdate{"enum_range_update",
                        "UPDATE ngnpro.enum_ranges SET ttl = $2, min_digits = $3, max_digits = $4, size = $5,"
                        " nameservers = $6::text[], customer_id = NULLIF($7, 0), reseller_id = NULLIF($8, 0), info = $9,"
                        " changed_by = $10, changed_as = $11, change_date = now() WHERE id = $1"};
const Statement kHasNumbers{"enum_range_has_numbers",
                            "SELECT EXISTS (SELECT 1 FROM ngnpro.enum_numbers WHERE range_id = $1)"};
const Statement kDelete{"enum_range_delete", "DELETE FROM ngnpro.enum_ranges WHERE id = $1"};

Order order_by(const std::string& attribute) {
  static const std::map<std::string, Order> kOrders = {
      {"changeDate", {"d.change_date", "d.id"}}, {"prefix", {"d.prefix", "d.tld"}},
      {"tld", {"d.tld", "d.prefix"}},            {"info", {"d.info", "d.id"}},
      {"customer", {"d.customer_id", "d.id"}},   {"reseller", {"d.reseller_id", "d.id"}}};
  return order_of(kOrders, attribute, {"d.tld", "d.prefix"});
}

}  // namespace

void lock_enum_tld(Tx& tx, const std::string& tld, bool exclusive) {
  exec(tx, exclusive ? kLockTld : kLockTldShared, kEnumTldLockClass, tld);
}

std::optional<EnumRangeRow> find_enum_range(Tx& tx, const core::EnumRangeId& id, bool lock) {
  return one(exec(tx, lock ? kLock : kFind, id.prefix, id.tld));
}

std::optional<EnumRangeRow> longest_enum_range(Tx& tx, const std::string& digits, const std::string& tld,
                                               bool lock) {
  return one(exec(tx, lock ? kLockLongest : kLongest, digits, tld));
}

std::int64_t enum_range_used(Tx& tx, std::int64_t id) { return exec(tx, kUsed, id)[0][0].as<std::int64_t>(); }

core::Page<core::EnumRange> list_enum_ranges(Tx& tx, const core::EnumRangeQuery& q, const Scope& scope) {
  SqlBuilder where;
  where.like("d.prefix", q.prefix);
  where.like("d.tld", q.tld);
  where.like("d.info", q.info);
  if (q.customer != 0) where.equals("d.customer_id", q.customer);
  if (q.reseller != 0) where.equals("d.reseller_id", q.reseller);
  add_domain_scope(where, scope);
  core::Page<core::EnumRange> page;
  page.total = where.count(tx, "ngnpro.enum_ranges d");
  for (const auto& row : where.select(tx, NGNPRO_RANGE_COLUMNS, "ngnpro.enum_ranges d", order_by(q.order_by.attribute),
                                      q.order_by.descending, q.range))
    page.rows.push_back(range_from_row(row).range);
  return page;
}

void insert_enum_range(Tx& tx, const core::EnumRange& r, const Audit& audit) {
  try {
    if (!exec(tx, kInsert, r.id.prefix, r.id.tld, r.ttl, r.min_digits, r.max_digits, r.size, nameserver_literal(r),
              r.owner.customer, r.owner.reseller, r.info, audit.login, audit.acting_as)
             .empty())
      return;
  } catch (const pqxx::unique_violation&) {
    // pdns.domains' unique name: a DNS zone of the Dns port already has the range's zone name.
    // The transaction is lost either way; the client gets the reason.
    throw core::Error{core::ErrorCode::kEnumRangeExists,
                      "the zone of ENUM range " + r.id.text() + " is already served as a DNS zone"};
  }
  throw core::Error{core::ErrorCode::kEnumRangeExists, "ENUM range " + r.id.text() + " already exists"};
}

void update_enum_range(Tx& tx, std::int64_t id, const core::EnumRange& r, const Audit& audit) {
  exec(tx, kUpdate, id, r.ttl, r.min_digits, r.max_digits, r.size, nameserver_literal(r), r.owner.customer,
       r.owner.reseller, r.info, audit.login, audit.acting_as);
}

bool enum_range_has_numbers(Tx& tx, std::int64_t id) { return exec(tx, kHasNumbers, id)[0][0].as<bool>(); }

void delete_enum_range(Tx& tx, std::int64_t id) { exec(tx, kDelete, id); }

}  // namespace ngnpro::storage
