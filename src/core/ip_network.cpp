#include "ngnpro/core/ip_network.hpp"

#include <arpa/inet.h>

#include <charconv>
#include <cstring>

namespace ngnpro::core {

namespace {

bool bit(const std::array<std::uint8_t, 16>& bytes, int i) { return (bytes[i / 8] >> (7 - i % 8)) & 1; }

// The first `prefix` bits of a and b are equal.
bool same_prefix(const IpNetwork& a, const IpNetwork& b, int prefix) {
  for (int i = 0; i < prefix; ++i)
    if (bit(a.bytes, i) != bit(b.bytes, i)) return false;
  return true;
}

}  // namespace

bool IpNetwork::contains(const IpNetwork& other) const {
  return v6 == other.v6 && prefix <= other.prefix && same_prefix(*this, other, prefix);
}

bool IpNetwork::overlaps(const IpNetwork& other) const { return contains(other) || other.contains(*this); }

std::string IpNetwork::text() const {
  char buf[INET6_ADDRSTRLEN] = {};
  inet_ntop(v6 ? AF_INET6 : AF_INET, bytes.data(), buf, sizeof buf);
  return is_host() ? std::string{buf} : std::string{buf} + "/" + std::to_string(prefix);
}

std::optional<IpNetwork> parse_ip_network(std::string_view text) {
  if (text.empty() || text.size() > 64) return std::nullopt;
  const std::size_t slash = text.find('/');
  const std::string address{text.substr(0, slash)};
  IpNetwork out;
  if (inet_pton(AF_INET, address.c_str(), out.bytes.data()) == 1) {
    out.v6 = false;
  } else if (inet_pton(AF_INET6, address.c_str(), out.bytes.data()) == 1) {
    out.v6 = true;
  } else {
    return std::nullopt;
  }
  out.prefix = out.bits();
  if (slash != std::string_view::npos) {
    const std::string_view digits = text.substr(slash + 1);
    int prefix = -1;
    const auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), prefix);
    if (digits.empty() || digits.size() > 3 || ec != std::errc{} || ptr != digits.data() + digits.size() ||
        prefix < 0 || prefix > out.bits())
      return std::nullopt;
    out.prefix = prefix;
  }
  for (int i = out.prefix; i < out.bits(); ++i)
    if (bit(out.bytes, i)) return std::nullopt;
  return out;
}

}  // namespace ngnpro::core
