#!/usr/bin/python3
"""suds (python3-suds, WSDL mode) drives ngnpro's Sip port (api §4.2.1, §4.2.2, §4.2.4) from the
served WSDL: add, get, update and delete a SIP domain, an account and an alias. One line per
step; exit status 0 when every step behaved.

usage: suds_sip.py WSDL_URL ENDPOINT_URL CAFILE|- PREFIX
  ENDPOINT_URL overrides the WSDL's soap:address; CAFILE verifies https ("-" for plain http).
  PREFIX makes this run's domain unique (several clients share one database).
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from suds_customer import admin_port_from_argv, as_list, check, fault_code  # noqa: E402

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

    check(fault_code(sip.deleteDomain, domain) == 1002, "deleteDomain with an account is fault 1002")
    sip.deleteAccount(alice)
    check(fault_code(sip.getAccount, alice) == 1010, "deleteAccount: getAccount is then fault 1010")
    sip.deleteDomain(domain)
    check(sip.getDomains({"filter": {"domain": domain}}).total == 0, "deleteDomain removed the domain")
    print("suds: all Sip steps passed")


if __name__ == "__main__":
    main()
