// Trusted peers (api §4.2.5): reseller rights needed; keyed by ip.
#include "ngnpro/core/error.hpp"
#include "ngnpro/services/sip_service.hpp"
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
  throw Error{ErrorCode::kInvalidArgument, "protocol '" + protocol + "' is not one of any, udp, tcp, tls, sctp, ws, wss"};
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
  keep_or_set(p.tags, in.tags);
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
  require_non_negative(p.call_limit, "callLimit");
  require_non_negative(p.strip, "strip");
}

storage::TrustedPeerRow require_peer(const Caller& caller, std::optional<storage::TrustedPeerRow> row,
                                     const std::string& ip) {
  if (!row) throw Error{ErrorCode::kTrustedPeerNotFound, "trusted peer " + ip + " does not exist"};
  require_visible(caller, row->peer.owner_of, "trusted peer " + ip);
  return *row;
}

}  // namespace

void SipService::add_trusted_peer(const Caller& caller, const core::TrustedPeerInput& input) {
  require_reseller_rights(caller, "addTrustedPeer");
  require_peer_address(input.ip);
  core::TrustedPeer p;
  p.ip = input.ip;
  apply(p, input);
  auto conn = db_.lease();
  pqxx::work tx{*conn};
  require_active_reseller(tx, caller);
  p.owner_of = assign_owner(tx, caller, input.customer.value_or(0), input.reseller.value_or(0));
  require_valid_owner_label(tx, caller, p.owner);
  storage::insert_trusted_peer(tx, p, audit_of(caller));
  tx.commit();
}

void SipService::update_trusted_peer(const Caller& caller, const core::TrustedPeerInput& input) {
  require_reseller_rights(caller, "updateTrustedPeer");
  auto conn = db_.lease();
  pqxx::work tx{*conn};
  auto row = require_peer(caller, storage::find_trusted_peer(tx, input.ip, true), input.ip);
  core::TrustedPeer& p = row.peer;
  const std::int64_t old_owner = p.owner;
  apply(p, input);
  const std::int64_t customer = input.customer.value_or(p.owner_of.customer);
  const std::int64_t reseller = caller.is_admin() ? input.reseller.value_or(p.owner_of.reseller) : p.owner_of.reseller;
  if (customer != p.owner_of.customer || reseller != p.owner_of.reseller)
    p.owner_of = assign_owner(tx, caller, customer, reseller);
  if (p.owner != old_owner) require_valid_owner_label(tx, caller, p.owner);
  storage::update_trusted_peer(tx, row.id, p, audit_of(caller));
  tx.commit();
}

void SipService::delete_trusted_peer(const Caller& caller, const std::string& ip) {
  require_reseller_rights(caller, "deleteTrustedPeer");
  auto conn = db_.lease();
  pqxx::work tx{*conn};
  const auto row = require_peer(caller, storage::find_trusted_peer(tx, ip, true), ip);
  storage::delete_trusted_peer(tx, row.id);
  tx.commit();
}

core::Page<core::TrustedPeer> SipService::list_trusted_peers(const Caller& caller,
                                                             const core::TrustedPeerQuery& query) {
  require_reseller_rights(caller, "getTrustedPeers");
  auto conn = db_.lease();
  pqxx::read_transaction tx{*conn};
  auto page = storage::list_trusted_peers(tx, query, scope_of(caller));
  tx.commit();
  return page;
}

}  // namespace ngnpro::services
