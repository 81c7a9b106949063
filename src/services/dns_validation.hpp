// What the Dns port accepts, and what PowerDNS then serves (api §8.14, §9.1 Q7/Q8,
// SCHEMA-MAPPING §4). Record names come back fully qualified and lower case; each value is
// checked for its type and put into the presentation form PowerDNS stores (names qualified
// and without the final dot, addresses canonical, TXT and NAPTR strings quoted and escaped).
// Zone problems throw 8003, record problems 7004, each naming the bad value.
#pragma once

#include <string>
#include <vector>

#include "ngnpro/core/dns.hpp"

namespace ngnpro::services {

// Zones (8003).
std::string require_zone_name(const std::string& name);  //!< the name, lower case, no final dot
void require_zone_email(const std::string& email);       //!< local@host, fit for an SOA RNAME
std::vector<std::string> require_nameservers(const std::vector<std::string>& names);  //!< normalised
void require_zone_timers(const core::SoaTimers& timers);

// A TTL (0..2^31-1, RFC 2181 §8) and a priority (unsignedShort); 8003 naming the field.
void require_ttl(long long ttl, const char* what);
void require_priority(long long priority);

// A record's owner name in zone: "" or "@" is the apex; a name ending with the zone (or with a
// dot) is absolute, anything else is relative to the zone. 7004 for a bad name or one outside
// the zone.
std::string record_name(const std::string& zone, const std::string& name);

// A host name inside a value, qualified as api §9.1 Q8 says; 7004 naming what when it is bad.
std::string qualify_target(const std::string& zone, const std::string& target, const char* what);

struct ServedRecord {
  std::string name;     // fully qualified owner
  std::string type;     // one of core::kDnsRecordTypes
  std::string content;  // pdns.records.content
};

// type must already be upper case. 7004 for an unknown type, a bad value, a CNAME at the apex
// or an NS record at the apex (the zone's own name servers are DnsZone.nameservers).
ServedRecord check_record(const std::string& zone, const std::string& name, const std::string& type,
                          const std::string& value);

// Fancy records (api §8.14). MBOXFW names are local@zone (the zone is added when missing; an
// empty local part is the zone's catch-all); URL names are host names in the zone. 7004.
std::string fancy_record_name(const std::string& zone, const std::string& type, const std::string& name);
void check_fancy_value(const std::string& type, const std::string& value);

// The text of TXT character strings in presentation form: '"' and '\' escaped, bytes outside
// printable ASCII as \DDD (PowerDNS's own spelling, so its check finds nothing to differ).
std::string dns_escape(const std::string& bytes);

}  // namespace ngnpro::services
