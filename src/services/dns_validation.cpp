#include "dns_validation.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <limits>
#include <string_view>

#include "ngnpro/core/dns_name.hpp"
#include "ngnpro/core/error.hpp"
#include "ngnpro/core/text_limits.hpp"

namespace ngnpro::services {

namespace {

using core::Error;
using core::ErrorCode;

[[noreturn]] void invalid_zone(const std::string& message) { throw Error{ErrorCode::kInvalidArgument, message}; }
[[noreturn]] void invalid_record(const std::string& message) { throw Error{ErrorCode::kDnsRecordInvalid, message}; }

std::string quoted(const std::string& text) { return "'" + core::excerpt(text) + "'"; }

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool in_zone(const std::string& name, const std::string& zone) {
  return name == zone || ends_with(name, "." + zone);
}

// Whitespace-separated tokens; a value is one line of presentation form.
std::vector<std::string> tokens(const std::string& text) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
    const std::size_t start = i;
    while (i < text.size() && text[i] != ' ' && text[i] != '\t') ++i;
    if (i > start) out.push_back(text.substr(start, i - start));
  }
  return out;
}

bool has_control(const std::string& text) {
  return std::any_of(text.begin(), text.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u < 0x20 || u == 0x7f;
  });
}

// A decimal integer in [low, high], digits only (no sign unless low < 0, no blanks).
bool integer_in(const std::string& text, long long low, long long high, long long& out) {
  std::size_t i = (!text.empty() && text[0] == '-' && low < 0) ? 1 : 0;
  if (i == text.size() || text.size() - i > 12) return false;
  for (std::size_t j = i; j < text.size(); ++j)
    if (text[j] < '0' || text[j] > '9') return false;
  out = std::stoll(text);
  return out >= low && out <= high;
}

std::string canonical_address(int family, const std::string& text) {
  unsigned char buffer[sizeof(in6_addr)];
  char printed[INET6_ADDRSTRLEN];
  if (inet_pton(family, text.c_str(), buffer) != 1 || inet_ntop(family, buffer, printed, sizeof printed) == nullptr)
    return {};
  return printed;
}

// 255 bytes at most per character string (RFC 1035 §3.3); plain text is cut into strings on
// UTF-8 character boundaries.
constexpr std::size_t kMaxCharacterString = 255;

std::string txt_content(const std::string& value) {
  std::vector<std::string> strings;
  if (!value.empty() && value.front() == '"') {
    // Presentation form: one or more quoted strings, with \" \\ \DDD and \X escapes.
    std::size_t i = 0;
    while (i < value.size()) {
      if (value[i] == ' ' || value[i] == '\t') {
        ++i;
        continue;
      }
      if (value[i] != '"') invalid_record("TXT value " + quoted(value) + " has text outside its quoted strings");
      std::string s;
      for (++i;; ++i) {
        if (i >= value.size()) invalid_record("TXT value " + quoted(value) + " has an unterminated string");
        const char c = value[i];
        if (c == '"') break;
        if (c != '\\') {
          s.push_back(c);
          continue;
        }
        if (++i >= value.size()) invalid_record("TXT value " + quoted(value) + " ends in an escape");
        long long code = 0;
        if (i + 2 < value.size() && integer_in(value.substr(i, 3), 0, 255, code)) {
          s.push_back(static_cast<char>(code));
          i += 2;
        } else {
          s.push_back(value[i]);
        }
      }
      ++i;
      if (s.size() > kMaxCharacterString)
        invalid_record("a TXT string is longer than 255 bytes (" + std::to_string(s.size()) + ")");
      strings.push_back(std::move(s));
    }
  } else {
    std::size_t start = 0;
    do {
      std::size_t cut = std::min(value.size(), start + kMaxCharacterString);
      while (cut < value.size() && cut > start && (static_cast<unsigned char>(value[cut]) & 0xC0) == 0x80) --cut;
      if (cut == start) cut = std::min(value.size(), start + kMaxCharacterString);  // not UTF-8: cut anywhere
      strings.push_back(value.substr(start, cut - start));
      start = cut;
    } while (start < value.size());
  }
  std::string content;
  for (const auto& s : strings) content += (content.empty() ? "\"" : " \"") + dns_escape(s) + "\"";
  return content;
}

std::string srv_content(const std::string& zone, const std::string& value) {
  const auto t = tokens(value);
  long long weight = 0, port = 0;
  if (t.size() != 3 || !integer_in(t[0], 0, 65535, weight) || !integer_in(t[1], 0, 65535, port))
    invalid_record("SRV value " + quoted(value) +
                   " is not 'weight port target' (0-65535 each; the priority goes in priority)");
  return std::to_string(weight) + " " + std::to_string(port) + " " + qualify_target(zone, t[2], "SRV target");
}

// One quoted NAPTR field, taken as the client wrote it: no escapes, so it cannot hold '"'.
std::string naptr_field(const std::string& value, std::size_t& i, const char* what) {
  while (i < value.size() && (value[i] == ' ' || value[i] == '\t')) ++i;
  if (i >= value.size() || value[i] != '"') invalid_record(std::string("NAPTR ") + what + " must be a quoted string");
  const std::size_t end = value.find('"', i + 1);
  if (end == std::string::npos) invalid_record(std::string("NAPTR ") + what + " has no closing quote");
  std::string field = value.substr(i + 1, end - i - 1);
  i = end + 1;
  return field;
}

// delim ERE delim replacement delim [i] (RFC 3403 §3.2); the delimiter is neither a digit, a
// backslash nor 'i', and only unescaped delimiters count.
bool naptr_regexp(const std::string& r) {
  if (r.size() < 3) return false;
  const char delim = r[0];
  if ((delim >= '0' && delim <= '9') || delim == '\\' || delim == 'i') return false;
  int seen = 1;
  std::size_t last = 0;
  for (std::size_t i = 1; i < r.size(); ++i) {
    if (r[i] == '\\') {
      ++i;
    } else if (r[i] == delim) {
      ++seen;
      last = i;
    }
  }
  const std::string flags = r.substr(last + 1);
  return seen == 3 && (flags.empty() || flags == "i") && r[1] != delim;
}

std::string naptr_content(const std::string& zone, const std::string& value) {
  std::size_t i = 0;
  long long number[2] = {0, 0};
  for (auto& n : number) {
    while (i < value.size() && (value[i] == ' ' || value[i] == '\t')) ++i;
    const std::size_t start = i;
    while (i < value.size() && value[i] != ' ' && value[i] != '\t') ++i;
    if (!integer_in(value.substr(start, i - start), 0, 65535, n))
      invalid_record("NAPTR value " + quoted(value) +
                     " is not 'order preference \"flags\" \"service\" \"regexp\" replacement'");
  }
  const std::string flags = naptr_field(value, i, "flags");
  const std::string service = naptr_field(value, i, "service");
  const std::string regexp = naptr_field(value, i, "regexp");
  const auto rest = tokens(value.substr(i));
  if (rest.size() != 1) invalid_record("NAPTR value " + quoted(value) + " needs one replacement after the regexp");
  if (!std::all_of(flags.begin(), flags.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)); }))
    invalid_record("NAPTR flags " + quoted(flags) + " may hold letters and digits only");
  if (!std::all_of(service.begin(), service.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == ':' || c == '.' || c == '-' || c == '_';
      }))
    invalid_record("NAPTR service " + quoted(service) + " has characters a service field cannot hold");
  if (has_control(regexp)) invalid_record("NAPTR regexp holds control characters");
  const std::string replacement = rest[0] == "." ? "." : qualify_target(zone, rest[0], "NAPTR replacement");
  // RFC 3403 §4.1: a rule rewrites with the regexp or names the replacement, never both.
  if (!regexp.empty() && replacement != ".")
    invalid_record("a NAPTR record has a regexp or a replacement other than '.', not both");
  if (regexp.empty() && replacement == ".")
    invalid_record("a NAPTR record needs a regexp or a replacement other than '.'");
  if (!regexp.empty() && !naptr_regexp(regexp))
    invalid_record("NAPTR regexp " + quoted(regexp) + " is not delim-ERE-delim-replacement-delim");
  return std::to_string(number[0]) + " " + std::to_string(number[1]) + " \"" + flags + "\" \"" + service + "\" \"" +
         dns_escape(regexp) + "\" " + replacement;
}

// A decimal with at most `decimals` fractional digits (and a final 'm' when metres), as an
// integer count of 10^-decimals units: "-2.5m" with 2 decimals is -250.
std::optional<long long> fixed_point(std::string text, int decimals, bool metres) {
  if (metres && !text.empty() && text.back() == 'm') text.pop_back();
  const bool negative = !text.empty() && text[0] == '-';
  if (negative) text.erase(0, 1);
  const std::size_t dot = text.find('.');
  std::string digits = text.substr(0, dot);
  std::string fraction = dot == std::string::npos ? std::string{} : text.substr(dot + 1);
  if (digits.empty() || digits.size() > 9 || (dot != std::string::npos && fraction.empty()) ||
      fraction.size() > static_cast<std::size_t>(decimals))
    return std::nullopt;
  fraction.resize(static_cast<std::size_t>(decimals), '0');
  digits += fraction;
  if (!std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) return std::nullopt;
  const long long value = std::stoll(digits);
  return negative ? -value : value;
}

// RFC 1876's size and precisions: centimetres as one digit times a power of ten, truncated as
// BIND's precsize_aton (and PowerDNS after it) does, then in metres as PowerDNS prints them.
double loc_precision_metres(long long centimetres) {
  int exponent = 0;
  long long power = 1;
  while (exponent < 9 && centimetres >= power * 10) {
    power *= 10;
    ++exponent;
  }
  double metres = 0.01 * static_cast<double>(std::min(centimetres / power, 9LL));
  while (exponent-- > 0) metres *= 10;
  return metres;
}

// RFC 1876 §3: d1 [m1 [s1]] {"N"|"S"} d2 [m2 [s2]] {"E"|"W"} alt["m"] [siz["m"] [hp["m"] [vp["m"]]]]
// The content is the value as PowerDNS prints it back (its LOCRecordContent, from the binary
// form: thousandths of an arc second, centimetres), so that its check finds nothing to differ.
std::string loc_content(const std::string& value) {
  const auto t = tokens(value);
  const auto bad = [&](const std::string& why) {
    invalid_record("LOC value " + quoted(value) + ": " + why + " (RFC 1876: d [m [s]] N|S d [m [s]] E|W alt[m] ...)");
  };
  std::size_t i = 0;
  // Thousandths of an arc second, negative south and west.
  const auto angle = [&](long long max_degrees, const char* hemispheres) {
    long long degrees = 0, minutes = 0, milliseconds = 0;
    if (i >= t.size() || !integer_in(t[i++], 0, max_degrees, degrees)) bad("bad degrees");
    for (int part = 0; part < 2 && i < t.size() && std::string(hemispheres).find(t[i]) == std::string::npos; ++part) {
      if (part == 0 && !integer_in(t[i], 0, 59, minutes)) bad("bad minutes");
      if (part == 1) {
        const auto seconds = fixed_point(t[i], 3, false);
        if (!seconds || *seconds < 0 || *seconds > 59999) bad("bad seconds");
        milliseconds = *seconds;
      }
      ++i;
    }
    if (i >= t.size() || t[i].size() != 1 || std::string(hemispheres).find(t[i]) == std::string::npos)
      bad(std::string("expected ") + hemispheres[0] + " or " + hemispheres[1]);
    const long long total = (degrees * 3600 + minutes * 60) * 1000 + milliseconds;
    if (total > max_degrees * 3600000) bad("beyond the pole or the antimeridian");
    return t[i++][0] == hemispheres[0] ? total : -total;
  };
  const double latitude = static_cast<double>(angle(90, "NS")) / 3600000.0;
  const double longitude = static_cast<double>(angle(180, "EW")) / 3600000.0;
  const auto altitude = i < t.size() ? fixed_point(t[i++], 2, true) : std::nullopt;
  // RFC 1876 allows 42849672.95m; PowerDNS prints altitudes past 2^31 cm (offset included) wrongly.
  if (!altitude || *altitude < -10000000 || *altitude > 2137483647LL) bad("altitude must be -100000m to 21374836.47m");
  long long precision[3] = {100, 1000000, 1000};  // defaults: 1m, 10000m, 10m
  for (auto& cm : precision) {
    if (i == t.size()) break;
    const auto given = fixed_point(t[i++], 2, true);
    if (!given || *given < 0 || *given > 9000000000LL) bad("bad size or precision");
    cm = *given;
  }
  if (i != t.size()) bad("too many fields");
  // PowerDNS's own arithmetic, step by step, for the same digits.
  const double remlat = 60.0 * (latitude - static_cast<int>(latitude));
  const double remlong = 60.0 * (longitude - static_cast<int>(longitude));
  char out[160];
  std::snprintf(out, sizeof out, "%d %d %2.03f %c %d %d %2.03f %c %.2fm %.2fm %.2fm %.2fm",
                std::abs(static_cast<int>(latitude)), std::abs(static_cast<int>((latitude - static_cast<int>(latitude)) * 60)),
                std::fabs((remlat - static_cast<int>(remlat)) * 60.0), latitude > 0 ? 'N' : 'S',
                std::abs(static_cast<int>(longitude)),
                std::abs(static_cast<int>((longitude - static_cast<int>(longitude)) * 60)),
                std::fabs((remlong - static_cast<int>(remlong)) * 60.0), longitude > 0 ? 'E' : 'W',
                static_cast<std::int32_t>(*altitude + 10000000) / 100.0 - 100000, loc_precision_metres(precision[0]),
                loc_precision_metres(precision[1]), loc_precision_metres(precision[2]));
  return out;
}

bool is_record_type(const std::string& type) {
  return std::find(core::kDnsRecordTypes.begin(), core::kDnsRecordTypes.end(), type) != core::kDnsRecordTypes.end();
}

// Local parts of e-mail addresses: RFC 5322 dot-atom text.
bool is_local_part(const std::string& local) {
  static const std::string kAtext = "!#$%&'*+-/=?^_`{|}~";
  if (local.empty() || local.size() > 64 || local.front() == '.' || local.back() == '.' ||
      local.find("..") != std::string::npos)
    return false;
  return std::all_of(local.begin(), local.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || kAtext.find(c) != std::string::npos;
  });
}

bool is_mail_address(const std::string& address) {
  const std::size_t at = address.rfind('@');
  return at != std::string::npos && is_local_part(address.substr(0, at)) && core::host_name(address.substr(at + 1)) &&
         address.back() != '.';
}

}  // namespace

std::string require_zone_name(const std::string& name) {
  const auto zone = core::host_name(name);
  if (!zone || zone->find('.') == std::string::npos)
    invalid_zone("zone name " + quoted(name) + " is not a domain name (letters, digits, '-', at least two labels)");
  return *zone;
}

void require_zone_email(const std::string& email) {
  core::require_length(email, core::kMaxTextBytes, "email");
  // The SOA RNAME spells the local part as a label (ngnpro.soa_rname): keep it to characters
  // that need no escaping there besides the dot.
  const std::size_t at = email.find('@');
  const std::string local = at == std::string::npos ? std::string{} : email.substr(0, at);
  const bool plain_local = !local.empty() && std::all_of(local.begin(), local.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_' || c == '+';
  });
  if (at == std::string::npos || email.find('@', at + 1) != std::string::npos || !plain_local ||
      !is_local_part(local) || !core::host_name(email.substr(at + 1)) || email.back() == '.')
    invalid_zone("email " + quoted(email) + " is not an address local@domain (letters, digits, . - _ + before the @)");
}

std::vector<std::string> require_nameservers(const std::vector<std::string>& names) {
  if (names.size() > core::kMaxZoneNameservers)
    invalid_zone("at most " + std::to_string(core::kMaxZoneNameservers) + " name servers (" + std::to_string(names.size()) +
                 " given)");
  std::vector<std::string> out;
  for (const auto& name : names) {
    const auto host = core::host_name(name);
    if (!host) invalid_zone("name server " + quoted(name) + " is not a host name");
    if (std::find(out.begin(), out.end(), *host) == out.end()) out.push_back(*host);
  }
  return out;
}

void require_zone_timers(const core::SoaTimers& t) {
  require_ttl(t.ttl, "ttl");
  require_ttl(t.refresh, "refresh");
  require_ttl(t.retry, "retry");
  require_ttl(t.expire, "expire");
  require_ttl(t.minimum, "minimum");
}

void require_ttl(long long ttl, const char* what) {
  if (ttl < 0 || ttl > std::numeric_limits<std::int32_t>::max())
    invalid_zone(std::string(what) + " must be 0 to 2147483647 (" + std::to_string(ttl) + " given)");
}

void require_priority(long long priority) {
  if (priority < 0 || priority > 65535)
    invalid_zone("priority must be 0 to 65535 (" + std::to_string(priority) + " given)");
}

std::string record_name(const std::string& zone, const std::string& name) {
  if (name.empty() || name == "@") return zone;
  const auto owner = core::owner_name(name);
  if (!owner) invalid_record("record name " + quoted(name) + " is not a DNS name");
  if (in_zone(*owner, zone)) return *owner;
  if (name.back() == '.') invalid_record("record name " + quoted(name) + " is not in zone " + zone);
  const std::string full = *owner + "." + zone;
  if (full.size() > core::kMaxDnsNameBytes) invalid_record("record name " + quoted(name) + " is too long in " + zone);
  return full;
}

std::string qualify_target(const std::string& zone, const std::string& target, const char* what) {
  const auto name = core::target_name(target);
  if (!name) invalid_record(std::string(what) + " " + quoted(target) + " is not a host name");
  // api §9.1 Q8: a final dot or the zone's name makes it absolute; a service label or a single
  // label is relative to the zone; any other dotted name is absolute.
  if (target.back() == '.' || in_zone(*name, zone)) return *name;
  if ((*name)[0] != '_' && name->find('.') != std::string::npos) return *name;
  const std::string full = *name + "." + zone;
  if (full.size() > core::kMaxDnsNameBytes) invalid_record(std::string(what) + " " + quoted(target) + " is too long");
  return full;
}

ServedRecord check_record(const std::string& zone, const std::string& name, const std::string& type,
                          const std::string& value) {
  if (!is_record_type(type))
    invalid_record("record type " + quoted(type) + " is not one of A AAAA CNAME MX NAPTR NS SRV TXT PTR LOC");
  core::require_length(value, core::kMaxValueBytes, "value");
  ServedRecord out{record_name(zone, name), type, {}};
  if (type != "TXT" && has_control(value)) invalid_record(type + " value holds control characters");
  if (type == "A" || type == "AAAA") {
    out.content = canonical_address(type == "A" ? AF_INET : AF_INET6, value);
    if (out.content.empty()) invalid_record(type + " value " + quoted(value) + " is not an IPv" + (type == "A" ? "4" : "6") + " address");
  } else if (type == "CNAME" || type == "NS" || type == "PTR" || type == "MX") {
    if (type == "CNAME" && out.name == zone) invalid_record("a CNAME cannot be at the zone apex " + zone + " (RFC 1912 §2.4)");
    if (type == "NS" && out.name == zone)
      invalid_record("the name servers of " + zone + " are the zone's nameservers (updateZone), not NS records");
    out.content = qualify_target(zone, value, (type + " target").c_str());
    if (type == "MX" || type == "NS") {
      if (!core::host_name(out.content)) invalid_record(type + " target " + quoted(value) + " is not a host name");
    }
  } else if (type == "SRV") {
    out.content = srv_content(zone, value);
  } else if (type == "TXT") {
    out.content = txt_content(value);
  } else if (type == "NAPTR") {
    out.content = naptr_content(zone, value);
  } else {
    out.content = loc_content(value);
  }
  return out;
}

std::string fancy_record_name(const std::string& zone, const std::string& type, const std::string& name) {
  if (type == core::kUrlRedirect) return record_name(zone, name);
  if (type != core::kMailForward) invalid_record("fancy record type " + quoted(type) + " is not MBOXFW or URL");
  const std::size_t at = name.rfind('@');
  std::string local = at == std::string::npos ? name : name.substr(0, at);
  std::transform(local.begin(), local.end(), local.begin(), [](unsigned char c) { return std::tolower(c); });
  if (at != std::string::npos) {
    const auto domain = core::host_name(name.substr(at + 1));
    if (!domain || *domain != zone) invalid_record("MBOXFW address " + quoted(name) + " is not in zone " + zone);
  }
  // An empty local part is the zone's catch-all, as Postfix reads "@domain".
  if (!local.empty() && !is_local_part(local))
    invalid_record("MBOXFW address " + quoted(name) + " has a bad local part");
  return local + "@" + zone;
}

void check_fancy_value(const std::string& type, const std::string& value) {
  core::require_length(value, core::kMaxValueBytes, "value");
  if (type == core::kUrlRedirect) {
    std::string scheme = value.substr(0, value.find("://"));
    std::transform(scheme.begin(), scheme.end(), scheme.begin(), [](unsigned char c) { return std::tolower(c); });
    const bool web = (scheme == "http" || scheme == "https") && value.size() > scheme.size() + 3;
    if (!web || has_control(value) || value.find(' ') != std::string::npos)
      invalid_record("URL value " + quoted(value) + " is not an http:// or https:// URL");
    return;
  }
  // MBOXFW: one or more destination addresses separated by commas, as Postfix's virtual maps
  // read them.
  std::size_t start = 0;
  for (;;) {
    const std::size_t comma = value.find(',', start);
    const auto t = tokens(value.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    if (t.size() != 1 || !is_mail_address(t[0]))
      invalid_record("MBOXFW value " + quoted(value) + " is not a comma-separated list of e-mail addresses");
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
}

std::string dns_escape(const std::string& bytes) {
  std::string out;
  for (const char c : bytes) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (u < 0x20 || u >= 0x7f) {
      char code[5];
      std::snprintf(code, sizeof code, "\\%03u", static_cast<unsigned>(u));
      out += code;
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace ngnpro::services
