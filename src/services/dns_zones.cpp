// DNS zones (api §4.3, §8.5, §8.14).
#include "ngnpro/core/error.hpp"
#include "ngnpro/core/text_limits.hpp"
#include "ngnpro/services/dns_provisioning.hpp"
#include "ngnpro/storage/dns_zones.hpp"
#include "dns_validation.hpp"
#include "ownership.hpp"

namespace ngnpro::services {

namespace {

using core::Error;
using core::ErrorCode;

// Zone names are looked up as stored: lower case (the port folds it), no final dot (api §6).
std::string zone_key(std::string name) {
  if (!name.empty() && name.back() == '.') name.pop_back();
  return name;
}

storage::DnsZoneRow require_zone(std::optional<storage::DnsZoneRow> row, const std::string& name) {
  if (!row) throw Error{ErrorCode::kDnsZoneNotFound, "DNS zone " + core::excerpt(name) + " does not exist"};
  return *row;
}

// Absent members keep the stored value (api §8.9); nameservers given replace the NS set, and an
// empty set or e-mail means the defaults of a new zone (api §8.14).
void apply(core::DnsZone& z, const core::DnsZoneInput& in, const core::Config& config) {
  core::SoaTimers& t = z.timers;
  t.ttl = in.ttl.value_or(t.ttl);
  t.refresh = in.refresh.value_or(t.refresh);
  t.retry = in.retry.value_or(t.retry);
  t.expire = in.expire.value_or(t.expire);
  t.minimum = in.minimum.value_or(t.minimum);
  require_zone_timers(t);
  if (in.nameservers) z.nameservers = require_nameservers(*in.nameservers);
  if (z.nameservers.empty()) z.nameservers = config.dns.nameservers;
  if (z.nameservers.empty())
    throw Error{ErrorCode::kInvalidArgument, "nameservers: none given and none configured ([dns] nameserver)"};
  if (in.email) z.email = *in.email;
  if (z.email.empty()) z.email = "hostmaster@" + z.name;
  require_zone_email(z.email);
  if (in.info) z.info = *in.info;
  core::require_length(z.info, core::kMaxTextBytes, "info");
}

// The levels of a move whose credit must be checked: only the holders that change, and the
// customer level only for a customer other than the reseller (api §8.5: a reseller's own zones
// count against its reseller credit).
core::Owner gained_by_move(const core::Owner& from, const core::Owner& to) {
  core::Owner gained;
  if (to.reseller != from.reseller) gained.reseller = to.reseller;
  if (to.customer != from.customer && to.customer != to.reseller) gained.customer = to.customer;
  return gained;
}

}  // namespace

void DnsProvisioning::add_zone(const Caller& caller, const core::DnsZoneInput& input) {
  core::DnsZone zone;
  zone.name = require_zone_name(input.name);
  apply(zone, input, config_);
  db_.write([&](storage::Tx& tx) {
    require_active_reseller(tx, caller);
    zone.owner = assign_owner(tx, caller, input.customer.value_or(0), input.reseller.value_or(0));
    require_credit(tx, caller, zone.owner, core::CreditedRecord::kDnsZone);
    if (storage::dns_domain_published(tx, zone.name))
      throw Error{ErrorCode::kDnsZoneExists, "a zone named " + zone.name + " is already served (an ENUM range)"};
    storage::insert_dns_zone(tx, zone, audit_of(caller));
  });
}

void DnsProvisioning::update_zone(const Caller& caller, const core::DnsZoneInput& input) {
  const std::string name = zone_key(input.name);
  db_.write([&](storage::Tx& tx) {
    auto row = require_zone(storage::lock_dns_zone(tx, name), name);
    require_visible(caller, row.zone.owner, "DNS zone " + core::excerpt(name));
    core::DnsZone& z = row.zone;
    // CDRTool sends back the customer and reseller it got; only a real change moves the zone
    // (its records with it, api §8.5), and the new owner's dns_zone_credit must allow it.
    const std::int64_t customer = input.customer.value_or(z.owner.customer);
    const std::int64_t reseller = caller.is_admin() ? input.reseller.value_or(z.owner.reseller) : z.owner.reseller;
    if (customer != z.owner.customer || reseller != z.owner.reseller) {
      const core::Owner from = z.owner;
      z.owner = assign_owner(tx, caller, customer, reseller);
      require_credit(tx, caller, gained_by_move(from, z.owner), core::CreditedRecord::kDnsZone);
    }
    apply(z, input, config_);
    storage::update_dns_zone(tx, row.id, z, audit_of(caller));
  });
}

void DnsProvisioning::delete_zone(const Caller& caller, const std::string& name) {
  const std::string key = zone_key(name);
  db_.write([&](storage::Tx& tx) {
    const auto row = require_zone(storage::lock_dns_zone(tx, key), key);
    require_visible(caller, row.zone.owner, "DNS zone " + core::excerpt(key));
    storage::delete_dns_zone(tx, row.id);
  });
}

core::DnsZone DnsProvisioning::get_zone(const Caller& caller, const std::string& name) {
  const std::string key = zone_key(name);
  // One statement: atomic on its own.
  auto row = require_zone(db_.read_one([&](storage::Tx& tx) { return storage::find_dns_zone(tx, key); }), key);
  require_visible(caller, row.zone.owner, "DNS zone " + core::excerpt(key));
  return row.zone;
}

core::Page<core::DnsZone> DnsProvisioning::list_zones(const Caller& caller, const core::DnsZoneQuery& query) {
  return db_.read([&](storage::Tx& tx) { return storage::list_dns_zones(tx, query, scope_of(caller)); });
}

}  // namespace ngnpro::services
