// The Sip port's provisioning rules (api §4.2.1-4.2.5, §8.5, §8.7-8.10): domains, accounts and
// their groups, aliases and trusted peers. One method per operation, each one transaction.
#pragma once

#include <string>
#include <vector>

#include "ngnpro/core/config.hpp"
#include "ngnpro/core/sip.hpp"
#include "ngnpro/core/sip_settings.hpp"
#include "ngnpro/services/caller.hpp"
#include "ngnpro/storage/database.hpp"

namespace ngnpro::services {

class SipProvisioning {
 public:
  SipProvisioning(storage::Database& db, const core::Config& config) : db_(db), config_(config) {}

  void add_domain(const Caller& caller, const core::SipDomainInput& input);
  void update_domain(const Caller& caller, const core::SipDomainInput& input);
  void delete_domain(const Caller& caller, const std::string& domain);
  core::Page<core::SipDomain> list_domains(const Caller& caller, const core::SipDomainQuery& query);

  core::SipAccount add_account(const Caller& caller, const core::SipAccountInput& input);
  void update_account(const Caller& caller, const core::SipAccountInput& input);
  void delete_account(const Caller& caller, const core::SipAddress& id);
  core::SipAccount get_account(const Caller& caller, const core::SipAddress& id);
  core::Page<core::SipAccount> list_accounts(const Caller& caller, const core::SipAccountQuery& query);

  void add_to_group(const Caller& caller, const core::SipAddress& id, const std::string& group);
  void remove_from_group(const Caller& caller, const core::SipAddress& id, const std::string& group);
  std::vector<std::string> groups(const Caller& caller, const core::SipAddress& id);

  void add_alias(const Caller& caller, const core::SipAlias& alias);
  void update_alias(const Caller& caller, const core::SipAlias& alias);
  void delete_alias(const Caller& caller, const core::SipAddress& id);
  core::SipAlias get_alias(const Caller& caller, const core::SipAddress& id);
  core::Page<core::SipAlias> list_aliases(const Caller& caller, const core::SipAliasQuery& query);
  std::vector<core::SipAlias> aliases_for_account(const Caller& caller, const core::SipAddress& target);

  void add_trusted_peer(const Caller& caller, const core::TrustedPeerInput& input);
  void update_trusted_peer(const Caller& caller, const core::TrustedPeerInput& input);
  void delete_trusted_peer(const Caller& caller, const std::string& ip);
  core::Page<core::TrustedPeer> list_trusted_peers(const Caller& caller, const core::TrustedPeerQuery& query);

  // Per-subscriber settings (api §4.2.6), in sip_settings.cpp.
  void set_call_diversions(const Caller& caller, const core::SipAddress& id,
                           const std::vector<core::CallDiversion>& diversions);
  std::vector<core::CallDiversion> call_diversions(const Caller& caller, const core::SipAddress& id);
  void set_accept_rules(const Caller& caller, const core::SipAddress& id, const core::AcceptRules& rules);
  core::AcceptRulesResult accept_rules(const Caller& caller, const core::SipAddress& id);
  void set_reject_members(const Caller& caller, const core::SipAddress& id, const std::vector<std::string>& members);
  std::vector<std::string> reject_members(const Caller& caller, const core::SipAddress& id);
  void set_barring_prefixes(const Caller& caller, const core::SipAddress& id, const std::vector<std::string>& prefixes);
  std::vector<std::string> barring_prefixes(const Caller& caller, const core::SipAddress& id);
  void add_phonebook_entry(const Caller& caller, const core::SipAddress& id, const core::PhonebookEntry& entry);
  void update_phonebook_entry(const Caller& caller, const core::SipAddress& id, const core::PhonebookEntry& entry);
  void delete_phonebook_entry(const Caller& caller, const core::SipAddress& id, const std::string& uri);
  core::Page<core::PhonebookEntry> phonebook_entries(const Caller& caller, const core::SipAddress& id,
                                                     const core::PhonebookQuery& query);

 private:
  storage::Database& db_;
  const core::Config& config_;
};

}  // namespace ngnpro::services
