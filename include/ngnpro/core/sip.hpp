// SIP domains, accounts, aliases and trusted peers (api §5.4-5.7): plain data for every layer.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ngnpro/core/query.hpp"

namespace ngnpro::core {

// The customer and reseller a record belongs to; 0 = none (the platform's own).
struct Owner {
  std::int64_t customer = 0;
  std::int64_t reseller = 0;
};

struct SipDomain {
  std::string domain;
  Owner owner;
  std::string certificate;
  std::string private_key;
  std::string match_ip_address;
  std::string match_sip_domain;
  bool verify_cert = false;
  bool require_cert = false;
  std::string change_date;
};

// add/updateDomain input: absent members are std::nullopt.
struct SipDomainInput {
  std::string domain;
  std::optional<std::int64_t> customer;
  std::optional<std::int64_t> reseller;
  std::optional<std::string> certificate;
  std::optional<std::string> private_key;
  std::optional<std::string> match_ip_address;
  std::optional<std::string> match_sip_domain;
  std::optional<bool> verify_cert;
  std::optional<bool> require_cert;
};

struct SipDomainQuery {
  std::string domain;            // LIKE pattern; empty: all
  std::int64_t customer = 0;     // 0: any
  std::int64_t reseller = 0;
  OrderBy order_by;
  Range range;
};

struct SipAddress {
  std::string username;
  std::string domain;
  std::string text() const { return username + "@" + domain; }
};

struct SubscriberAcl {
  std::string ip;
  int mask = 32;
  std::string tag;
};

struct NameValue {
  std::string name;
  std::string value;
};

struct SipAccount {
  SipAddress id;
  std::string password;          // the clear text when stored, else empty (never the digests)
  std::string first_name;
  std::string last_name;
  std::string email;
  std::vector<SubscriberAcl> acl;
  std::vector<std::string> groups;
  std::vector<NameValue> properties;
  std::string timezone;
  std::string rpid;
  std::int64_t quota = 0;
  std::string quickdial_prefix;
  int call_limit = 0;
  bool prepaid = false;
  std::string region;
  int timeout = 0;
  std::int64_t owner = 0;
  Owner domain_owner;            // read-only: the domain's customer and reseller
  std::string change_date;
  std::string create_date;
};

// add/updateAccount input. updateAccount replaces every attribute (api §8.9): an absent member
// is cleared, except that an absent or empty password keeps the credentials.
struct SipAccountInput {
  SipAddress id;
  std::optional<std::string> password;
  std::optional<std::string> first_name;
  std::optional<std::string> last_name;
  std::optional<std::string> email;
  std::optional<std::vector<SubscriberAcl>> acl;
  std::optional<std::vector<std::string>> groups;  // empty names already dropped (api §2.6.7)
  std::optional<std::vector<NameValue>> properties;
  std::optional<std::string> timezone;
  std::optional<std::string> rpid;
  std::optional<std::int64_t> quota;
  std::optional<std::string> quickdial_prefix;
  std::optional<int> call_limit;
  std::optional<bool> prepaid;
  std::optional<std::string> region;
  std::optional<int> timeout;
  std::optional<std::int64_t> owner;
};

struct SipAccountQuery {
  std::string username, domain, first_name, last_name, email;  // LIKE patterns
  std::int64_t owner = 0, customer = 0, reseller = 0;           // 0: any
  std::vector<std::string> groups;                              // member of all of them
  OrderBy order_by;
  Range range;
};

struct SipAlias {
  SipAddress id;
  SipAddress target;
  std::int64_t owner = 0;
  Owner domain_owner;            // read-only: the alias domain's customer and reseller
  std::string change_date;
};

struct SipAliasQuery {
  std::string alias_username, alias_domain, target_username, target_domain;  // LIKE patterns
  std::int64_t owner = 0, customer = 0, reseller = 0;
  OrderBy order_by;
  Range range;
};

struct TrustedPeer {
  std::string ip;
  std::string protocol = "any";
  std::string tag;
  std::string description;
  std::string tags;
  Owner owner_of;                // customer and reseller it belongs to
  std::int64_t owner = 0;
  int call_limit = 0;
  int blocked = 0;
  bool prepaid = false;
  bool enum_lookup = true;
  bool transit = false;
  bool msteams = false;
  std::string tenant;
  std::string auth_token;
  std::string carrier_name;
  std::string originator;
  std::string prefix;
  int strip = 0;
  std::string billing_id;
  std::string change_date;
};

// add/updateTrustedPeer input: absent members are std::nullopt (update keeps them, api §8.9).
struct TrustedPeerInput {
  std::string ip;
  std::optional<std::string> protocol, tag, description, tags, tenant, auth_token, carrier_name, originator,
      prefix, billing_id;
  std::optional<std::int64_t> customer, reseller, owner;
  std::optional<int> call_limit, blocked, strip;
  std::optional<bool> prepaid, enum_lookup, transit, msteams;
};

struct TrustedPeerQuery {
  std::string ip, description, tenant, tags, billing_id;  // LIKE patterns
  bool msteams_only = false;                              // api §9.1 Q9: only true filters
  std::optional<int> blocked;                             // sent only when chosen
  std::int64_t customer = 0, reseller = 0;
  OrderBy order_by;
  Range range;
};

}  // namespace ngnpro::core
