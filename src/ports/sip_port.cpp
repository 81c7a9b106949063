// Sip port, provisioning and settings parts (api §4.2.1-4.2.6): convert in, call one service, convert out.
// The port's other methods are still in sip_port_stubs.cpp.
#include "soapSipService.h"

#include "convert.hpp"
#include "guarded.hpp"
#include "sip_convert.hpp"

using ngnpro::ports::guarded;
using ngnpro::ports::required_text;
using ngnpro::services::Caller;
using ngnpro::services::Services;
namespace ports = ngnpro::ports;

int SipService::addDomain(ngnpro__SipDomain* domain, sip__addDomainResponse*) {
  return guarded(soap, "Sip.addDomain", [&](Services& svc, const Caller& caller) {
    svc.sip.add_domain(caller, ports::to_sip_domain_input(domain));
  });
}

int SipService::updateDomain(ngnpro__SipDomain* domain, sip__updateDomainResponse*) {
  return guarded(soap, "Sip.updateDomain", [&](Services& svc, const Caller& caller) {
    svc.sip.update_domain(caller, ports::to_sip_domain_input(domain));
  });
}

int SipService::deleteDomain(std::string* domain, sip__deleteDomainResponse*) {
  return guarded(soap, "Sip.deleteDomain", [&](Services& svc, const Caller& caller) {
    svc.sip.delete_domain(caller, required_text(domain, "domain"));
  });
}

int SipService::getDomains(ngnpro__SipDomainQuery* query, sip__getDomainsResponse* out) {
  return guarded(soap, "Sip.getDomains", [&](Services& svc, const Caller& caller) {
    out->return_ = ports::new_sip_domain_query_result(soap, svc.sip.list_domains(caller, ports::to_sip_domain_query(query)));
  });
}

int SipService::addAccount(ngnpro__SipAccount* account, sip__addAccountResponse* out) {
  return guarded(soap, "Sip.addAccount", [&](Services& svc, const Caller& caller) {
    out->return_ = ports::new_sip_account(soap, svc.sip.add_account(caller, ports::to_sip_account_input(account)));
  });
}

int SipService::updateAccount(ngnpro__SipAccount* account, sip__updateAccountResponse*) {
  return guarded(soap, "Sip.updateAccount", [&](Services& svc, const Caller& caller) {
    svc.sip.update_account(caller, ports::to_sip_account_input(account));
  });
}

int SipService::deleteAccount(ngnpro__SipId* sipId, sip__deleteAccountResponse*) {
  return guarded(soap, "Sip.deleteAccount", [&](Services& svc, const Caller& caller) {
    svc.sip.delete_account(caller, ports::to_sip_address(sipId, "sipId"));
  });
}

int SipService::getAccount(ngnpro__SipId* sipId, sip__getAccountResponse* out) {
  return guarded(soap, "Sip.getAccount", [&](Services& svc, const Caller& caller) {
    out->return_ = ports::new_sip_account(soap, svc.sip.get_account(caller, ports::to_sip_address(sipId, "sipId")));
  });
}

int SipService::getAccounts(ngnpro__SipQuery* query, sip__getAccountsResponse* out) {
  return guarded(soap, "Sip.getAccounts", [&](Services& svc, const Caller& caller) {
    out->return_ =
        ports::new_sip_account_query_result(soap, svc.sip.list_accounts(caller, ports::to_sip_account_query(query)));
  });
}

int SipService::addToGroup(ngnpro__SipId* sipId, std::string* group, sip__addToGroupResponse*) {
  return guarded(soap, "Sip.addToGroup", [&](Services& svc, const Caller& caller) {
    svc.sip.add_to_group(caller, ports::to_sip_address(sipId, "sipId"), required_text(group, "group"));
  });
}

int SipService::removeFromGroup(ngnpro__SipId* sipId, std::string* group, sip__removeFromGroupResponse*) {
  return guarded(soap, "Sip.removeFromGroup", [&](Services& svc, const Caller& caller) {
    svc.sip.remove_from_group(caller, ports::to_sip_address(sipId, "sipId"), required_text(group, "group"));
  });
}

int SipService::getGroups(ngnpro__SipId* sipId, sip__getGroupsResponse* out) {
  return guarded(soap, "Sip.getGroups", [&](Services& svc, const Caller& caller) {
    out->return_ = ports::new_string_array(soap, svc.sip.groups(caller, ports::to_sip_address(sipId, "sipId")));
  });
}

int SipService::addAlias(ngnpro__SipAlias* alias, sip__addAliasResponse*) {
  return guarded(soap, "Sip.addAlias", [&](Services& svc, const Caller& caller) {
    svc.sip.add_alias(caller, ports::to_sip_alias(alias));
  });
}

int SipService::updateAlias(ngnpro__SipAlias* alias, sip__updateAliasResponse*) {
  return guarded(soap, "Sip.updateAlias", [&](Services& svc, const Caller& caller) {
    svc.sip.update_alias(caller, ports::to_sip_alias(alias));
  });
}

int SipService::deleteAlias(ngnpro__SipId* id, sip__deleteAliasResponse*) {
  return guarded(soap, "Sip.deleteAlias", [&](Services& svc, const Caller& caller) {
    svc.sip.delete_alias(caller, ports::to_sip_address(id, "id"));
  });
}

int SipService::getAlias(ngnpro__SipId* id, sip__getAliasResponse* out) {
  return guarded(soap, "Sip.getAlias", [&](Services& svc, const Caller& caller) {
    out->return_ = ports::new_sip_alias(soap, svc.sip.get_alias(caller, ports::to_sip_address(id, "id")));
  });
}

int SipService::getAliases(ngnpro__AliasQuery* query, sip__getAliasesResponse* out) {
  return guarded(soap, "Sip.getAliases", [&](Services& svc, const Caller& caller) {
    out->return_ = ports::new_sip_alias_query_result(soap, svc.sip.list_aliases(caller, ports::to_sip_alias_query(query)));
  });
}

int SipService::getAliasesForAccount(ngnpro__SipId* sipId, sip__getAliasesForAccountResponse* out) {
  return guarded(soap, "Sip.getAliasesForAccount", [&](Services& svc, const Caller& caller) {
    out->return_ =
        ports::new_sip_alias_array(soap, svc.sip.aliases_for_account(caller, ports::to_sip_address(sipId, "sipId")));
  });
}

int SipService::addTrustedPeer(ngnpro__TrustedPeer* peer, sip__addTrustedPeerResponse*) {
  return guarded(soap, "Sip.addTrustedPeer", [&](Services& svc, const Caller& caller) {
    svc.sip.add_trusted_peer(caller, ports::to_trusted_peer_input(peer));
  });
}

int SipService::updateTrustedPeer(ngnpro__TrustedPeer* peer, sip__updateTrustedPeerResponse*) {
  return guarded(soap, "Sip.updateTrustedPeer", [&](Services& svc, const Caller& caller) {
    svc.sip.update_trusted_peer(caller, ports::to_trusted_peer_input(peer));
  });
}

int SipService::deleteTrustedPeer(std::string* ip, sip__deleteTrustedPeerResponse*) {
  return guarded(soap, "Sip.deleteTrustedPeer", [&](Services& svc, const Caller& caller) {
    svc.sip.delete_trusted_peer(caller, required_text(ip, "ip"));
  });
}

int SipService::getTrustedPeers(ngnpro__TrustedPeerQuery* query, sip__getTrustedPeersResponse* out) {
  return guarded(soap, "Sip.getTrustedPeers", [&](Services& svc, const Caller& caller) {
    out->return_ =
        ports::new_trusted_peer_query_result(soap, svc.sip.list_trusted_peers(caller, ports::to_trusted_peer_query(query)));
  });
}

// Per-subscriber settings (api §4.2.6).

int SipService::setCallDiversions(ngnpro__SipId* sipId, ngnpro__CallDiversions* diversions,
                                  sip__setCallDiversionsResponse*) {
  return guarded(soap, "Sip.setCallDiversions", [&](Services& svc, const Caller& caller) {
    svc.sip.set_call_diversions(caller, ports::to_sip_address(sipId, "sipId"), ports::to_call_diversions(diversions));
  });
}

int SipService::getCallDiversions(ngnpro__SipId* sipId, sip__getCallDiversionsResponse* out) {
  return guarded(soap, "Sip.getCallDiversions", [&](Services& svc, const Caller& caller) {
    out->return_ = ports::new_call_diversions(soap, svc.sip.call_diversions(caller, ports::to_sip_address(sipId, "sipId")));
  });
}

int SipService::setAcceptRules(ngnpro__SipId* sipId, ngnpro__AcceptRules* rules, sip__setAcceptRulesResponse*) {
  return guarded(soap, "Sip.setAcceptRules", [&](Services& svc, const Caller& caller) {
    svc.sip.set_accept_rules(caller, ports::to_sip_address(sipId, "sipId"), ports::to_accept_rules(rules));
  });
}

int SipService::getAcceptRules(ngnpro__SipId* sipId, sip__getAcceptRulesResponse* out) {
  return guarded(soap, "Sip.getAcceptRules", [&](Services& svc, const Caller& caller) {
    out->return_ = ports::new_accept_rules_result(soap, svc.sip.accept_rules(caller, ports::to_sip_address(sipId, "sipId")));
  });
}

int SipService::setRejectMembers(ngnpro__SipId* sipId, StringArray* members, sip__setRejectMembersResponse*) {
  return guarded(soap, "Sip.setRejectMembers", [&](Services& svc, const Caller& caller) {
    svc.sip.set_reject_members(caller, ports::to_sip_address(sipId, "sipId"), ports::to_name_set(members));
  });
}

int SipService::getRejectMembers(ngnpro__SipId* sipId, sip__getRejectMembersResponse* out) {
  return guarded(soap, "Sip.getRejectMembers", [&](Services& svc, const Caller& caller) {
    out->return_ = ports::new_string_array(soap, svc.sip.reject_members(caller, ports::to_sip_address(sipId, "sipId")));
  });
}

int SipService::setBarringPrefixes(ngnpro__SipId* sipId, StringArray* prefixes, sip__setBarringPrefixesResponse*) {
  return guarded(soap, "Sip.setBarringPrefixes", [&](Services& svc, const Caller& caller) {
    svc.sip.set_barring_prefixes(caller, ports::to_sip_address(sipId, "sipId"), ports::to_name_set(prefixes));
  });
}

int SipService::getBarringPrefixes(ngnpro__SipId* sipId, sip__getBarringPrefixesResponse* out) {
  return guarded(soap, "Sip.getBarringPrefixes", [&](Services& svc, const Caller& caller) {
    out->return_ = ports::new_string_array(soap, svc.sip.barring_prefixes(caller, ports::to_sip_address(sipId, "sipId")));
  });
}

int SipService::addPhonebookEntry(ngnpro__SipId* sipId, ngnpro__PhonebookEntry* entry, sip__addPhonebookEntryResponse*) {
  return guarded(soap, "Sip.addPhonebookEntry", [&](Services& svc, const Caller& caller) {
    svc.sip.add_phonebook_entry(caller, ports::to_sip_address(sipId, "sipId"), ports::to_phonebook_entry(entry));
  });
}

int SipService::updatePhonebookEntry(ngnpro__SipId* sipId, ngnpro__PhonebookEntry* entry,
                                     sip__updatePhonebookEntryResponse*) {
  return guarded(soap, "Sip.updatePhonebookEntry", [&](Services& svc, const Caller& caller) {
    svc.sip.update_phonebook_entry(caller, ports::to_sip_address(sipId, "sipId"), ports::to_phonebook_entry(entry));
  });
}

int SipService::deletePhonebookEntry(ngnpro__SipId* sipId, std::string* uri, sip__deletePhonebookEntryResponse*) {
  return guarded(soap, "Sip.deletePhonebookEntry", [&](Services& svc, const Caller& caller) {
    svc.sip.delete_phonebook_entry(caller, ports::to_sip_address(sipId, "sipId"),
                                   ports::trim(ports::text_or_empty(uri)));
  });
}

int SipService::getPhonebookEntries(ngnpro__SipId* sipId, ngnpro__PhonebookEntry* match, ngnpro__Range* range,
                                    sip__getPhonebookEntriesResponse* out) {
  return guarded(soap, "Sip.getPhonebookEntries", [&](Services& svc, const Caller& caller) {
    out->return_ = ports::new_phonebook_entries(
        soap, svc.sip.phonebook_entries(caller, ports::to_sip_address(sipId, "sipId"), ports::to_phonebook_query(match, range)));
  });
}
