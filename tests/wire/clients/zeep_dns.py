#!/usr/bin/python3
"""zeep (python3-zeep, WSDL mode) drives ngnpro's Dns port (api §4.3) from the served WSDL: add,
list, update and delete a zone, a record and a fancy record. One line per step; exit status 0
when every step behaved. zeep writes literal XML for this rpc/encoded binding; it works because
the server is lenient (api §2.6, zeep_customer.py).

usage: zeep_dns.py WSDL_URL ENDPOINT_URL CAFILE|- PREFIX
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from zeep_customer import ADMIN_PASSWORD, auth, check, fault_code, items, port_from_argv  # noqa: E402

DNS_BINDING = "{urn:AGProjects:NGNPro}DnsBinding"


def main():
    dns, prefix = port_from_argv(DNS_BINDING)
    h = auth("admin", ADMIN_PASSWORD, True)
    zone = f"{prefix}.example"

    dns.addZone(zone={"name": zone, "info": "zeep zone"}, _soapheaders=h)
    z = dns.getZone(zone=zone, _soapheaders=h)
    check(z.name == zone and z.ttl == 3600 and len(items(z.nameservers)) > 0,
          "addZone + getZone: the defaults and the configured name servers")
    check(fault_code(dns.addZone, zone={"name": zone}, _soapheaders=h) == 7001, "addZone again is fault 7001")
    q = dns.getZones(query={"filter": {"name": zone}}, _soapheaders=h)
    check(q.total == 1 and items(q.zones)[0].name == zone, "getZones finds the zone")
    dns.updateZone(zone={"name": zone, "minimum": 600}, _soapheaders=h)
    check(dns.getZone(zone=zone, _soapheaders=h).minimum == 600, "updateZone changes minimum")

    dns.addRecord(record={"zone": zone, "name": "", "type": "TXT", "value": "v=spf1 -all"}, _soapheaders=h)
    q = dns.getRecords(query={"filter": {"zone": zone}}, _soapheaders=h)
    records = items(q.records)
    check(q.total == 1 and records[0].name == zone and records[0].value == "v=spf1 -all",
          "addRecord + getRecords: a TXT record at the apex, the value as sent")
    record_id = records[0].id
    dns.updateRecord(record={"id": record_id, "value": "v=spf1 mx -all"}, _soapheaders=h)
    check(dns.getRecord(recordId=record_id, _soapheaders=h).value == "v=spf1 mx -all", "updateRecord changes the value")

    dns.addFancyRecord(record={"zone": zone, "name": "sales", "type": "MBOXFW", "value": "a@example.net"},
                       _soapheaders=h)
    q = dns.getFancyRecords(query={"filter": {"zone": zone, "type": "MBOXFW"}}, _soapheaders=h)
    fancy = items(q.records)
    check(q.total == 1 and fancy[0].name == f"sales@{zone}", "addFancyRecord + getFancyRecords: sales@zone")
    dns.updateFancyRecord(record={"id": fancy[0].id, "value": "a@example.net, b@example.net"}, _soapheaders=h)
    check(dns.getFancyRecord(recordId=fancy[0].id, _soapheaders=h).value == "a@example.net, b@example.net",
          "updateFancyRecord changes the destinations")
    dns.deleteFancyRecord(recordId=fancy[0].id, _soapheaders=h)
    check(fault_code(dns.getFancyRecord, recordId=fancy[0].id, _soapheaders=h) == 7002, "deleteFancyRecord: then 7002")

    dns.deleteRecord(recordId=record_id, _soapheaders=h)
    check(fault_code(dns.getRecord, recordId=record_id, _soapheaders=h) == 7002, "deleteRecord: then 7002")
    dns.deleteZone(zone=zone, _soapheaders=h)
    check(fault_code(dns.getZone, zone=zone, _soapheaders=h) == 7000, "deleteZone: getZone is then fault 7000")
    print("zeep: all Dns steps passed")


if __name__ == "__main__":
    main()
