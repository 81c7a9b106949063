#include "ngnpro/storage/trusted_peers.hpp"

#include "ngnpro/core/text_limits.hpp"

#include <map>

#include "ngnpro/core/error.hpp"
#include "statement.hpp"
#include "sql_builder.hpp"

namespace ngnpro::storage {

namespace {

#define NGNPRO_PEER_COLUMNS                                                                              \
  "p.id, p.ip, p.protocol, p.tag, p.description, p.tags, COALESCE(p.customer_id, 0),"                    \
  " COALESCE(p.reseller_id, 0), p.owner_id, p.call_limit, p.blocked, p.prepaid, p.enum_lookup, p.transit," \
  " p.msteams, p.tenant, p.auth_token, p.carrier_name, p.originator, p.prefix, p.strip, p.billing_id,"    \
  " to_char(p.change_date, 'YYYY-MM-DD HH24:MI:SS')"

// The settable columns in the order of the insert's and update's parameters $2 onwards.
#define NGNPRO_PEER_VALUES(p)                                                                                  \
  p.protocol, p.tag, p.description, p.tags, p.owner_of.customer, p.owner_of.reseller, p.owner, p.call_limit,  \
      p.blocked, p.prepaid, p.enum_lookup, p.transit, p.msteams, p.tenant, p.auth_token, p.carrier_name,       \
      p.originator, p.prefix, p.strip, p.billing_id

TrustedPeerRow peer_from_row(const pqxx::row& row) {
  TrustedPeerRow out;
  out.id = row[0].as<std::int64_t>();
  core::TrustedPeer& p = out.peer;
  p.ip = row[1].as<std::string>();
  p.protocol = row[2].as<std::string>();
  p.tag = row[3].as<std::string>();
  p.description = row[4].as<std::string>();
  p.tags = row[5].as<std::string>();
  p.owner_of = {row[6].as<std::int64_t>(), row[7].as<std::int64_t>()};
  p.owner = row[8].as<std::int64_t>();
  p.call_limit = row[9].as<int>();
  p.blocked = row[10].as<int>();
  p.prepaid = row[11].as<bool>();
  p.enum_lookup = row[12].as<bool>();
  p.transit = row[13].as<bool>();
  p.msteams = row[14].as<bool>();
  p.tenant = row[15].as<std::string>();
  p.auth_token = row[16].as<std::string>();
  p.carrier_name = row[17].as<std::string>();
  p.originator = row[18].as<std::string>();
  p.prefix = row[19].as<std::string>();
  p.strip = row[20].as<int>();
  p.billing_id = row[21].as<std::string>();
  p.change_date = row[22].as<std::string>();
  return out;
}

const Statement kFind{"trusted_peer_find", "SELECT " NGNPRO_PEER_COLUMNS " FROM ngnpro.trusted_peers p WHERE p.ip = $1"};
const Statement kLock{"trusted_peer_lock",
                      "SELECT " NGNPRO_PEER_COLUMNS " FROM ngnpro.trusted_peers p WHERE p.ip = $1 FOR UPDATE"};
const Statement kInsert{
    "trusted_peer_insert",
    "INSERT INTO ngnpro.trusted_peers (ip, protocol, tag, description, tags, customer_id, reseller_id, owner_id,"
    " call_limit, blocked, prepaid, enum_lookup, transit, msteams, tenant, auth_token, carrier_name, originator,"
    " prefix, strip, billing_id, changed_by, changed_as)"
    " VALUES ($1, $2, $3, $4, $5, NULLIF($6, 0), NULLIF($7, 0), $8, $9, $10, $11, $12, $13, $14, $15, $16, $17,"
    " $18, $19, $20, $21, $22, $23) ON CONFLICT (ip) DO NOTHING RETURNING id"};
const Statement kUpdate{
    "trusted_peer_update",
    "UPDATE ngnpro.trusted_peers SET protocol = $2, tag = $3, description = $4, tags = $5,"
    " customer_id = NULLIF($6, 0), reseller_id = NULLIF($7, 0), owner_id = $8, call_limit = $9, blocked = $10,"
    " prepaid = $11, enum_lookup = $12, transit = $13, msteams = $14, tenant = $15, auth_token = $16,"
    " carrier_name = $17, originator = $18, prefix = $19, strip = $20, billing_id = $21, changed_by = $22,"
    " changed_as = $23, change_date = now() WHERE id = $1"};
const Statement kDelete{"trusted_peer_delete", "DELETE FROM ngnpro.trusted_peers WHERE id = $1"};
// One lock for every add: two resellers adding overlapping networks at once cannot both see none.
const Statement kLockAdds{"trusted_peer_lock_adds",
                          "SELECT pg_advisory_xact_lock(hashtext('ngnpro.trusted_peers adds'))"};
// && is inet's "contains or is contained by"; schema/009 gives it a GiST index.
const Statement kOverlapping{"trusted_peer_overlapping",
                             "SELECT EXISTS (SELECT 1 FROM ngnpro.trusted_peers"
                             " WHERE ip::inet && $1::inet AND reseller_id IS DISTINCT FROM $2)"};

const char* order_column(const std::string& attribute) {
  static const std::map<std::string, const char*> kColumns = {
      {"changeDate", "p.change_date"}, {"description", "p.description"}, {"ip", "p.ip"},
      {"tenant", "p.tenant"},          {"tag", "p.tag"}};
  const auto it = kColumns.find(attribute);
  return it == kColumns.end() ? "p.ip" : it->second;
}

}  // namespace

std::optional<TrustedPeerRow> find_trusted_peer(Tx& tx, const std::string& ip, bool lock) {
  const pqxx::result r = exec(tx, lock ? kLock : kFind, ip);
  if (r.empty()) return std::nullopt;
  return peer_from_row(r[0]);
}

core::Page<core::TrustedPeer> list_trusted_peers(Tx& tx, const core::TrustedPeerQuery& q,
                                                 const Scope& scope) {
  SqlBuilder where;
  where.like("p.ip", q.ip);
  where.like("p.description", q.description);
  where.like("p.tenant", q.tenant);
  where.like("p.tags", q.tags);
  where.like("p.billing_id", q.billing_id);
  if (q.msteams_only) where.condition("p.msteams");
  if (q.blocked) where.equals("p.blocked", static_cast<std::int64_t>(*q.blocked));
  if (q.customer != 0) where.equals("p.customer_id", q.customer);
  if (q.reseller != 0) where.equals("p.reseller_id", q.reseller);
  if (scope.reseller) where.equals("p.reseller_id", *scope.reseller);
  if (scope.customer) where.equals("p.customer_id", *scope.customer);
  core::Page<core::TrustedPeer> page;
  page.total = where.count(tx, "ngnpro.trusted_peers p");
  for (const auto& row : where.select(tx, NGNPRO_PEER_COLUMNS, "ngnpro.trusted_peers p",
                                      order_column(q.order_by.attribute), q.order_by.descending, "p.id", q.range))
    page.rows.push_back(peer_from_row(row).peer);
  return page;
}

void insert_trusted_peer(Tx& tx, const core::TrustedPeer& p, const Audit& audit) {
  if (exec(tx, kInsert, p.ip, NGNPRO_PEER_VALUES(p), audit.login, audit.acting_as).empty())
    throw core::Error{core::ErrorCode::kTrustedPeerExists, "trusted peer " + core::excerpt(p.ip) + " already exists"};
}

void lock_trusted_peer_adds(Tx& tx) { exec(tx, kLockAdds); }

bool trusted_peer_overlaps_another_reseller(Tx& tx, const std::string& network, std::int64_t reseller) {
  return exec(tx, kOverlapping, network, reseller)[0][0].as<bool>();
}

void update_trusted_peer(Tx& tx, std::int64_t id, const core::TrustedPeer& p, const Audit& audit) {
  exec(tx, kUpdate, id, NGNPRO_PEER_VALUES(p), audit.login, audit.acting_as);
}

void delete_trusted_peer(Tx& tx, std::int64_t id) { exec(tx, kDelete, id); }

}  // namespace ngnpro::storage
