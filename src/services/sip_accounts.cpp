// SIP accounts and their groups (api §4.2.2-4.2.3, §8.5, §8.7-8.9).
#include <algorithm>
#include <utility>

#include "ngnpro/core/digest.hpp"
#include "ngnpro/core/error.hpp"
#include "ngnpro/core/text_limits.hpp"
#include "ngnpro/services/sip_provisioning.hpp"
#include "ngnpro/storage/sip_accounts.hpp"
#include "ngnpro/storage/sip_aliases.hpp"
#include "ngnpro/storage/sip_domains.hpp"
#include "ownership.hpp"
#include "sip_validation.hpp"

namespace ngnpro::services {

namespace {

using core::Error;
using core::ErrorCode;

constexpr const char* kAutoincrement = "<autoincrement>";

bool has(const std::vector<std::string>& groups, const std::string& name) {
  return std::find(groups.begin(), groups.end(), name) != groups.end();
}

void set_membership(std::vector<std::string>& groups, const std::string& name, bool member) {
  groups.erase(std::remove(groups.begin(), groups.end(), name), groups.end());
  if (member) groups.push_back(name);
}

// api §8.7: "digest1:digest2" is taken as ha1:ha1b; anything else is clear text.
storage::SipCredentials credentials_for(const core::SipAddress& id, const std::string& password, bool keep_clear) {
  if (core::is_digest_pair(password)) {
    std::string lower = password;
    std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
    return {lower.substr(0, 32), lower.substr(33), ""};
  }
  return {core::sip_ha1(id.username, id.domain, password), core::sip_ha1b(id.username, id.domain, password),
          keep_clear ? password : ""};
}

// Kamailio's subscriber.password is varchar(64); the clear text goes there when it is kept
// (a ha1:ha1b digest pair, 65 bytes, is never kept as clear text).
constexpr std::size_t kMaxSipPasswordBytes = 64;

// updateAccount replaces every attribute (api §8.9): what is absent becomes empty.
core::SipAccount account_from(const core::SipAccountInput& in) {
  core::SipAccount a;
  a.id = in.id;
  a.first_name = in.first_name.value_or("");
  a.last_name = in.last_name.value_or("");
  a.email = in.email.value_or("");
  a.acl = in.acl.value_or(std::vector<core::SubscriberAcl>{});
  a.groups = in.groups.value_or(std::vector<std::string>{});
  a.properties = in.properties.value_or(std::vector<core::NameValue>{});
  a.timezone = in.timezone.value_or("");
  a.rpid = in.rpid.value_or("");
  a.quota = in.quota.value_or(0);
  a.quickdial_prefix = in.quickdial_prefix.value_or("");
  a.call_limit = in.call_limit.value_or(0);
  a.prepaid = in.prepaid.value_or(false);
  a.region = in.region.value_or("");
  a.timeout = in.timeout.value_or(0);
  a.owner = in.owner.value_or(0);
  require_non_negative(a.quota, "quota");
  require_non_negative(a.call_limit, "callLimit");
  require_non_negative(a.timeout, "timeout");
  for (const auto& [value, field] : {std::pair{&a.first_name, "firstName"}, {&a.last_name, "lastName"},
                                     {&a.email, "email"}, {&a.timezone, "timezone"}, {&a.rpid, "rpid"},
                                     {&a.quickdial_prefix, "quickdialPrefix"}, {&a.region, "region"}})
    core::require_length(*value, core::kMaxTextBytes, field);
  for (const auto& group : a.groups) require_short_name(group, "group");
  for (const auto& acl : a.acl) {
    require_ipv4(acl.ip, "acl ip");
    if (acl.mask < 0 || acl.mask > 32) throw Error{ErrorCode::kInvalidArgument, "acl mask must be 0 to 32"};
    require_short_name(acl.tag, "acl tag");
  }
  for (const auto& p : a.properties) {
    require_short_name(p.name, "property name");
    core::require_length(p.value, core::kMaxValueBytes, "property " + core::excerpt(p.name) + " value");
  }
  if (in.password && !core::is_digest_pair(*in.password))
    core::require_length(*in.password, kMaxSipPasswordBytes, "password");
  return a;
}

// PSTN rights and reserved groups (api §8.5 "PSTN rights", §8.8). stored is the account before
// an update, or nullptr on add. Non-admin callers need their reseller's pstn_access=1 to give
// free-pstn or a quota, and prepaid_changes=1 to choose prepaid; intercept is admin-only; the
// prepaid group always mirrors the prepaid flag.
void apply_rights(storage::Tx& tx, const Caller& caller, core::SipAccount& a,
                  const core::SipAccount* stored) {
  if (!caller.is_admin()) {
    if (!customer_flag(tx, caller.reseller, core::kPstnAccess)) {
      const bool had_free_pstn = stored && has(stored->groups, "free-pstn");
      if (has(a.groups, "free-pstn") && !had_free_pstn)
        throw Error{ErrorCode::kPermissionDenied, "free-pstn needs the reseller's pstn_access"};
      if (a.quota != 0 && a.quota != (stored ? stored->quota : 0))
        throw Error{ErrorCode::kPermissionDenied, "a PSTN quota needs the reseller's pstn_access"};
    }
    const bool prepaid_changes =
        customer_flag(tx, caller.reseller, core::kPrepaidChanges) &&
        (caller.customer == caller.reseller || customer_flag(tx, caller.customer, core::kPrepaidChanges));
    if (!prepaid_changes) a.prepaid = stored ? stored->prepaid : true;
    set_membership(a.groups, "intercept", stored && has(stored->groups, "intercept"));
  }
  set_membership(a.groups, "prepaid", a.prepaid);
}

storage::SipAccountRow require_account(const Caller& caller, std::optional<storage::SipAccountRow> row,
                                       const core::SipAddress& id) {
  if (!row) throw Error{ErrorCode::kSipAccountNotFound, "SIP account " + core::excerpt(id.text()) + " does not exist"};
  require_visible(caller, row->account.domain_owner, "SIP account " + core::excerpt(id.text()));
  return *row;
}

// Who may change one membership through addToGroup/removeFromGroup (api §8.8).
void require_group_change_allowed(storage::Tx& tx, const Caller& caller, const std::string& group,
                                  bool adding) {
  if (group.empty()) throw Error{ErrorCode::kInvalidArgument, "group name is required"};
  require_short_name(group, "group");
  if (group == "prepaid")
    throw Error{ErrorCode::kInvalidArgument, "the prepaid group follows the account's prepaid flag"};
  if (caller.is_admin()) return;
  if (group == "intercept") throw Error{ErrorCode::kPermissionDenied, "the intercept group is the admin's"};
  if (caller.role == Role::kCustomer && (group == "blocked" || group == "quota" || group == "free-pstn"))
    throw Error{ErrorCode::kPermissionDenied, "the " + core::excerpt(group) + " group is set by the reseller"};
  if (adding && group == "free-pstn" && !customer_flag(tx, caller.reseller, core::kPstnAccess))
    throw Error{ErrorCode::kPermissionDenied, "free-pstn needs the reseller's pstn_access"};
}

// addToGroup (adding) and removeFromGroup: one membership, under the account's row lock.
void change_membership(storage::Database& db, const Caller& caller, const core::SipAddress& id,
                       const std::string& group, bool adding) {
  db.write([&](storage::Tx& tx) {
    const auto row = require_account(caller, storage::find_sip_account(tx, id, true), id);
    require_group_change_allowed(tx, caller, group, adding);
    if (adding && !storage::add_sip_account_group(tx, row.id, group))
      throw Error{ErrorCode::kAlreadyInGroup, "SIP account " + core::excerpt(id.text()) + " is already in group " + group};
    if (!adding && !storage::remove_sip_account_group(tx, row.id, group))
      throw Error{ErrorCode::kNotInGroup, "SIP account " + core::excerpt(id.text()) + " is not in group " + group};
    storage::touch_sip_account(tx, row.id, audit_of(caller));
  });
}

}  // namespace

core::SipAccount SipProvisioning::add_account(const Caller& caller, const core::SipAccountInput& input) {
  const bool autoincrement = input.id.username == kAutoincrement;
  require_domain_name(input.id.domain);
  if (!autoincrement) require_sip_username(input.id.username);
  const std::string password = input.password.value_or("");
  if (password.empty()) throw Error{ErrorCode::kInvalidArgument, "a password is required for a new SIP account"};
  const core::SipAccount requested = account_from(input);

  return db_.write([&](storage::Tx& tx) {
    core::SipAccount a = requested;  // a rerun starts from the request again
    const auto domain =
        autoincrement ? storage::lock_sip_domain(tx, a.id.domain) : storage::find_sip_domain(tx, a.id.domain);
    if (!domain) throw Error{ErrorCode::kSipDomainNotFound, "SIP domain " + a.id.domain + " does not exist"};
    require_visible(caller, domain->domain.owner, "SIP domain " + a.id.domain);
    require_active_reseller(tx, caller);
    require_credit(tx, caller, domain->domain.owner, core::CreditedRecord::kSipAccount);
    apply_rights(tx, caller, a, nullptr);
    require_valid_owner_label(tx, caller, a.owner);
    if (autoincrement) {
      // The domain row lock taken above serialises <autoincrement> adds in this domain (api §8.7).
      a.id.username = std::to_string(std::max<std::int64_t>(config_.sip.autoincrement_minimum,
                                                             storage::max_numeric_username(tx, domain->id) + 1));
    }
    storage::lock_sip_address(tx, domain->id, a.id.username);
    if (storage::sip_alias_exists(tx, domain->id, a.id.username))
      throw Error{ErrorCode::kSipAccountExists, "SIP address " + core::excerpt(a.id.text()) + " is already an alias"};
    storage::insert_sip_account(tx, domain->id, a,
                                credentials_for(a.id, password, config_.sip.store_clear_text_passwords),
                                audit_of(caller));
    return storage::find_sip_account(tx, a.id)->account;
  });
}

void SipProvisioning::update_account(const Caller& caller, const core::SipAccountInput& input) {
  const core::SipAccount requested = account_from(input);
  // An absent or empty password keeps the credentials (api §8.7).
  std::optional<storage::SipCredentials> credentials;
  if (input.password && !input.password->empty())
    credentials = credentials_for(requested.id, *input.password, config_.sip.store_clear_text_passwords);
  db_.write([&](storage::Tx& tx) {
    core::SipAccount a = requested;  // a rerun starts from the request again
    const auto row = require_account(caller, storage::find_sip_account(tx, input.id, true), input.id);
    apply_rights(tx, caller, a, &row.account);
    if (a.owner != row.account.owner) require_valid_owner_label(tx, caller, a.owner);
    storage::update_sip_account(tx, row.id, a, credentials, audit_of(caller));
  });
}

void SipProvisioning::delete_account(const Caller& caller, const core::SipAddress& id) {
  db_.write([&](storage::Tx& tx) {
    const auto row = require_account(caller, storage::find_sip_account(tx, id, true), id);
    // The account before its aliases: record counts are changed in kind order (schema/006).
    storage::delete_sip_account(tx, row.id);  // groups, ACL and properties go with it
    storage::delete_sip_aliases_for_target(tx, id);
  });
}

core::SipAccount SipProvisioning::get_account(const Caller& caller, const core::SipAddress& id) {
  // One statement reads the account with its lists: atomic on its own, no BEGIN/COMMIT needed.
  auto row = db_.read_one([&](storage::Tx& tx) { return storage::find_sip_account(tx, id); });
  return require_account(caller, std::move(row), id).account;
}

core::Page<core::SipAccount> SipProvisioning::list_accounts(const Caller& caller, const core::SipAccountQuery& query) {
  return db_.read([&](storage::Tx& tx) { return storage::list_sip_accounts(tx, query, scope_of(caller)); });
}

void SipProvisioning::add_to_group(const Caller& caller, const core::SipAddress& id, const std::string& group) {
  change_membership(db_, caller, id, group, true);
}

void SipProvisioning::remove_from_group(const Caller& caller, const core::SipAddress& id, const std::string& group) {
  change_membership(db_, caller, id, group, false);
}

std::vector<std::string> SipProvisioning::groups(const Caller& caller, const core::SipAddress& id) {
  return get_account(caller, id).groups;
}

}  // namespace ngnpro::services
