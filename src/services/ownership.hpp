// The rules every record service shares (api §8.3, §8.5): who sees a record, how a container
// gets its customer and reseller, active resellers, and credits checked under row locks.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "ngnpro/core/error.hpp"
#include "ngnpro/core/properties.hpp"
#include "ngnpro/core/sip.hpp"
#include "ngnpro/services/caller.hpp"
#include "ngnpro/storage/database.hpp"
#include "ngnpro/storage/scope.hpp"

namespace ngnpro::services {

storage::Audit audit_of(const Caller& caller);
// The rows a caller may list: everything for admin, its reseller's or its own otherwise.
storage::Scope scope_of(const Caller& caller);

// The one visibility rule of api §8.3. admin: everything; reseller: what belongs to its
// reseller; customer: what belongs to itself. A record's owner is the one it inherits from its
// domain (or container); a customer's is {the customer, its reseller} (customer_owner), so a
// customer is visible to admin, to its reseller and to itself.
bool can_see(const Caller& caller, const core::Owner& owner);
inline core::Owner customer_owner(std::int64_t id, std::int64_t reseller) { return {id, reseller}; }
// Throws 8001 naming what when the caller may not see the record.
void require_visible(const Caller& caller, const core::Owner& owner, const std::string& what);
// Trusted peers and routing need reseller rights (api §8.3); customers get 8001.
void require_reseller_rights(const Caller& caller, const std::string& what);

// The customer and reseller of a new or moved container from the requested ones (api §8.5):
// admin's are honoured (and checked), a reseller's are its own or its customers', a customer's
// are forced to itself. 0 means none.
core::Owner assign_owner(storage::Tx& tx, const Caller& caller, std::int64_t customer,
                         std::int64_t reseller);
// A non-admin creates records only while its reseller is active (api §8.3: else 8004). Locks the
// reseller's row, which also serialises the credit checks that follow.
void require_active_reseller(storage::Tx& tx, const Caller& caller);
// Refuses with 8002 a new record of kind in owner's records when the reseller's or the
// customer's credit is spent (api §8.5). Call after the owner is final, inside the write.
void require_credit(storage::Tx& tx, const Caller& caller, const core::Owner& owner,
                    core::CreditedRecord kind);
// A non-zero owner label must be a customer the caller may see (api §8.5, else 8003).
void require_valid_owner_label(storage::Tx& tx, const Caller& caller, std::int64_t owner);
// A property of a customer that is exactly "1" (core::kPstnAccess, core::kPrepaidChanges).
bool customer_flag(storage::Tx& tx, std::int64_t customer, std::string_view name);

}  // namespace ngnpro::services
