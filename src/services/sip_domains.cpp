// SIP domains (api §4.2.1, §8.5, §8.10).
#include "ngnpro/core/error.hpp"
#include "ngnpro/services/sip_service.hpp"
#include "ngnpro/storage/sip_domains.hpp"
#include "ownership.hpp"
#include "sip_validation.hpp"

namespace ngnpro::services {

namespace {

using core::Error;
using core::ErrorCode;

storage::SipDomainRow require_domain(std::optional<storage::SipDomainRow> row, const std::string& name) {
  if (!row) throw Error{ErrorCode::kSipDomainNotFound, "SIP domain " + name + " does not exist"};
  return *row;
}

// Absent members keep the stored value (api §8.9, update methods other than Sip.updateAccount).
void apply(core::SipDomain& d, const core::SipDomainInput& in) {
  if (in.certificate) d.certificate = *in.certificate;
  if (in.private_key) d.private_key = *in.private_key;
  if (in.match_ip_address) d.match_ip_address = *in.match_ip_address;
  if (in.match_sip_domain) d.match_sip_domain = *in.match_sip_domain;
  if (in.verify_cert) d.verify_cert = *in.verify_cert;
  if (in.require_cert) d.require_cert = *in.require_cert;
}

}  // namespace

void SipService::add_domain(const Caller& caller, const core::SipDomainInput& input) {
  require_domain_name(input.domain);
  auto conn = db_.lease();
  pqxx::work tx{*conn};
  require_active_reseller(tx, caller);
  core::SipDomain d;
  d.domain = input.domain;
  d.owner = assign_owner(tx, caller, input.customer.value_or(0), input.reseller.value_or(0));
  apply(d, input);
  storage::insert_sip_domain(tx, d, audit_of(caller));
  tx.commit();
}

void SipService::update_domain(const Caller& caller, const core::SipDomainInput& input) {
  auto conn = db_.lease();
  pqxx::work tx{*conn};
  auto row = require_domain(storage::lock_sip_domain(tx, input.domain), input.domain);
  require_visible(caller, row.domain.owner, "SIP domain " + input.domain);
  core::SipDomain& d = row.domain;
  // CDRTool sends back the customer and reseller it got; only a real change moves the domain
  // (and its accounts and aliases with it, api §8.5).
  const std::int64_t customer = input.customer.value_or(d.owner.customer);
  const std::int64_t reseller = caller.is_admin() ? input.reseller.value_or(d.owner.reseller) : d.owner.reseller;
  if (customer != d.owner.customer || reseller != d.owner.reseller)
    d.owner = assign_owner(tx, caller, customer, reseller);
  apply(d, input);
  storage::update_sip_domain(tx, row.id, d, audit_of(caller));
  tx.commit();
}

void SipService::delete_domain(const Caller& caller, const std::string& domain) {
  auto conn = db_.lease();
  pqxx::work tx{*conn};
  const auto row = require_domain(storage::lock_sip_domain(tx, domain), domain);
  require_visible(caller, row.domain.owner, "SIP domain " + domain);
  // The row lock above waits for adds in flight (their foreign key locks the domain row), so this
  // count sees every account and alias.
  if (const auto members = storage::count_sip_domain_members(tx, row.id))
    throw Error{ErrorCode::kSipDomainNotEmpty,
                "SIP domain " + domain + " still has " + std::to_string(members) + " accounts or aliases"};
  storage::delete_sip_domain(tx, row.id);
  tx.commit();
}

core::Page<core::SipDomain> SipService::list_domains(const Caller& caller, const core::SipDomainQuery& query) {
  auto conn = db_.lease();
  pqxx::read_transaction tx{*conn};
  auto page = storage::list_sip_domains(tx, query, scope_of(caller));
  tx.commit();
  // The TLS key is the admin's to read (api §5.4).
  if (!caller.is_admin())
    for (auto& d : page.rows) d.private_key.clear();
  return page;
}

}  // namespace ngnpro::services
