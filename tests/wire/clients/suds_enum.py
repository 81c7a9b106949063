#!/usr/bin/python3
"""suds (python3-suds, WSDL mode) drives ngnpro's Enum port (api §4.4) from the served WSDL: add,
list, update and delete an ENUM range and a number with its mappings. One line per step; exit
status 0 when every step behaved.

usage: suds_enum.py WSDL_URL ENDPOINT_URL CAFILE|- PREFIX
  PREFIX makes this run's tld unique (several clients share one database).
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from suds_customer import admin_port_from_argv, as_list, check, fault_code  # noqa: E402

def main():
    enum, prefix = admin_port_from_argv("EnumPort")

    tld = f"{prefix}.e164.example"
    range_id = {"prefix": "3120555", "tld": tld}
    number_id = {"number": "31205551234", "tld": tld}
    sip = f"sip:alice@{prefix}.example"

    enum.addRange({"id": range_id, "ttl": 3600, "minDigits": 11, "maxDigits": 11, "size": 10, "info": "suds"})
    q = enum.getRanges({"filter": {"tld": tld}})
    r = as_list(q.ranges)[0]
    check(q.total == 1 and (r.id.prefix, r.id.tld, r.used, r.size) == ("3120555", tld, 0, 10),
          "addRange + getRanges: the range, nothing used")
    check(len(as_list(r.nameservers)) == 2, f"the configured name servers ({r.nameservers!r})")
    check(fault_code(enum.addRange, {"id": range_id}) == 3001, "addRange again is fault 3001")
    enum.updateRange({"id": range_id, "info": "suds (updated)", "size": 20})
    r = as_list(enum.getRanges({"filter": {"tld": tld}}).ranges)[0]
    check((r.info, r.size, r.ttl) == ("suds (updated)", 20, 3600), "updateRange changes info and size, keeps ttl")

    enum.addNumber({"id": number_id, "info": "Alice",
                    "mappings": [{"type": "sip", "mapto": sip, "priority": 5, "ttl": 3600}]})
    n = enum.getNumber(number_id)
    mappings = as_list(n.mappings)
    check(n.info == "Alice" and [(m.type, m.mapto) for m in mappings] == [("sip", sip)],
          "addNumber + getNumber: the number and its mapping")
    check(fault_code(enum.addNumber, {"id": number_id}) == 3003, "addNumber again is fault 3003")
    kept = mappings[0].id
    enum.updateNumber({"id": number_id, "mappings": [
        {"id": kept, "type": "sip", "mapto": sip, "priority": 5, "ttl": 3600},
        {"type": "mailto", "mapto": f"mailto:alice@{prefix}.example", "priority": 10, "ttl": 3600}]})
    mappings = as_list(enum.getNumber(number_id).mappings)
    check([m.type for m in mappings] == ["sip", "mailto"] and mappings[0].id == kept,
          "updateNumber replaces the mappings and keeps the id sent back")
    q = enum.getNumbers({"filter": {"tld": tld, "mapto": f"alice@{prefix}"}})
    check(q.total == 1, f"getNumbers finds it by a mapto substring (total {q.total})")

    check(fault_code(enum.deleteRange, range_id) == 3005, "deleteRange with a number is fault 3005")
    enum.deleteNumber(number_id)
    check(fault_code(enum.getNumber, number_id) == 3002, "deleteNumber: getNumber is then fault 3002")
    enum.deleteRange(range_id)
    check(enum.getRanges({"filter": {"tld": tld}}).total == 0, "deleteRange removed the range")
    check(fault_code(enum.deleteRange, range_id) == 3000, "deleteRange again is fault 3000")
    print("suds: all Enum steps passed")


if __name__ == "__main__":
    main()
