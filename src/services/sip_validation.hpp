// Syntax checks of SIP identifiers and addresses; each throws 8003 naming the bad value.
#pragma once

#include <string>

#include "ngnpro/core/sip.hpp"

namespace ngnpro::services {

void require_domain_name(const std::string& domain);       // lower-case host name, at most 64
void require_sip_username(const std::string& username);    // a SIP URI user part, lower-case
void require_sip_address(const core::SipAddress& address, const char* what);
void require_ipv4(const std::string& ip, const char* what);
void require_peer_address(const std::string& ip);          // an IPv4/IPv6 address or a.b.c.d/n
void require_non_negative(long long value, const char* what);
// Names (groups, tags, property names): Kamailio's name columns are varchar(64) (core::kMaxNameBytes).
void require_short_name(const std::string& value, const char* what);

}  // namespace ngnpro::services
