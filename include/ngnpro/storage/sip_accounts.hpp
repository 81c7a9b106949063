// SIP accounts with their groups, ACL and properties (ngnpro.sip_accounts and its lists).
// Customer and reseller come from the account's domain. Functions take the caller's transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ngnpro/core/sip.hpp"
#include "ngnpro/storage/database.hpp"
#include "ngnpro/storage/scope.hpp"

namespace ngnpro::storage {

struct SipCredentials {
  std::string ha1;
  std::string ha1b;
  std::string clear;  // empty unless clear-text passwords are stored
};

struct SipAccountRow {
  std::int64_t id = 0;
  std::int64_t domain_id = 0;
  core::SipAccount account;  // with groups, acl and properties
};

// FOR UPDATE when lock: the account's writers (update, delete, group changes) serialise on it.
std::optional<SipAccountRow> find_sip_account(Tx& tx, const core::SipAddress& address,
                                              bool lock = false);
bool sip_account_exists(Tx& tx, std::int64_t domain_id, const std::string& username);
core::Page<core::SipAccount> list_sip_accounts(Tx& tx, const core::SipAccountQuery& query,
                                               const Scope& scope);
// The largest all-digit user name in the domain (for <autoincrement>, api §8.7), 0 if none.
std::int64_t max_numeric_username(Tx& tx, std::int64_t domain_id);

std::int64_t insert_sip_account(Tx& tx, std::int64_t domain_id, const core::SipAccount& account,
                                const SipCredentials& credentials, const Audit& audit);  //!< 1011
// Every attribute from account; the credentials only when given.
void update_sip_account(Tx& tx, std::int64_t id, const core::SipAccount& account,
                        const std::optional<SipCredentials>& credentials, const Audit& audit);
void delete_sip_account(Tx& tx, std::int64_t id);
void touch_sip_account(Tx& tx, std::int64_t id, const Audit& audit);

// Replace the account's lists with the account's groups, acl and properties.
void replace_sip_account_lists(Tx& tx, std::int64_t id, const core::SipAccount& account);
bool add_sip_account_group(Tx& tx, std::int64_t id, const std::string& group);     //!< false: was a member
bool remove_sip_account_group(Tx& tx, std::int64_t id, const std::string& group);  //!< false: was not

}  // namespace ngnpro::storage

namespace ngnpro::storage {
// Serialises writers of one SIP address, account or alias, so that an alias never shadows an
// account (api §4.2.4) even when both are added at once. Held until the transaction ends.
void lock_sip_address(Tx& tx, std::int64_t domain_id, const std::string& username);
// Deletes the aliases pointing at an account (api §4.2.2 deleteAccount).
void delete_sip_aliases_for_target(Tx& tx, const core::SipAddress& target);
}  // namespace ngnpro::storage
