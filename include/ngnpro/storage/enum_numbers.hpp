// ENUM numbers with their mappings (ngnpro.enum_numbers, ngnpro.enum_mappings). Customer and
// reseller come from the number's range; the schema's triggers publish the mappings as NAPTR
// records (schema/015_enum.sql). Functions take the caller's transaction.
#pragma once

#include <cstdint>
#include <optional>

#include "ngnpro/core/enum.hpp"
#include "ngnpro/storage/database.hpp"
#include "ngnpro/storage/scope.hpp"

namespace ngnpro::storage {

struct EnumNumberRow {
  std::int64_t id = 0;
  std::int64_t range_id = 0;
  core::EnumNumber number;  // with its mappings, in the client's order
};

// FOR UPDATE when lock: the number's writers (update, delete) serialise on it.
std::optional<EnumNumberRow> find_enum_number(Tx& tx, const core::EnumId& id, bool lock = false);
core::Page<core::EnumNumber> list_enum_numbers(Tx& tx, const core::EnumNumberQuery& query, const Scope& scope);

// Inserts the number and its mappings (new ids) into the range. 3003 when it exists.
void insert_enum_number(Tx& tx, std::int64_t range_id, const core::EnumNumber& number, const Audit& audit);
// info and owner from number, and the mapping list replaced by number.mappings: a mapping keeps
// its id when it names one of stored's mappings, any other gets a new one (api §8.13). An
// unchanged list is not rewritten, so the zone's serial moves only when its NAPTRs do.
void update_enum_number(Tx& tx, const EnumNumberRow& stored, const core::EnumNumber& number, const Audit& audit);
void delete_enum_number(Tx& tx, std::int64_t id);

}  // namespace ngnpro::storage
