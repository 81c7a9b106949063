#include "ngnpro/storage/enum_numbers.hpp"

#include <algorithm>
#include <map>

#include "ngnpro/core/error.hpp"
#include "pg_arrays.hpp"
#include "sip_domain_filter.hpp"
#include "statement.hpp"

namespace ngnpro::storage {

namespace {

// The number with its mappings in one row ({id, type, mapto, priority, ttl} rows in the
// client's order); customer and reseller from the range, joined as d (add_domain_scope).
#define NGNPRO_NUMBER_COLUMNS                                                                        \
  "n.id, n.range_id, n.number, n.tld, n.info, n.owner_id, COALESCE(d.customer_id, 0),"             \
  " COALESCE(d.reseller_id, 0), to_char(n.change_date, 'YYYY-MM-DD HH24:MI:SS'),"                  \
  " ARRAY(SELECT ARRAY[m.id::text, m.type, m.mapto, m.priority::text, m.ttl::text]"                 \
  "       FROM ngnpro.enum_mappings m WHERE m.number_id = n.id ORDER BY m.position)"
#define NGNPRO_NUMBER_FROM " ngnpro.enum_numbers n JOIN ngnpro.enum_ranges d ON d.id = n.range_id"

EnumNumberRow number_from_row(const pqxx::row& row) {
  EnumNumberRow out;
  out.id = row[0].as<std::int64_t>();
  out.range_id = row[1].as<std::int64_t>();
  core::EnumNumber& n = out.number;
  n.id = {row[2].as<std::string>(), row[3].as<std::string>()};
  n.info = row[4].as<std::string>();
  n.owner = row[5].as<std::int64_t>();
  n.range_owner = {row[6].as<std::int64_t>(), row[7].as<std::int64_t>()};
  n.change_date = row[8].as<std::string>();
  for (const auto& m : text_array_rows(row[9]))
    n.mappings.push_back({std::stoll(m.at(0)), m.at(1), m.at(2), std::stoi(m.at(3)), std::stoi(m.at(4))});
  return out;
}

const Statement kFind{"enum_number_find",
                      "SELECT " NGNPRO_NUMBER_COLUMNS " FROM" NGNPRO_NUMBER_FROM " WHERE n.tld = $2 AND n.number = $1"};
const Statement kLock{"enum_number_lock", "SELECT " NGNPRO_NUMBER_COLUMNS " FROM" NGNPRO_NUMBER_FROM
                                          " WHERE n.tld = $2 AND n.number = $1 FOR UPDATE OF n"};
const Statement kInsert{"enum_number_insert",
                        "INSERT INTO ngnpro.enum_numbers (range_id, tld, number, info, owner_id, changed_by, changed_as)"
                        " VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (tld, number) DO NOTHING RETURNING id"};
const Statement kUpdate{"enum_number_update",
                        "UPDATE ngnpro.enum_numbers SET info = $2, owner_id = $3, changed_by = $4, changed_as = $5,"
                        " change_date = now() WHERE id = $1"};
const Statement kDelete{"enum_number_delete", "DELETE FROM ngnpro.enum_numbers WHERE id = $1"};
const Statement kDeleteMappings{"enum_mappings_delete", "DELETE FROM ngnpro.enum_mappings WHERE number_id = $1"};
// The whole list in one statement, so that the schema publishes the NAPTR set once. An id of 0
// asks for a new one; positions keep the client's order.
const Statement kAddMappings{
    "enum_mappings_add",
    "INSERT INTO ngnpro.enum_mappings (id, number_id, position, type, service, mapto, priority, ttl)"
    " SELECT COALESCE(NULLIF(u.id, 0), nextval('ngnpro.enum_mappings_id_seq')), $1, u.position - 1, u.type,"
    " u.service, u.mapto, u.priority, u.ttl"
    " FROM unnest($2::bigint[], $3::text[], $4::text[], $5::text[], $6::integer[], $7::integer[])"
    " WITH ORDINALITY AS u(id, type, service, mapto, priority, ttl, position)"};

void insert_mappings(Tx& tx, std::int64_t number_id, const std::vector<core::EnumMapping>& mappings) {
  if (mappings.empty()) return;
  using M = core::EnumMapping;
  exec(tx, kAddMappings, number_id, array_literal(mappings, [](const M& m) { return std::to_string(m.id); }),
       array_literal(mappings, [](const M& m) { return m.type; }), array_literal(mappings, [](const M& m) {
         const core::EnumService* service = core::find_enum_service(m.type);
         if (service == nullptr)  // the service validated it; never publish a guess
           throw core::Error{core::ErrorCode::kEnumMappingInvalid, "unknown ENUM mapping type"};
         return std::string{service->naptr_service};
       }),
       array_literal(mappings, [](const M& m) { return m.mapto; }),
       array_literal(mappings, [](const M& m) { return std::to_string(m.priority); }),
       array_literal(mappings, [](const M& m) { return std::to_string(m.ttl); }));
}

bool same_mappings(const std::vector<core::EnumMapping>& a, const std::vector<core::EnumMapping>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const core::EnumMapping& x, const core::EnumMapping& y) {
    return x.id == y.id && x.type == y.type && x.mapto == y.mapto && x.priority == y.priority && x.ttl == y.ttl;
  });
}

Order order_by(const std::string& attribute) {
  static const std::map<std::string, Order> kOrders = {
      {"changeDate", {"n.change_date", "n.id"}}, {"number", {"n.number", "n.tld"}},
      {"tld", {"n.tld", "n.number"}},            {"owner", {"n.owner_id", "n.id"}},
      {"info", {"n.info", "n.id"}}};
  return order_of(kOrders, attribute, {"n.tld", "n.number"});
}

}  // namespace

std::optional<EnumNumberRow> find_enum_number(Tx& tx, const core::EnumId& id, bool lock) {
  const pqxx::result r = exec(tx, lock ? kLock : kFind, id.number, id.tld);
  if (r.empty()) return std::nullopt;
  return number_from_row(r[0]);
}

core::Page<core::EnumNumber> list_enum_numbers(Tx& tx, const core::EnumNumberQuery& q, const Scope& scope) {
  SqlBuilder where;
  // An exact number or tld is an equality, which the (tld, number) index answers.
  for (const auto& [column, pattern] : {std::pair{"n.number", &q.number}, {"n.tld", &q.tld}}) {
    if (!pattern->empty() && SqlBuilder::is_exact(*pattern))
      where.equals(column, *pattern);
    else
      where.like(column, *pattern);
  }
  // One mapping must match both the type and the mapto (api §4.4); mapto is a substring.
  if (!q.type.empty() || !q.mapto.empty()) {
    std::string exists = "EXISTS (SELECT 1 FROM ngnpro.enum_mappings m WHERE m.number_id = n.id";
    if (!q.type.empty()) exists += " AND m.type LIKE " + where.like_placeholder(q.type);
    if (!q.mapto.empty()) exists += " AND m.mapto LIKE '%' || " + where.like_placeholder(q.mapto) + " || '%'";
    where.condition(exists + ")");
  }
  if (q.owner != 0) where.equals("n.owner_id", q.owner);
  if (q.customer != 0) where.equals("d.customer_id", q.customer);
  if (q.reseller != 0) where.equals("d.reseller_id", q.reseller);
  add_domain_scope(where, scope);
  core::Page<core::EnumNumber> page;
  page.total = where.count(tx, NGNPRO_NUMBER_FROM);
  for (const auto& row : where.select(tx, NGNPRO_NUMBER_COLUMNS, NGNPRO_NUMBER_FROM, order_by(q.order_by.attribute),
                                      q.order_by.descending, q.range))
    page.rows.push_back(number_from_row(row).number);
  return page;
}

void insert_enum_number(Tx& tx, std::int64_t range_id, const core::EnumNumber& n, const Audit& audit) {
  const pqxx::result r =
      exec(tx, kInsert, range_id, n.id.tld, n.id.number, n.info, n.owner, audit.login, audit.acting_as);
  if (r.empty()) throw core::Error{core::ErrorCode::kEnumNumberExists, "ENUM number " + n.id.text() + " already exists"};
  std::vector<core::EnumMapping> fresh = n.mappings;
  for (auto& m : fresh) m.id = 0;
  insert_mappings(tx, r[0][0].as<std::int64_t>(), fresh);
}

void update_enum_number(Tx& tx, const EnumNumberRow& stored, const core::EnumNumber& n, const Audit& audit) {
  exec(tx, kUpdate, stored.id, n.info, n.owner, audit.login, audit.acting_as);
  std::vector<core::EnumMapping> mappings = n.mappings;
  std::vector<std::int64_t> unclaimed;
  for (const auto& m : stored.number.mappings) unclaimed.push_back(m.id);
  for (auto& m : mappings) {
    const auto it = std::find(unclaimed.begin(), unclaimed.end(), m.id);
    if (it == unclaimed.end()) {
      m.id = 0;  // not one of this number's: a new mapping (ids are never taken from another number)
    } else {
      unclaimed.erase(it);
    }
  }
  if (same_mappings(mappings, stored.number.mappings)) return;
  exec(tx, kDeleteMappings, stored.id);
  insert_mappings(tx, stored.id, mappings);
}

void delete_enum_number(Tx& tx, std::int64_t id) { exec(tx, kDelete, id); }

}  // namespace ngnpro::storage
