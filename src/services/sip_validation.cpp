#include "sip_validation.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <cctype>

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

namespace ngnpro::services {

namespace {

bool has_sip_scheme(const std::string& v) {
  const auto starts = [&](const char* scheme) {
    const std::size_t n = std::char_traits<char>::length(scheme);
    if (v.size() <= n) return false;
    for (std::size_t i = 0; i < n; ++i)
      if (std::tolower(static_cast<unsigned char>(v[i])) != scheme[i]) return false;
    return true;
  };
  return starts("sip:") || starts("sips:");
}

bool printable_without_space(const std::string& v) {
  return std::all_of(v.begin(), v.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u > 0x20 && u != 0x7f;
  });
}

}  // namespace

std::string diversion_target(const std::string& value, const char* member) {
  if (value == core::kVoiceMailbox || value == "voice-mailbox") return core::kVoiceMailbox;
  core::require_length(value, core::kMaxTextBytes, member);
  if (!has_sip_scheme(value) || !printable_without_space(value))
    invalid(std::string(member) + " '" + core::excerpt(value) +
            "' is neither a sip:/sips: URI nor <voice-mailbox>");
  return value;
}

int minutes_of_day(const std::string& t, const char* what) {
  const auto digit = [&](std::size_t i) { return t[i] >= '0' && t[i] <= '9'; };
  if (t.size() != 5 || t[2] != ':' || !digit(0) || !digit(1) || !digit(3) || !digit(4))
    invalid(std::string(what) + " '" + core::excerpt(t) + "' is not HH:MM");
  const int h = (t[0] - '0') * 10 + (t[1] - '0');
  const int m = (t[3] - '0') * 10 + (t[4] - '0');
  if (m > 59 || h > 24 || (h == 24 && m != 0))
    invalid(std::string(what) + " '" + t + "' is not a time of day (00:00 to 24:00)");
  return h * 60 + m;
}

std::string hhmm(int minutes) {
  const auto two = [](int v) { return (v < 10 ? "0" : "") + std::to_string(v); };
  return two(minutes / 60) + ":" + two(minutes % 60);
}

std::string reject_member(const std::string& uri) {
  std::string v = uri;
  const auto open = v.find('<');
  if (open != std::string::npos) {
    const auto close = v.find('>', open);
    v = v.substr(open + 1, close == std::string::npos ? std::string::npos : close - open - 1);
  }
  v = v.substr(0, v.find_first_of(";?"));
  std::transform(v.begin(), v.end(), v.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  core::require_length(v, core::kMaxTextBytes, "reject member");
  const auto at = v.find('@');
  if (!has_sip_scheme(v) || !printable_without_space(v) || at == std::string::npos || at + 1 == v.size() ||
      v.find('@', at + 1) != std::string::npos || v.find_first_of("<>\"") != std::string::npos ||
      v[v.find(':') + 1] == '@')
    invalid("reject member '" + core::excerpt(uri) + "' is not a SIP URI sip:user@domain");
  return v;
}

void require_barring_prefix(const std::string& p) {
  const bool digits = p.size() >= 2 && p.size() <= 16 && p[0] == '+' && p[1] >= '1' && p[1] <= '9' &&
                      std::all_of(p.begin() + 1, p.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (!digits) invalid("barring prefix '" + core::excerpt(p) + "' is not + and E.164 digits (^\\+[1-9][0-9]*$)");
}

}  // namespace ngnpro::services
