// ENUM ranges (api §4.4, §8.5, §8.10, §8.13).
#include <algorithm>

#include "ngnpro/core/dns_name.hpp"
#include "ngnpro/core/error.hpp"
#include "ngnpro/core/text_limits.hpp"
#include "ngnpro/services/enum_provisioning.hpp"
#include "ngnpro/storage/enum_ranges.hpp"
#include "ownership.hpp"

namespace ngnpro::services {

namespace {

using core::Error;
using core::ErrorCode;

[[noreturn]] void invalid(const std::string& message) { throw Error{ErrorCode::kInvalidArgument, message}; }

std::string range_label(const core::EnumRangeId& id) { return "ENUM range " + core::excerpt(id.text(), 80); }

storage::EnumRangeRow require_range(std::optional<storage::EnumRangeRow> row, const core::EnumRangeId& id) {
  if (!row) throw Error{ErrorCode::kEnumRangeNotFound, range_label(id) + " does not exist"};
  return *row;
}

std::vector<std::string> nameservers_from(const std::vector<std::string>& given) {
  if (given.size() > core::kMaxZoneNameservers)
    invalid("a range has at most " + std::to_string(core::kMaxZoneNameservers) + " name servers");
  std::vector<std::string> out;
  for (const auto& text : given) {
    const auto name = core::host_name(text);
    if (!name) invalid("name server '" + core::excerpt(text) + "' is not a host name");
    if (std::find(out.begin(), out.end(), *name) == out.end()) out.push_back(*name);
  }
  return out;
}

// Absent members keep the stored value (api §8.9); an empty name server list is the configured
// default set (api §8.14), since a zone needs at least one.
void apply(core::EnumRange& r, const core::EnumRangeInput& in, const core::Config& config) {
  if (in.ttl) r.ttl = *in.ttl;
  if (in.min_digits) r.min_digits = *in.min_digits;
  if (in.max_digits) r.max_digits = *in.max_digits;
  if (in.size) r.size = *in.size;
  if (in.info) r.info = *in.info;
  if (in.nameservers) r.nameservers = nameservers_from(*in.nameservers);
  if (r.nameservers.empty()) r.nameservers = config.dns.nameservers;
  if (r.nameservers.empty()) invalid("a range needs a name server: none given and none configured");
  if (r.ttl < 0) invalid("ttl must not be negative");
  if (r.size < 0) invalid("size must not be negative");
  const int most = static_cast<int>(core::kMaxEnumDigits);
  if (r.min_digits < 0 || r.min_digits > most || r.max_digits < 0 || r.max_digits > most)
    invalid("minDigits and maxDigits must be 0 (no limit) to " + std::to_string(most));
  if (r.min_digits != 0 && r.max_digits != 0 && r.min_digits > r.max_digits)
    invalid("minDigits " + std::to_string(r.min_digits) + " is more than maxDigits " + std::to_string(r.max_digits));
  if (r.max_digits != 0 && r.max_digits < static_cast<int>(r.id.prefix.size()))
    invalid("maxDigits " + std::to_string(r.max_digits) + " is shorter than the prefix " + r.id.prefix);
  core::require_length(r.info, core::kMaxTextBytes, "info");
}

core::EnumRangeId range_id_of(const core::EnumRangeId& given) {
  core::EnumRangeId id{given.prefix, core::enum_tld(given.tld)};
  core::require_enum_digits(id.prefix, "prefix");
  return id;
}

}  // namespace

void EnumProvisioning::add_range(const Caller& caller, const core::EnumRangeInput& input) {
  core::EnumRange requested;
  requested.id = range_id_of(input.id);
  // CDRTool keeps the allocation of whole countries to the admin (api §8.13).
  if (!caller.is_admin() && !core::extends_country_code(requested.id.prefix))
    throw Error{ErrorCode::kPermissionDenied,
                "prefix " + requested.id.prefix +
                    " is not an E.164 country code followed by more digits: only the admin allocates it"};
  apply(requested, input, config_);
  db_.write([&](storage::Tx& tx) {
    core::EnumRange r = requested;  // a rerun starts from the request again
    storage::lock_enum_tld(tx, r.id.tld, true);
    if (storage::find_enum_range(tx, r.id))
      throw Error{ErrorCode::kEnumRangeExists, range_label(r.id) + " already exists"};
    // A range nested in another takes over its numbers (schema/015): only in a range the caller
    // may see, so that nobody carves numbers out of someone else's range. Its row is locked
    // before the customers, as every writer of a range does.
    if (r.id.prefix.size() > 1) {
      const auto parent = storage::longest_enum_range(tx, r.id.prefix.substr(0, r.id.prefix.size() - 1), r.id.tld, true);
      if (parent)
        require_visible(caller, parent->range.owner,
                        range_label(parent->range.id) + ", which " + r.id.prefix + " would nest in");
    }
    require_active_reseller(tx, caller);
    r.owner = assign_owner(tx, caller, input.customer.value_or(0), input.reseller.value_or(0));
    require_credit(tx, caller, r.owner, core::CreditedRecord::kEnumRange);
    storage::insert_enum_range(tx, r, audit_of(caller));
  });
}

void EnumProvisioning::update_range(const Caller& caller, const core::EnumRangeInput& input) {
  const core::EnumRangeId id = range_id_of(input.id);
  db_.write([&](storage::Tx& tx) {
    auto row = require_range(storage::find_enum_range(tx, id, true), id);
    require_visible(caller, row.range.owner, range_label(id));
    core::EnumRange& r = row.range;
    // CDRTool sends back the customer and reseller it got; only a real change moves the range
    // (and its numbers with it, api §8.5).
    const std::int64_t customer = input.customer.value_or(r.owner.customer);
    const std::int64_t reseller = caller.is_admin() ? input.reseller.value_or(r.owner.reseller) : r.owner.reseller;
    if (customer != r.owner.customer || reseller != r.owner.reseller)
      r.owner = assign_owner(tx, caller, customer, reseller);
    apply(r, input, config_);
    storage::update_enum_range(tx, row.id, r, audit_of(caller));
  });
}

void EnumProvisioning::delete_range(const Caller& caller, const core::EnumRangeId& given) {
  const core::EnumRangeId id = range_id_of(given);
  db_.write([&](storage::Tx& tx) {
    // Exclusive: no number is being added to this range while we look (schema/015).
    storage::lock_enum_tld(tx, id.tld, true);
    const auto row = require_range(storage::find_enum_range(tx, id, true), id);
    require_visible(caller, row.range.owner, range_label(id));
    if (storage::enum_range_has_numbers(tx, row.id))
      throw Error{ErrorCode::kEnumRangeNotEmpty, range_label(id) + " still has numbers"};
    storage::delete_enum_range(tx, row.id);
  });
}

core::Page<core::EnumRange> EnumProvisioning::list_ranges(const Caller& caller, const core::EnumRangeQuery& query) {
  return db_.read([&](storage::Tx& tx) { return storage::list_enum_ranges(tx, query, scope_of(caller)); });
}

}  // namespace ngnpro::services
