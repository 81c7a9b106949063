#include "ngnpro/services/customer_service.hpp"

#include <algorithm>
#include <map>
#include <optional>

#include "ngnpro/core/digest.hpp"
#include "ngnpro/core/error.hpp"
#include "ngnpro/storage/customers.hpp"
#include "ownership.hpp"

namespace ngnpro::services {

namespace {

using core::CustomerText;
using core::Error;
using core::ErrorCode;
using core::Permission;
using storage::CustomerIdentity;

// Admin-permission properties a reseller may still manage on its sub-customers, never on
// itself (api §8.6, from CDRTool's resellerMayManageForChildAccounts).
bool reseller_may_manage_admin_property(const std::string& name) {
  static const char* const kNames[] = {"sip_credit",     "sip_alias_credit", "enum_range_credit",
                                       "enum_number_credit", "dns_zone_credit", "email_credit",
                                       "pstn_access",    "prepaid_changes",  "pstn_changes"};
  return std::any_of(std::begin(kNames), std::end(kNames), [&](const char* n) { return name == n; });
}

bool is_credit_property(const std::string& name) {
  return std::any_of(core::kCreditProperties.begin(), core::kCreditProperties.end(),
                     [&](const char* n) { return name == n; });
}

std::string customer_label(std::int64_t id) { return "customer " + std::to_string(id); }

// api §8.3: admin sees everyone, a reseller its own customers (itself included), a customer itself.
bool can_see(const Caller& caller, const CustomerIdentity& target) {
  switch (caller.role) {
    case Role::kAdmin: return true;
    case Role::kReseller: return target.reseller == caller.reseller;
    case Role::kCustomer: return target.id == caller.customer;
  }
  return false;
}

bool is_resellers_customer(const Caller& caller, const CustomerIdentity& target) {
  return caller.is_reseller() && target.reseller == caller.reseller;
}

CustomerIdentity require_visible(const Caller& caller, std::optional<CustomerIdentity> target, std::int64_t id) {
  if (!target) throw Error{ErrorCode::kCustomerNotFound, customer_label(id) + " does not exist"};
  if (!can_see(caller, *target)) throw Error{ErrorCode::kPermissionDenied, "no access to " + customer_label(id)};
  return *target;
}

// api §8.6: who may create, change or delete a property of this permission on the target.
bool may_manage(const Caller& caller, const CustomerIdentity& target, Permission permission,
                const std::string& name) {
  if (caller.is_admin()) return true;
  switch (permission) {
    case Permission::kAdmin:
      return is_resellers_customer(caller, target) && target.id != caller.reseller &&
             reseller_may_manage_admin_property(name);
    case Permission::kReseller:
      return is_resellers_customer(caller, target);
    case Permission::kCustomer:
      return is_resellers_customer(caller, target) || target.id == caller.customer;
  }
  return false;
}

void validate_property(const core::CustomerProperty& p) {
  if (p.name.empty()) throw Error{ErrorCode::kInvalidArgument, "property name is required"};
  if (is_credit_property(p.name)) {
    const bool digits = !p.value.empty() && p.value.size() <= 18 &&
                        std::all_of(p.value.begin(), p.value.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!digits)
      throw Error{ErrorCode::kInvalidArgument,
                  "property " + p.name + " must be a non-negative integer, not '" + p.value + "'"};
  }
}

enum class PropertyMode {
  kReplaceList,  // updateAccount: the list given replaces the stored one, as far as the caller may
  kUpsert,       // setProperties: each given property is created or updated; others are kept
};

// Writes the given properties under the permission rules of api §8.6. A property the caller may
// not change is kept as stored: silently in a whole-list round trip (CDRTool sends every property
// back, editable or not), as fault 8001 when set explicitly with another value.
void apply_properties(pqxx::transaction_base& tx, const Caller& caller, const CustomerIdentity& target,
                      const std::vector<core::CustomerProperty>& given, PropertyMode mode) {
  std::map<std::string, core::CustomerProperty> stored;
  for (auto& p : storage::customer_properties(tx, target.id)) stored.emplace(p.name, p);

  std::map<std::string, core::CustomerProperty> wanted;  // by name; the last one given wins
  for (const auto& p : given) {
    validate_property(p);
    wanted[p.name] = p;
  }

  for (const auto& [name, p] : wanted) {
    const auto it = stored.find(name);
    if (it == stored.end()) {
      if (!may_manage(caller, target, p.permission, name))
        throw Error{ErrorCode::kPermissionDenied, std::string("may not create property ") + name +
                                                      " with permission " + core::to_string(p.permission)};
      storage::upsert_customer_property(tx, target.id, p);
      continue;
    }
    const core::CustomerProperty& old = it->second;
    // Only admin changes the stored permission of an existing property.
    const Permission permission = caller.is_admin() ? p.permission : old.permission;
    if (old.value == p.value && old.category == p.category && old.permission == permission) continue;
    if (!may_manage(caller, target, old.permission, name)) {
      if (mode == PropertyMode::kUpsert)
        throw Error{ErrorCode::kPermissionDenied, "may not change property " + name};
      continue;
    }
    storage::upsert_customer_property(tx, target.id, {name, p.value, p.category, permission});
  }

  if (mode == PropertyMode::kReplaceList)
    for (const auto& [name, old] : stored)
      if (!wanted.count(name) && may_manage(caller, target, old.permission, name))
        storage::delete_customer_property(tx, target.id, name);
}

void require_valid_impersonate(std::int64_t impersonate, std::int64_t reseller) {
  if (impersonate != 0 && impersonate != reseller)
    throw Error{ErrorCode::kInvalidArgument,
                "impersonate must be 0 or the customer's reseller id " + std::to_string(reseller)};
}

// The reseller R that a new customer of the caller belongs to, locked so that the active flag
// (and, for records, the credits) cannot change under the write.
std::int64_t reseller_for_new_customer(pqxx::transaction_base& tx, const Caller& caller,
                                       const core::CustomerInput& input) {
  if (caller.is_admin()) {
    const std::int64_t requested = input.reseller.value_or(0);
    if (requested == 0 || (input.id && *input.id == requested)) return 0;  // a new reseller
    const auto reseller = storage::lock_customer(tx, requested);
    if (!reseller || reseller->id != reseller->reseller)
      throw Error{ErrorCode::kInvalidArgument, "reseller " + std::to_string(requested) + " does not exist"};
    return requested;
  }
  // Only resellers create customers, and never resellers (api §8.4).
  if (!caller.is_reseller()) throw Error{ErrorCode::kPermissionDenied, "only resellers may create customers"};
  const auto reseller = storage::lock_customer(tx, caller.reseller);
  if (!reseller) throw Error{ErrorCode::kCustomerNotFound, customer_label(caller.reseller) + " does not exist"};
  if (!reseller->reseller_active)
    throw Error{ErrorCode::kResellerInactive, "reseller " + std::to_string(caller.reseller) + " is not active"};
  return caller.reseller;
}

// Moving a customer to another reseller (admin only, api §8.4).
void require_valid_move(pqxx::transaction_base& tx, const core::Customer& current, std::int64_t new_reseller) {
  if (new_reseller == current.id) return;  // it becomes a reseller
  const auto target = storage::find_customer_identity(tx, new_reseller);
  if (!target || target->id != target->reseller)
    throw Error{ErrorCode::kInvalidArgument, "reseller " + std::to_string(new_reseller) + " does not exist"};
  if (current.is_reseller() && storage::has_sub_customers(tx, current.id))
    throw Error{ErrorCode::kCustomerReferenced,
                "reseller " + std::to_string(current.id) + " still has customers and cannot be moved"};
}

std::string new_password_hash(const std::optional<std::string>& password, int iterations) {
  return password && !password->empty() ? core::hash_login_password(*password, iterations) : std::string{};
}

}  // namespace

core::Customer CustomerService::add(const Caller& caller, const core::CustomerInput& input) {
  if (input.id && *input.id < 0) throw Error{ErrorCode::kInvalidArgument, "id must not be negative"};
  // The slow hash runs before the transaction so that it holds no locks meanwhile.
  const std::string password_hash = new_password_hash(input.password, config_.auth.pbkdf2_iterations);

  auto conn = db_.lease();
  pqxx::work tx{*conn};
  core::Customer c;
  c.reseller = reseller_for_new_customer(tx, caller, input);
  for (std::size_t i = 0; i < core::kCustomerTextCount; ++i) c.text[i] = input.text[i].value_or("");
  if (caller.is_admin()) {
    c.id = input.id.value_or(0);
    c.balance = input.balance.value_or(0);
    c.credit = input.credit.value_or(0);
    c.reseller_active = input.reseller_active.value_or(true);
  } else {
    c[CustomerText::kCompanyCode].clear();  // admin-only fields keep their defaults (api §8.4)
  }
  c.impersonate = input.impersonate.value_or(0);
  if (c.reseller != 0) require_valid_impersonate(c.impersonate, c.reseller);
  else if (c.impersonate != 0 && c.impersonate != c.id)
    throw Error{ErrorCode::kInvalidArgument, "impersonate of a new reseller must be 0"};

  c.id = storage::insert_customer(tx, c, password_hash, audit_of(caller));
  if (c.reseller == 0) c.reseller = c.id;
  if (input.properties) {
    const CustomerIdentity target{c.id, c.reseller, c.impersonate, c.reseller_active, {}, {}};
    apply_properties(tx, caller, target, *input.properties, PropertyMode::kUpsert);
  }
  auto stored = storage::find_customer(tx, c.id);
  tx.commit();
  return *stored;
}

void CustomerService::update(const Caller& caller, const core::CustomerInput& input) {
  if (!input.id || *input.id <= 0) throw Error{ErrorCode::kInvalidArgument, "account.id is required"};
  const std::int64_t id = *input.id;
  std::optional<std::string> password_hash;  // absent, nil or empty keeps the login (api §8.9)
  if (input.password && !input.password->empty())
    password_hash = core::hash_login_password(*input.password, config_.auth.pbkdf2_iterations);

  auto conn = db_.lease();
  pqxx::work tx{*conn};
  const CustomerIdentity target = require_visible(caller, storage::lock_customer(tx, id), id);
  core::Customer c = *storage::find_customer(tx, id);

  for (std::size_t i = 0; i < core::kCustomerTextCount; ++i)
    if (input.text[i] && static_cast<CustomerText>(i) != CustomerText::kCompanyCode) c.text[i] = *input.text[i];
  if (caller.is_admin()) {
    if (input[CustomerText::kCompanyCode]) c[CustomerText::kCompanyCode] = *input[CustomerText::kCompanyCode];
    if (input.balance) c.balance = *input.balance;
    if (input.credit) c.credit = *input.credit;
    if (input.reseller_active) c.reseller_active = *input.reseller_active;
    if (input.reseller && *input.reseller != 0 && *input.reseller != c.reseller) {
      require_valid_move(tx, c, *input.reseller);
      c.reseller = *input.reseller;
    }
  }
  // The impersonate field is the admin's or the reseller's to set; a sub-customer cannot change
  // its own (api §8.4).
  if (input.impersonate && (caller.is_admin() || is_resellers_customer(caller, target))) {
    c.impersonate = *input.impersonate;
    require_valid_impersonate(c.impersonate, c.reseller);
  }

  storage::update_customer(tx, c, password_hash, audit_of(caller));
  if (input.properties) apply_properties(tx, caller, target, *input.properties, PropertyMode::kReplaceList);
  tx.commit();
}

void CustomerService::remove(const Caller& caller, std::int64_t id) {
  auto conn = db_.lease();
  pqxx::work tx{*conn};
  const CustomerIdentity target = require_visible(caller, storage::lock_customer(tx, id), id);
  // A reseller deletes its customers, not itself; a customer deletes nothing.
  if (!caller.is_admin() && !(is_resellers_customer(caller, target) && target.id != caller.reseller))
    throw Error{ErrorCode::kPermissionDenied, "may not delete " + customer_label(id)};
  storage::delete_customer(tx, id);
  tx.commit();
}

core::Customer CustomerService::get(const Caller& caller, std::int64_t id) {
  auto conn = db_.lease();
  // One read statement: atomic on its own, so no BEGIN/COMMIT round trips.
  pqxx::nontransaction tx{*conn};
  auto customer = storage::find_customer(tx, id);
  std::optional<CustomerIdentity> identity;
  if (customer)
    identity = CustomerIdentity{customer->id, customer->reseller, customer->impersonate, customer->reseller_active, {}, {}};
  require_visible(caller, identity, id);
  return *customer;
}

core::Page<core::Customer> CustomerService::list(const Caller& caller, const core::CustomerQuery& query) {
  auto conn = db_.lease();
  pqxx::read_transaction tx{*conn};
  auto page = storage::list_customers(tx, query, scope_of(caller));
  tx.commit();
  return page;
}

core::Page<core::Customer> CustomerService::list_resellers(const Caller& caller, core::CustomerQuery query) {
  // CDRTool fetches its login account through getResellers with filter.customer (api §4.1).
  query.filter.only_resellers = query.filter.customer == 0;
  return list(caller, query);
}

void CustomerService::set_properties(const Caller& caller, std::int64_t id,
                                     const std::vector<core::CustomerProperty>& properties) {
  auto conn = db_.lease();
  pqxx::work tx{*conn};
  const CustomerIdentity target = require_visible(caller, storage::lock_customer(tx, id), id);
  apply_properties(tx, caller, target, properties, PropertyMode::kUpsert);
  storage::touch_customer(tx, id, audit_of(caller));
  tx.commit();
}

std::vector<core::CustomerProperty> CustomerService::get_properties(const Caller& caller, std::int64_t id) {
  auto conn = db_.lease();
  pqxx::read_transaction tx{*conn};
  require_visible(caller, storage::find_customer_identity(tx, id), id);
  auto properties = storage::customer_properties(tx, id);
  tx.commit();
  return properties;
}

}  // namespace ngnpro::services
