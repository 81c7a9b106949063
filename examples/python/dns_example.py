#!/usr/bin/python3
"""Manage DNS zones, records and fancy records on ngnpro from Python with suds:
zone -> records -> e-mail forward -> list -> update -> delete.

usage: dns_example.py [WSDL_URL [ADMIN_USER ADMIN_PASSWORD]]
       The arguments, else NGNPRO_WSDL, NGNPRO_USER and NGNPRO_PASSWORD from the environment,
       else http://127.0.0.1:9200/ngnpro/wsdl, admin / change-me.
Needs suds: Debian's python3-suds, or `pip install suds-community`.
"""

import os
import sys
import urllib.error

from suds import WebFault
from suds.client import Client

wsdl = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("NGNPRO_WSDL", "http://127.0.0.1:9200/ngnpro/wsdl")
if len(sys.argv) > 3:
    user, password = sys.argv[2:4]
else:
    user, password = os.environ.get("NGNPRO_USER", "admin"), os.environ.get("NGNPRO_PASSWORD", "change-me")

try:
    client = Client(wsdl, cache=None)
except (urllib.error.URLError, OSError) as e:
    sys.exit(f"cannot read the WSDL at {wsdl} ({e}): is ngnpro running there? Set NGNPRO_WSDL.")
dns = client.service["DnsPort"]  # the WSDL has one port per NGNPro area

auth = client.factory.create("{urn:AGProjects:NGNPro}AuthHeader")
auth.username, auth.password, auth.admin, auth.impersonate = user, password, True, 0
client.set_options(soapheaders=auth)

zone = "example-dns.example"

# A zone gets its SOA and one NS record per name server; without nameservers the server's
# configured set is used. The serial is the server's: it goes up with every change.
dns.addZone({"name": zone, "ttl": 3600, "info": "an example zone",
             "nameservers": [f"ns1.{zone}", f"ns2.{zone}"]})

# Names are relative to the zone ("" is the apex) or end with it; they come back fully
# qualified. MX and SRV take their priority apart; SRV values are "weight port target".
dns.addRecord({"zone": zone, "name": "www", "type": "A", "value": "192.0.2.80", "ttl": 3600})
dns.addRecord({"zone": zone, "name": "", "type": "MX", "value": "mail", "priority": 10})
dns.addRecord({"zone": zone, "name": "_sip._udp", "type": "SRV", "value": "0 5060 sip", "priority": 10})
dns.addRecord({"zone": zone, "name": "", "type": "TXT", "value": "v=spf1 mx -all"})

# Fancy records: MBOXFW forwards local@zone to an address (read by the mail forwarder), URL
# redirects a host of the zone (answered with the configured redirector's address).
dns.addFancyRecord({"zone": zone, "name": "info", "type": "MBOXFW", "value": "someone@example.net"})

result = dns.getRecords({"filter": {"zone": zone}, "orderBy": {"attribute": "name", "direction": "ASC"}})
for record in result.records:
    print("record", record.id, record.name, record.type, record.value)
www = [r for r in result.records if r.type == "A"][0]

# Updates take the id and keep what is not given.
dns.updateRecord({"id": www.id, "value": "192.0.2.81"})
print("updated", dns.getRecord(www.id).value)
dns.updateZone({"name": zone, "ttl": 7200})
print("zone serial", dns.getZone(zone).serial)
print("forwards", [f.name for f in dns.getFancyRecords({"filter": {"zone": zone}}).records])

dns.deleteZone(zone)  # with every record and fancy record in it
try:
    dns.getZone(zone)
except WebFault as e:  # NGNPro errors are SOAP faults with a numeric code in the detail
    error = e.fault.detail.exception
    print("after delete:", error.errorcode, error.errorstring)  # 7000 zone not found
else:
    sys.exit("the zone is still there")
