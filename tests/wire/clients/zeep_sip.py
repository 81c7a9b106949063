#!/usr/bin/python3
"""zeep (python3-zeep, WSDL mode) drives ngnpro's Sip port (api §4.2.1, §4.2.2, §4.2.4) from the
served WSDL, as far as zeep goes: add, get, update and delete a SIP domain, an account and an
alias. One line per step; exit status 0 when every step behaved. zeep writes literal XML for
this rpc/encoded binding; it works because the server is lenient (api §2.6, zeep_customer.py).

usage: zeep_sip.py WSDL_URL ENDPOINT_URL CAFILE|- PREFIX
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from zeep_customer import ADMIN_PASSWORD, auth, check, fault_code, items, port_from_argv  # noqa: E402
SIP_BINDING = "{urn:AGProjects:NGNPro}SipBinding"


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
