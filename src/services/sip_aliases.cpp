// SIP aliases (api §4.2.4): an address in a local domain that leads to a target address.
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

storage::SipAliasRow require_alias(const Caller& caller, std::optional<storage::SipAliasRow> row,
                                   const core::SipAddress& id) {
  if (!row) throw Error{ErrorCode::kSipAliasNotFound, "SIP alias " + core::excerpt(id.text()) + " does not exist"};
  require_visible(caller, row->alias.domain_owner, "SIP alias " + core::excerpt(id.text()));
  return *row;
}

}  // namespace

void SipProvisioning::add_alias(const Caller& caller, const core::SipAlias& alias) {
  require_sip_address(alias.id, "alias id");
  require_sip_address(alias.target, "alias target");
  db_.write([&](storage::Tx& tx) {
    const auto domain = storage::find_sip_domain(tx, alias.id.domain);
    if (!domain) throw Error{ErrorCode::kSipDomainNotFound, "SIP domain " + alias.id.domain + " does not exist"};
    require_visible(caller, domain->domain.owner, "SIP domain " + alias.id.domain);
    require_active_reseller(tx, caller);
    require_credit(tx, caller, domain->domain.owner, core::CreditedRecord::kSipAlias);
    require_valid_owner_label(tx, caller, alias.owner);
    storage::lock_sip_address(tx, domain->id, alias.id.username);
    if (storage::sip_account_exists(tx, domain->id, alias.id.username))
      throw Error{ErrorCode::kSipAliasExists, "SIP alias " + core::excerpt(alias.id.text()) + " would shadow a SIP account"};
    storage::insert_sip_alias(tx, domain->id, alias, audit_of(caller));
  });
}

void SipProvisioning::update_alias(const Caller& caller, const core::SipAlias& alias) {
  require_sip_address(alias.target, "alias target");
  db_.write([&](storage::Tx& tx) {
    auto row = require_alias(caller, storage::find_sip_alias(tx, alias.id, true), alias.id);
    if (alias.owner != row.alias.owner) require_valid_owner_label(tx, caller, alias.owner);
    row.alias.target = alias.target;
    row.alias.owner = alias.owner;
    storage::update_sip_alias(tx, row.id, row.alias, audit_of(caller));
  });
}

void SipProvisioning::delete_alias(const Caller& caller, const core::SipAddress& id) {
  db_.write([&](storage::Tx& tx) {
    const auto row = require_alias(caller, storage::find_sip_alias(tx, id, true), id);
    storage::delete_sip_alias(tx, row.id);
  });
}

core::SipAlias SipProvisioning::get_alias(const Caller& caller, const core::SipAddress& id) {
  // One statement: atomic on its own.
  auto row = db_.read_one([&](storage::Tx& tx) { return storage::find_sip_alias(tx, id); });
  return require_alias(caller, std::move(row), id).alias;
}

core::Page<core::SipAlias> SipProvisioning::list_aliases(const Caller& caller, const core::SipAliasQuery& query) {
  return db_.read([&](storage::Tx& tx) { return storage::list_sip_aliases(tx, query, scope_of(caller)); });
}

std::vector<core::SipAlias> SipProvisioning::aliases_for_account(const Caller& caller, const core::SipAddress& target) {
  return db_.read_one(  // one statement: atomic on its own
      [&](storage::Tx& tx) { return storage::sip_aliases_for_target(tx, target, scope_of(caller)); });
}

}  // namespace ngnpro::services
