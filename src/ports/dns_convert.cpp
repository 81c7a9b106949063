#include "dns_convert.hpp"

#include <algorithm>
#include <cctype>

#include "convert.hpp"

namespace ngnpro::ports {

namespace {

std::string upper(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::toupper(c); });
  return text;
}

// DnsRecord and DnsFancyRecord have the same members on the wire (api §5.12).
template <class Record>
core::DnsRecordInput record_input(const Record* r) {
  if (r == nullptr) throw core::Error{core::ErrorCode::kInvalidArgument, "record is required"};
  core::DnsRecordInput in;
  in.id = optional_of(r->id);
  if (in.id && *in.id == 0) in.id.reset();  // CDRTool's import sends no id, or 0
  in.zone = identifier(r->zone);
  in.name = optional_of(r->name);
  if (in.name) in.name = trim(*in.name);
  in.type = upper(trim(text_or_empty(r->type)));
  in.value = optional_of(r->value);
  in.ttl = optional_of(r->ttl);
  in.priority = optional_of(r->priority);
  in.owner = optional_of(r->owner);
  return in;
}

template <class Query>
core::DnsRecordQuery record_query(const Query* q) {
  core::DnsRecordQuery out;
  if (q == nullptr) return out;
  out.order_by = to_order_by(q->orderBy);
  out.range = to_range(q->range);
  if (const auto* f = q->filter) {
    out.id = id_or_zero(f->id);
    out.zone = identifier(f->zone);
    if (!out.zone.empty() && out.zone.back() == '.') out.zone.pop_back();
    out.name = identifier(f->name);
    out.type = upper(trim(text_or_empty(f->type)));
    out.value = text_or_empty(f->value);
    out.owner = id_or_zero(f->owner);
    out.customer = id_or_zero(f->customer);
    out.reseller = id_or_zero(f->reseller);
  }
  return out;
}

template <class Out>
void fill_record(struct soap* ctx, Out& o, const core::DnsRecord& r) {
  o.id = new_value<LONG64>(ctx, r.id);
  o.zone = new_string(ctx, r.zone);
  o.name = new_string(ctx, r.name);
  o.type = new_string(ctx, r.type);
  o.value = new_string(ctx, r.value);
  o.ttl = new_value<int>(ctx, r.ttl);
  o.priority = new_value<int>(ctx, r.priority);
  o.owner = new_value<LONG64>(ctx, r.owner);
  o.customer = new_value<LONG64>(ctx, r.zone_owner.customer);
  o.reseller = new_value<LONG64>(ctx, r.zone_owner.reseller);
  o.changeDate = new_string(ctx, r.change_date);
}

void fill_zone(struct soap* ctx, ngnpro__DnsZone& o, const core::DnsZone& z) {
  o.name = new_string(ctx, z.name);
  o.ttl = new_value<int>(ctx, z.timers.ttl);
  o.nameservers = new_string_array(ctx, z.nameservers);
  o.email = new_string(ctx, z.email);
  o.serial = new_value<LONG64>(ctx, z.serial);
  o.refresh = new_value<int>(ctx, z.timers.refresh);
  o.retry = new_value<int>(ctx, z.timers.retry);
  o.expire = new_value<int>(ctx, z.timers.expire);
  o.minimum = new_value<int>(ctx, z.timers.minimum);
  o.customer = new_value<LONG64>(ctx, z.owner.customer);
  o.reseller = new_value<LONG64>(ctx, z.owner.reseller);
  o.changeDate = new_string(ctx, z.change_date);
  o.info = new_string(ctx, z.info);
}

}  // namespace

core::DnsZoneInput to_dns_zone_input(const ngnpro__DnsZone* z) {
  if (z == nullptr || z->name == nullptr) throw core::Error{core::ErrorCode::kInvalidArgument, "zone.name is required"};
  core::DnsZoneInput in;
  in.name = identifier(z->name);
  in.ttl = optional_of(z->ttl);
  in.refresh = optional_of(z->refresh);
  in.retry = optional_of(z->retry);
  in.expire = optional_of(z->expire);
  in.minimum = optional_of(z->minimum);
  if (z->nameservers) in.nameservers = to_name_set(z->nameservers);
  if (z->email) in.email = trim(*z->email);
  in.info = optional_of(z->info);
  in.customer = optional_of(z->customer);
  in.reseller = optional_of(z->reseller);
  return in;  // serial is read-only (api §4.3): never read
}

core::DnsZoneQuery to_dns_zone_query(const ngnpro__DnsZoneQuery* q) {
  core::DnsZoneQuery out;
  if (q == nullptr) return out;
  out.order_by = to_order_by(q->orderBy);
  out.range = to_range(q->range);
  if (const auto* f = q->filter) {
    out.name = identifier(f->name);
    out.info = text_or_empty(f->info);
    out.customer = id_or_zero(f->customer);
    out.reseller = id_or_zero(f->reseller);
  }
  return out;
}

core::DnsRecordInput to_dns_record_input(const ngnpro__DnsRecord* record) { return record_input(record); }
core::DnsRecordInput to_dns_record_input(const ngnpro__DnsFancyRecord* record) { return record_input(record); }
core::DnsRecordQuery to_dns_record_query(const ngnpro__DnsRecordQuery* query) { return record_query(query); }
core::DnsRecordQuery to_dns_record_query(const ngnpro__DnsFancyRecordQuery* query) { return record_query(query); }

ngnpro__DnsZone* new_dns_zone(struct soap* ctx, const core::DnsZone& zone) {
  auto* out = soap_new_ngnpro__DnsZone(ctx);
  fill_zone(ctx, *out, zone);
  return out;
}

ngnpro__DnsZoneQueryResult* new_dns_zone_query_result(struct soap* ctx, const core::Page<core::DnsZone>& page) {
  auto* out = soap_new_ngnpro__DnsZoneQueryResult(ctx);
  out->total = new_value<int>(ctx, static_cast<int>(page.total));
  out->zones = new_array(ctx, page.rows, soap_new_DnsZoneArray, soap_new_ngnpro__DnsZone,
                         [&](ngnpro__DnsZone& o, const core::DnsZone& z) { fill_zone(ctx, o, z); });
  return out;
}

ngnpro__DnsRecord* new_dns_record(struct soap* ctx, const core::DnsRecord& record) {
  auto* out = soap_new_ngnpro__DnsRecord(ctx);
  fill_record(ctx, *out, record);
  return out;
}

ngnpro__DnsRecordQueryResult* new_dns_record_query_result(struct soap* ctx, const core::Page<core::DnsRecord>& page) {
  auto* out = soap_new_ngnpro__DnsRecordQueryResult(ctx);
  out->total = new_value<int>(ctx, static_cast<int>(page.total));
  out->records = new_array(ctx, page.rows, soap_new_DnsRecordArray, soap_new_ngnpro__DnsRecord,
                           [&](ngnpro__DnsRecord& o, const core::DnsRecord& r) { fill_record(ctx, o, r); });
  return out;
}

ngnpro__DnsFancyRecord* new_dns_fancy_record(struct soap* ctx, const core::DnsRecord& record) {
  auto* out = soap_new_ngnpro__DnsFancyRecord(ctx);
  fill_record(ctx, *out, record);
  return out;
}

ngnpro__DnsFancyRecordQueryResult* new_dns_fancy_record_query_result(struct soap* ctx,
                                                                     const core::Page<core::DnsRecord>& page) {
  auto* out = soap_new_ngnpro__DnsFancyRecordQueryResult(ctx);
  out->total = new_value<int>(ctx, static_cast<int>(page.total));
  out->records = new_array(ctx, page.rows, soap_new_DnsFancyRecordArray, soap_new_ngnpro__DnsFancyRecord,
                           [&](ngnpro__DnsFancyRecord& o, const core::DnsRecord& r) { fill_record(ctx, o, r); });
  return out;
}

}  // namespace ngnpro::ports
