// DNS names as zones publish them (RFC 1035 §2.3.1, RFC 1123 §2.1): lower case, no trailing dot.
// One parser for every place that takes a host name: the config's name servers, zone and record
// names and targets of the Dns port, ENUM ranges' name servers.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ngnpro::core {

inline constexpr std::size_t kMaxDnsNameBytes = 253;  // presentation form without the final dot
inline constexpr std::size_t kMaxDnsLabelBytes = 63;
// Name servers of a zone or ENUM range (its NS set): a bound on the work of one request; real
// zones have 2 to 6.
inline constexpr std::size_t kMaxZoneNameservers = 16;

// A host name: labels of letters, digits and '-' (1..63 bytes, no leading or trailing '-'),
// at most 253 bytes, one trailing dot allowed and dropped, upper case folded (ASCII only).
// nullopt for anything else, the empty name and "." included. A dotted quad such as "192.0.2.1"
// passes, as it does in the DNS: callers that must tell addresses apart check that first.
std::optional<std::string> host_name(std::string_view text);

// A name that owns records or that a record points at: a host name whose labels may also start
// with '_' (service labels: _sip._udp, _dmarc; RFC 8552). An owner name may in addition begin
// with the wildcard label "*" (RFC 4592), a target may not.
std::optional<std::string> owner_name(std::string_view text);
std::optional<std::string> target_name(std::string_view text);

}  // namespace ngnpro::core
