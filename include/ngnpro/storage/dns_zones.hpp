// DNS zones (ngnpro.dns_zones). Functions take the caller's transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "ngnpro/core/dns.hpp"
#include "ngnpro/storage/database.hpp"
#include "ngnpro/storage/scope.hpp"

namespace ngnpro::storage {

struct DnsZoneRow {
  std::int64_t id = 0;
  core::DnsZone zone;
};

std::optional<DnsZoneRow> find_dns_zone(Tx& tx, const std::string& name);
// FOR UPDATE: every writer of a zone or of its records takes this lock first (schema/014).
std::optional<DnsZoneRow> lock_dns_zone(Tx& tx, const std::string& name);
std::optional<DnsZoneRow> lock_dns_zone(Tx& tx, std::int64_t id);
// Whether PowerDNS already serves a domain of that name (an ENUM range's zone, for one).
bool dns_domain_published(Tx& tx, const std::string& name);
core::Page<core::DnsZone> list_dns_zones(Tx& tx, const core::DnsZoneQuery& query, const Scope& scope);
void insert_dns_zone(Tx& tx, const core::DnsZone& zone, const Audit& audit);  //!< 7001
// Every member of zone but its name and serial (the triggers keep the serial).
void update_dns_zone(Tx& tx, std::int64_t id, const core::DnsZone& zone, const Audit& audit);
// With every record and fancy record in it (they cascade).
void delete_dns_zone(Tx& tx, std::int64_t id);

}  // namespace ngnpro::storage
