#!/usr/bin/python3
"""zeep (python3-zeep, WSDL mode) drives ngnpro's Enum port (api §4.4) from the served WSDL: add,
list, update and delete an ENUM range and a number with its mappings. One line per step; exit
status 0 when every step behaved. zeep writes literal XML for this rpc/encoded binding; it works
because the server is lenient (api §2.6, zeep_customer.py).

usage: zeep_enum.py WSDL_URL ENDPOINT_URL CAFILE|- PREFIX
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from zeep_customer import ADMIN_PASSWORD, auth, check, fault_code, items, port_from_argv  # noqa: E402

ENUM_BINDING = "{urn:AGProjects:NGNPro}EnumBinding"


def main():
    enum, prefix = port_from_argv(ENUM_BINDING)
    h = auth("admin", ADMIN_PASSWORD, True)

    tld = f"{prefix}.e164.example"
    range_id = {"prefix": "3120555", "tld": tld}
    number_id = {"number": "31205551234", "tld": tld}
    sip = f"sip:alice@{prefix}.example"

    enum.addRange(range={"id": range_id, "ttl": 3600, "minDigits": 11, "maxDigits": 11, "size": 10,
                         "info": "zeep"}, _soapheaders=h)
    q = enum.getRanges(query={"filter": {"tld": tld}}, _soapheaders=h)
    r = items(q.ranges)[0]
    check(q.total == 1 and (r.id.prefix, r.id.tld, r.used, r.size) == ("3120555", tld, 0, 10),
          "addRange + getRanges: the range, nothing used")
    check(len(items(r.nameservers)) == 2, f"the configured name servers ({r.nameservers!r})")
    check(fault_code(enum.addRange, range={"id": range_id}, _soapheaders=h) == 3001, "addRange again is fault 3001")
    enum.updateRange(range={"id": range_id, "info": "zeep (updated)", "size": 20}, _soapheaders=h)
    r = items(enum.getRanges(query={"filter": {"tld": tld}}, _soapheaders=h).ranges)[0]
    check((r.info, r.size, r.ttl) == ("zeep (updated)", 20, 3600), "updateRange changes info and size, keeps ttl")

    enum.addNumber(number={"id": number_id, "info": "Alice",
                           "mappings": [{"type": "sip", "mapto": sip, "priority": 5, "ttl": 3600}]},
                   _soapheaders=h)
    n = enum.getNumber(enumId=number_id, _soapheaders=h)
    mappings = items(n.mappings)
    check(n.info == "Alice" and [(m.type, m.mapto) for m in mappings] == [("sip", sip)],
          "addNumber + getNumber: the number and its mapping")
    check(fault_code(enum.addNumber, number={"id": number_id}, _soapheaders=h) == 3003,
          "addNumber again is fault 3003")
    kept = mappings[0].id
    enum.updateNumber(number={"id": number_id, "mappings": [
        {"id": kept, "type": "sip", "mapto": sip, "priority": 5, "ttl": 3600},
        {"type": "mailto", "mapto": f"mailto:alice@{prefix}.example", "priority": 10, "ttl": 3600}]},
        _soapheaders=h)
    mappings = items(enum.getNumber(enumId=number_id, _soapheaders=h).mappings)
    check([m.type for m in mappings] == ["sip", "mailto"] and mappings[0].id == kept,
          "updateNumber replaces the mappings and keeps the id sent back")
    q = enum.getNumbers(query={"filter": {"tld": tld, "mapto": f"alice@{prefix}"}}, _soapheaders=h)
    check(q.total == 1, f"getNumbers finds it by a mapto substring (total {q.total})")

    check(fault_code(enum.deleteRange, range=range_id, _soapheaders=h) == 3005,
          "deleteRange with a number is fault 3005")
    enum.deleteNumber(enumId=number_id, _soapheaders=h)
    check(fault_code(enum.getNumber, enumId=number_id, _soapheaders=h) == 3002,
          "deleteNumber: getNumber is then fault 3002")
    enum.deleteRange(range=range_id, _soapheaders=h)
    check(enum.getRanges(query={"filter": {"tld": tld}}, _soapheaders=h).total == 0, "deleteRange removed the range")
    check(fault_code(enum.deleteRange, range=range_id, _soapheaders=h) == 3000, "deleteRange again is fault 3000")
    print("zeep: all Enum steps passed")


if __name__ == "__main__":
    main()
