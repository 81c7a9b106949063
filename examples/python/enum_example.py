#!/usr/bin/python3
"""Manage ENUM ranges and numbers on ngnpro from Python with suds:
range -> number with NAPTR mappings -> get -> update -> list -> delete.

usage: enum_example.py [WSDL_URL [ADMIN_USER ADMIN_PASSWORD]]
       (default http://127.0.0.1:9200/ngnpro/wsdl, admin / change-me)
Needs suds: Debian's python3-suds, or `pip install suds-community`.
"""

import sys

from suds import WebFault
from suds.client import Client

wsdl = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:9200/ngnpro/wsdl"
user, password = sys.argv[2:4] if len(sys.argv) > 3 else ("admin", "change-me")

client = Client(wsdl, cache=None)
enum = client.service["EnumPort"]  # the WSDL has one port per NGNPro area

auth = client.factory.create("{urn:AGProjects:NGNPro}AuthHeader")
auth.username, auth.password, auth.admin, auth.impersonate = user, password, True, 0
client.set_options(soapheaders=auth)

# Any tld works; e164.arpa is the default when the tld is empty.
tld = "e164.example-py.example"
prefix = {"prefix": "3120555", "tld": tld}       # an EnumRangeId
alice = {"number": "31205551234", "tld": tld}   # an EnumId

# The range is published as a DNS zone, 5.5.5.0.2.1.3.<tld>, with the configured name servers.
enum.addRange({"id": prefix, "ttl": 3600, "minDigits": 11, "maxDigits": 11, "size": 100,
               "info": "example range"})

# Each mapping becomes a NAPTR record of 4.3.2.1.5.5.5.0.2.1.3.<tld>: at most 5 per number,
# mapto starting with a scheme of its type (sip: or sips: for sip, mailto: for mailto, ...).
enum.addNumber({"id": alice, "info": "Alice",
                "mappings": [{"type": "sip", "mapto": "sip:alice@example.com", "priority": 5, "ttl": 3600}]})

number = enum.getNumber(alice)
print("got", number.id.number, [(m.type, m.mapto, m.id) for m in number.mappings])

# updateNumber replaces the mapping list; a mapping sent back with its id keeps it.
sip = number.mappings[0]
enum.updateNumber({"id": alice, "mappings": [
    {"id": sip.id, "type": "sip", "mapto": sip.mapto, "priority": 5, "ttl": 3600},
    {"type": "mailto", "mapto": "mailto:alice@example.com", "priority": 10, "ttl": 3600}]})

result = enum.getNumbers({"filter": {"tld": tld, "mapto": "alice@example.com"}})  # mapto: a substring
print("found", result.total, [n.id.number for n in result.numbers])
r = enum.getRanges({"filter": {"prefix": "3120555", "tld": tld}}).ranges[0]
print("range", r.id.prefix, "serial", r.serial, "used", r.used, "of", r.size)

enum.deleteNumber(alice)
enum.deleteRange(prefix)  # refused (fault 3005) while numbers remain
try:
    enum.getNumber(alice)
except WebFault as e:  # NGNPro errors are SOAP faults with a numeric code in the detail
    error = e.fault.detail.exception
    print("after delete:", error.errorcode, error.errorstring)  # 3002 number not found
else:
    sys.exit("the number is still there")
