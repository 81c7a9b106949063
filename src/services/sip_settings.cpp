// Per-subscriber settings of a SIP account (api §4.2.6, §5.8, §8.11, §8.12): diversions, accept
// rules, reject list, barring prefixes, phonebook. Visibility is the account's; a customer may
// change its own. Each write is one transaction under the account's row lock; Kamailio's copies
// follow by trigger in the same transaction (schema/019).
#include <algorithm>

#include "ngnpro/core/error.hpp"
#include "ngnpro/core/sip_settings.hpp"
#include "ngnpro/core/text_limits.hpp"
#include "ngnpro/services/sip_provisioning.hpp"
#include "ngnpro/storage/sip_settings.hpp"
#include "ownership.hpp"
#include "sip_validation.hpp"

namespace ngnpro::services {

namespace {

using core::Error;
using core::ErrorCode;

[[noreturn]] void invalid(const std::string& message) { throw Error{ErrorCode::kInvalidArgument, message}; }

storage::SipAccountRef require_account(storage::Tx& tx, const Caller& caller, const core::SipAddress& id,
                                       bool lock) {
  const auto ref = storage::find_sip_account_ref(tx, id, lock);
  if (!ref) throw Error{ErrorCode::kSipAccountNotFound, "SIP account " + core::excerpt(id.text()) + " does not exist"};
  require_visible(caller, ref->owner, "SIP account " + core::excerpt(id.text()));
  return *ref;
}

template <class F>
void write_settings(storage::Database& db, const Caller& caller, const core::SipAddress& id, F&& f) {
  db.write([&](storage::Tx& tx) { f(tx, require_account(tx, caller, id, true).id); });
}

template <class F>
auto read_settings(storage::Database& db, const Caller& caller, const core::SipAddress& id, F&& f) {
  return db.read([&](storage::Tx& tx) { return f(tx, require_account(tx, caller, id, false).id); });
}

void require_count(std::size_t n, std::size_t max, const char* what) {
  if (n > max) invalid(std::string(what) + ": at most " + std::to_string(max) + " per account");
}

// everybody, nobody or a phonebook group name (api §8.12).
std::vector<std::string> rule_groups(const std::vector<std::string>& groups, const char* what) {
  require_count(groups.size(), core::kMaxAcceptRuleGroups, what);
  for (const auto& g : groups) require_short_name(g, what);
  return groups;
}

void require_phonebook_uri(const std::string& uri) {
  if (uri.empty()) invalid("phonebook entry uri is required");
  core::require_length(uri, core::kMaxTextBytes, "phonebook entry uri");
}

core::PhonebookEntry checked_entry(const core::PhonebookEntry& e) {
  require_phonebook_uri(e.uri);
  core::require_length(e.name, core::kMaxTextBytes, "phonebook entry name");
  if (!e.group.empty()) require_short_name(e.group, "phonebook entry group");
  return e;
}

}  // namespace

void SipProvisioning::set_call_diversions(const Caller& caller, const core::SipAddress& id,
                                          const std::vector<core::CallDiversion>& requested) {
  std::vector<core::CallDiversion> diversions;
  for (const auto& d : requested) {
    const std::string member = std::string(d.redirect ? "R" : "F") + d.condition;
    // api §8.11: empty clears the condition; the whole set is replaced.
    if (std::all_of(d.target.begin(), d.target.end(), [](char c) { return c == ' ' || c == '\t'; })) continue;
    core::CallDiversion out = d;
    out.target = diversion_target(d.target, member.c_str());
    if (out.redirect && out.target == core::kVoiceMailbox)
      invalid(member + ": <voice-mailbox> is a forward target (F...), not a redirect");
    diversions.push_back(std::move(out));
  }
  write_settings(db_, caller, id, [&](storage::Tx& tx, std::int64_t account) {
    storage::replace_call_diversions(tx, account, diversions);
  });
}

std::vector<core::CallDiversion> SipProvisioning::call_diversions(const Caller& caller, const core::SipAddress& id) {
  return read_settings(db_, caller, id,
                       [&](storage::Tx& tx, std::int64_t account) { return storage::call_diversions(tx, account); });
}

void SipProvisioning::set_accept_rules(const Caller& caller, const core::SipAddress& id, const core::AcceptRules& rules) {
  require_count(rules.persistent.size(), core::kMaxAcceptRules, "accept rules");
  std::vector<storage::StoredAcceptRule> persistent;
  for (const auto& r : rules.persistent) {
    if (!r.days) invalid("accept rule days is required");
    if (*r.days < 0 || *r.days > 127) invalid("accept rule days " + std::to_string(*r.days) + " is not 0..127");
    // A rule without groups would silently refuse every caller in its hours (a toolkit that
    // drops a nested array sends exactly that): the client must say "nobody".
    if (r.groups.empty()) invalid("an accept rule needs groups (everybody, nobody or phonebook groups)");
    persistent.push_back({*r.days, minutes_of_day(r.start, "accept rule start"),
                          minutes_of_day(r.stop, "accept rule stop"), rule_groups(r.groups, "accept rule groups")});
  }
  const int minutes = rules.temporary.duration;
  if (minutes < 0 || minutes > core::kMaxTemporaryMinutes)
    invalid("temporary rule duration " + std::to_string(minutes) + " is not 0.." +
            std::to_string(core::kMaxTemporaryMinutes) + " minutes");
  const auto temporary = rule_groups(rules.temporary.groups, "temporary rule groups");
  if (minutes > 0 && temporary.empty()) invalid("a temporary rule needs groups (e.g. nobody)");
  write_settings(db_, caller, id, [&](storage::Tx& tx, std::int64_t account) {
    storage::replace_accept_rules(tx, account, persistent, temporary, minutes);
  });
}

core::AcceptRulesResult SipProvisioning::accept_rules(const Caller& caller, const core::SipAddress& id) {
  return read_settings(db_, caller, id, [&](storage::Tx& tx, std::int64_t account) {
    const auto stored = storage::accept_rules(tx, account);
    core::AcceptRulesResult out;
    for (const auto& r : stored.persistent)
      out.rules.persistent.push_back({r.days, hhmm(r.start_minute), hhmm(r.stop_minute), r.groups});
    // No rule running reads as the client's "off": {everybody, 0} (api §8.12).
    out.rules.temporary = stored.minutes_left > 0 ? core::TemporaryAcceptRule{stored.temporary_groups, stored.minutes_left}
                                                  : core::TemporaryAcceptRule{{"everybody"}, 0};
    out.non_empty_groups = {"everybody", "nobody"};
    for (auto& g : storage::phonebook_groups(tx, account))
      if (g != "everybody" && g != "nobody") out.non_empty_groups.push_back(std::move(g));
    return out;
  });
}

void SipProvisioning::set_reject_members(const Caller& caller, const core::SipAddress& id,
                                         const std::vector<std::string>& members) {
  require_count(members.size(), core::kMaxRejectMembers, "reject members");
  std::vector<std::string> uris;
  for (const auto& m : members) uris.push_back(reject_member(m));
  write_settings(db_, caller, id, [&](storage::Tx& tx, std::int64_t account) {
    storage::replace_reject_members(tx, account, uris);
  });
}

std::vector<std::string> SipProvisioning::reject_members(const Caller& caller, const core::SipAddress& id) {
  return read_settings(db_, caller, id,
                       [&](storage::Tx& tx, std::int64_t account) { return storage::reject_members(tx, account); });
}

void SipProvisioning::set_barring_prefixes(const Caller& caller, const core::SipAddress& id,
                                           const std::vector<std::string>& prefixes) {
  require_count(prefixes.size(), core::kMaxBarringPrefixes, "barring prefixes");
  for (const auto& p : prefixes) require_barring_prefix(p);
  write_settings(db_, caller, id, [&](storage::Tx& tx, std::int64_t account) {
    storage::replace_barring_prefixes(tx, account, prefixes);
  });
}

std::vector<std::string> SipProvisioning::barring_prefixes(const Caller& caller, const core::SipAddress& id) {
  return read_settings(db_, caller, id,
                       [&](storage::Tx& tx, std::int64_t account) { return storage::barring_prefixes(tx, account); });
}

void SipProvisioning::add_phonebook_entry(const Caller& caller, const core::SipAddress& id,
                                          const core::PhonebookEntry& entry) {
  const auto e = checked_entry(entry);
  write_settings(db_, caller, id, [&](storage::Tx& tx, std::int64_t account) {
    if (storage::phonebook_size(tx, account) >= core::kMaxPhonebookEntries)
      invalid("phonebook: at most " + std::to_string(core::kMaxPhonebookEntries) + " entries per account");
    storage::insert_phonebook_entry(tx, account, e);
  });
}

void SipProvisioning::update_phonebook_entry(const Caller& caller, const core::SipAddress& id,
                                             const core::PhonebookEntry& entry) {
  const auto e = checked_entry(entry);
  write_settings(db_, caller, id,
                 [&](storage::Tx& tx, std::int64_t account) { storage::update_phonebook_entry(tx, account, e); });
}

void SipProvisioning::delete_phonebook_entry(const Caller& caller, const core::SipAddress& id, const std::string& uri) {
  require_phonebook_uri(uri);
  write_settings(db_, caller, id,
                 [&](storage::Tx& tx, std::int64_t account) { storage::delete_phonebook_entry(tx, account, uri); });
}

core::Page<core::PhonebookEntry> SipProvisioning::phonebook_entries(const Caller& caller, const core::SipAddress& id,
                                                                    const core::PhonebookQuery& query) {
  return read_settings(db_, caller, id, [&](storage::Tx& tx, std::int64_t account) {
    return storage::list_phonebook(tx, account, query);
  });
}

}  // namespace ngnpro::services
