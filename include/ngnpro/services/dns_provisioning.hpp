// The Dns port's provisioning rules (api §4.3, §8.3, §8.5, §8.14): zones, records and fancy
// records. One method per operation, each one transaction.
#pragma once

#include <cstdint>
#include <string>

#include "ngnpro/core/config.hpp"
#include "ngnpro/core/dns.hpp"
#include "ngnpro/services/caller.hpp"
#include "ngnpro/storage/database.hpp"

namespace ngnpro::services {

class DnsProvisioning {
 public:
  DnsProvisioning(storage::Database& db, const core::Config& config) : db_(db), config_(config) {}

  void add_zone(const Caller& caller, const core::DnsZoneInput& input);
  void update_zone(const Caller& caller, const core::DnsZoneInput& input);
  void delete_zone(const Caller& caller, const std::string& name);
  core::DnsZone get_zone(const Caller& caller, const std::string& name);
  core::Page<core::DnsZone> list_zones(const Caller& caller, const core::DnsZoneQuery& query);

  void add_record(const Caller& caller, const core::DnsRecordInput& input);
  void update_record(const Caller& caller, const core::DnsRecordInput& input);
  void delete_record(const Caller& caller, std::int64_t id);
  core::DnsRecord get_record(const Caller& caller, std::int64_t id);
  core::Page<core::DnsRecord> list_records(const Caller& caller, const core::DnsRecordQuery& query);

  void add_fancy_record(const Caller& caller, const core::DnsRecordInput& input);
  void update_fancy_record(const Caller& caller, const core::DnsRecordInput& input);
  void delete_fancy_record(const Caller& caller, std::int64_t id);
  core::DnsRecord get_fancy_record(const Caller& caller, std::int64_t id);
  core::Page<core::DnsRecord> list_fancy_records(const Caller& caller, const core::DnsRecordQuery& query);

 private:
  storage::Database& db_;
  const core::Config& config_;
};

}  // namespace ngnpro::services
