// The Enum port's rules (api §4.4, §8.3, §8.5, §8.13): ranges, and numbers with their NAPTR
// mappings. One method per operation, each one transaction.
#pragma once

#include "ngnpro/core/config.hpp"
#include "ngnpro/core/enum.hpp"
#include "ngnpro/services/caller.hpp"
#include "ngnpro/storage/database.hpp"

namespace ngnpro::services {

class EnumProvisioning {
 public:
  EnumProvisioning(storage::Database& db, const core::Config& config) : db_(db), config_(config) {}

  void add_range(const Caller& caller, const core::EnumRangeInput& input);
  void update_range(const Caller& caller, const core::EnumRangeInput& input);
  void delete_range(const Caller& caller, const core::EnumRangeId& id);
  core::Page<core::EnumRange> list_ranges(const Caller& caller, const core::EnumRangeQuery& query);

  void add_number(const Caller& caller, const core::EnumNumberInput& input);
  void update_number(const Caller& caller, const core::EnumNumberInput& input);
  void delete_number(const Caller& caller, const core::EnumId& id);
  core::EnumNumber get_number(const Caller& caller, const core::EnumId& id);
  core::Page<core::EnumNumber> list_numbers(const Caller& caller, const core::EnumNumberQuery& query);

 private:
  storage::Database& db_;
  const core::Config& config_;
};

}  // namespace ngnpro::services
