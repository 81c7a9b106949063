#include "enum_convert.hpp"

#include "convert.hpp"

namespace ngnpro::ports {

namespace {

// E.164 digits as CDRTool shows them, "+31…", are stored without the '+' (api §6).
std::string digits(const std::string* value) {
  std::string text = trim(text_or_empty(value));
  if (!text.empty() && text.front() == '+') text.erase(0, 1);
  return text;
}

core::EnumMapping to_mapping(const ngnpro__EnumMapping& m) {
  core::EnumMapping out;
  out.id = id_or_zero(m.id);
  out.type = identifier(m.type);
  out.mapto = text_or_empty(m.mapto);
  if (m.priority) out.priority = *m.priority;
  if (m.ttl) out.ttl = *m.ttl;
  return out;
}

void fill_range(struct soap* ctx, ngnpro__EnumRange& o, const core::EnumRange& r) {
  o.id = soap_new_ngnpro__EnumRangeId(ctx);
  o.id->prefix = new_string(ctx, r.id.prefix);
  o.id->tld = new_string(ctx, r.id.tld);
  o.ttl = new_value<int>(ctx, r.ttl);
  o.minDigits = new_value<int>(ctx, r.min_digits);
  o.maxDigits = new_value<int>(ctx, r.max_digits);
  o.size = new_value<int>(ctx, r.size);
  o.nameservers = new_string_array(ctx, r.nameservers);
  o.used = new_value<int>(ctx, static_cast<int>(r.used));
  o.serial = new_value<LONG64>(ctx, r.serial);
  o.customer = new_value<LONG64>(ctx, r.owner.customer);
  o.reseller = new_value<LONG64>(ctx, r.owner.reseller);
  o.changeDate = new_string(ctx, r.change_date);
  o.info = new_string(ctx, r.info);
}

void fill_number(struct soap* ctx, ngnpro__EnumNumber& o, const core::EnumNumber& n) {
  o.id = soap_new_ngnpro__EnumId(ctx);
  o.id->number = new_string(ctx, n.id.number);
  o.id->tld = new_string(ctx, n.id.tld);
  o.mappings = new_array(ctx, n.mappings, soap_new_EnumMappingArray, soap_new_ngnpro__EnumMapping,
                         [&](ngnpro__EnumMapping& x, const core::EnumMapping& m) {
                           x.id = new_value<LONG64>(ctx, m.id);
                           x.type = new_string(ctx, m.type);
                           x.mapto = new_string(ctx, m.mapto);
                           x.priority = new_value<int>(ctx, m.priority);
                           x.ttl = new_value<int>(ctx, m.ttl);
                         });
  o.info = new_string(ctx, n.info);
  o.owner = new_value<LONG64>(ctx, n.owner);
  o.customer = new_value<LONG64>(ctx, n.range_owner.customer);
  o.reseller = new_value<LONG64>(ctx, n.range_owner.reseller);
  o.changeDate = new_string(ctx, n.change_date);
}

}  // namespace

core::EnumRangeId to_enum_range_id(const ngnpro__EnumRangeId* id, const char* what) {
  if (id == nullptr || id->prefix == nullptr)
    throw core::Error{core::ErrorCode::kInvalidArgument, std::string(what) + " needs a prefix and a tld"};
  return {digits(id->prefix), identifier(id->tld)};
}

core::EnumId to_enum_id(const ngnpro__EnumId* id, const char* what) {
  if (id == nullptr || id->number == nullptr)
    throw core::Error{core::ErrorCode::kInvalidArgument, std::string(what) + " needs a number and a tld"};
  return {digits(id->number), identifier(id->tld)};
}

core::EnumRangeInput to_enum_range_input(const ngnpro__EnumRange* r) {
  if (r == nullptr) throw core::Error{core::ErrorCode::kInvalidArgument, "range is required"};
  core::EnumRangeInput in;
  in.id = to_enum_range_id(r->id, "range.id");
  in.ttl = optional_of(r->ttl);
  in.min_digits = optional_of(r->minDigits);
  in.max_digits = optional_of(r->maxDigits);
  in.size = optional_of(r->size);
  if (r->nameservers) in.nameservers = to_name_set(r->nameservers);
  in.customer = optional_of(r->customer);
  in.reseller = optional_of(r->reseller);
  in.info = optional_of(r->info);
  return in;
}

core::EnumRangeQuery to_enum_range_query(const ngnpro__EnumRangeQuery* q) {
  core::EnumRangeQuery out;
  if (q == nullptr) return out;
  out.order_by = to_order_by(q->orderBy);
  out.range = to_range(q->range);
  if (const auto* f = q->filter) {
    out.prefix = digits(f->prefix);
    out.tld = identifier(f->tld);
    out.info = text_or_empty(f->info);
    out.customer = id_or_zero(f->customer);
    out.reseller = id_or_zero(f->reseller);
  }
  return out;
}

core::EnumNumberInput to_enum_number_input(const ngnpro__EnumNumber* n) {
  if (n == nullptr) throw core::Error{core::ErrorCode::kInvalidArgument, "number is required"};
  core::EnumNumberInput in;
  in.id = to_enum_id(n->id, "number.id");
  if (n->mappings) {
    std::vector<core::EnumMapping> mappings;
    for (int i = 0; i < n->mappings->__size; ++i) mappings.push_back(to_mapping(n->mappings->__ptr[i]));
    in.mappings = std::move(mappings);
  }
  in.info = optional_of(n->info);
  in.owner = optional_of(n->owner);
  return in;
}

core::EnumNumberQuery to_enum_number_query(const ngnpro__EnumNumberQuery* q) {
  core::EnumNumberQuery out;
  if (q == nullptr) return out;
  out.order_by = to_order_by(q->orderBy);
  out.range = to_range(q->range);
  if (const auto* f = q->filter) {
    out.number = digits(f->number);
    out.tld = identifier(f->tld);
    out.type = identifier(f->type);
    out.mapto = text_or_empty(f->mapto);
    out.owner = id_or_zero(f->owner);
    out.customer = id_or_zero(f->customer);
    out.reseller = id_or_zero(f->reseller);
  }
  return out;
}

ngnpro__EnumRangeQueryResult* new_enum_range_query_result(struct soap* ctx, const core::Page<core::EnumRange>& page) {
  auto* out = soap_new_ngnpro__EnumRangeQueryResult(ctx);
  out->total = new_value<int>(ctx, static_cast<int>(page.total));
  out->ranges = new_array(ctx, page.rows, soap_new_EnumRangeArray, soap_new_ngnpro__EnumRange,
                          [&](ngnpro__EnumRange& o, const core::EnumRange& r) { fill_range(ctx, o, r); });
  return out;
}

ngnpro__EnumNumber* new_enum_number(struct soap* ctx, const core::EnumNumber& number) {
  auto* out = soap_new_ngnpro__EnumNumber(ctx);
  fill_number(ctx, *out, number);
  return out;
}

ngnpro__EnumNumberQueryResult* new_enum_number_query_result(struct soap* ctx,
                                                            const core::Page<core::EnumNumber>& page) {
  auto* out = soap_new_ngnpro__EnumNumberQueryResult(ctx);
  out->total = new_value<int>(ctx, static_cast<int>(page.total));
  out->numbers = new_array(ctx, page.rows, soap_new_EnumNumberArray, soap_new_ngnpro__EnumNumber,
                           [&](ngnpro__EnumNumber& o, const core::EnumNumber& n) { fill_number(ctx, o, n); });
  return out;
}

}  // namespace ngnpro::ports
