#!/usr/bin/python3
"""PowerDNS serves what the Dns port provisions (api §4.3, §8.14), at once.

An ngnpro server (with [dns] url_redirector) and PowerDNS 4.7 (powerdns.py: config/pdns/pdns.conf
through scripts/lib/consumer-ctl, role pdns, no caches) on the test database. Everything is
provisioned over SOAP; dig then asks PowerDNS: a new zone answers its SOA and NS at once, every
record type answers as PowerDNS presents it, a change moves the SOA serial, a deleted record
and a deleted zone are gone, a URL record's host answers with the redirector's address, and
`pdnsutil check-all-zones` finds no error in anything the test created.

One PASS/FAIL line per case, then "N passed, N failed"; exit status 1 when anything failed.
"""

import harness
import powerdns
from harness import runner

REDIRECTOR = "192.0.2.250"
ANSWER_WITHIN = 1.0  # seconds from the SOAP reply to PowerDNS answering with the change
LONG_TEXT = "k=" + "x" * 298  # one TXT value of 300 bytes: two character strings


class DnsServer(harness.NgnproServer):
    """The ngnpro server with a [dns] section: URL records are published with REDIRECTOR."""

    def config_text(self):
        return super().config_text() + f"[dns]\nurl_redirector = {REDIRECTOR}\n\n"


def dns_ok(srv, method, **params):
    typed = {"zone": "DnsZone", "record": "DnsRecord"}
    if method.endswith("FancyRecord"):
        typed = {"record": "DnsFancyRecord"}
    return harness.ok(srv, "Dns", method, list(params.items()), typed=typed)


def soa_serial(dns, zone):
    answer = dns.dig(zone, "SOA")
    assert len(answer) == 1, f"SOA of {zone}: {answer}"
    return int(answer[0].split()[2])


def record_id(srv, zone, name, rtype):
    result = dns_ok(srv, "getRecords", query={"filter": {"zone": zone, "name": name, "type": rtype}})
    assert result["total"] == 1, f"{name} {rtype}: {result['total']} records"
    return result["records"][0]["id"]


def run():
    args = harness.parse_args(__doc__)
    harness.stop_on_sigterm()
    results = runner.Results()
    zone = f"dns-{harness.run_tag()}.e2e.example"
    ns = [f"ns1.{zone}", f"ns2.{zone}"]
    with DnsServer(args.server, args.wsdl_dir, args.dsn) as srv, powerdns.PowerDNS() as dns:

        def a_new_zone_answers_its_soa_and_name_servers_at_once():
            """addZone: SOA from the defaults of api §8.14 and one NS per name server, no reload."""
            dns_ok(srv, "addZone", zone={"name": zone, "ttl": 3600, "nameservers": ns})
            serial = dns_ok(srv, "getZone", zone=zone)["serial"]
            seconds = dns.wait_for(zone, "SOA", f"ns1.{zone}. hostmaster.{zone}. {serial} 10800 3600 604800 3600",
                                   timeout=ANSWER_WITHIN)
            print(f"     new zone answered after {seconds * 1000:.1f} ms ({dns.last_digs} digs)")
            assert sorted(dns.dig(zone, "NS")) == [n + "." for n in ns]

        records = [
            ("www", "A", "192.0.2.80", 0, ["192.0.2.80"]),
            ("www", "AAAA", "2001:DB8::80", 0, ["2001:db8::80"]),
            ("ftp", "CNAME", "www", 0, [f"www.{zone}."]),
            ("", "MX", "mail", 10, [f"10 mail.{zone}."]),
            ("_sip._udp", "SRV", "0 5060 sip", 20, [f"20 0 5060 sip.{zone}."]),
            ("", "TXT", 'v=spf1 "quoted" -all', 0, ['"v=spf1 \\"quoted\\" -all"']),
            ("long", "TXT", LONG_TEXT, 0, [f'"{LONG_TEXT[:255]}" "{LONG_TEXT[255:]}"']),
            ("", "NAPTR", '10 100 "s" "SIP+D2U" "" _sip._udp', 0, [f'10 100 "s" "SIP+D2U" "" _sip._udp.{zone}.']),
            ("e164", "NAPTR", '100 10 "u" "E2U+sip" "!^\\+31(.*)$!sip:\\1@example.com!" .', 0,
             ['100 10 "u" "E2U+sip" "!^\\\\+31(.*)$!sip:\\\\1@example.com!" .']),
            ("80.2.0.192", "PTR", f"www.{zone}.", 0, [f"www.{zone}."]),
            ("office", "LOC", "52 22 23.000 N 4 53 32.000 E -2.00m 1m 10000m 10m", 0,
             ["52 22 23.000 N 4 53 32.000 E -2.00m 1m 10000m 10m"]),
            ("site", "LOC", "51 59 N 5 55 E 123.45m 150m", 0, ["51 59 0.000 N 5 55 0.000 E 123.45m 100m 10000m 10m"]),
        ]

        def every_record_type_answers_as_provisioned():
            """addRecord of A AAAA CNAME MX SRV TXT NAPTR PTR LOC: dig +short as PowerDNS presents them."""
            for name, rtype, value, priority, _ in records:
                dns_ok(srv, "addRecord", record={"zone": zone, "name": name, "type": rtype, "value": value,
                                                 "ttl": 600, "priority": priority, "owner": 0})
            wrong = []
            for name, rtype, _, _, expected in records:
                fqdn = f"{name}.{zone}" if name else zone
                got = dns.dig(fqdn, rtype)
                if got != expected:
                    wrong.append(f"{fqdn} {rtype}: {got} (expected {expected})")
            assert not wrong, "; ".join(wrong)

        def a_delegation_answers_with_its_name_servers():
            """addRecord NS below the apex: PowerDNS refers to the child's name servers."""
            dns_ok(srv, "addRecord", record={"zone": zone, "name": "sub", "type": "NS", "value": "ns.example.net.",
                                             "ttl": 600, "owner": 0})
            authority = [line.split() for line in
                         dns._dig(f"www.sub.{zone}", "A", "+noall", "+authority").splitlines() if line.strip()]
            assert [(a[0], a[3], a[4]) for a in authority] == [(f"sub.{zone}.", "NS", "ns.example.net.")], authority

        def a_change_moves_the_soa_serial_and_answers_within_a_second():
            """updateRecord: the new address, and an SOA serial above the old one (api §8.14)."""
            before = soa_serial(dns, zone)
            dns_ok(srv, "updateRecord", record={"id": record_id(srv, zone, f"www.{zone}", "A"), "value": "192.0.2.81"})
            seconds = dns.wait_for(f"www.{zone}", "A", "192.0.2.81", timeout=ANSWER_WITHIN)
            print(f"     change answered after {seconds * 1000:.1f} ms")
            after = soa_serial(dns, zone)
            assert after > before, f"serial {before} -> {after}"
            assert after == dns_ok(srv, "getZone", zone=zone)["serial"]

        def a_deleted_record_is_gone():
            """deleteRecord: no AAAA any more; the A at the same name stays."""
            dns_ok(srv, "deleteRecord", recordId=record_id(srv, zone, f"www.{zone}", "AAAA"))
            dns.wait_for(f"www.{zone}", "AAAA", [], timeout=ANSWER_WITHIN)
            assert dns.dig(f"www.{zone}", "A") == ["192.0.2.81"]

        def a_url_host_answers_with_the_redirector():
            """addFancyRecord URL: the host's A is [dns] url_redirector; the target URL stays ours."""
            dns_ok(srv, "addFancyRecord", record={"zone": zone, "name": "old", "type": "URL",
                                                  "value": "https://www.example.net/", "owner": 0})
            dns.wait_for(f"old.{zone}", "A", REDIRECTOR, timeout=ANSWER_WITHIN)

        def a_mail_forward_publishes_no_record():
            """addFancyRecord MBOXFW: for the mail forwarder only; the zone's answers do not change."""
            before = soa_serial(dns, zone)
            dns_ok(srv, "addFancyRecord", record={"zone": zone, "name": "info", "type": "MBOXFW",
                                                  "value": "carla@example.net", "owner": 0})
            assert dns.rcode(f"info.{zone}", "A") == "NXDOMAIN"
            assert soa_serial(dns, zone) == before

        def pdnsutil_finds_no_error_in_the_zone():
            """pdnsutil check-zone (the same config and role): no error nor warning in our zone, every
            content as PowerDNS itself prints it (SCHEMA-MAPPING §4); check-all-zones: no error."""
            done = dns.pdnsutil("check-zone", zone)
            output = (done.stdout + done.stderr).strip()
            print("     " + output.splitlines()[-1])
            assert done.returncode == 0 and "[Error]" not in output and "[Warning]" not in output, output
            done = dns.pdnsutil("check-all-zones")
            output = (done.stdout + done.stderr).strip()
            print("     check-all-zones: " + output.splitlines()[-1])
            assert done.returncode == 0 and "[Error]" not in output, output
            done = dns.pdnsutil("check-all-zones")
            mine = [line for line in (done.stdout + done.stderr).splitlines() if zone in line and "[Error]" in line]
            assert not mine, "\n".join(mine)

        def a_deleted_zone_is_refused():
            """deleteZone: the zone with its records goes; PowerDNS no longer serves it."""
            dns_ok(srv, "deleteZone", zone=zone)
            dns.wait_for_rcode(zone, "SOA", "REFUSED", timeout=ANSWER_WITHIN)

        for check in (a_new_zone_answers_its_soa_and_name_servers_at_once,
                      every_record_type_answers_as_provisioned, a_delegation_answers_with_its_name_servers,
                      a_change_moves_the_soa_serial_and_answers_within_a_second, a_deleted_record_is_gone,
                      a_url_host_answers_with_the_redirector, a_mail_forward_publishes_no_record,
                      pdnsutil_finds_no_error_in_the_zone, a_deleted_zone_is_refused):
            results.run(runner.test_name(check), check)
        if results.failed:
            dns.print_log()
        return runner.finish_with_server(results, srv, args.dsn)


if __name__ == "__main__":
    runner.main_guard(run)
