#!/usr/bin/python3
"""zeep (python3-zeep, WSDL mode) drives ngnpro's Sip port (api §4.2.1, §4.2.2, §4.2.4, §4.2.6)
from the served WSDL, as far as zeep goes: add, get, update and delete a SIP domain, an account
and an alias, and set and read back the account's settings (diversions, accept rules, reject
list, barring prefixes, phonebook). One line per step; exit status 0 when every step behaved.
zeep writes literal XML for this rpc/encoded binding; it works because the server is lenient
(api §2.6, zeep_customer.py).

usage: zeep_sip.py WSDL_URL ENDPOINT_URL CAFILE|- PREFIX
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from zeep_customer import ADMIN_PASSWORD, auth, check, fault_code, items, port_from_argv  # noqa: E402
SIP_BINDING = "{urn:AGProjects:NGNPro}SipBinding"
CONDITIONS = ("FUNC", "FNOL", "FUNV", "FNOA", "FBUS", "RUNC", "RNOL", "RUNV", "RNOA", "RBUS")


def set_conditions(diversions):
    """The conditions of a CallDiversions that are set (the others are None or empty)."""
    return {name: getattr(diversions, name) for name in CONDITIONS if getattr(diversions, name)}


def entries(page):
    return [(e.uri, e.name, e.group) for e in items(page.entries)]


def main():
    sip, prefix = port_from_argv(SIP_BINDING)
    h = auth("admin", ADMIN_PASSWORD, True)

    domain = f"{prefix}.example"
    alice = {"username": "alice", "domain": domain}
    alias_id = {"username": "alice.smith", "domain": domain}

    sip.addDomain(domain={"domain": domain.upper()}, _soapheaders=h)
    q = sip.getDomains(query={"filter": {"domain": domain}}, _soapheaders=h)
    check(q.total == 1 and items(q.domains)[0].domain == domain, "addDomain + getDomains: the domain, lower-cased")
    check(fault_code(sip.addDomain, domain={"domain": domain}, _soapheaders=h) == 1001,
          "addDomain again is fault 1001")
    sip.updateDomain(domain={"domain": domain, "match_sip_domain": f"sip.{domain}"}, _soapheaders=h)
    d = items(sip.getDomains(query={"filter": {"domain": domain}}, _soapheaders=h).domains)[0]
    check(d.match_sip_domain == f"sip.{domain}", "updateDomain changes match_sip_domain")

    a = sip.addAccount(account={"id": alice, "password": "Alice-pw-1", "firstName": "Alice",
                                "lastName": "Smith", "email": f"alice@{domain}", "groups": ["voicemail"],
                                "properties": [{"name": "language", "value": "en"}], "prepaid": False},
                       _soapheaders=h)
    check((a.id.username, a.id.domain) == ("alice", domain), "addAccount returns the id")
    a = sip.getAccount(sipId=alice, _soapheaders=h)
    check((a.firstName, a.password, a.email) == ("Alice", "Alice-pw-1", f"alice@{domain}"),
          "getAccount returns the stored fields and the clear-text password")
    check(items(a.groups) == ["voicemail"], f"getAccount returns the groups ({a.groups!r})")
    check([(p.name, p.value) for p in items(a.properties)] == [("language", "en")],
          "getAccount returns the properties")
    check(fault_code(sip.addAccount, account={"id": alice, "password": "x"}, _soapheaders=h) == 1011,
          "addAccount again is fault 1011")
    sip.updateAccount(account={"id": alice, "firstName": "Alice B.", "lastName": "Smith",
                               "email": f"alice@{domain}", "groups": ["voicemail", "missed-calls"]},
                      _soapheaders=h)
    a = sip.getAccount(sipId=alice, _soapheaders=h)
    check((a.firstName, a.password) == ("Alice B.", "Alice-pw-1"), "updateAccount keeps the password")
    check(sorted(items(a.groups)) == ["missed-calls", "voicemail"], "updateAccount replaces the groups")

    sip.addAlias(alias={"id": alias_id, "target": alice}, _soapheaders=h)
    al = sip.getAlias(id=alias_id, _soapheaders=h)
    check((al.target.username, al.target.domain) == ("alice", domain), "addAlias + getAlias")
    check(fault_code(sip.addAlias, alias={"id": alice, "target": alias_id}, _soapheaders=h) == 1021,
          "an alias shadowing an account is fault 1021")
    sip.updateAlias(alias={"id": alias_id, "target": {"username": "alice", "domain": "elsewhere.example"}},
                    _soapheaders=h)
    check(sip.getAlias(id=alias_id, _soapheaders=h).target.domain == "elsewhere.example",
          "updateAlias changes the target")
    q = sip.getAliases(query={"filter": {"aliasDomain": domain}}, _soapheaders=h)
    check(q.total == 1 and len(items(q.aliases)) == 1, f"getAliases: total {q.total}")
    sip.deleteAlias(id=alias_id, _soapheaders=h)
    check(fault_code(sip.getAlias, id=alias_id, _soapheaders=h) == 1020, "deleteAlias: getAlias is then fault 1020")

    # settings (api §4.2.6): every set replaces the whole setting; every read gives exactly what is stored
    bob = f"sip:bob@{domain}"
    sip.setCallDiversions(sipId=alice, diversions={"FUNC": bob, "FNOA": "voice-mailbox",
                                                   "RBUS": "sips:carol@elsewhere.example"}, _soapheaders=h)
    check(set_conditions(sip.getCallDiversions(sipId=alice, _soapheaders=h))
          == {"FUNC": bob, "FNOA": "<voice-mailbox>", "RBUS": "sips:carol@elsewhere.example"},
          "setCallDiversions + getCallDiversions: voice-mailbox reads back as <voice-mailbox> (api §8.11)")
    sip.setCallDiversions(sipId=alice, diversions={"FBUS": "<voice-mailbox>"}, _soapheaders=h)
    check(set_conditions(sip.getCallDiversions(sipId=alice, _soapheaders=h)) == {"FBUS": "<voice-mailbox>"},
          "setCallDiversions replaces the whole set: the conditions not sent are gone")
    check(fault_code(sip.setCallDiversions, sipId=alice, diversions={"FUNC": "tel:123"}, _soapheaders=h) == 8003,
          "a diversion to tel:123 is fault 8003")
    check(set_conditions(sip.getCallDiversions(sipId=alice, _soapheaders=h)) == {"FBUS": "<voice-mailbox>"},
          "a refused set changes nothing")

    # reject list: the URI inside <>, lower-cased, without parameters (what Kamailio compares)
    sip.setRejectMembers(sipId=alice, members=['"Bob" <SIP:Bob@Example.COM;transport=tcp>',
                                               "sip:spammer@example.net"], _soapheaders=h)
    check(items(sip.getRejectMembers(sipId=alice, _soapheaders=h))
          == ["sip:bob@example.com", "sip:spammer@example.net"],
          "setRejectMembers + getRejectMembers: the bare, lower-cased URIs")
    sip.setRejectMembers(sipId=alice, members=[], _soapheaders=h)
    check(items(sip.getRejectMembers(sipId=alice, _soapheaders=h)) == [],
          "setRejectMembers with an empty list clears it")

    sip.setBarringPrefixes(sipId=alice, prefixes=["+4490", "+31900"], _soapheaders=h)
    check(items(sip.getBarringPrefixes(sipId=alice, _soapheaders=h)) == ["+31900", "+4490"],
          "setBarringPrefixes + getBarringPrefixes")
    check(fault_code(sip.setBarringPrefixes, sipId=alice, prefixes=["+4490", "0031"], _soapheaders=h) == 8003,
          "barring prefix 0031 (not +E.164) is fault 8003")
    check(items(sip.getBarringPrefixes(sipId=alice, _soapheaders=h)) == ["+31900", "+4490"],
          "a refused set keeps the barring prefixes")

    # phonebook: keyed by uri; match.uri and match.name are LIKE patterns, either may match
    sip.addPhonebookEntry(sipId=alice, entry={"uri": bob, "name": "Bob Jones", "group": "coworkers"}, _soapheaders=h)
    sip.addPhonebookEntry(sipId=alice, entry={"uri": "sip:carol@elsewhere.example", "name": "Carol",
                                              "group": "friends"}, _soapheaders=h)
    sip.addPhonebookEntry(sipId=alice, entry={"uri": "sip:dave@elsewhere.example", "name": "Dave", "group": ""},
                          _soapheaders=h)
    check(fault_code(sip.addPhonebookEntry, sipId=alice, entry={"uri": bob, "name": "Bob"}, _soapheaders=h) == 1051,
          "addPhonebookEntry again is fault 1051")
    sip.updatePhonebookEntry(sipId=alice, entry={"uri": bob, "name": "Bob J.", "group": "coworkers"}, _soapheaders=h)
    q = sip.getPhonebookEntries(sipId=alice, match={"uri": "%bob%", "name": "Carol"}, range={"start": 0, "count": 1},
                                _soapheaders=h)
    check(q.total == 2 and entries(q) == [(bob, "Bob J.", "coworkers")],
          "getPhonebookEntries: bob by uri and carol by name, total 2; the first is bob, updated")
    q = sip.getPhonebookEntries(sipId=alice, match={"uri": "%bob%", "name": "Carol"}, range={"start": 1, "count": 1},
                                _soapheaders=h)
    check(q.total == 2 and entries(q) == [("sip:carol@elsewhere.example", "Carol", "friends")],
          "getPhonebookEntries: range start 1 gives carol")

    # accept rules: a schedule plus "do not disturb" for 30 minutes, read back as minutes left (api §8.12).
    # In an item of an array zeep writes a plain list as an empty <groups/>: spell out its <item>s.
    sip.setAcceptRules(sipId=alice, rules={"persistent": [
        {"start": "09:00", "stop": "18:00", "groups": {"item": ["everybody"]}, "days": 31},
        {"start": "10:00", "stop": "12:00", "groups": {"item": ["coworkers", "friends"]}, "days": 96}],
        "temporary": {"groups": ["nobody"], "duration": 30}}, _soapheaders=h)
    r = sip.getAcceptRules(sipId=alice, _soapheaders=h)
    check([(p.start, p.stop, items(p.groups), p.days) for p in items(r.rules.persistent)]
          == [("09:00", "18:00", ["everybody"], 31), ("10:00", "12:00", ["coworkers", "friends"], 96)],
          "setAcceptRules + getAcceptRules: the persistent rules in order")
    t = r.rules.temporary
    check(items(t.groups) == ["nobody"] and t.duration in (29, 30),
          f"getAcceptRules: temporary nobody, {t.duration} minutes left of 30")
    check(items(r.nonEmptyGroups) == ["everybody", "nobody", "coworkers", "friends"],
          "getAcceptRules: nonEmptyGroups are everybody, nobody and the phonebook groups")
    dropped = {"persistent": [{"start": "09:00", "stop": "18:00", "groups": ["everybody"], "days": 31}]}
    check(fault_code(sip.setAcceptRules, sipId=alice, rules=dropped, _soapheaders=h) == 8003,
          "an accept rule whose groups zeep dropped is fault 8003, not a rule that refuses everybody")
    bad_rule = {"persistent": [{"start": "24:30", "stop": "18:00", "groups": {"item": ["everybody"]}, "days": 31}]}
    check(fault_code(sip.setAcceptRules, sipId=alice, rules=bad_rule, _soapheaders=h) == 8003,
          "an accept rule starting at 24:30 is fault 8003")
    check(len(items(sip.getAcceptRules(sipId=alice, _soapheaders=h).rules.persistent)) == 2,
          "a refused set keeps the accept rules")

    sip.deletePhonebookEntry(sipId=alice, uri=bob, _soapheaders=h)
    check(fault_code(sip.deletePhonebookEntry, sipId=alice, uri=bob, _soapheaders=h) == 1050,
          "deletePhonebookEntry again is fault 1050")
    q = sip.getPhonebookEntries(sipId=alice, match={"uri": "%"}, range={"start": 0, "count": 10}, _soapheaders=h)
    check([e[0] for e in entries(q)] == ["sip:carol@elsewhere.example", "sip:dave@elsewhere.example"],
          "deletePhonebookEntry removed bob only")

    check(fault_code(sip.deleteDomain, domain=domain, _soapheaders=h) == 1002,
          "deleteDomain with an account is fault 1002")
    sip.deleteAccount(sipId=alice, _soapheaders=h)
    check(fault_code(sip.getAccount, sipId=alice, _soapheaders=h) == 1010,
          "deleteAccount: getAccount is then fault 1010")
    sip.deleteDomain(domain=domain, _soapheaders=h)
    check(sip.getDomains(query={"filter": {"domain": domain}}, _soapheaders=h).total == 0,
          "deleteDomain removed the domain")
    print("zeep: all Sip steps passed")


if __name__ == "__main__":
    main()
