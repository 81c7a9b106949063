#include "sip_validation.hpp"

#include <arpa/inet.h>

#include <algorithm>

#include "ngnpro/core/error.hpp"
#include "ngnpro/core/text_limits.hpp"

namespace ngnpro::services {

namespace {

[[noreturn]] void invalid(const std::string& message) { throw core::Error{core::ErrorCode::kInvalidArgument, message}; }

}  // namespace

void require_domain_name(const std::string& d) {
  const bool chars = std::all_of(d.begin(), d.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-';
  });
  // 64: Kamailio's domain columns are varchar(64).
  if (d.empty() || d.size() > 64 || !chars || d.front() == '.' || d.back() == '.' || d.front() == '-' ||
      d.find("..") != std::string::npos)
    invalid("'" + core::excerpt(d) + "' is not a valid domain name");
}

void require_sip_username(const std::string& u) {
  // RFC 3261 user part characters, lower-cased; escapes (%xx) allowed.
  static const std::string kAllowed = "abcdefghijklmnopqrstuvwxyz0123456789-_.!~*'()&=+$,;?/%";
  if (u.empty() || u.size() > 64 || u.find_first_not_of(kAllowed) != std::string::npos)
    invalid("'" + core::excerpt(u) + "' is not a valid SIP user name");
}

void require_sip_address(const core::SipAddress& a, const char* what) {
  if (a.username.empty() || a.domain.empty()) invalid(std::string(what) + " needs a username and a domain");
  require_sip_username(a.username);
  require_domain_name(a.domain);
}

void require_ipv4(const std::string& ip, const char* what) {
  in_addr addr{};
  if (inet_pton(AF_INET, ip.c_str(), &addr) != 1) invalid(std::string(what) + " '" + core::excerpt(ip) + "' is not an IPv4 address");
}

void require_peer_address(const std::string& ip) {
  in6_addr addr6{};
  in_addr addr4{};
  const auto slash = ip.find('/');
  if (slash == std::string::npos) {
    if (inet_pton(AF_INET, ip.c_str(), &addr4) == 1 || inet_pton(AF_INET6, ip.c_str(), &addr6) == 1) return;
  } else {
    const std::string bits = ip.substr(slash + 1);
    const bool number = !bits.empty() && bits.size() <= 2 && std::all_of(bits.begin(), bits.end(), ::isdigit);
    if (number && std::stoi(bits) <= 32 && inet_pton(AF_INET, ip.substr(0, slash).c_str(), &addr4) == 1) return;
  }
  invalid("'" + core::excerpt(ip) + "' is not an IP address or an IPv4 network a.b.c.d/n");
}

void require_short_name(const std::string& value, const char* what) {
  core::require_length(value, core::kMaxNameBytes, what);
}

void require_non_negative(long long value, const char* what) {
  if (value < 0) invalid(std::string(what) + " must not be negative");
}

}  // namespace ngnpro::services
