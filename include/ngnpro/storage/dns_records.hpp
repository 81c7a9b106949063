// DNS records and fancy records (ngnpro.dns_records, ngnpro.dns_fancy_records): one shape on the
// wire (api §5.12), two tables, one set of functions that takes the table. Customer and
// reseller come from the record's zone. Functions take the caller's transaction, in which the
// zone's row is locked before any record of it is written (schema/014).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ngnpro/core/dns.hpp"
#include "ngnpro/storage/database.hpp"
#include "ngnpro/storage/scope.hpp"

namespace ngnpro::storage {

enum class DnsTable { kRecords, kFancyRecords };

struct DnsRecordRow {
  std::int64_t zone_id = 0;
  core::DnsRecord record;
  // What PowerDNS gets of it: a record's served content; a URL record's redirector address.
  std::string published;
};

// What a write stores: the client's members and what PowerDNS gets of them.
struct DnsRecordWrite {
  std::string name;
  std::string type;
  std::string value;
  std::string published;
  int ttl = 0;
  int priority = 0;
  std::int64_t owner = 0;
};

std::optional<DnsRecordRow> find_dns_record(Tx& tx, DnsTable table, std::int64_t id);
// The records of a zone with that name and type, at most two, the one that serves `content`
// with `priority` first (a fancy record: the one with that value and priority).
std::vector<DnsRecordRow> find_dns_records_named(Tx& tx, DnsTable table, std::int64_t zone_id,
                                                 const std::string& name, const std::string& type,
                                                 const std::string& content, int priority);

// What else is at a name of a zone, besides the record and fancy record being written (0: none):
// a CNAME stands alone (RFC 1034 §3.6.2), and a URL record's host answers with the redirector.
struct DnsNameUse {
  bool cname = false;    // a CNAME record
  bool other = false;    // any record that is not a CNAME
  bool address = false;  // an A or AAAA record
  bool url = false;      // a URL fancy record
};
DnsNameUse dns_name_use(Tx& tx, std::int64_t zone_id, const std::string& name, std::int64_t record_id,
                        std::int64_t fancy_id);

core::Page<core::DnsRecord> list_dns_records(Tx& tx, DnsTable table, const core::DnsRecordQuery& query,
                                             const Scope& scope);
std::int64_t insert_dns_record(Tx& tx, DnsTable table, std::int64_t zone_id, const DnsRecordWrite& record,
                               const Audit& audit);  //!< 7003
void update_dns_record(Tx& tx, DnsTable table, std::int64_t id, const DnsRecordWrite& record,
                       const Audit& audit);  //!< 7003
void delete_dns_record(Tx& tx, DnsTable table, std::int64_t id);

}  // namespace ngnpro::storage
