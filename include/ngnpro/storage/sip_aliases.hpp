// SIP aliases (ngnpro.sip_aliases). Customer and reseller come from the alias's domain.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "ngnpro/core/sip.hpp"
#include "ngnpro/storage/database.hpp"
#include "ngnpro/storage/scope.hpp"

namespace ngnpro::storage {

struct SipAliasRow {
  std::int64_t id = 0;
  std::int64_t domain_id = 0;
  core::SipAlias alias;
};

std::optional<SipAliasRow> find_sip_alias(Tx& tx, const core::SipAddress& address,
                                          bool lock = false);
bool sip_alias_exists(Tx& tx, std::int64_t domain_id, const std::string& username);
core::Page<core::SipAlias> list_sip_aliases(Tx& tx, const core::SipAliasQuery& query,
                                            const Scope& scope);
std::vector<core::SipAlias> sip_aliases_for_target(Tx& tx, const core::SipAddress& target,
                                                   const Scope& scope);
void insert_sip_alias(Tx& tx, std::int64_t domain_id, const core::SipAlias& alias,
                      const Audit& audit);  //!< 1021
void update_sip_alias(Tx& tx, std::int64_t id, const core::SipAlias& alias, const Audit& audit);
void delete_sip_alias(Tx& tx, std::int64_t id);

}  // namespace ngnpro::storage
