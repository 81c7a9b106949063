// The Customer port's rules (api §4.1, §8.3, §8.4, §8.6): one method per operation, each one
// transaction.
#pragma once

#include <cstdint>
#include <vector>

#include "ngnpro/core/config.hpp"
#include "ngnpro/core/customer.hpp"
#include "ngnpro/services/caller.hpp"
#include "ngnpro/storage/database.hpp"

namespace ngnpro::services {

class CustomerProvisioning {
 public:
  CustomerProvisioning(storage::Database& db, const core::Config& config) : db_(db), config_(config) {}

  core::Customer add(const Caller& caller, const core::CustomerInput& input);
  void update(const Caller& caller, const core::CustomerInput& input);
  void remove(const Caller& caller, std::int64_t id);
  core::Customer get(const Caller& caller, std::int64_t id);
  core::Page<core::Customer> list(const Caller& caller, const core::CustomerQuery& query);
  // getResellers: resellers only, except that filter.customer returns that customer (api §9.1 Q3).
  core::Page<core::Customer> list_resellers(const Caller& caller, core::CustomerQuery query);
  void set_properties(const Caller& caller, std::int64_t id, const std::vector<core::CustomerProperty>& properties);
  std::vector<core::CustomerProperty> get_properties(const Caller& caller, std::int64_t id);

 private:
  storage::Database& db_;
  const core::Config& config_;
};

}  // namespace ngnpro::services
