#include "sip_convert.hpp"

#include "convert.hpp"

namespace ngnpro::ports {

namespace {

ngnpro__SipId* new_sip_id(struct soap* ctx, const core::SipAddress& a) {
  ngnpro__SipId* out = soap_new_ngnpro__SipId(ctx);
  out->username = new_string(ctx, a.username);
  out->domain = new_string(ctx, a.domain);
  return out;
}

void fill_domain(struct soap* ctx, ngnpro__SipDomain& o, const core::SipDomain& d) {
  o.domain = new_string(ctx, d.domain);
  o.customer = new_value<LONG64>(ctx, d.owner.customer);
  o.reseller = new_value<LONG64>(ctx, d.owner.reseller);
  o.certificate = new_string(ctx, d.certificate);
  o.private_USCOREkey = new_string(ctx, d.private_key);
  o.match_USCOREip_USCOREaddress = new_string(ctx, d.match_ip_address);
  o.match_USCOREsip_USCOREdomain = new_string(ctx, d.match_sip_domain);
  o.verify_USCOREcert = new_value<bool>(ctx, d.verify_cert);
  o.require_USCOREcert = new_value<bool>(ctx, d.require_cert);
  o.changeDate = new_string(ctx, d.change_date);
}

void fill_account(struct soap* ctx, ngnpro__SipAccount& o, const core::SipAccount& a) {
  o.id = new_sip_id(ctx, a.id);
  o.password = new_string(ctx, a.password);
  o.firstName = new_string(ctx, a.first_name);
  o.lastName = new_string(ctx, a.last_name);
  o.email = new_string(ctx, a.email);
  o.acl = new_array(ctx, a.acl, soap_new_SubscriberACLArray, soap_new_ngnpro__SubscriberACL,
                    [&](ngnpro__SubscriberACL& x, const core::SubscriberAcl& acl) {
                      x.ip = new_string(ctx, acl.ip);
                      x.mask = new_value<int>(ctx, acl.mask);
                      x.tag = new_string(ctx, acl.tag);
                    });
  o.groups = new_string_array(ctx, a.groups);
  o.properties = new_array(ctx, a.properties, soap_new_PropertyArray, soap_new_ngnpro__Property,
                           [&](ngnpro__Property& x, const core::NameValue& p) {
                             x.name = new_string(ctx, p.name);
                             x.value = new_string(ctx, p.value);
                           });
  o.timezone = new_string(ctx, a.timezone);
  o.rpid = new_string(ctx, a.rpid);
  o.quota = new_value<LONG64>(ctx, a.quota);
  o.quickdialPrefix = new_string(ctx, a.quickdial_prefix);
  o.callLimit = new_value<int>(ctx, a.call_limit);
  o.prepaid = new_value<bool>(ctx, a.prepaid);
  o.region = new_string(ctx, a.region);
  o.timeout = new_value<int>(ctx, a.timeout);
  o.owner = new_value<LONG64>(ctx, a.owner);
  o.customer = new_value<LONG64>(ctx, a.domain_owner.customer);
  o.reseller = new_value<LONG64>(ctx, a.domain_owner.reseller);
  o.changeDate = new_string(ctx, a.change_date);
  o.createDate = new_string(ctx, a.create_date);
}

void fill_alias(struct soap* ctx, ngnpro__SipAlias& o, const core::SipAlias& a) {
  o.id = new_sip_id(ctx, a.id);
  o.target = new_sip_id(ctx, a.target);
  o.owner = new_value<LONG64>(ctx, a.owner);
  o.customer = new_value<LONG64>(ctx, a.domain_owner.customer);
  o.reseller = new_value<LONG64>(ctx, a.domain_owner.reseller);
  o.changeDate = new_string(ctx, a.change_date);
}

void fill_peer(struct soap* ctx, ngnpro__TrustedPeer& o, const core::TrustedPeer& p) {
  o.ip = new_string(ctx, p.ip);
  o.protocol = new_string(ctx, p.protocol);
  o.tag = new_string(ctx, p.tag);
  o.description = new_string(ctx, p.description);
  o.reseller = new_value<LONG64>(ctx, p.owner_of.reseller);
  o.changeDate = new_string(ctx, p.change_date);
  o.tags = new_string(ctx, p.tags);
  o.customer = new_value<LONG64>(ctx, p.owner_of.customer);
  o.owner = new_value<LONG64>(ctx, p.owner);
  o.callLimit = new_value<int>(ctx, p.call_limit);
  o.blocked = new_value<int>(ctx, p.blocked);
  o.prepaid = new_value<bool>(ctx, p.prepaid);
  o.enumLookup = new_value<bool>(ctx, p.enum_lookup);
  o.transit = new_value<bool>(ctx, p.transit);
  o.msteams = new_value<bool>(ctx, p.msteams);
  o.tenant = new_string(ctx, p.tenant);
  o.authToken = new_string(ctx, p.auth_token);
  o.carrierName = new_string(ctx, p.carrier_name);
  o.originator = new_string(ctx, p.originator);
  o.prefix = new_string(ctx, p.prefix);
  o.strip = new_value<int>(ctx, p.strip);
  o.billingId = new_string(ctx, p.billing_id);
}

}  // namespace

core::SipAddress to_sip_address(const ngnpro__SipId* id, const char* what) {
  if (id == nullptr || id->username == nullptr || id->domain == nullptr)
    throw core::Error{core::ErrorCode::kInvalidArgument, std::string(what) + " needs a username and a domain"};
  return {identifier(id->username), identifier(id->domain)};
}

core::SipDomainInput to_sip_domain_input(const ngnpro__SipDomain* d) {
  if (d == nullptr || d->domain == nullptr) throw core::Error{core::ErrorCode::kInvalidArgument, "domain is required"};
  core::SipDomainInput in;
  in.domain = identifier(d->domain);
  while (!in.domain.empty() && in.domain.back() == '.') in.domain.pop_back();
  in.customer = optional_of(d->customer);
  in.reseller = optional_of(d->reseller);
  in.certificate = optional_of(d->certificate);
  in.private_key = optional_of(d->private_USCOREkey);
  in.match_ip_address = optional_of(d->match_USCOREip_USCOREaddress);
  in.match_sip_domain = optional_of(d->match_USCOREsip_USCOREdomain);
  in.verify_cert = optional_of(d->verify_USCOREcert);
  in.require_cert = optional_of(d->require_USCOREcert);
  return in;
}

core::SipDomainQuery to_sip_domain_query(const ngnpro__SipDomainQuery* q) {
  core::SipDomainQuery out;
  if (q == nullptr) return out;
  out.order_by = to_order_by(q->orderBy);
  out.range = to_range(q->range);
  if (const auto* f = q->filter) {
    out.domain = identifier(f->domain);
    out.customer = id_or_zero(f->customer);
    out.reseller = id_or_zero(f->reseller);
  }
  return out;
}

core::SipAccountInput to_sip_account_input(const ngnpro__SipAccount* a) {
  if (a == nullptr) throw core::Error{core::ErrorCode::kInvalidArgument, "account is required"};
  core::SipAccountInput in;
  in.id = to_sip_address(a->id, "account.id");
  in.password = optional_of(a->password);
  in.first_name = optional_of(a->firstName);
  in.last_name = optional_of(a->lastName);
  in.email = optional_of(a->email);
  if (a->acl) {
    std::vector<core::SubscriberAcl> acl;
    for (int i = 0; i < a->acl->__size; ++i) {
      const auto& x = a->acl->__ptr[i];
      acl.push_back({trim(text_or_empty(x.ip)), x.mask ? *x.mask : 32, text_or_empty(x.tag)});
    }
    in.acl = std::move(acl);
  }
  if (a->groups) in.groups = to_name_set(a->groups);
  if (a->properties) {
    std::vector<core::NameValue> properties;
    for (int i = 0; i < a->properties->__size; ++i) {
      const auto& p = a->properties->__ptr[i];
      if (p.name && !trim(*p.name).empty()) properties.push_back({trim(*p.name), text_or_empty(p.value)});
    }
    in.properties = std::move(properties);
  }
  in.timezone = optional_of(a->timezone);
  in.rpid = optional_of(a->rpid);
  in.quota = optional_of(a->quota);
  in.quickdial_prefix = optional_of(a->quickdialPrefix);
  in.call_limit = optional_of(a->callLimit);
  in.prepaid = optional_of(a->prepaid);
  in.region = optional_of(a->region);
  in.timeout = optional_of(a->timeout);
  in.owner = optional_of(a->owner);
  return in;
}

core::SipAccountQuery to_sip_account_query(const ngnpro__SipQuery* q) {
  core::SipAccountQuery out;
  if (q == nullptr) return out;
  out.order_by = to_order_by(q->orderBy);
  out.range = to_range(q->range);
  if (const auto* f = q->filter) {
    out.username = identifier(f->username);
    out.domain = identifier(f->domain);
    out.first_name = text_or_empty(f->firstName);
    out.last_name = text_or_empty(f->lastName);
    out.email = text_or_empty(f->email);
    out.owner = id_or_zero(f->owner);
    out.customer = id_or_zero(f->customer);
    out.reseller = id_or_zero(f->reseller);
    out.groups = to_name_set(f->groups);  // CDRTool's [""] means no group condition
  }
  return out;
}

core::SipAlias to_sip_alias(const ngnpro__SipAlias* a) {
  if (a == nullptr) throw core::Error{core::ErrorCode::kInvalidArgument, "alias is required"};
  core::SipAlias out;
  out.id = to_sip_address(a->id, "alias.id");
  out.target = to_sip_address(a->target, "alias.target");
  out.owner = id_or_zero(a->owner);
  return out;
}

core::SipAliasQuery to_sip_alias_query(const ngnpro__AliasQuery* q) {
  core::SipAliasQuery out;
  if (q == nullptr) return out;
  out.order_by = to_order_by(q->orderBy);
  out.range = to_range(q->range);
  if (const auto* f = q->filter) {
    out.alias_username = identifier(f->aliasUsername);
    out.alias_domain = identifier(f->aliasDomain);
    out.target_username = identifier(f->targetUsername);
    out.target_domain = identifier(f->targetDomain);
    out.owner = id_or_zero(f->owner);
    out.customer = id_or_zero(f->customer);
    out.reseller = id_or_zero(f->reseller);
  }
  return out;
}

core::TrustedPeerInput to_trusted_peer_input(const ngnpro__TrustedPeer* p) {
  if (p == nullptr || p->ip == nullptr) throw core::Error{core::ErrorCode::kInvalidArgument, "peer.ip is required"};
  core::TrustedPeerInput in;
  in.ip = lower(trim(*p->ip));
  if (p->protocol) in.protocol = lower(trim(*p->protocol));
  in.tag = optional_of(p->tag);
  in.description = optional_of(p->description);
  in.tags = optional_of(p->tags);
  in.tenant = optional_of(p->tenant);
  in.auth_token = optional_of(p->authToken);
  in.carrier_name = optional_of(p->carrierName);
  in.originator = optional_of(p->originator);
  in.prefix = optional_of(p->prefix);
  in.billing_id = optional_of(p->billingId);
  in.customer = optional_of(p->customer);
  in.reseller = optional_of(p->reseller);
  in.owner = optional_of(p->owner);
  in.call_limit = optional_of(p->callLimit);
  in.blocked = optional_of(p->blocked);
  in.strip = optional_of(p->strip);
  in.prepaid = optional_of(p->prepaid);
  in.enum_lookup = optional_of(p->enumLookup);
  in.transit = optional_of(p->transit);
  in.msteams = optional_of(p->msteams);
  return in;
}

core::TrustedPeerQuery to_trusted_peer_query(const ngnpro__TrustedPeerQuery* q) {
  core::TrustedPeerQuery out;
  if (q == nullptr) return out;
  out.order_by = to_order_by(q->orderBy);
  out.range = to_range(q->range);
  if (const auto* f = q->filter) {
    out.ip = trim(text_or_empty(f->ip));
    out.description = text_or_empty(f->description);
    out.tenant = text_or_empty(f->tenant);
    out.tags = text_or_empty(f->tags);
    out.billing_id = text_or_empty(f->billingId);
    out.msteams_only = f->msteams && *f->msteams;
    out.blocked = optional_of(f->blocked);
    out.customer = id_or_zero(f->customer);
    out.reseller = id_or_zero(f->reseller);
  }
  return out;
}

ngnpro__SipDomainQueryResult* new_sip_domain_query_result(struct soap* ctx, const core::Page<core::SipDomain>& page) {
  auto* out = soap_new_ngnpro__SipDomainQueryResult(ctx);
  out->total = new_value<int>(ctx, static_cast<int>(page.total));
  out->domains = new_array(ctx, page.rows, soap_new_SipDomainArray, soap_new_ngnpro__SipDomain,
                           [&](ngnpro__SipDomain& o, const core::SipDomain& d) { fill_domain(ctx, o, d); });
  return out;
}

ngnpro__SipAccount* new_sip_account(struct soap* ctx, const core::SipAccount& account) {
  auto* out = soap_new_ngnpro__SipAccount(ctx);
  fill_account(ctx, *out, account);
  return out;
}

ngnpro__SipAccountQueryResult* new_sip_account_query_result(struct soap* ctx,
                                                            const core::Page<core::SipAccount>& page) {
  auto* out = soap_new_ngnpro__SipAccountQueryResult(ctx);
  out->total = new_value<int>(ctx, static_cast<int>(page.total));
  out->accounts = new_array(ctx, page.rows, soap_new_SipAccountArray, soap_new_ngnpro__SipAccount,
                            [&](ngnpro__SipAccount& o, const core::SipAccount& a) { fill_account(ctx, o, a); });
  return out;
}

ngnpro__SipAlias* new_sip_alias(struct soap* ctx, const core::SipAlias& alias) {
  auto* out = soap_new_ngnpro__SipAlias(ctx);
  fill_alias(ctx, *out, alias);
  return out;
}

SipAliasArray* new_sip_alias_array(struct soap* ctx, const std::vector<core::SipAlias>& aliases) {
  return new_array(ctx, aliases, soap_new_SipAliasArray, soap_new_ngnpro__SipAlias,
                   [&](ngnpro__SipAlias& o, const core::SipAlias& a) { fill_alias(ctx, o, a); });
}

ngnpro__SipAliasQueryResult* new_sip_alias_query_result(struct soap* ctx, const core::Page<core::SipAlias>& page) {
  auto* out = soap_new_ngnpro__SipAliasQueryResult(ctx);
  out->total = new_value<int>(ctx, static_cast<int>(page.total));
  out->aliases = new_sip_alias_array(ctx, page.rows);
  return out;
}

ngnpro__TrustedPeerQueryResult* new_trusted_peer_query_result(struct soap* ctx,
                                                              const core::Page<core::TrustedPeer>& page) {
  auto* out = soap_new_ngnpro__TrustedPeerQueryResult(ctx);
  out->total = new_value<int>(ctx, static_cast<int>(page.total));
  out->peers = new_array(ctx, page.rows, soap_new_TrustedPeerArray, soap_new_ngnpro__TrustedPeer,
                         [&](ngnpro__TrustedPeer& o, const core::TrustedPeer& p) { fill_peer(ctx, o, p); });
  return out;
}

}  // namespace ngnpro::ports

namespace ngnpro::ports {

namespace {

// The ten members of CallDiversions in wire order, with the condition and kind they stand for.
struct DiversionMember {
  std::string* ngnpro__CallDiversions::*field;
  const char* condition;
  bool redirect;
};
const DiversionMember kDiversionMembers[] = {
    {&ngnpro__CallDiversions::FUNC, "UNC", false}, {&ngnpro__CallDiversions::FNOL, "NOL", false},
    {&ngnpro__CallDiversions::FUNV, "UNV", false}, {&ngnpro__CallDiversions::FNOA, "NOA", false},
    {&ngnpro__CallDiversions::FBUS, "BUS", false}, {&ngnpro__CallDiversions::RUNC, "UNC", true},
    {&ngnpro__CallDiversions::RNOL, "NOL", true},  {&ngnpro__CallDiversions::RUNV, "UNV", true},
    {&ngnpro__CallDiversions::RNOA, "NOA", true},  {&ngnpro__CallDiversions::RBUS, "BUS", true}};

}  // namespace

std::vector<core::CallDiversion> to_call_diversions(const ngnpro__CallDiversions* d) {
  std::vector<core::CallDiversion> out;
  if (d == nullptr) return out;
  for (const auto& m : kDiversionMembers)
    if (const std::string* value = d->*m.field) out.push_back({m.condition, m.redirect, *value});
  return out;
}

ngnpro__CallDiversions* new_call_diversions(struct soap* ctx, const std::vector<core::CallDiversion>& diversions) {
  ngnpro__CallDiversions* out = soap_new_ngnpro__CallDiversions(ctx);
  for (const auto& d : diversions)
    for (const auto& m : kDiversionMembers)
      if (d.condition == m.condition && d.redirect == m.redirect) out->*m.field = new_string(ctx, d.target);
  return out;
}

core::AcceptRules to_accept_rules(const ngnpro__AcceptRules* rules) {
  core::AcceptRules out;
  if (rules == nullptr) return out;
  if (rules->persistent != nullptr)
    for (int i = 0; i < rules->persistent->__size; ++i) {
      const ngnpro__AcceptRulePersistent& r = rules->persistent->__ptr[i];
      out.persistent.push_back({optional_of(r.days), trim(text_or_empty(r.start)), trim(text_or_empty(r.stop)),
                                to_name_set(r.groups)});
    }
  if (rules->temporary != nullptr) {
    out.temporary.groups = to_name_set(rules->temporary->groups);
    out.temporary.duration = rules->temporary->duration ? *rules->temporary->duration : 0;
  }
  return out;
}

ngnpro__AcceptRulesResult* new_accept_rules_result(struct soap* ctx, const core::AcceptRulesResult& result) {
  ngnpro__AcceptRulesResult* out = soap_new_ngnpro__AcceptRulesResult(ctx);
  out->rules = soap_new_ngnpro__AcceptRules(ctx);
  out->rules->persistent = new_array(ctx, result.rules.persistent, soap_new_AcceptRulePersistentArray,
                                     soap_new_ngnpro__AcceptRulePersistent,
                                     [&](ngnpro__AcceptRulePersistent& x, const core::AcceptRule& r) {
                                       x.start = new_string(ctx, r.start);
                                       x.stop = new_string(ctx, r.stop);
                                       x.groups = new_string_array(ctx, r.groups);
                                       x.days = new_value<int>(ctx, r.days.value_or(0));
                                     });
  out->rules->temporary = soap_new_ngnpro__AcceptRuleTemporary(ctx);
  out->rules->temporary->groups = new_string_array(ctx, result.rules.temporary.groups);
  out->rules->temporary->duration = new_value<int>(ctx, result.rules.temporary.duration);
  out->nonEmptyGroups = new_string_array(ctx, result.non_empty_groups);
  return out;
}

core::PhonebookEntry to_phonebook_entry(const ngnpro__PhonebookEntry* entry) {
  if (entry == nullptr) throw core::Error{core::ErrorCode::kInvalidArgument, "entry is required"};
  return {trim(text_or_empty(entry->uri)), text_or_empty(entry->name), text_or_empty(entry->group)};
}

core::PhonebookQuery to_phonebook_query(const ngnpro__PhonebookEntry* match, const ngnpro__Range* range) {
  core::PhonebookQuery out;
  if (match != nullptr) {
    out.uri = text_or_empty(match->uri);
    out.name = text_or_empty(match->name);
    out.group = optional_of(match->group);
  }
  out.range = to_range(range);
  return out;
}

ngnpro__PhonebookEntries* new_phonebook_entries(struct soap* ctx, const core::Page<core::PhonebookEntry>& page) {
  ngnpro__PhonebookEntries* out = soap_new_ngnpro__PhonebookEntries(ctx);
  out->total = new_value<int>(ctx, static_cast<int>(page.total));
  out->entries = new_array(ctx, page.rows, soap_new_PhonebookEntryArray, soap_new_ngnpro__PhonebookEntry,
                           [&](ngnpro__PhonebookEntry& x, const core::PhonebookEntry& e) {
                             x.uri = new_string(ctx, e.uri);
                             x.name = new_string(ctx, e.name);
                             x.group = new_string(ctx, e.group);
                           });
  return out;
}

}  // namespace ngnpro::ports
