// DNS zones, records and fancy records (api §5.12, §8.14): plain data for every layer.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ngnpro/core/query.hpp"
#include "ngnpro/core/sip.hpp"  // Owner

namespace ngnpro::core {

// DnsRecordType (api §5.1); SOA is the zone's own (DnsZone), never a record.
inline constexpr std::array<std::string_view, 10> kDnsRecordTypes = {"A",     "AAAA", "CNAME", "MX",  "NAPTR",
                                                                     "NS",    "SRV",  "TXT",   "PTR", "LOC"};
// DnsFancyRecordType (api §5.1, §8.14): e-mail forwarding and web redirection.
inline constexpr std::string_view kMailForward = "MBOXFW";
inline constexpr std::string_view kUrlRedirect = "URL";

// The SOA defaults of a new zone (api §8.14); the contact is hostmaster@<zone>.
struct SoaTimers {
  int ttl = 3600;
  int refresh = 10800;
  int retry = 3600;
  int expire = 604800;
  int minimum = 3600;
};

struct DnsZone {
  std::string name;
  SoaTimers timers;
  std::vector<std::string> nameservers;
  std::string email;
  std::int64_t serial = 0;  // server-managed (api §4.3: read-only)
  Owner owner;
  std::string info;
  std::string change_date;
};

// add/updateZone input: absent members are std::nullopt (update keeps them, api §8.9); a
// client's serial is never read.
struct DnsZoneInput {
  std::string name;
  std::optional<int> ttl, refresh, retry, expire, minimum;
  std::optional<std::vector<std::string>> nameservers;  // empty names already dropped (api §2.6.7)
  std::optional<std::string> email, info;
  std::optional<std::int64_t> customer, reseller;
};

struct DnsZoneQuery {
  std::string name, info;                 // LIKE patterns
  std::int64_t customer = 0, reseller = 0;  // 0: any
  OrderBy order_by;
  Range range;
};

// A DNS record (types A ... LOC) or a fancy record (MBOXFW, URL): the same members on the wire
// (api §5.12), in two tables.
struct DnsRecord {
  std::int64_t id = 0;
  std::string zone;
  std::string name;      // fully qualified, no trailing dot (api §9.1 Q7); MBOXFW: local@zone
  std::string type;
  std::string value;     // as the client sent it
  int ttl = 0;
  int priority = 0;
  std::int64_t owner = 0;
  Owner zone_owner;      // read-only: the zone's customer and reseller
  std::string change_date;
};

// add/updateRecord input. update keeps what is absent; without an id, updateRecord finds the
// record by (zone, name, type) (api §4.3, CDRTool's import after a 7003).
struct DnsRecordInput {
  std::optional<std::int64_t> id;
  std::string zone;      // trimmed, lower case; "" when absent
  std::optional<std::string> name;
  std::string type;      // trimmed, upper case; "" when absent
  std::optional<std::string> value;
  std::optional<int> ttl, priority;
  std::optional<std::int64_t> owner;
};

struct DnsRecordQuery {
  std::int64_t id = 0;                      // 0: any
  std::string zone, name, type, value;      // LIKE patterns
  std::int64_t owner = 0, customer = 0, reseller = 0;
  OrderBy order_by;
  Range range;
};

}  // namespace ngnpro::core
