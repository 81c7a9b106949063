// SIP domains (ngnpro.sip_domains). Functions take the caller's transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "ngnpro/core/sip.hpp"
#include "ngnpro/storage/database.hpp"
#include "ngnpro/storage/scope.hpp"

namespace ngnpro::storage {

struct SipDomainRow {
  std::int64_t id = 0;
  core::SipDomain domain;
};

std::optional<SipDomainRow> find_sip_domain(Tx& tx, const std::string& domain);
// FOR UPDATE: serialises a domain's deletion and owner change against adds into it.
std::optional<SipDomainRow> lock_sip_domain(Tx& tx, const std::string& domain);
core::Page<core::SipDomain> list_sip_domains(Tx& tx, const core::SipDomainQuery& query,
                                             const Scope& scope);
void insert_sip_domain(Tx& tx, const core::SipDomain& domain, const Audit& audit);  //!< 1001
void update_sip_domain(Tx& tx, std::int64_t id, const core::SipDomain& domain,
                       const Audit& audit);
// Accounts and aliases still in the domain (deleteDomain is refused while any remain).
std::int64_t count_sip_domain_members(Tx& tx, std::int64_t id);
void delete_sip_domain(Tx& tx, std::int64_t id);

}  // namespace ngnpro::storage
