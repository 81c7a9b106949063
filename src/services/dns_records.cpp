// DNS records and fancy records (api §4.3, §8.5, §8.14): the same operations on two tables.
// Every write locks its zone's row first: the zone's writers queue there, so the checks of a
// name (CNAME alone, URL hosts) and the write that follows see the same records.
#include "ngnpro/core/error.hpp"
#include "ngnpro/core/text_limits.hpp"
#include "ngnpro/services/dns_provisioning.hpp"
#include "ngnpro/storage/dns_records.hpp"
#include "ngnpro/storage/dns_zones.hpp"
#include "dns_validation.hpp"
#include "ownership.hpp"

namespace ngnpro::services {

namespace {

using core::Error;
using core::ErrorCode;
using storage::DnsTable;

const char* noun(DnsTable table) { return table == DnsTable::kRecords ? "DNS record " : "fancy record "; }

[[noreturn]] void record_missing(DnsTable table, const std::string& what) {
  throw Error{ErrorCode::kDnsRecordNotFound, noun(table) + what + " does not exist"};
}

storage::DnsZoneRow require_zone(std::optional<storage::DnsZoneRow> zone, const std::string& name) {
  if (!zone) throw Error{ErrorCode::kDnsZoneNotFound, "DNS zone " + core::excerpt(name) + " does not exist"};
  return *zone;
}

std::string zone_of(const core::DnsRecordInput& input) {
  std::string zone = input.zone;
  if (!zone.empty() && zone.back() == '.') zone.pop_back();
  if (zone.empty()) throw Error{ErrorCode::kInvalidArgument, "zone is required"};
  return zone;
}

// What a write stores for the record the client described, checked for its type (7004).
storage::DnsRecordWrite checked(DnsTable table, const storage::DnsZoneRow& zone, const std::string& name,
                                const std::string& type, const std::string& value, const core::Config& config) {
  storage::DnsRecordWrite w;
  w.value = value;
  if (table == DnsTable::kRecords) {
    ServedRecord served = check_record(zone.zone.name, name, type, value);
    w.name = std::move(served.name);
    w.type = std::move(served.type);
    w.published = std::move(served.content);
  } else {
    w.name = fancy_record_name(zone.zone.name, type, name);
    w.type = type;
    check_fancy_value(type, value);
    // The host of a URL record answers with the redirector's address (config [dns]).
    if (type == core::kUrlRedirect) w.published = config.dns.url_redirector;
  }
  return w;
}

// The members a record keeps unless the client gives them (api §8.9), then their checks.
void apply_numbers(storage::DnsRecordWrite& w, const core::DnsRecordInput& in, const core::DnsRecord& current) {
  w.ttl = in.ttl.value_or(current.ttl);
  w.priority = in.priority.value_or(current.priority);
  w.owner = in.owner.value_or(current.owner);
  require_ttl(w.ttl, "ttl");
  require_priority(w.priority);
}

// A CNAME stands alone at its name (RFC 1034 §3.6.2, RFC 2181 §10.1), and a URL record's host
// answers with the redirector: nothing may give it an address or a CNAME of its own.
void require_name_free(storage::Tx& tx, DnsTable table, std::int64_t zone_id, const storage::DnsRecordWrite& w,
                       std::int64_t id) {
  const bool fancy = table == DnsTable::kFancyRecords;
  if (fancy && w.type != core::kUrlRedirect) return;
  const auto use = storage::dns_name_use(tx, zone_id, w.name, fancy ? 0 : id, fancy ? id : 0);
  const auto refuse = [&](const std::string& why) { throw Error{ErrorCode::kDnsRecordInvalid, w.name + ": " + why}; };
  if (fancy) {
    if (use.cname || use.address) refuse("a URL redirect cannot stand beside A, AAAA or CNAME records");
    return;
  }
  if (w.type == "CNAME" && (use.cname || use.other || use.url))
    refuse("a CNAME cannot stand beside other records (RFC 1034 §3.6.2)");
  if (w.type != "CNAME" && use.cname) refuse("the name has a CNAME, which stands alone (RFC 1034 §3.6.2)");
  if ((w.type == "A" || w.type == "AAAA") && use.url) refuse("the name is a URL redirect to the redirector's address");
}

// updateRecord without an id: the import path after a 7003 (api §4.3) names the record by
// (zone, name, type); among several, the one with the same data.
storage::DnsRecordRow find_by_name(storage::Tx& tx, DnsTable table, const storage::DnsZoneRow& zone,
                                   const core::DnsRecordInput& in, const core::Config& config) {
  if (!in.name || in.type.empty())
    throw Error{ErrorCode::kInvalidArgument, "an update without an id needs the zone, name and type"};
  const std::string value = in.value.value_or("");
  std::string name, content;
  if (in.value) {
    const auto w = checked(table, zone, *in.name, in.type, value, config);
    name = w.name;
    content = table == DnsTable::kRecords ? w.published : value;
  } else {
    name = table == DnsTable::kRecords ? record_name(zone.zone.name, *in.name)
                                       : fancy_record_name(zone.zone.name, in.type, *in.name);
  }
  const auto found =
      storage::find_dns_records_named(tx, table, zone.id, name, in.type, content, in.priority.value_or(0));
  const std::string what = in.type + " " + name;
  if (found.empty()) record_missing(table, what);
  const bool exact = in.value && (table == DnsTable::kRecords ? found[0].published == content
                                                              : found[0].record.value == content);
  if (found.size() > 1 && !exact)
    throw Error{ErrorCode::kInvalidArgument, "several " + what + " records exist: name the one to update by its id"};
  return found[0];
}

// The record, its zone locked first, and the caller allowed to see it.
struct Locked {
  storage::DnsZoneRow zone;
  storage::DnsRecordRow row;
};

Locked lock_record(storage::Tx& tx, const Caller& caller, DnsTable table, std::int64_t id) {
  const auto before = storage::find_dns_record(tx, table, id);
  if (!before) record_missing(table, std::to_string(id));
  const auto zone = storage::lock_dns_zone(tx, before->zone_id);
  // Read again under the zone's lock: a writer that held it may have changed or deleted it.
  const auto row = zone ? storage::find_dns_record(tx, table, id) : std::nullopt;
  if (!row) record_missing(table, std::to_string(id));
  require_visible(caller, zone->zone.owner, "DNS zone " + zone->zone.name);
  return {*zone, *row};
}

void add_row(storage::Database& db, const core::Config& config, const Caller& caller, DnsTable table,
         const core::DnsRecordInput& in) {
  const std::string zone_name = zone_of(in);
  db.write([&](storage::Tx& tx) {
    const auto zone = require_zone(storage::lock_dns_zone(tx, zone_name), zone_name);
    require_visible(caller, zone.zone.owner, "DNS zone " + zone.zone.name);
    require_active_reseller(tx, caller);
    auto w = checked(table, zone, in.name.value_or(""), in.type, in.value.value_or(""), config);
    core::DnsRecord defaults;
    defaults.ttl = zone.zone.timers.ttl;
    apply_numbers(w, in, defaults);
    require_valid_owner_label(tx, caller, w.owner);
    require_name_free(tx, table, zone.id, w, 0);
    if (table == DnsTable::kFancyRecords && w.type == core::kMailForward)
      require_credit(tx, caller, zone.zone.owner, core::CreditedRecord::kEmail);
    storage::insert_dns_record(tx, table, zone.id, w, audit_of(caller));
  });
}

void update_row(storage::Database& db, const core::Config& config, const Caller& caller, DnsTable table,
            const core::DnsRecordInput& in) {
  db.write([&](storage::Tx& tx) {
    Locked locked;
    if (in.id) {
      locked = lock_record(tx, caller, table, *in.id);
    } else {
      const std::string zone_name = zone_of(in);
      locked.zone = require_zone(storage::lock_dns_zone(tx, zone_name), zone_name);
      require_visible(caller, locked.zone.zone.owner, "DNS zone " + locked.zone.zone.name);
      locked.row = find_by_name(tx, table, locked.zone, in, config);
    }
    const core::DnsRecord& current = locked.row.record;
    if (!in.zone.empty() && zone_of(in) != current.zone)
      throw Error{ErrorCode::kInvalidArgument, noun(table) + std::to_string(current.id) + " is in zone " +
                                                   current.zone + " and cannot move to another zone"};
    const std::string type = in.type.empty() ? current.type : in.type;
    if (table == DnsTable::kFancyRecords && type != current.type)
      throw Error{ErrorCode::kDnsRecordInvalid, "a fancy record keeps its type: delete it and add a " + type + " record"};
    // A stored name is fully qualified, so it reads back as itself (MBOXFW: local@zone).
    auto w = checked(table, locked.zone, in.name.value_or(current.name), type, in.value.value_or(current.value),
                     config);
    apply_numbers(w, in, current);
    if (w.owner != current.owner) require_valid_owner_label(tx, caller, w.owner);
    require_name_free(tx, table, locked.zone.id, w, current.id);
    storage::update_dns_record(tx, table, current.id, w, audit_of(caller));
  });
}

void delete_row(storage::Database& db, const Caller& caller, DnsTable table, std::int64_t id) {
  db.write([&](storage::Tx& tx) {
    const auto locked = lock_record(tx, caller, table, id);
    storage::delete_dns_record(tx, table, locked.row.record.id);
  });
}

core::DnsRecord get_row(storage::Database& db, const Caller& caller, DnsTable table, std::int64_t id) {
  // One statement: atomic on its own.
  const auto row = db.read_one([&](storage::Tx& tx) { return storage::find_dns_record(tx, table, id); });
  if (!row) record_missing(table, std::to_string(id));
  require_visible(caller, row->record.zone_owner, "DNS zone " + row->record.zone);
  return row->record;
}

core::Page<core::DnsRecord> list_rows(storage::Database& db, const Caller& caller, DnsTable table,
                                 const core::DnsRecordQuery& query) {
  return db.read([&](storage::Tx& tx) { return storage::list_dns_records(tx, table, query, scope_of(caller)); });
}

}  // namespace

void DnsProvisioning::add_record(const Caller& caller, const core::DnsRecordInput& input) {
  add_row(db_, config_, caller, DnsTable::kRecords, input);
}

void DnsProvisioning::update_record(const Caller& caller, const core::DnsRecordInput& input) {
  update_row(db_, config_, caller, DnsTable::kRecords, input);
}

void DnsProvisioning::delete_record(const Caller& caller, std::int64_t id) {
  delete_row(db_, caller, DnsTable::kRecords, id);
}

core::DnsRecord DnsProvisioning::get_record(const Caller& caller, std::int64_t id) {
  return get_row(db_, caller, DnsTable::kRecords, id);
}

core::Page<core::DnsRecord> DnsProvisioning::list_records(const Caller& caller, const core::DnsRecordQuery& query) {
  return list_rows(db_, caller, DnsTable::kRecords, query);
}

void DnsProvisioning::add_fancy_record(const Caller& caller, const core::DnsRecordInput& input) {
  add_row(db_, config_, caller, DnsTable::kFancyRecords, input);
}

void DnsProvisioning::update_fancy_record(const Caller& caller, const core::DnsRecordInput& input) {
  update_row(db_, config_, caller, DnsTable::kFancyRecords, input);
}

void DnsProvisioning::delete_fancy_record(const Caller& caller, std::int64_t id) {
  delete_row(db_, caller, DnsTable::kFancyRecords, id);
}

core::DnsRecord DnsProvisioning::get_fancy_record(const Caller& caller, std::int64_t id) {
  return get_row(db_, caller, DnsTable::kFancyRecords, id);
}

core::Page<core::DnsRecord> DnsProvisioning::list_fancy_records(const Caller& caller,
                                                                const core::DnsRecordQuery& query) {
  return list_rows(db_, caller, DnsTable::kFancyRecords, query);
}

}  // namespace ngnpro::services
