// ENUM numbers and their mappings (api §4.4, §8.5, §8.13).
#include "ngnpro/core/error.hpp"
#include "ngnpro/core/text_limits.hpp"
#include "ngnpro/services/enum_provisioning.hpp"
#include "ngnpro/storage/enum_numbers.hpp"
#include "ngnpro/storage/enum_ranges.hpp"
#include "ownership.hpp"

namespace ngnpro::services {

namespace {

using core::Error;
using core::ErrorCode;

std::string number_label(const core::EnumId& id) { return "ENUM number " + core::excerpt(id.text(), 80); }

core::EnumId number_id_of(const core::EnumId& given) {
  core::EnumId id{given.number, core::enum_tld(given.tld)};
  core::require_enum_digits(id.number, "number");
  return id;
}

void require_mappings(const std::vector<core::EnumMapping>& mappings) {
  if (mappings.size() > core::kMaxEnumMappings)
    throw Error{ErrorCode::kEnumMappingInvalid, "a number has at most " + std::to_string(core::kMaxEnumMappings) +
                                                    " mappings (" + std::to_string(mappings.size()) + " given)"};
  for (const auto& m : mappings) core::require_enum_mapping(m);
}

storage::EnumNumberRow require_number(const Caller& caller, std::optional<storage::EnumNumberRow> row,
                                      const core::EnumId& id) {
  if (!row) throw Error{ErrorCode::kEnumNumberNotFound, number_label(id) + " does not exist"};
  require_visible(caller, row->number.range_owner, number_label(id));
  return *row;
}

// The range a new number goes to: the longest prefix of its digits under its tld (api §8.13),
// locked, with room left and the number's length within the range's limits (3004, 3007).
storage::EnumRangeRow range_for_new_number(storage::Tx& tx, const Caller& caller, const core::EnumId& id) {
  const auto range = storage::longest_enum_range(tx, id.number, id.tld, true);
  if (!range) throw Error{ErrorCode::kEnumNumberOutsideRange, "no ENUM range under " + id.tld + " holds +" + id.number};
  const core::EnumRange& r = range->range;
  require_visible(caller, r.owner, "ENUM range " + r.id.text());
  const int digits = static_cast<int>(id.number.size());
  if ((r.min_digits != 0 && digits < r.min_digits) || (r.max_digits != 0 && digits > r.max_digits))
    throw Error{ErrorCode::kEnumNumberOutsideRange,
                number_label(id) + " has " + std::to_string(digits) + " digits; ENUM range " + r.id.text() + " takes " +
                    std::to_string(r.min_digits) + " to " + std::to_string(r.max_digits) + " (0: any)"};
  if (r.size > 0 && storage::enum_range_used(tx, range->id) >= r.size)
    throw Error{ErrorCode::kEnumRangeFull, "ENUM range " + r.id.text() + " is full (" + std::to_string(r.size) + " numbers)"};
  return *range;
}

}  // namespace

void EnumProvisioning::add_number(const Caller& caller, const core::EnumNumberInput& input) {
  core::EnumNumber requested;
  requested.id = number_id_of(input.id);
  requested.mappings = input.mappings.value_or(std::vector<core::EnumMapping>{});
  require_mappings(requested.mappings);
  requested.info = input.info.value_or("");
  core::require_length(requested.info, core::kMaxTextBytes, "info");
  requested.owner = input.owner.value_or(0);
  db_.write([&](storage::Tx& tx) {
    // Shared: numbers are added side by side, never while a range of this tld comes or goes.
    storage::lock_enum_tld(tx, requested.id.tld, false);
    if (storage::find_enum_number(tx, requested.id))
      throw Error{ErrorCode::kEnumNumberExists, number_label(requested.id) + " already exists"};
    const storage::EnumRangeRow range = range_for_new_number(tx, caller, requested.id);
    require_active_reseller(tx, caller);
    require_credit(tx, caller, range.range.owner, core::CreditedRecord::kEnumNumber);
    require_valid_owner_label(tx, caller, requested.owner);
    storage::insert_enum_number(tx, range.id, requested, audit_of(caller));
  });
}

void EnumProvisioning::update_number(const Caller& caller, const core::EnumNumberInput& input) {
  const core::EnumId id = number_id_of(input.id);
  if (input.mappings) require_mappings(*input.mappings);
  if (input.info) core::require_length(*input.info, core::kMaxTextBytes, "info");
  db_.write([&](storage::Tx& tx) {
    // Shared, before the number's row: a new range taking this number over holds it exclusively.
    storage::lock_enum_tld(tx, id.tld, false);
    const auto row = require_number(caller, storage::find_enum_number(tx, id, true), id);
    core::EnumNumber n = row.number;
    if (input.info) n.info = *input.info;
    if (input.owner && *input.owner != n.owner) {
      require_valid_owner_label(tx, caller, *input.owner);
      n.owner = *input.owner;
    }
    if (input.mappings) n.mappings = *input.mappings;  // the whole list (api §4.4)
    storage::update_enum_number(tx, row, n, audit_of(caller));
  });
}

void EnumProvisioning::delete_number(const Caller& caller, const core::EnumId& given) {
  const core::EnumId id = number_id_of(given);
  db_.write([&](storage::Tx& tx) {
    storage::lock_enum_tld(tx, id.tld, false);
    const auto row = require_number(caller, storage::find_enum_number(tx, id, true), id);
    storage::delete_enum_number(tx, row.id);  // its mappings go with it
  });
}

core::EnumNumber EnumProvisioning::get_number(const Caller& caller, const core::EnumId& given) {
  const core::EnumId id = number_id_of(given);
  // One statement reads the number with its mappings: atomic on its own.
  auto row = db_.read_one([&](storage::Tx& tx) { return storage::find_enum_number(tx, id); });
  return require_number(caller, std::move(row), id).number;
}

core::Page<core::EnumNumber> EnumProvisioning::list_numbers(const Caller& caller, const core::EnumNumberQuery& query) {
  return db_.read([&](storage::Tx& tx) { return storage::list_enum_numbers(tx, query, scope_of(caller)); });
}

}  // namespace ngnpro::services
