// What the credit checks of api §8.5 read: a customer's credit property and how many records of
// a kind a reseller or customer already has. The credit names are core/properties.hpp's.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "ngnpro/core/properties.hpp"
#include "ngnpro/storage/database.hpp"

namespace ngnpro::storage {

// The property's value on the customer, nullopt when it is not set (no limit, api §9.1 Q1).
std::optional<std::string> customer_property(Tx& tx, std::int64_t customer_id, const std::string& name);

enum class OwnerColumn { kReseller, kCustomer };

struct CreditUsage {
  std::optional<std::string> limit;  // the credit property; nullopt: not set, no limit
  std::int64_t used = 0;             // records with reseller (or customer) = the customer
};

// Read in a statement of its own AFTER the customer's row lock is held: a statement sees what
// committed before it started, so the lock must be granted first for the count to be current.
CreditUsage credit_usage(Tx& tx, core::CreditedRecord kind, OwnerColumn column, std::int64_t id);

}  // namespace ngnpro::storage
