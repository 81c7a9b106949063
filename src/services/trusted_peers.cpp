// Trusted peers (api §4.2.5): reseller rights needed; keyed by ip.
#include <algorithm>
#include <utility>

#include "ngnpro/core/error.hpp"
#include "ngnpro/core/ip_network.hpp"
#include "ngnpro/core/text_limits.hpp"
#include "ngnpro/services/sip_provisioning.hpp"
#include "ngnpro/storage/trusted_peers.hpp"
#include "ownership.hpp"
#include "sip_validation.hpp"

namespace ngnpro::services {

namespace {

using core::Error;
using core::ErrorCode;

void require_protocol(const std::string& protocol) {
  static const char* const kProtocols[] = {"any", "udp", "tcp", "tls", "sctp", "ws", "wss"};
  for (const char* p : kProtocols)
    if (protocol == p) return;
  throw Error{ErrorCode::kInvalidArgument, "protocol '" + core::excerpt(protocol) + "' is not one of any, udp, tcp, tls, sctp, ws, wss"};
}

template <class T>
void keep_or_set(T& field, const std::optional<T>& value) {
  if (value) field = *value;
}

// Absent members keep the stored (or default) value (api §8.9).
void apply(core::TrustedPeer& p, const core::TrustedPeerInput& in) {
  keep_or_set(p.protocol, in.protocol);
  if (p.protocol.empty()) p.protocol = "any";
  require_protocol(p.protocol);
  keep_or_set(p.tag, in.tag);
  require_short_name(p.tag, "tag");
  keep_or_set(p.description, in.description);
  core::require_length(p.description, core::kMaxTextBytes, "description");
  keep_or_set(p.tags, in.tags);
  core::require_length(p.tags, core::kMaxTextBytes, "tags");
  keep_or_set(p.owner, in.owner);
  keep_or_set(p.call_limit, in.call_limit);
  keep_or_set(p.blocked, in.blocked);
  keep_or_set(p.prepaid, in.prepaid);
  keep_or_set(p.enum_lookup, in.enum_lookup);
  keep_or_set(p.transit, in.transit);
  keep_or_set(p.msteams, in.msteams);
  keep_or_set(p.tenant, in.tenant);
  keep_or_set(p.auth_token, in.auth_token);
  keep_or_set(p.carrier_name, in.carrier_name);
  keep_or_set(p.originator, in.originator);
  keep_or_set(p.prefix, in.prefix);
  keep_or_set(p.strip, in.strip);
  keep_or_set(p.billing_id, in.billing_id);
  for (const auto& [value, field] : {std::pair{&p.tenant, "tenant"}, {&p.auth_token, "authToken"},
                                     {&p.carrier_name, "carrierName"}, {&p.originator, "originator"},
                                     {&p.prefix, "prefix"}, {&p.billing_id, "billingId"}})
    core::require_length(*value, core::kMaxTextBytes, field);
  require_non_negative(p.call_limit, "callLimit");
  require_non_negative(p.strip, "strip");
}

// A non-admin caller may trust a host or a network of at most 16 addresses (/28, /124): a
// trusted peer's calls skip authentication (api §4.2.5), so a wider one needs the operator.
constexpr int kMaxResellerPeerHostBits = 4;

// The network a peer stands for, refused when it would trust everyone: the unspecified address
// or a /0 (8003 for every caller), or more than a reseller may trust (8001).
core::IpNetwork require_trustable(const Caller& caller, const std::string& ip) {
  require_peer_address(ip);
  const auto network = core::parse_ip_network(ip);
  if (!network) throw Error{ErrorCode::kInvalidArgument, "'" + core::excerpt(ip) + "' is not a network address (host bits set)"};
  const bool unspecified = std::all_of(network->bytes.begin(), network->bytes.end(), [](auto b) { return b == 0; });
  if (network->prefix == 0 || unspecified)
    throw Error{ErrorCode::kInvalidArgument, "trusted peer " + network->text() + " would trust every address"};
  if (!caller.is_admin() && network->bits() - network->prefix > kMaxResellerPeerHostBits)
    throw Error{ErrorCode::kPermissionDenied, "trusted peer " + network->text() +
                                                  " is wider than /28 (IPv4) or /124 (IPv6); ask the operator"};
  return *network;
}

storage::TrustedPeerRow require_peer(const Caller& caller, std::optional<storage::TrustedPeerRow> row,
                                     const std::string& ip) {
  if (!row) throw Error{ErrorCode::kTrustedPeerNotFound, "trusted peer " + core::excerpt(ip) + " does not exist"};
  require_visible(caller, row->peer.owner_of, "trusted peer " + core::excerpt(ip));
  return *row;
}

}  // namespace

void SipProvisioning::add_trusted_peer(const Caller& caller, const core::TrustedPeerInput& input) {
  require_reseller_rights(caller, "addTrustedPeer");
  const core::IpNetwork network = require_trustable(caller, input.ip);
  core::TrustedPeer p;
  p.ip = input.ip;
  apply(p, input);
  db_.write([&](storage::Tx& tx) {
    require_active_reseller(tx, caller);
    p.owner_of = assign_owner(tx, caller, input.customer.value_or(0), input.reseller.value_or(0));
    require_valid_owner_label(tx, caller, p.owner);
    storage::lock_trusted_peer_adds(tx);
    if (!caller.is_admin() && storage::trusted_peer_overlaps_another_reseller(tx, network.text(), p.owner_of.reseller))
      throw Error{ErrorCode::kPermissionDenied,
                  "trusted peer " + network.text() + " overlaps a trusted peer of another customer"};
    storage::insert_trusted_peer(tx, p, audit_of(caller));
  });
}

void SipProvisioning::update_trusted_peer(const Caller& caller, const core::TrustedPeerInput& input) {
  require_reseller_rights(caller, "updateTrustedPeer");
  db_.write([&](storage::Tx& tx) {
    auto row = require_peer(caller, storage::find_trusted_peer(tx, input.ip, true), input.ip);
    core::TrustedPeer& p = row.peer;
    const std::int64_t old_owner = p.owner;
    apply(p, input);
    const std::int64_t customer = input.customer.value_or(p.owner_of.customer);
    const std::int64_t reseller =
        caller.is_admin() ? input.reseller.value_or(p.owner_of.reseller) : p.owner_of.reseller;
    if (customer != p.owner_of.customer || reseller != p.owner_of.reseller)
      p.owner_of = assign_owner(tx, caller, customer, reseller);
    if (p.owner != old_owner) require_valid_owner_label(tx, caller, p.owner);
    storage::update_trusted_peer(tx, row.id, p, audit_of(caller));
  });
}

void SipProvisioning::delete_trusted_peer(const Caller& caller, const std::string& ip) {
  require_reseller_rights(caller, "deleteTrustedPeer");
  db_.write([&](storage::Tx& tx) {
    const auto row = require_peer(caller, storage::find_trusted_peer(tx, ip, true), ip);
    storage::delete_trusted_peer(tx, row.id);
  });
}

core::Page<core::TrustedPeer> SipProvisioning::list_trusted_peers(const Caller& caller,
                                                                  const core::TrustedPeerQuery& query) {
  require_reseller_rights(caller, "getTrustedPeers");
  return db_.read([&](storage::Tx& tx) { return storage::list_trusted_peers(tx, query, scope_of(caller)); });
}

}  // namespace ngnpro::services
