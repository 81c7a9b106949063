#include "ngnpro/services/customer_provisioning.hpp"

#include <algorithm>
#include <map>
#include <optional>

#include "ngnpro/core/digest.hpp"
#include "ngnpro/core/error.hpp"
#include "ngnpro/core/properties.hpp"
#include "ngnpro/core/text_limits.hpp"
#include "ngnpro/storage/customers.hpp"
#include "ownership.hpp"

namespace ngnpro::services {

namespace {

using core::CustomerText;
using core::Error;
using core::ErrorCode;
using core::Permission;
using storage::CustomerIdentity;

std::string customer_label(std::int64_t id) { return "customer " + std::to_string(id); }

bool is_resellers_customer(const Caller& caller, const CustomerIdentity& target) {
  return caller.is_reseller() && target.reseller == caller.reseller;
}

CustomerIdentity require_visible(const Caller& caller, std::optional<CustomerIdentity> target, std::int64_t id) {
  if (!target) throw Error{ErrorCode::kCustomerNotFound, customer_label(id) + " does not exist"};
  if (!can_see(caller, customer_owner(target->id, target->reseller)))
    throw Error{ErrorCode::kPermissionDenied, "no access to " + customer_label(id)};
  return *target;
}

// api §8.6: who may create, change or delete a property of this permission on the target.
bool may_manage(const Caller& caller, const CustomerIdentity& target, Permission permission,
                const std::string& name) {
  if (caller.is_admin()) return true;
  switch (permission) {
    case Permission::kAdmin:
      return is_resellers_customer(caller, target) && target.id != caller.reseller &&
             core::reseller_may_manage(name);
    case Permission::kReseller:
      return is_resellers_customer(caller, target);
    case Permission::kCustomer:
      return is_resellers_customer(caller, target) || target.id == caller.customer;
  }
  return false;
}

// Checks a property as given and returns it as it will be stored: the names with meaning to the
// server always carry permission admin, whatever the caller sent, so no caller can create a
// right or a credit it may then change itself (api §8.6).
core::CustomerProperty checked_property(core::CustomerProperty p) {
  if (p.name.empty()) throw Error{ErrorCode::kInvalidArgument, "property name is required"};
  core::require_length(p.name, core::kMaxNameBytes, "property name");
  core::require_length(p.value, core::kMaxValueBytes, "property " + core::excerpt(p.name) + " value");
  core::require_length(p.category, core::kMaxNameBytes, "property " + core::excerpt(p.name) + " category");
  if (core::find_credit(p.name)) {
    const bool digits = !p.value.empty() && p.value.size() <= 18 &&
                        std::all_of(p.value.begin(), p.value.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!digits)
      throw Error{ErrorCode::kInvalidArgument,
                  "property " + p.name + " must be a non-negative integer, not '" + core::excerpt(p.value) + "'"};
  }
  if (core::is_server_property(p.name)) p.permission = Permission::kAdmin;
  return p;
}

enum class PropertyMode {
  kReplaceList,  // updateAccount: the list given replaces the stored one, as far as the caller may
  kUpsert,       // setProperties: each given property is created or updated; others are kept
};

// Writes the given properties under the permission rules of api §8.6. A property the caller may
// not change is kept as stored: silently in a whole-list round trip (CDRTool sends every property
// back, editable or not), as fault 8001 when set explicitly with another value.
void apply_properties(storage::Tx& tx, const Caller& caller, const CustomerIdentity& target,
                      const std::vector<core::CustomerProperty>& given, PropertyMode mode) {
  std::map<std::string, core::CustomerProperty> stored;
  for (auto& p : storage::customer_properties(tx, target.id)) stored.emplace(p.name, p);

  std::map<std::string, core::CustomerProperty> wanted;  // by name; the last one given wins
  for (const auto& p : given) {
    auto checked = checked_property(p);
    wanted[checked.name] = std::move(checked);
  }

  for (const auto& [name, p] : wanted) {
    const auto it = stored.find(name);
    if (it == stored.end()) {
      if (!may_manage(caller, target, p.permission, name))
        throw Error{ErrorCode::kPermissionDenied, "may not create property " + core::excerpt(name) +
                                                      " with permission " + core::to_string(p.permission)};
      storage::upsert_customer_property(tx, target.id, p);
      continue;
    }
    const core::CustomerProperty& old = it->second;
    // Only admin changes the stored permission of an existing property; a server property's
    // is admin whoever writes it, which also repairs one stored before that rule.
    const Permission permission =
        caller.is_admin() || core::is_server_property(name) ? p.permission : old.permission;
    if (old.value == p.value && old.category == p.category && old.permission == permission) continue;
    if (!may_manage(caller, target, old.permission, name)) {
      if (mode == PropertyMode::kUpsert)
        throw Error{ErrorCode::kPermissionDenied, "may not change property " + core::excerpt(name)};
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
std::int64_t reseller_for_new_customer(storage::Tx& tx, const Caller& caller,
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
void require_valid_move(storage::Tx& tx, const core::Customer& current, std::int64_t new_reseller) {
  if (new_reseller == current.id) return;  // it becomes a reseller
  const auto target = storage::find_customer_identity(tx, new_reseller);
  if (!target || target->id != target->reseller)
    throw Error{ErrorCode::kInvalidArgument, "reseller " + std::to_string(new_reseller) + " does not exist"};
  if (current.is_reseller() && storage::has_sub_customers(tx, current.id))
    throw Error{ErrorCode::kCustomerReferenced,
                "reseller " + std::to_string(current.id) + " still has customers and cannot be moved"};
}

// Text maxima (core/text_limits.hpp): the login fits the unique index; everything else a column.
void require_text_lengths(const core::CustomerInput& input) {
  for (std::size_t i = 0; i < core::kCustomerTextCount; ++i)
    if (input.text[i])
      core::require_length(*input.text[i],
                           static_cast<CustomerText>(i) == CustomerText::kUsername ? core::kMaxNameBytes
                                                                                   : core::kMaxTextBytes,
                           core::kCustomerTextNames[i]);
  if (input.password) core::require_length(*input.password, core::kMaxPasswordBytes, "password");
}

std::string new_password_hash(const std::optional<std::string>& password, int iterations) {
  return password && !password->empty() ? core::hash_login_password(*password, iterations) : std::string{};
}

}  // namespace

core::Customer CustomerProvisioning::add(const Caller& caller, const core::CustomerInput& input) {
  if (input.id && *input.id < 0) throw Error{ErrorCode::kInvalidArgument, "id must not be negative"};
  require_text_lengths(input);
  // The slow hash runs before the transaction so that it holds no locks meanwhile.
  const std::string password_hash = new_password_hash(input.password, config_.auth.pbkdf2_iterations);

  return db_.write([&](storage::Tx& tx) {
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
    return *storage::find_customer(tx, c.id);
  });
}

void CustomerProvisioning::update(const Caller& caller, const core::CustomerInput& input) {
  if (!input.id || *input.id <= 0) throw Error{ErrorCode::kInvalidArgument, "account.id is required"};
  require_text_lengths(input);
  const std::int64_t id = *input.id;
  std::optional<std::string> password_hash;  // absent, nil or empty keeps the login (api §8.9)
  if (input.password && !input.password->empty())
    password_hash = core::hash_login_password(*input.password, config_.auth.pbkdf2_iterations);

  db_.write([&](storage::Tx& tx) {
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
  });
}

void CustomerProvisioning::remove(const Caller& caller, std::int64_t id) {
  db_.write([&](storage::Tx& tx) {
    const CustomerIdentity target = require_visible(caller, storage::lock_customer(tx, id), id);
    // A reseller deletes its customers, not itself; a customer deletes nothing.
    if (!caller.is_admin() && !(is_resellers_customer(caller, target) && target.id != caller.reseller))
      throw Error{ErrorCode::kPermissionDenied, "may not delete " + customer_label(id)};
    storage::delete_customer(tx, id);
  });
}

core::Customer CustomerProvisioning::get(const Caller& caller, std::int64_t id) {
  // One read statement: atomic on its own, so no BEGIN/COMMIT round trips.
  auto customer = db_.read_one([&](storage::Tx& tx) { return storage::find_customer(tx, id); });
  std::optional<CustomerIdentity> identity;
  if (customer)
    identity = CustomerIdentity{customer->id, customer->reseller, customer->impersonate, customer->reseller_active, {}, {}};
  require_visible(caller, identity, id);
  return *customer;
}

core::Page<core::Customer> CustomerProvisioning::list(const Caller& caller, const core::CustomerQuery& query) {
  return db_.read([&](storage::Tx& tx) { return storage::list_customers(tx, query, scope_of(caller)); });
}

core::Page<core::Customer> CustomerProvisioning::list_resellers(const Caller& caller, core::CustomerQuery query) {
  // CDRTool fetches its login account through getResellers with filter.customer (api §4.1).
  query.filter.only_resellers = query.filter.customer == 0;
  return list(caller, query);
}

void CustomerProvisioning::set_properties(const Caller& caller, std::int64_t id,
                                         const std::vector<core::CustomerProperty>& properties) {
  db_.write([&](storage::Tx& tx) {
    const CustomerIdentity target = require_visible(caller, storage::lock_customer(tx, id), id);
    apply_properties(tx, caller, target, properties, PropertyMode::kUpsert);
    storage::touch_customer(tx, id, audit_of(caller));
  });
}

std::vector<core::CustomerProperty> CustomerProvisioning::get_properties(const Caller& caller, std::int64_t id) {
  return db_.read([&](storage::Tx& tx) {
    require_visible(caller, storage::find_customer_identity(tx, id), id);
    return storage::customer_properties(tx, id);
  });
}

}  // namespace ngnpro::services
