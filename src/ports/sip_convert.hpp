// gSOAP <-> core conversions of the Sip port's provisioning types (api §5.4-5.7).
#pragma once

#include <vector>

#include "ngnpro/core/sip.hpp"
#include "ngnpro/core/sip_settings.hpp"
#include "soapH.h"

namespace ngnpro::ports {

// Trimmed and lower-cased (api §6); both members required (8003).
core::SipAddress to_sip_address(const ngnpro__SipId* id, const char* what);
core::SipDomainInput to_sip_domain_input(const ngnpro__SipDomain* domain);
core::SipDomainQuery to_sip_domain_query(const ngnpro__SipDomainQuery* query);
core::SipAccountInput to_sip_account_input(const ngnpro__SipAccount* account);
core::SipAccountQuery to_sip_account_query(const ngnpro__SipQuery* query);
core::SipAlias to_sip_alias(const ngnpro__SipAlias* alias);
core::SipAliasQuery to_sip_alias_query(const ngnpro__AliasQuery* query);
core::TrustedPeerInput to_trusted_peer_input(const ngnpro__TrustedPeer* peer);
core::TrustedPeerQuery to_trusted_peer_query(const ngnpro__TrustedPeerQuery* query);

ngnpro__SipDomainQueryResult* new_sip_domain_query_result(struct soap* ctx, const core::Page<core::SipDomain>& page);
ngnpro__SipAccount* new_sip_account(struct soap* ctx, const core::SipAccount& account);
ngnpro__SipAccountQueryResult* new_sip_account_query_result(struct soap* ctx,
                                                            const core::Page<core::SipAccount>& page);
ngnpro__SipAlias* new_sip_alias(struct soap* ctx, const core::SipAlias& alias);
SipAliasArray* new_sip_alias_array(struct soap* ctx, const std::vector<core::SipAlias>& aliases);
ngnpro__SipAliasQueryResult* new_sip_alias_query_result(struct soap* ctx, const core::Page<core::SipAlias>& page);
ngnpro__TrustedPeerQueryResult* new_trusted_peer_query_result(struct soap* ctx,
                                                              const core::Page<core::TrustedPeer>& page);

// Settings (api §5.8). A nil diversions struct, like nil or empty members, clears (api §4.2.6).
std::vector<core::CallDiversion> to_call_diversions(const ngnpro__CallDiversions* diversions);
ngnpro__CallDiversions* new_call_diversions(struct soap* ctx, const std::vector<core::CallDiversion>& diversions);
core::AcceptRules to_accept_rules(const ngnpro__AcceptRules* rules);
ngnpro__AcceptRulesResult* new_accept_rules_result(struct soap* ctx, const core::AcceptRulesResult& result);
core::PhonebookEntry to_phonebook_entry(const ngnpro__PhonebookEntry* entry);  // uri required (8003)
core::PhonebookQuery to_phonebook_query(const ngnpro__PhonebookEntry* match, const ngnpro__Range* range);
ngnpro__PhonebookEntries* new_phonebook_entries(struct soap* ctx, const core::Page<core::PhonebookEntry>& page);

}  // namespace ngnpro::ports
