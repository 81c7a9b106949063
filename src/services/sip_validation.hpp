// Syntax checks of SIP identifiers and addresses; each throws 8003 naming the bad value.
#pragma once

#include <string>

#include "ngnpro/core/sip.hpp"
#include "ngnpro/core/sip_settings.hpp"

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

namespace ngnpro::services {

// api §8.11: a diversion's target, a sip:/sips: URI or the voicemail wildcard (also read
// without its angle brackets); returns what is stored: the URI as sent, or "<voice-mailbox>".
std::string diversion_target(const std::string& value, const char* member);
// "HH:MM", 00:00 to 24:00, as minutes of the day (api §5.8).
int minutes_of_day(const std::string& hhmm, const char* what);
std::string hhmm(int minutes);
// A reject-list member (api §4.2.6): the SIP URI inside <>, without parameters, lower-case.
std::string reject_member(const std::string& uri);
// A barring prefix: + and E.164 digits, ^\+[1-9][0-9]*$, at most 16 characters (api §4.2.6).
void require_barring_prefix(const std::string& prefix);

}  // namespace ngnpro::services
