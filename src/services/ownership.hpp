// The rules every record service shares (api §8.3, §8.5): who sees a record, how a container
// gets its customer and reseller, active resellers, and credits checked under row locks.
#pragma once

#include <cstdint>
#include <string>

#include <pqxx/pqxx>

#include "ngnpro/core/error.hpp"
#include "ngnpro/core/sip.hpp"
#include "ngnpro/services/caller.hpp"
#include "ngnpro/storage/credits.hpp"
#include "ngnpro/storage/scope.hpp"

namespace ngnpro::services {

storage::Audit audit_of(const Caller& caller);
// The rows a caller may list: everything for admin, its reseller's or its own otherwise.
storage::Scope scope_of(const Caller& caller);

// admin: everything; reseller: records of its reseller; customer: records of its own.
bool can_see(const Caller& caller, const core::Owner& owner);
// Throws 8001 naming what when the caller may not see the record.
void require_visible(const Caller& caller, const core::Owner& owner, const std::string& what);
// Trusted peers and routing need reseller rights (api §8.3); customers get 8001.
void require_reseller_rights(const Caller& caller, const std::string& what);

// The customer and reseller of a new or moved container from the requested ones (api §8.5):
// admin's are honoured (and checked), a reseller's are its own or its customers', a customer's
// are forced to itself. 0 means none.
core::Owner assign_owner(pqxx::transaction_base& tx, const Caller& caller, std::int64_t customer,
                         std::int64_t reseller);
// A non-admin creates records only while its reseller is active (api §8.3: else 8004). Locks the
// reseller's row, which also serialises the credit checks that follow.
void require_active_reseller(pqxx::transaction_base& tx, const Caller& caller);
// Refuses with 8002 a new record of kind in owner's records when the reseller's or the
// customer's credit is spent (api §8.5). Call after the owner is final, inside the write.
void require_credit(pqxx::transaction_base& tx, const Caller& caller, const core::Owner& owner,
                    storage::CreditedRecord kind);
// A non-zero owner label must be a customer the caller may see (api §8.5, else 8003).
void require_valid_owner_label(pqxx::transaction_base& tx, const Caller& caller, std::int64_t owner);
// A property of a customer that is exactly "1" (pstn_access, prepaid_changes).
bool customer_flag(pqxx::transaction_base& tx, std::int64_t customer, const char* name);

}  // namespace ngnpro::services
