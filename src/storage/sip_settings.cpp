#include "ngnpro/storage/sip_settings.hpp"

#include "ngnpro/core/error.hpp"
#include "ngnpro/core/text_limits.hpp"
#include "pg_arrays.hpp"
#include "sql_builder.hpp"
#include "statement.hpp"

namespace ngnpro::storage {

namespace {

std::string text_literal(const std::vector<std::string>& items) {
  return array_literal(items, [](const std::string& s) -> const std::string& { return s; });
}

const Statement kFindRef{"sip_settings_account",
                         "SELECT a.id, COALESCE(d.customer_id, 0), COALESCE(d.reseller_id, 0)"
                         " FROM ngnpro.sip_accounts a JOIN ngnpro.sip_domains d ON d.id = a.domain_id"
                         " WHERE d.domain = $2 AND a.username = $1"};
const Statement kLockRef{"sip_settings_account_lock",
                         "SELECT a.id, COALESCE(d.customer_id, 0), COALESCE(d.reseller_id, 0)"
                         " FROM ngnpro.sip_accounts a JOIN ngnpro.sip_domains d ON d.id = a.domain_id"
                         " WHERE d.domain = $2 AND a.username = $1 FOR NO KEY UPDATE OF a"};

const Statement kDeleteDiversions{"sip_diversions_delete", "DELETE FROM ngnpro.sip_call_diversions WHERE account_id = $1"};
const Statement kInsertDiversions{
    "sip_diversions_insert",
    "INSERT INTO ngnpro.sip_call_diversions (account_id, condition, redirect, target)"
    " SELECT $1, c, r::boolean, t FROM unnest($2::text[], $3::text[], $4::text[]) AS x (c, r, t)"};
// The wire's order: FUNC..FBUS, then RUNC..RBUS.
const Statement kDiversions{"sip_diversions",
                            "SELECT condition, redirect, target FROM ngnpro.sip_call_diversions WHERE account_id = $1"
                            " ORDER BY redirect, array_position(ARRAY['UNC','NOL','UNV','NOA','BUS'], condition)"};

const Statement kDeleteRules{"sip_accept_rules_delete", "DELETE FROM ngnpro.sip_accept_rules WHERE account_id = $1"};
const Statement kInsertRule{"sip_accept_rules_insert",
                            "INSERT INTO ngnpro.sip_accept_rules (account_id, position, days, start_minute, stop_minute, groups)"
                            " VALUES ($1, $2, $3, $4, $5, $6::text[])"};
const Statement kRules{"sip_accept_rules",
                       "SELECT days, start_minute, stop_minute, groups FROM ngnpro.sip_accept_rules"
                       " WHERE account_id = $1 ORDER BY position"};
const Statement kDeleteTemporary{"sip_accept_temporary_delete",
                                 "DELETE FROM ngnpro.sip_accept_temporary WHERE account_id = $1"};
const Statement kInsertTemporary{"sip_accept_temporary_insert",
                                 "INSERT INTO ngnpro.sip_accept_temporary (account_id, groups, until)"
                                 " VALUES ($1, $2::text[], now() + make_interval(mins => $3::integer))"};
// Minutes left, rounded up, so a rule set for N minutes reads N right after it is set.
const Statement kTemporary{"sip_accept_temporary",
                           "SELECT groups, ceil(extract(epoch FROM until - now()) / 60)::integer"
                           " FROM ngnpro.sip_accept_temporary WHERE account_id = $1 AND until > now()"};
const Statement kPhonebookGroups{"sip_phonebook_groups",
                                 "SELECT DISTINCT grp FROM ngnpro.sip_phonebook WHERE account_id = $1 AND grp <> ''"
                                 " ORDER BY grp"};

const Statement kDeleteReject{"sip_reject_delete", "DELETE FROM ngnpro.sip_reject_members WHERE account_id = $1"};
const Statement kInsertReject{"sip_reject_insert",
                              "INSERT INTO ngnpro.sip_reject_members (account_id, uri)"
                              " SELECT DISTINCT $1::bigint, u FROM unnest($2::text[]) AS u"};
const Statement kReject{"sip_reject", "SELECT uri FROM ngnpro.sip_reject_members WHERE account_id = $1 ORDER BY uri"};
const Statement kDeleteBarring{"sip_barring_delete", "DELETE FROM ngnpro.sip_barring_prefixes WHERE account_id = $1"};
const Statement kInsertBarring{"sip_barring_insert",
                               "INSERT INTO ngnpro.sip_barring_prefixes (account_id, prefix)"
                               " SELECT DISTINCT $1::bigint, p FROM unnest($2::text[]) AS p"};
const Statement kBarring{"sip_barring",
                         "SELECT prefix FROM ngnpro.sip_barring_prefixes WHERE account_id = $1 ORDER BY prefix"};

const Statement kPhonebookSize{"sip_phonebook_size", "SELECT count(*) FROM ngnpro.sip_phonebook WHERE account_id = $1"};
const Statement kInsertEntry{"sip_phonebook_insert",
                             "INSERT INTO ngnpro.sip_phonebook (account_id, uri, name, grp) VALUES ($1, $2, $3, $4)"
                             " ON CONFLICT (account_id, uri) DO NOTHING RETURNING 1"};
const Statement kUpdateEntry{"sip_phonebook_update",
                             "UPDATE ngnpro.sip_phonebook SET name = $3, grp = $4 WHERE account_id = $1 AND uri = $2"
                             " RETURNING 1"};
const Statement kDeleteEntry{"sip_phonebook_delete",
                             "DELETE FROM ngnpro.sip_phonebook WHERE account_id = $1 AND uri = $2 RETURNING 1"};

std::vector<std::string> strings(const pqxx::result& r) {
  std::vector<std::string> out;
  out.reserve(r.size());
  for (const auto& row : r) out.push_back(row[0].as<std::string>());
  return out;
}

}  // namespace

std::optional<SipAccountRef> find_sip_account_ref(Tx& tx, const core::SipAddress& address, bool lock) {
  const pqxx::result r = exec(tx, lock ? kLockRef : kFindRef, address.username, address.domain);
  if (r.empty()) return std::nullopt;
  return SipAccountRef{r[0][0].as<std::int64_t>(), {r[0][1].as<std::int64_t>(), r[0][2].as<std::int64_t>()}};
}

void replace_call_diversions(Tx& tx, std::int64_t account, const std::vector<core::CallDiversion>& diversions) {
  exec(tx, kDeleteDiversions, account);
  if (diversions.empty()) return;
  std::vector<std::string> conditions, redirects, targets;
  for (const auto& d : diversions) {
    conditions.push_back(d.condition);
    redirects.push_back(d.redirect ? "t" : "f");
    targets.push_back(d.target);
  }
  exec(tx, kInsertDiversions, account, text_literal(conditions), text_literal(redirects), text_literal(targets));
}

std::vector<core::CallDiversion> call_diversions(Tx& tx, std::int64_t account) {
  std::vector<core::CallDiversion> out;
  for (const auto& row : exec(tx, kDiversions, account))
    out.push_back({row[0].as<std::string>(), row[1].as<bool>(), row[2].as<std::string>()});
  return out;
}

void replace_accept_rules(Tx& tx, std::int64_t account, const std::vector<StoredAcceptRule>& persistent,
                          const std::vector<std::string>& temporary_groups, int minutes) {
  exec(tx, kDeleteRules, account);
  int position = 0;
  for (const auto& r : persistent)
    exec(tx, kInsertRule, account, position++, r.days, r.start_minute, r.stop_minute, text_literal(r.groups));
  exec(tx, kDeleteTemporary, account);
  if (minutes > 0) exec(tx, kInsertTemporary, account, text_literal(temporary_groups), minutes);
}

StoredAcceptRules accept_rules(Tx& tx, std::int64_t account) {
  StoredAcceptRules out;
  for (const auto& row : exec(tx, kRules, account))
    out.persistent.push_back({row[0].as<int>(), row[1].as<int>(), row[2].as<int>(), text_array(row[3])});
  const pqxx::result t = exec(tx, kTemporary, account);
  if (!t.empty()) {
    out.temporary_groups = text_array(t[0][0]);
    out.minutes_left = t[0][1].as<int>();
  }
  return out;
}

std::vector<std::string> phonebook_groups(Tx& tx, std::int64_t account) {
  return strings(exec(tx, kPhonebookGroups, account));
}

void replace_reject_members(Tx& tx, std::int64_t account, const std::vector<std::string>& uris) {
  exec(tx, kDeleteReject, account);
  if (!uris.empty()) exec(tx, kInsertReject, account, text_literal(uris));
}

std::vector<std::string> reject_members(Tx& tx, std::int64_t account) { return strings(exec(tx, kReject, account)); }

void replace_barring_prefixes(Tx& tx, std::int64_t account, const std::vector<std::string>& prefixes) {
  exec(tx, kDeleteBarring, account);
  if (!prefixes.empty()) exec(tx, kInsertBarring, account, text_literal(prefixes));
}

std::vector<std::string> barring_prefixes(Tx& tx, std::int64_t account) {
  return strings(exec(tx, kBarring, account));
}

std::int64_t phonebook_size(Tx& tx, std::int64_t account) {
  return exec(tx, kPhonebookSize, account)[0][0].as<std::int64_t>();
}

void insert_phonebook_entry(Tx& tx, std::int64_t account, const core::PhonebookEntry& e) {
  if (exec(tx, kInsertEntry, account, e.uri, e.name, e.group).empty())
    throw core::Error{core::ErrorCode::kPhonebookEntryExists,
                      "phonebook entry " + core::excerpt(e.uri) + " already exists"};
}

void update_phonebook_entry(Tx& tx, std::int64_t account, const core::PhonebookEntry& e) {
  if (exec(tx, kUpdateEntry, account, e.uri, e.name, e.group).empty())
    throw core::Error{core::ErrorCode::kPhonebookEntryNotFound,
                      "phonebook entry " + core::excerpt(e.uri) + " does not exist"};
}

void delete_phonebook_entry(Tx& tx, std::int64_t account, const std::string& uri) {
  if (exec(tx, kDeleteEntry, account, uri).empty())
    throw core::Error{core::ErrorCode::kPhonebookEntryNotFound,
                      "phonebook entry " + core::excerpt(uri) + " does not exist"};
}

core::Page<core::PhonebookEntry> list_phonebook(Tx& tx, std::int64_t account, const core::PhonebookQuery& q) {
  SqlBuilder where;
  where.equals("p.account_id", account);
  // api §4.2.6: CDRTool sends the same %text% in uri and name; an entry matches on either.
  if (!q.uri.empty() && !q.name.empty())
    where.condition("(p.uri LIKE " + where.like_placeholder(q.uri) + " OR p.name LIKE " +
                    where.like_placeholder(q.name) + ")");
  else {
    where.like("p.uri", q.uri);
    where.like("p.name", q.name);
  }
  if (q.group) where.equals("p.grp", *q.group);
  const char* from = " ngnpro.sip_phonebook p";
  core::Page<core::PhonebookEntry> page;
  page.total = where.count(tx, from);
  for (const auto& row : where.select(tx, "p.uri, p.name, p.grp", from, "p.uri", false, "p.uri", q.range))
    page.rows.push_back({row[0].as<std::string>(), row[1].as<std::string>(), row[2].as<std::string>()});
  return page;
}

}  // namespace ngnpro::storage
