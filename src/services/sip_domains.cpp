// SIP domains (api §4.2.1, §8.5, §8.10).
#include "ngnpro/core/error.hpp"
#include "ngnpro/core/text_limits.hpp"
#include "ngnpro/services/sip_provisioning.hpp"
#include "ngnpro/storage/sip_domains.hpp"
#include "ownership.hpp"
#include "sip_validation.hpp"

namespace ngnpro::services {

namespace {

using core::Error;
using core::ErrorCode;

storage::SipDomainRow require_domain(std::optional<storage::SipDomainRow> row, const std::string& name) {
  if (!row) throw Error{ErrorCode::kSipDomainNotFound, "SIP domain " + core::excerpt(name) + " does not exist"};
  return *row;
}

// Absent members keep the stored value (api §8.9, update methods other than Sip.updateAccount).
void apply(core::SipDomain& d, const core::SipDomainInput& in) {
  if (in.certificate) d.certificate = *in.certificate;
  if (in.private_key) d.private_key = *in.private_key;
  if (in.match_ip_address) d.match_ip_address = *in.match_ip_address;
  if (in.match_sip_domain) d.match_sip_domain = *in.match_sip_domain;
  core::require_length(d.certificate, core::kMaxPemBytes, "certificate");
  core::require_length(d.private_key, core::kMaxPemBytes, "privateKey");
  core::require_length(d.match_ip_address, core::kMaxTextBytes, "matchIpAddress");
  core::require_length(d.match_sip_domain, core::kMaxTextBytes, "matchSipDomain");
  if (in.verify_cert) d.verify_cert = *in.verify_cert;
  if (in.require_cert) d.require_cert = *in.require_cert;
}

}  // namespace

void SipProvisioning::add_domain(const Caller& caller, const core::SipDomainInput& input) {
  require_domain_name(input.domain);
  db_.write([&](storage::Tx& tx) {
    require_active_reseller(tx, caller);
    core::SipDomain d;
    d.domain = input.domain;
    d.owner = assign_owner(tx, caller, input.customer.value_or(0), input.reseller.value_or(0));
    apply(d, input);
    storage::insert_sip_domain(tx, d, audit_of(caller));
  });
}

void SipProvisioning::update_domain(const Caller& caller, const core::SipDomainInput& input) {
  db_.write([&](storage::Tx& tx) {
    auto row = require_domain(storage::lock_sip_domain(tx, input.domain), input.domain);
    require_visible(caller, row.domain.owner, "SIP domain " + core::excerpt(input.domain));
    core::SipDomain& d = row.domain;
    // CDRTool sends back the customer and reseller it got; only a real change moves the domain
    // (and its accounts and aliases with it, api §8.5).
    const std::int64_t customer = input.customer.value_or(d.owner.customer);
    const std::int64_t reseller = caller.is_admin() ? input.reseller.value_or(d.owner.reseller) : d.owner.reseller;
    if (customer != d.owner.customer || reseller != d.owner.reseller)
      d.owner = assign_owner(tx, caller, customer, reseller);
    apply(d, input);
    storage::update_sip_domain(tx, row.id, d, audit_of(caller));
  });
}

void SipProvisioning::delete_domain(const Caller& caller, const std::string& domain) {
  db_.write([&](storage::Tx& tx) {
    const auto row = require_domain(storage::lock_sip_domain(tx, domain), domain);
    require_visible(caller, row.domain.owner, "SIP domain " + core::excerpt(domain));
    // The row lock above waits for adds in flight (their foreign key locks the domain row), so
    // this count sees every account and alias.
    if (const auto members = storage::count_sip_domain_members(tx, row.id))
      throw Error{ErrorCode::kSipDomainNotEmpty,
                  "SIP domain " + core::excerpt(domain) + " still has " + std::to_string(members) + " accounts or aliases"};
    storage::delete_sip_domain(tx, row.id);
  });
}

core::Page<core::SipDomain> SipProvisioning::list_domains(const Caller& caller, const core::SipDomainQuery& query) {
  auto page = db_.read([&](storage::Tx& tx) { return storage::list_sip_domains(tx, query, scope_of(caller)); });
  // The TLS key is the admin's to read (api §5.4).
  if (!caller.is_admin())
    for (auto& d : page.rows) d.private_key.clear();
  return page;
}

}  // namespace ngnpro::services
