// Per-subscriber settings (ngnpro.sip_call_diversions, sip_accept_rules, sip_accept_temporary,
// sip_reject_members, sip_barring_prefixes, sip_phonebook; schema/019). Kamailio's copies follow
// by trigger. Functions take the caller's transaction and the account's id.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ngnpro/core/sip.hpp"
#include "ngnpro/core/sip_settings.hpp"
#include "ngnpro/storage/database.hpp"

namespace ngnpro::storage {

// What a settings method needs of the account: its id and the owner it inherits from its domain.
struct SipAccountRef {
  std::int64_t id = 0;
  core::Owner owner;
};
// lock: FOR NO KEY UPDATE, so writers of one account's settings (each replaces a whole set)
// run one after the other, and never beside an update or delete of the account.
std::optional<SipAccountRef> find_sip_account_ref(Tx& tx, const core::SipAddress& address, bool lock);

void replace_call_diversions(Tx& tx, std::int64_t account, const std::vector<core::CallDiversion>& diversions);
std::vector<core::CallDiversion> call_diversions(Tx& tx, std::int64_t account);

struct StoredAcceptRule {
  int days = 0;
  int start_minute = 0;
  int stop_minute = 0;
  std::vector<std::string> groups;
};
struct StoredAcceptRules {
  std::vector<StoredAcceptRule> persistent;
  std::vector<std::string> temporary_groups;  // empty: no temporary rule running
  int minutes_left = 0;
};
// minutes 0: no temporary rule.
void replace_accept_rules(Tx& tx, std::int64_t account, const std::vector<StoredAcceptRule>& persistent,
                          const std::vector<std::string>& temporary_groups, int minutes);
StoredAcceptRules accept_rules(Tx& tx, std::int64_t account);
std::vector<std::string> phonebook_groups(Tx& tx, std::int64_t account);  // non-empty, sorted

void replace_reject_members(Tx& tx, std::int64_t account, const std::vector<std::string>& uris);
std::vector<std::string> reject_members(Tx& tx, std::int64_t account);
void replace_barring_prefixes(Tx& tx, std::int64_t account, const std::vector<std::string>& prefixes);
std::vector<std::string> barring_prefixes(Tx& tx, std::int64_t account);

std::int64_t phonebook_size(Tx& tx, std::int64_t account);
void insert_phonebook_entry(Tx& tx, std::int64_t account, const core::PhonebookEntry& entry);  //!< 1051
void update_phonebook_entry(Tx& tx, std::int64_t account, const core::PhonebookEntry& entry);  //!< 1050
void delete_phonebook_entry(Tx& tx, std::int64_t account, const std::string& uri);             //!< 1050
core::Page<core::PhonebookEntry> list_phonebook(Tx& tx, std::int64_t account, const core::PhonebookQuery& query);

}  // namespace ngnpro::storage
