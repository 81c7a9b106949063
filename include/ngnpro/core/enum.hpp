// ENUM ranges, numbers and their NAPTR mappings (api §4.4, §5.13, §8.13): plain data for every
// layer, and the rules that need no database (digits, the service table, country codes).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ngnpro/core/dns_name.hpp"
#include "ngnpro/core/query.hpp"
#include "ngnpro/core/sip.hpp"

namespace ngnpro::core {

inline constexpr std::string_view kDefaultEnumTld = "e164.arpa";  // api §4.4
// ITU-T E.164 §6: an international number has at most 15 digits; a prefix is never longer.
inline constexpr std::size_t kMaxEnumDigits = 15;
// A number's NAPTR owner is two bytes per digit plus the tld, within a DNS name's 253.
inline constexpr std::size_t kMaxEnumTldBytes = kMaxDnsNameBytes - 2 * kMaxEnumDigits;
inline constexpr std::size_t kMaxEnumMappings = 5;    // ETSI TS 102 172 (api §8.13): else 3006
// The regexp "!^.*$!<uri>!" is one DNS character-string: 255 bytes, 7 of them not the URI.
inline constexpr std::size_t kMaxEnumUriBytes = 248;
inline constexpr int kDefaultEnumTtl = 3600;          // api §5.13 (ranges and mappings)
inline constexpr int kDefaultEnumPriority = 5;        // CDRTool's default NAPTR order
inline constexpr int kMaxEnumPriority = 65535;        // NAPTR order is 16 bits (RFC 3403)

struct EnumRangeId {
  std::string prefix;  // digits, no '+'
  std::string tld;     // lower case, no trailing dot
  std::string text() const { return "+" + prefix + " under " + tld; }
};

struct EnumRange {
  EnumRangeId id;
  int ttl = kDefaultEnumTtl;
  int min_digits = 0;  // 0: no minimum
  int max_digits = 0;  // 0: no maximum
  int size = 0;        // 0: no limit on the number of numbers
  std::vector<std::string> nameservers;
  std::int64_t used = 0;    // read-only: numbers in the range
  std::int64_t serial = 0;  // read-only: the zone's SOA serial
  Owner owner;
  std::string change_date;
  std::string info;
};

// add/updateRange input: absent members are std::nullopt (update keeps them, api §8.9).
struct EnumRangeInput {
  EnumRangeId id;
  std::optional<int> ttl, min_digits, max_digits, size;
  std::optional<std::vector<std::string>> nameservers;  // empty names already dropped
  std::optional<std::int64_t> customer, reseller;
  std::optional<std::string> info;
};

struct EnumRangeQuery {
  std::string prefix, tld, info;              // LIKE patterns; empty: no condition
  std::int64_t customer = 0, reseller = 0;    // 0: any
  OrderBy order_by;
  Range range;
};

struct EnumId {
  std::string number;  // the full number's digits, no '+'
  std::string tld;
  std::string text() const { return "+" + number + " under " + tld; }
};

struct EnumMapping {
  std::int64_t id = 0;  // server-assigned; 0 on input: a new mapping
  std::string type;     // the service key of api §8.13
  std::string mapto;    // the URI
  int priority = kDefaultEnumPriority;
  int ttl = kDefaultEnumTtl;
};

struct EnumNumber {
  EnumId id;
  std::vector<EnumMapping> mappings;
  std::string info;
  std::int64_t owner = 0;
  Owner range_owner;  // read-only: the range's customer and reseller
  std::string change_date;
};

// add/updateNumber input: mappings given replace the list; absent members keep (api §8.9).
struct EnumNumberInput {
  EnumId id;
  std::optional<std::vector<EnumMapping>> mappings;
  std::optional<std::string> info;
  std::optional<std::int64_t> owner;
};

struct EnumNumberQuery {
  std::string number, tld, type;              // LIKE patterns
  std::string mapto;                          // a substring (api §4.4: CDRTool omits the scheme)
  std::int64_t owner = 0, customer = 0, reseller = 0;
  OrderBy order_by;
  Range range;
};

// One row of api §8.13's table: a mapping type, the service its NAPTR carries after "E2U+",
// and the URI schemes its mapto may start with.
struct EnumService {
  std::string_view type;
  std::string_view naptr_service;
  std::array<std::string_view, 2> schemes;  // an empty second one: only one scheme
};

// nullptr for a type the table does not know.
const EnumService* find_enum_service(std::string_view type);

// A tld as stored: "" is kDefaultEnumTld (api §4.4), anything else a host name (lower case, no
// trailing dot, any tld: api §9.1 row 8) of at most kMaxEnumTldBytes whose first label is not a
// single digit (so that every range has a zone name of its own), else 8003.
std::string enum_tld(std::string_view text);

// Digits of a prefix or number: 1 to kMaxEnumDigits of 0-9, else 8003 naming field.
void require_enum_digits(std::string_view digits, std::string_view field);

// A mapping that PowerDNS can serve as api §9.1 row 13 publishes it: a known type (3006), a
// mapto with one of its schemes (3006), no '!' (the regexp's delimiter, 3006), printable
// ASCII without spaces (a URI, 8003), at most kMaxEnumUriBytes (8003); priority 0..65535 and
// a non-negative ttl (8003).
void require_enum_mapping(const EnumMapping& mapping);

// True when prefix is an ITU-T E.164 country code followed by at least one more digit: what a
// non-admin may allocate as a range (api §8.13). A bare country code, a shorter prefix and a
// spare code are the admin's.
bool extends_country_code(std::string_view prefix);
// The assigned country code that prefix starts with, or "" (for messages and tests).
std::string_view country_code_of(std::string_view prefix);

}  // namespace ngnpro::core
