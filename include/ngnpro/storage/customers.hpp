// Customers and their properties (schema ngnpro.customers, ngnpro.customer_properties).
// Functions take the caller's transaction; they never begin or commit.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ngnpro/core/customer.hpp"
#include "ngnpro/storage/database.hpp"
#include "ngnpro/storage/scope.hpp"

namespace ngnpro::storage {

// What authentication and the permission rules need to know about a customer.
struct CustomerIdentity {
  std::int64_t id = 0;
  std::int64_t reseller = 0;
  std::int64_t impersonate = 0;
  bool reseller_active = true;
  std::string username;
  std::string password_hash;
};

std::optional<CustomerIdentity> find_customer_identity(Tx& tx, std::int64_t id);
std::optional<CustomerIdentity> find_customer_login(Tx& tx, const std::string& username);
// SELECT ... FOR UPDATE: serialises writers of one customer (credits, properties).
std::optional<CustomerIdentity> lock_customer(Tx& tx, std::int64_t id);

std::optional<core::Customer> find_customer(Tx& tx, std::int64_t id);
core::Page<core::Customer> list_customers(Tx& tx, const core::CustomerQuery& query,
                                          const Scope& scope);

// Inserts with customer.id when it is non-zero (admin import), else with the next id; a reseller
// created without an id references itself. Throws kCustomerExists on a taken id or username.
std::int64_t insert_customer(Tx& tx, const core::Customer& customer,
                             const std::string& password_hash, const Audit& audit);
// Updates every column from customer; the password hash only when given.
void update_customer(Tx& tx, const core::Customer& customer,
                     const std::optional<std::string>& password_hash, const Audit& audit);
// Throws kCustomerReferenced while anything still references the customer.
void delete_customer(Tx& tx, std::int64_t id);
bool has_sub_customers(Tx& tx, std::int64_t reseller);

std::vector<core::CustomerProperty> customer_properties(Tx& tx, std::int64_t id);
void upsert_customer_property(Tx& tx, std::int64_t customer_id,
                              const core::CustomerProperty& property);
void delete_customer_property(Tx& tx, std::int64_t customer_id, const std::string& name);
// Marks the customer changed (changeDate, audit) after a property-only write.
void touch_customer(Tx& tx, std::int64_t id, const Audit& audit);

}  // namespace ngnpro::storage
