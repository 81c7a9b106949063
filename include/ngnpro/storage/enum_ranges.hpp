// ENUM ranges (ngnpro.enum_ranges), published as PowerDNS zones by the schema's triggers
// (schema/015_enum.sql). Functions take the caller's transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "ngnpro/core/enum.hpp"
#include "ngnpro/storage/database.hpp"
#include "ngnpro/storage/scope.hpp"

namespace ngnpro::storage {

struct EnumRangeRow {
  std::int64_t id = 0;
  core::EnumRange range;
};

// Serialises, per tld, the writers that decide which range a number belongs to: adding or
// deleting a range (exclusive) against adding a number (shared), so that a number is always
// written into the range with the longest prefix of its digits (schema/015). Held until the
// transaction ends. Take it before any row lock.
void lock_enum_tld(Tx& tx, const std::string& tld, bool exclusive);

// FOR UPDATE when lock: serialises a range's updates, deletion and the adds into it.
std::optional<EnumRangeRow> find_enum_range(Tx& tx, const core::EnumRangeId& id, bool lock = false);
// The range whose prefix is the longest beginning of digits under tld (digits itself
// included), FOR UPDATE when lock.
std::optional<EnumRangeRow> longest_enum_range(Tx& tx, const std::string& digits, const std::string& tld,
                                               bool lock = false);
// The range's number of numbers, read in a statement of its own: after the range's row lock is
// granted, it counts every add that committed before (the used read with the lock may not).
std::int64_t enum_range_used(Tx& tx, std::int64_t id);
core::Page<core::EnumRange> list_enum_ranges(Tx& tx, const core::EnumRangeQuery& query, const Scope& scope);

void insert_enum_range(Tx& tx, const core::EnumRange& range, const Audit& audit);  //!< 3001
// ttl, limits, name servers, owner and info from range; prefix and tld never change.
void update_enum_range(Tx& tx, std::int64_t id, const core::EnumRange& range, const Audit& audit);
bool enum_range_has_numbers(Tx& tx, std::int64_t id);
void delete_enum_range(Tx& tx, std::int64_t id);

}  // namespace ngnpro::storage
