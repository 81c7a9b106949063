#include "ownership.hpp"

#include "ngnpro/storage/credits.hpp"
#include "ngnpro/storage/customers.hpp"

namespace ngnpro::services {

namespace {

using core::Error;
using core::ErrorCode;

std::string customer_label(std::int64_t id) { return "customer " + std::to_string(id); }

// A credit value is a decimal count; anything else was refused when it was set (customer rules),
// so an unreadable one is treated as 0: safer to refuse than to overspend.
std::int64_t credit_value(const std::string& text) {
  try {
    return std::stoll(text);
  } catch (const std::exception&) {
    return 0;
  }
}

// The caller holds the customer's row lock (require_credit), so the usage read here includes
// every creation that committed before it, and no other credit-bound creation under this
// customer commits until we do.
void check_one_credit(storage::Tx& tx, std::int64_t customer, storage::OwnerColumn column,
                      core::CreditedRecord kind) {
  const storage::CreditUsage usage = storage::credit_usage(tx, kind, column, customer);
  if (!usage.limit) return;  // no property, no limit (api §9.1 Q1)
  if (usage.used < credit_value(*usage.limit)) return;
  const char* holder = column == storage::OwnerColumn::kReseller ? "reseller " : "customer ";
  throw Error{ErrorCode::kCreditExceeded, std::string(core::credit_spec(kind).property) + " of " + holder +
                                              std::to_string(customer) + " is used up (" + std::to_string(usage.used) +
                                              " of " + *usage.limit + ")"};
}

}  // namespace

storage::Audit audit_of(const Caller& caller) { return {caller.login, caller.impersonated}; }

storage::Scope scope_of(const Caller& caller) {
  storage::Scope scope;
  if (caller.role == Role::kReseller) scope.reseller = caller.reseller;
  if (caller.role == Role::kCustomer) scope.customer = caller.customer;
  return scope;
}

bool can_see(const Caller& caller, const core::Owner& owner) {
  switch (caller.role) {
    case Role::kAdmin: return true;
    case Role::kReseller: return owner.reseller == caller.reseller;
    case Role::kCustomer: return owner.customer == caller.customer;
  }
  return false;
}

void require_visible(const Caller& caller, const core::Owner& owner, const std::string& what) {
  if (!can_see(caller, owner)) throw Error{ErrorCode::kPermissionDenied, "no access to " + what};
}

void require_reseller_rights(const Caller& caller, const std::string& what) {
  if (caller.role == Role::kCustomer) throw Error{ErrorCode::kPermissionDenied, what + " needs reseller rights"};
}

core::Owner assign_owner(storage::Tx& tx, const Caller& caller, std::int64_t customer,
                         std::int64_t reseller) {
  switch (caller.role) {
    case Role::kCustomer:
      return {caller.customer, caller.reseller};
    case Role::kReseller: {
      if (customer == 0 || customer == caller.reseller) return {caller.reseller, caller.reseller};
      const auto c = storage::find_customer_identity(tx, customer);
      if (!c || c->reseller != caller.reseller)
        throw Error{ErrorCode::kPermissionDenied, customer_label(customer) + " is not a customer of reseller " +
                                                      std::to_string(caller.reseller)};
      return {customer, caller.reseller};
    }
    case Role::kAdmin:
      break;
  }
  if (customer != 0) {
    const auto c = storage::find_customer_identity(tx, customer);
    if (!c) throw Error{ErrorCode::kInvalidArgument, customer_label(customer) + " does not exist"};
    if (reseller != 0 && reseller != c->reseller)
      throw Error{ErrorCode::kInvalidArgument,
                  customer_label(customer) + " does not belong to reseller " + std::to_string(reseller)};
    return {customer, c->reseller};
  }
  if (reseller != 0) {
    const auto r = storage::find_customer_identity(tx, reseller);
    if (!r || r->id != r->reseller)
      throw Error{ErrorCode::kInvalidArgument, "reseller " + std::to_string(reseller) + " does not exist"};
  }
  return {0, reseller};
}

void require_active_reseller(storage::Tx& tx, const Caller& caller) {
  if (caller.is_admin()) return;
  const auto reseller = storage::lock_customer(tx, caller.reseller);
  if (!reseller) throw Error{ErrorCode::kCustomerNotFound, "reseller " + std::to_string(caller.reseller) + " does not exist"};
  if (!reseller->reseller_active)
    throw Error{ErrorCode::kResellerInactive, "reseller " + std::to_string(caller.reseller) + " is not active"};
}

void require_credit(storage::Tx& tx, const Caller& caller, const core::Owner& owner,
                    core::CreditedRecord kind) {
  if (!caller.bound_by_credits()) return;
  // FOR UPDATE on the reseller, then on the customer, in that order for every writer: concurrent
  // creations serialise here and count what committed before them, so none overshoots a cap.
  if (owner.reseller != 0) {
    storage::lock_customer(tx, owner.reseller);
    check_one_credit(tx, owner.reseller, storage::OwnerColumn::kReseller, kind);
  }
  if (owner.customer != 0 && owner.customer != owner.reseller) {
    storage::lock_customer(tx, owner.customer);
    check_one_credit(tx, owner.customer, storage::OwnerColumn::kCustomer, kind);
  }
}

void require_valid_owner_label(storage::Tx& tx, const Caller& caller, std::int64_t owner) {
  if (owner == 0) return;
  const auto c = storage::find_customer_identity(tx, owner);
  if (!c || !can_see(caller, customer_owner(c->id, c->reseller)))
    throw Error{ErrorCode::kInvalidArgument, "owner " + std::to_string(owner) + " is not a customer you manage"};
}

bool customer_flag(storage::Tx& tx, std::int64_t customer, std::string_view name) {
  const auto value = storage::customer_property(tx, customer, std::string(name));
  return value && *value == "1";
}

}  // namespace ngnpro::services
