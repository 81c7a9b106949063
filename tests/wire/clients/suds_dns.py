#!/usr/bin/python3
"""suds (python3-suds, WSDL mode) drives ngnpro's Dns port (api §4.3) from the served WSDL: add,
list, update and delete a zone, a record and a fancy record. One line per step; exit status 0
when every step behaved.

usage: suds_dns.py WSDL_URL ENDPOINT_URL CAFILE|- PREFIX
"""

import os
import sys

from suds.client import Client

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from suds_customer import VerifyingTransport, as_list, check, fault_code, login  # noqa: E402

ADMIN_PASSWORD = "admin-secret"


def main():
    wsdl, endpoint, cafile, prefix = sys.argv[1:5]
    client = Client(wsdl, cache=None, location=endpoint,
                    transport=VerifyingTransport(None if cafile == "-" else cafile))
    dns = client.service["DnsPort"]
    login(client, "admin", ADMIN_PASSWORD, True)
    zone = f"{prefix}.example"

    dns.addZone({"name": zone, "ttl": 3600, "info": "suds zone", "nameservers": [f"ns1.{zone}", f"ns2.{zone}"]})
    z = dns.getZone(zone)
    check(z.name == zone and as_list(z.nameservers) == [f"ns1.{zone}", f"ns2.{zone}"],
          "addZone + getZone: the zone with its name servers")
    check(fault_code(dns.addZone, {"name": zone}) == 7001, "addZone again is fault 7001")
    q = dns.getZones({"filter": {"name": zone}})
    check(q.total == 1 and as_list(q.zones)[0].info == "suds zone", "getZones finds the zone")
    dns.updateZone({"name": zone, "ttl": 7200, "email": f"dns.admin@{zone}"})
    u = dns.getZone(zone)
    check(u.ttl == 7200 and u.email == f"dns.admin@{zone}" and u.serial > z.serial and len(as_list(u.nameservers)) == 2,
          "updateZone changes ttl and contact, keeps the name servers, bumps the serial")

    dns.addRecord({"zone": zone, "name": "_sip._udp", "type": "SRV", "value": f"0 5060 sip.{zone}",
                   "priority": 10, "ttl": 600})
    q = dns.getRecords({"filter": {"zone": zone, "type": "SRV"}})
    records = as_list(q.records)
    check(q.total == 1 and records[0].name == f"_sip._udp.{zone}" and records[0].priority == 10,
          "addRecord + getRecords: an SRV record with its priority")
    record_id = records[0].id
    check(fault_code(dns.addRecord, {"zone": f"missing-{zone}", "name": "www", "type": "A", "value": "192.0.2.1"})
          == 7000, "addRecord in a missing zone is fault 7000")
    dns.updateRecord({"id": record_id, "ttl": 1200})
    r = dns.getRecord(record_id)
    check(r.ttl == 1200 and r.value == f"0 5060 sip.{zone}", "updateRecord changes the ttl, keeps the value")

    dns.addFancyRecord({"zone": zone, "name": "old", "type": "URL", "value": f"https://www.{zone}/"})
    q = dns.getFancyRecords({"filter": {"zone": zone}})
    fancy = as_list(q.records)
    check(q.total == 1 and fancy[0].name == f"old.{zone}" and fancy[0].type == "URL",
          "addFancyRecord + getFancyRecords: a URL redirect")
    dns.updateFancyRecord({"id": fancy[0].id, "value": f"https://new.{zone}/"})
    check(dns.getFancyRecord(fancy[0].id).value == f"https://new.{zone}/", "updateFancyRecord changes the URL")
    dns.deleteFancyRecord(fancy[0].id)
    check(fault_code(dns.getFancyRecord, fancy[0].id) == 7002, "deleteFancyRecord: then fault 7002")

    dns.deleteRecord(record_id)
    check(fault_code(dns.getRecord, record_id) == 7002, "deleteRecord: getRecord is then fault 7002")
    dns.deleteZone(zone)
    check(fault_code(dns.getZone, zone) == 7000, "deleteZone: getZone is then fault 7000")
    print("suds: all Dns steps passed")


if __name__ == "__main__":
    main()
