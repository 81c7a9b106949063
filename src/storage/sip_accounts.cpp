#include "ngnpro/storage/sip_accounts.hpp"

#include <map>

#include "ngnpro/core/error.hpp"
#include "statement.hpp"
#include "pg_arrays.hpp"
#include "sip_domain_filter.hpp"

namespace ngnpro::storage {

namespace {

// The account with its lists, in one row: groups as text[], ACL entries and properties as
// text[][] rows ({ip, mask, tag}, {name, value}), each in stored order.
#define NGNPRO_ACCOUNT_COLUMNS                                                                                 \
  "a.id, a.domain_id, a.username, d.domain, a.clear_password, a.first_name, a.last_name, a.email, a.timezone," \
  " a.rpid, a.quota, a.quickdial_prefix, a.call_limit, a.prepaid, a.region, a.timeout, a.owner_id,"           \
  " COALESCE(d.customer_id, 0), COALESCE(d.reseller_id, 0),"                                                \
  " to_char(a.change_date, 'YYYY-MM-DD HH24:MI:SS'), to_char(a.create_date, 'YYYY-MM-DD HH24:MI:SS'),"       \
  " ARRAY(SELECT g.name FROM ngnpro.sip_account_groups g WHERE g.account_id = a.id ORDER BY g.name),"        \
  " ARRAY(SELECT ARRAY[l.ip, l.mask::text, l.tag] FROM ngnpro.sip_account_acls l"                           \
  "       WHERE l.account_id = a.id ORDER BY l.position),"                                                     \
  " ARRAY(SELECT ARRAY[p.name, p.value] FROM ngnpro.sip_account_properties p"                               \
  "       WHERE p.account_id = a.id ORDER BY p.position)"
#define NGNPRO_ACCOUNT_FROM " ngnpro.sip_accounts a JOIN ngnpro.sip_domains d ON d.id = a.domain_id"
// A list total without conditions on the accounts themselves: the domains' counts (schema/006).
#define NGNPRO_ACCOUNT_COUNTS_FROM                                                        \
  " ngnpro.sip_domains d JOIN ngnpro.record_counts c"                                     \
  " ON c.kind = 'sip_account' AND c.level = 'domain' AND c.holder_id = d.id"

SipAccountRow account_from_row(const pqxx::row& row) {
  SipAccountRow out;
  out.id = row[0].as<std::int64_t>();
  out.domain_id = row[1].as<std::int64_t>();
  core::SipAccount& a = out.account;
  a.id = {row[2].as<std::string>(), row[3].as<std::string>()};
  a.password = row[4].as<std::string>();
  a.first_name = row[5].as<std::string>();
  a.last_name = row[6].as<std::string>();
  a.email = row[7].as<std::string>();
  a.timezone = row[8].as<std::string>();
  a.rpid = row[9].as<std::string>();
  a.quota = row[10].as<std::int64_t>();
  a.quickdial_prefix = row[11].as<std::string>();
  a.call_limit = row[12].as<int>();
  a.prepaid = row[13].as<bool>();
  a.region = row[14].as<std::string>();
  a.timeout = row[15].as<int>();
  a.owner = row[16].as<std::int64_t>();
  a.domain_owner = {row[17].as<std::int64_t>(), row[18].as<std::int64_t>()};
  a.change_date = row[19].as<std::string>();
  a.create_date = row[20].as<std::string>();
  a.groups = text_array(row[21]);
  for (auto& acl : text_array_rows(row[22])) a.acl.push_back({acl.at(0), std::stoi(acl.at(1)), acl.at(2)});
  for (auto& p : text_array_rows(row[23])) a.properties.push_back({p.at(0), p.at(1)});
  return out;
}

const Statement kFind{"sip_account_find", "SELECT " NGNPRO_ACCOUNT_COLUMNS " FROM" NGNPRO_ACCOUNT_FROM
                                          " WHERE d.domain = $2 AND a.username = $1"};
const Statement kLock{"sip_account_lock", "SELECT " NGNPRO_ACCOUNT_COLUMNS " FROM" NGNPRO_ACCOUNT_FROM
                                          " WHERE d.domain = $2 AND a.username = $1 FOR UPDATE OF a"};
const Statement kExists{"sip_account_exists",
                        "SELECT EXISTS (SELECT 1 FROM ngnpro.sip_accounts WHERE domain_id = $1 AND username = $2)"};
const Statement kMaxNumeric{"sip_account_max_numeric",
                            "SELECT COALESCE(max(username::numeric), 0) FROM ngnpro.sip_accounts"
                            " WHERE domain_id = $1 AND username ~ '^[0-9]{1,18}$'"};
const Statement kInsert{
    "sip_account_insert",
    "INSERT INTO ngnpro.sip_accounts (domain_id, username, ha1, ha1b, clear_password, first_name, last_name,"
    " email, timezone, rpid, quota, quickdial_prefix, call_limit, prepaid, region, timeout, owner_id,"
    " changed_by, changed_as)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)"
    " ON CONFLICT (domain_id, username) DO NOTHING RETURNING id"};
const Statement kUpdate{
    "sip_account_update",
    "UPDATE ngnpro.sip_accounts SET ha1 = COALESCE($2, ha1), ha1b = COALESCE($3, ha1b),"
    " clear_password = COALESCE($4, clear_password), first_name = $5, last_name = $6, email = $7,"
    " timezone = $8, rpid = $9, quota = $10, quickdial_prefix = $11, call_limit = $12, prepaid = $13,"
    " region = $14, timeout = $15, owner_id = $16, changed_by = $17, changed_as = $18, change_date = now()"
    " WHERE id = $1"};
const Statement kTouch{"sip_account_touch",
                       "UPDATE ngnpro.sip_accounts SET change_date = now(), changed_by = $2, changed_as = $3"
                       " WHERE id = $1"};
const Statement kDelete{"sip_account_delete", "DELETE FROM ngnpro.sip_accounts WHERE id = $1"};
const Statement kDeleteGroups{"sip_account_groups_delete",
                              "DELETE FROM ngnpro.sip_account_groups WHERE account_id = $1"};
const Statement kDeleteAcls{"sip_account_acls_delete", "DELETE FROM ngnpro.sip_account_acls WHERE account_id = $1"};
const Statement kDeleteProperties{"sip_account_properties_delete",
                                  "DELETE FROM ngnpro.sip_account_properties WHERE account_id = $1"};
const Statement kAddGroup{"sip_account_group_add",
                          "INSERT INTO ngnpro.sip_account_groups (account_id, name) VALUES ($1, $2)"
                          " ON CONFLICT DO NOTHING RETURNING account_id"};
const Statement kRemoveGroup{"sip_account_group_remove",
                             "DELETE FROM ngnpro.sip_account_groups WHERE account_id = $1 AND name = $2"
                             " RETURNING account_id"};
// Whole lists in one statement each; positions keep the client's order (api §5.5).
const Statement kAddGroups{"sip_account_groups_add",
                           "INSERT INTO ngnpro.sip_account_groups (account_id, name)"
                           " SELECT DISTINCT $1::bigint, u.name FROM unnest($2::text[]) AS u(name)"};
const Statement kAddAcls{"sip_account_acls_add",
                         "INSERT INTO ngnpro.sip_account_acls (account_id, position, ip, mask, tag)"
                         " SELECT $1, u.position - 1, u.ip, u.mask, u.tag"
                         " FROM unnest($2::text[], $3::integer[], $4::text[])"
                         " WITH ORDINALITY AS u(ip, mask, tag, position)"};
const Statement kAddProperties{
    "sip_account_properties_add",
    "INSERT INTO ngnpro.sip_account_properties (account_id, position, name, value)"
    " SELECT $1, u.position - 1, u.name, u.value"
    " FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS u(name, value, position)"};

void insert_sip_account_lists(Tx& tx, std::int64_t id, const core::SipAccount& a) {
  if (!a.groups.empty()) exec(tx, kAddGroups, id, array_literal(a.groups, [](const std::string& g) { return g; }));
  if (!a.acl.empty())
    exec(tx, kAddAcls, id, array_literal(a.acl, [](const core::SubscriberAcl& l) { return l.ip; }),
         array_literal(a.acl, [](const core::SubscriberAcl& l) { return std::to_string(l.mask); }),
         array_literal(a.acl, [](const core::SubscriberAcl& l) { return l.tag; }));
  if (!a.properties.empty())
    exec(tx, kAddProperties, id, array_literal(a.properties, [](const core::NameValue& p) { return p.name; }),
         array_literal(a.properties, [](const core::NameValue& p) { return p.value; }));
}

// Each order is an index order once the domain is fixed, so a domain's page walks
// (domain_id, username) or (domain_id, change_date, id) and stops after the page (schema/007).
Order order_by(const std::string& attribute) {
  static const std::map<std::string, Order> kOrders = {
      {"changeDate", {"a.change_date", "a.id"}}, {"username", {"a.username", "a.domain_id"}},
      {"domain", {"d.domain", "a.username"}},    {"firstName", {"a.first_name", "a.id"}},
      {"lastName", {"a.last_name", "a.id"}},     {"email", {"a.email", "a.id"}},
      {"owner", {"a.owner_id", "a.id"}},         {"createDate", {"a.create_date", "a.id"}}};
  return order_of(kOrders, attribute, {"a.id", "a.id"});
}

}  // namespace

std::optional<SipAccountRow> find_sip_account(Tx& tx, const core::SipAddress& address,
                                              bool lock) {
  const pqxx::result r = exec(tx, lock ? kLock : kFind, address.username, address.domain);
  if (r.empty()) return std::nullopt;
  return account_from_row(r[0]);
}

bool sip_account_exists(Tx& tx, std::int64_t domain_id, const std::string& username) {
  return exec(tx, kExists, domain_id, username)[0][0].as<bool>();
}

core::Page<core::SipAccount> list_sip_accounts(Tx& tx, const core::SipAccountQuery& q,
                                               const Scope& scope) {
  SqlBuilder where;
  add_domain_conditions(where, q.domain, q.customer, q.reseller, scope);
  const std::size_t domain_conditions = where.size();

  where.like("a.username", q.username);
  where.like("a.first_name", q.first_name);
  where.like("a.last_name", q.last_name);
  where.like("a.email", q.email);
  if (q.owner != 0) where.equals("a.owner_id", q.owner);
  // Members of every group named (api §4.2.2).
  for (const auto& group : q.groups)
    where.add("EXISTS (SELECT 1 FROM ngnpro.sip_account_groups g WHERE g.account_id = a.id AND g.name = $", group,
              ")");

  core::Page<core::SipAccount> page;
  page.total = where.size() == domain_conditions
                   ? where.scalar(tx, "COALESCE(sum(c.n), 0)::bigint", NGNPRO_ACCOUNT_COUNTS_FROM)
                   : where.count(tx, NGNPRO_ACCOUNT_FROM);
  for (const auto& row : where.select(tx, NGNPRO_ACCOUNT_COLUMNS, NGNPRO_ACCOUNT_FROM,
                                      order_by(q.order_by.attribute), q.order_by.descending, q.range))
    page.rows.push_back(account_from_row(row).account);
  return page;
}

std::int64_t max_numeric_username(Tx& tx, std::int64_t domain_id) {
  return exec(tx, kMaxNumeric, domain_id)[0][0].as<std::int64_t>();
}

std::int64_t insert_sip_account(Tx& tx, std::int64_t domain_id, const core::SipAccount& a,
                                const SipCredentials& c, const Audit& audit) {
  const pqxx::result r =
      exec(tx, kInsert, domain_id, a.id.username, c.ha1, c.ha1b, c.clear, a.first_name, a.last_name, a.email,
           a.timezone, a.rpid, a.quota, a.quickdial_prefix, a.call_limit, a.prepaid, a.region, a.timeout, a.owner,
           audit.login, audit.acting_as);
  if (r.empty())
    throw core::Error{core::ErrorCode::kSipAccountExists, "SIP account " + a.id.text() + " already exists"};
  const std::int64_t id = r[0][0].as<std::int64_t>();
  insert_sip_account_lists(tx, id, a);
  return id;
}

void update_sip_account(Tx& tx, std::int64_t id, const core::SipAccount& a,
                        const std::optional<SipCredentials>& c, const Audit& audit) {
  std::optional<std::string> ha1, ha1b, clear;
  if (c) ha1 = c->ha1, ha1b = c->ha1b, clear = c->clear;
  exec(tx, kUpdate, id, ha1, ha1b, clear, a.first_name, a.last_name, a.email, a.timezone, a.rpid, a.quota,
       a.quickdial_prefix, a.call_limit, a.prepaid, a.region, a.timeout, a.owner, audit.login, audit.acting_as);
  replace_sip_account_lists(tx, id, a);
}

void delete_sip_account(Tx& tx, std::int64_t id) { exec(tx, kDelete, id); }

void touch_sip_account(Tx& tx, std::int64_t id, const Audit& audit) {
  exec(tx, kTouch, id, audit.login, audit.acting_as);
}

void replace_sip_account_lists(Tx& tx, std::int64_t id, const core::SipAccount& a) {
  exec(tx, kDeleteGroups, id);
  exec(tx, kDeleteAcls, id);
  exec(tx, kDeleteProperties, id);
  insert_sip_account_lists(tx, id, a);
}

bool add_sip_account_group(Tx& tx, std::int64_t id, const std::string& group) {
  return !exec(tx, kAddGroup, id, group).empty();
}

bool remove_sip_account_group(Tx& tx, std::int64_t id, const std::string& group) {
  return !exec(tx, kRemoveGroup, id, group).empty();
}

}  // namespace ngnpro::storage

namespace ngnpro::storage {

void lock_sip_address(Tx& tx, std::int64_t domain_id, const std::string& username) {
  static const Statement kLockAddress{"sip_address_lock", "SELECT pg_advisory_xact_lock(hashtext($1))"};
  exec(tx, kLockAddress, std::to_string(domain_id) + "/" + username);
}

void delete_sip_aliases_for_target(Tx& tx, const core::SipAddress& target) {
  static const Statement kDeleteByTarget{
      "sip_aliases_delete_by_target",
      "DELETE FROM ngnpro.sip_aliases WHERE target_username = $1 AND target_domain = $2"};
  exec(tx, kDeleteByTarget, target.username, target.domain);
}

}  // namespace ngnpro::storage
