#!/usr/bin/python3
"""suds (python3-suds, WSDL mode) drives ngnpro's Sip port (api §4.2.1, §4.2.2, §4.2.4, §4.2.6)
from the served WSDL: add, get, update and delete a SIP domain, an account and an alias, and set
and read back the account's settings (diversions, accept rules, reject list, barring prefixes,
phonebook). One line per step; exit status 0 when every step behaved.

usage: suds_sip.py WSDL_URL ENDPOINT_URL CAFILE|- PREFIX
  ENDPOINT_URL overrides the WSDL's soap:address; CAFILE verifies https ("-" for plain http).
  PREFIX makes this run's domain unique (several clients share one database).
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from suds_customer import admin_port_from_argv, as_list, check, fault_code  # noqa: E402


def set_conditions(diversions):
    """The conditions of a CallDiversions that are set (suds gives the others as None)."""
    return {name: value for name, value in diversions if value}


def entries(page):
    return [(e.uri, e.name, e.group) for e in as_list(page.entries)]


def main():
    sip, prefix = admin_port_from_argv("SipPort")

    domain = f"{prefix}.example"
    alice = {"username": "alice", "domain": domain}
    alias_id = {"username": "alice.smith", "domain": domain}

    sip.addDomain({"domain": domain.upper()})
    q = sip.getDomains({"filter": {"domain": domain}})
    domains = as_list(q.domains)
    check(q.total == 1 and domains[0].domain == domain, "addDomain + getDomains: the domain, lower-cased")
    check(fault_code(sip.addDomain, {"domain": domain}) == 1001, "addDomain again is fault 1001")
    sip.updateDomain({"domain": domain, "match_sip_domain": f"sip.{domain}"})
    d = as_list(sip.getDomains({"filter": {"domain": domain}}).domains)[0]
    check(d.match_sip_domain == f"sip.{domain}", "updateDomain changes match_sip_domain")

    a = sip.addAccount({"id": alice, "password": "Alice-pw-1", "firstName": "Alice", "lastName": "Smith",
                        "email": f"alice@{domain}", "groups": ["voicemail"],
                        "properties": [{"name": "language", "value": "en"}], "prepaid": False})
    check((a.id.username, a.id.domain) == ("alice", domain), "addAccount returns the id")
    a = sip.getAccount(alice)
    check((a.firstName, a.password, a.email) == ("Alice", "Alice-pw-1", f"alice@{domain}"),
          "getAccount returns the stored fields and the clear-text password")
    check(as_list(a.groups) == ["voicemail"], f"getAccount returns the groups ({a.groups!r})")
    check([(p.name, p.value) for p in as_list(a.properties)] == [("language", "en")],
          "getAccount returns the properties")
    check(fault_code(sip.addAccount, {"id": alice, "password": "x"}) == 1011, "addAccount again is fault 1011")
    sip.updateAccount({"id": alice, "firstName": "Alice B.", "lastName": "Smith", "email": f"alice@{domain}",
                       "groups": ["voicemail", "missed-calls"]})
    a = sip.getAccount(alice)
    check((a.firstName, a.password) == ("Alice B.", "Alice-pw-1"), "updateAccount keeps the password")
    check(sorted(as_list(a.groups)) == ["missed-calls", "voicemail"], "updateAccount replaces the groups")

    sip.addAlias({"id": alias_id, "target": alice})
    al = sip.getAlias(alias_id)
    check((al.target.username, al.target.domain) == ("alice", domain), "addAlias + getAlias")
    check(fault_code(sip.addAlias, {"id": alice, "target": alias_id}) == 1021,
          "an alias shadowing an account is fault 1021")
    sip.updateAlias({"id": alias_id, "target": {"username": "alice", "domain": "elsewhere.example"}})
    check(sip.getAlias(alias_id).target.domain == "elsewhere.example", "updateAlias changes the target")
    q = sip.getAliases({"filter": {"aliasDomain": domain}})
    check(q.total == 1 and len(as_list(q.aliases)) == 1, f"getAliases: total {q.total}")
    sip.deleteAlias(alias_id)
    check(fault_code(sip.getAlias, alias_id) == 1020, "deleteAlias: getAlias is then fault 1020")

    # settings (api §4.2.6): every set replaces the whole setting; every read gives exactly what is stored
    bob = f"sip:bob@{domain}"
    sip.setCallDiversions(alice, {"FUNC": bob, "FNOA": "voice-mailbox", "RBUS": "sips:carol@elsewhere.example"})
    check(set_conditions(sip.getCallDiversions(alice))
          == {"FUNC": bob, "FNOA": "<voice-mailbox>", "RBUS": "sips:carol@elsewhere.example"},
          "setCallDiversions + getCallDiversions: voice-mailbox reads back as <voice-mailbox> (api §8.11)")
    sip.setCallDiversions(alice, {"FBUS": "<voice-mailbox>", "FNOL": ""})
    check(set_conditions(sip.getCallDiversions(alice)) == {"FBUS": "<voice-mailbox>"},
          "setCallDiversions replaces the whole set: the conditions not sent or empty are gone")
    check(fault_code(sip.setCallDiversions, alice, {"FUNC": "tel:123"}) == 8003, "a diversion to tel:123 is fault 8003")
    check(set_conditions(sip.getCallDiversions(alice)) == {"FBUS": "<voice-mailbox>"}, "a refused set changes nothing")

    # reject list: the URI inside <>, lower-cased, without parameters (what Kamailio compares)
    sip.setRejectMembers(alice, ['"Bob" <SIP:Bob@Example.COM;transport=tcp>', "sip:spammer@example.net"])
    check(as_list(sip.getRejectMembers(alice)) == ["sip:bob@example.com", "sip:spammer@example.net"],
          "setRejectMembers + getRejectMembers: the bare, lower-cased URIs")
    check(fault_code(sip.setRejectMembers, alice, ["bob@example.com"]) == 8003,
          "a reject member without sip: is fault 8003")
    check(as_list(sip.getRejectMembers(alice)) == ["sip:bob@example.com", "sip:spammer@example.net"],
          "a refused set keeps the reject list")

    sip.setBarringPrefixes(alice, ["+4490", "+31900"])
    check(as_list(sip.getBarringPrefixes(alice)) == ["+31900", "+4490"], "setBarringPrefixes + getBarringPrefixes")
    check(fault_code(sip.setBarringPrefixes, alice, ["+4490", "0031"]) == 8003,
          "barring prefix 0031 (not +E.164) is fault 8003")
    sip.setBarringPrefixes(alice, [])
    check(as_list(sip.getBarringPrefixes(alice)) == [], "setBarringPrefixes with an empty list clears it")

    # phonebook: keyed by uri; match.uri and match.name are LIKE patterns, either may match
    sip.addPhonebookEntry(alice, {"uri": bob, "name": "Bob Jones", "group": "coworkers"})
    sip.addPhonebookEntry(alice, {"uri": "sip:carol@elsewhere.example", "name": "Carol", "group": "friends"})
    sip.addPhonebookEntry(alice, {"uri": "sip:dave@elsewhere.example", "name": "Dave", "group": ""})
    check(fault_code(sip.addPhonebookEntry, alice, {"uri": bob, "name": "Bob"}) == 1051,
          "addPhonebookEntry again is fault 1051")
    sip.updatePhonebookEntry(alice, {"uri": bob, "name": "Bob J.", "group": "coworkers"})
    q = sip.getPhonebookEntries(alice, {"uri": "%bob%", "name": "Carol"}, {"start": 0, "count": 1})
    check(q.total == 2 and entries(q) == [(bob, "Bob J.", "coworkers")],
          "getPhonebookEntries: bob by uri and carol by name, total 2; the first is bob, updated")
    q = sip.getPhonebookEntries(alice, {"uri": "%bob%", "name": "Carol"}, {"start": 1, "count": 1})
    check(q.total == 2 and entries(q) == [("sip:carol@elsewhere.example", "Carol", "friends")],
          "getPhonebookEntries: range start 1 gives carol")

    # accept rules: a schedule plus "do not disturb" for 30 minutes, read back as minutes left (api §8.12)
    sip.setAcceptRules(alice, {"persistent": [
        {"start": "09:00", "stop": "18:00", "groups": ["everybody"], "days": 31},
        {"start": "10:00", "stop": "12:00", "groups": ["coworkers", "friends"], "days": 96}],
        "temporary": {"groups": ["nobody"], "duration": 30}})
    r = sip.getAcceptRules(alice)
    check([(p.start, p.stop, as_list(p.groups), p.days) for p in as_list(r.rules.persistent)]
          == [("09:00", "18:00", ["everybody"], 31), ("10:00", "12:00", ["coworkers", "friends"], 96)],
          "setAcceptRules + getAcceptRules: the persistent rules in order")
    t = r.rules.temporary
    check(as_list(t.groups) == ["nobody"] and t.duration in (29, 30),
          f"getAcceptRules: temporary nobody, {t.duration} minutes left of 30")
    check(as_list(r.nonEmptyGroups) == ["everybody", "nobody", "coworkers", "friends"],
          "getAcceptRules: nonEmptyGroups are everybody, nobody and the phonebook groups")

    sip.deletePhonebookEntry(alice, bob)
    check(fault_code(sip.deletePhonebookEntry, alice, bob) == 1050, "deletePhonebookEntry again is fault 1050")
    q = sip.getPhonebookEntries(alice, {"uri": "%"}, {"start": 0, "count": 10})
    check([e[0] for e in entries(q)] == ["sip:carol@elsewhere.example", "sip:dave@elsewhere.example"],
          "deletePhonebookEntry removed bob only")
    check(as_list(sip.getAcceptRules(alice).nonEmptyGroups) == ["everybody", "nobody", "friends"],
          "nonEmptyGroups follow the phonebook: coworkers went with bob")

    check(fault_code(sip.deleteDomain, domain) == 1002, "deleteDomain with an account is fault 1002")
    sip.deleteAccount(alice)
    check(fault_code(sip.getAccount, alice) == 1010, "deleteAccount: getAccount is then fault 1010")
    sip.deleteDomain(domain)
    check(sip.getDomains({"filter": {"domain": domain}}).total == 0, "deleteDomain removed the domain")
    print("suds: all Sip steps passed")


if __name__ == "__main__":
    main()
