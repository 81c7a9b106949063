// IPv4 and IPv6 networks ("192.0.2.7", "192.0.2.0/24", "2001:db8::/32"), for the trusted-peer
// rules (api §8.10) and the admin addresses of the configuration.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ngnpro::core {

struct IpNetwork {
  bool v6 = false;
  std::array<std::uint8_t, 16> bytes{};  // network address, host bits cleared; IPv4 in bytes[0..3]
  int prefix = 0;                        // 0..32 (IPv4) or 0..128 (IPv6)

  int bits() const { return v6 ? 128 : 32; }
  bool is_host() const { return prefix == bits(); }
  bool contains(const IpNetwork& other) const;  // same family, other inside this one
  bool overlaps(const IpNetwork& other) const;  // same family, one contains the other
  std::string text() const;                     // "192.0.2.0/24"; a host without "/32"
};

// An address with an optional "/prefix"; nullopt when malformed. Host bits set under the prefix
// are refused (192.0.2.1/24 is a typo for a host or a network, not a network).
std::optional<IpNetwork> parse_ip_network(std::string_view text);

}  // namespace ngnpro::core
