#!/usr/bin/python3
"""PowerDNS 4.7 answers ENUM as the Enum port provisions it, at once.

The real ngnpro server provisions through SOAP (Enum.addRange, addNumber, updateNumber,
deleteNumber, deleteRange) under a tld of this run's own; PowerDNS (powerdns.py, the SELECT-only
role pdns, no caches) answers from schema pdns: the range's SOA and NS, a number's NAPTR set
under its reversed digits (api §9.1 row 13), NXDOMAIN with the range's SOA for a number the
range does not hold, a number that a nested range took over from that range's zone, and
nothing once deleted. pdnsutil check-all-zones finds no error in any zone and no warning in
the ranges' (the nested one is delegated from the outer one). Nothing is written
with SQL; the ranges are deleted through the API at the end.

One PASS/FAIL line per case, then "N passed, N failed"; exit status 1 when anything failed.
"""

import time

import harness
import powerdns
from harness import runner

ANSWER_WITHIN = 1.0   # seconds from the SOAP reply to PowerDNS answering with it
PREFIX = "3120555"
INNER = "31205551"     # a range nested in PREFIX
NUMBER = "31205551234"
NAMESERVERS = ["ns1.dns-hosting.info.", "ns2.dns-hosting.info."]  # the server's default set


def reversed_name(digits, tld):
    return ".".join(reversed(digits)) + "." + tld


def naptr(order, service, uri):
    """A NAPTR as dig +short prints it, as the range publishes a mapping (api §9.1 row 13)."""
    return f'{order} 10 "u" "E2U+{service}" "!^.*$!{uri}!" .'


class Context:
    def __init__(self, srv, dns, tld):
        self.srv = srv
        self.dns = dns
        self.tld = tld
        self.zone = reversed_name(PREFIX, tld)
        self.inner_zone = reversed_name(INNER, tld)
        self.name = reversed_name(NUMBER, tld)
        self.ranges = []   # added, to delete at the end

    def enum(self, method, *params):
        return harness.ok(self.srv, "Enum", method, list(params))

    def add_range(self, prefix):
        self.enum("addRange", ("range", {"id": {"prefix": prefix, "tld": self.tld}, "ttl": 3600, "info": "e2e"}))
        self.ranges.append(prefix)

    def set_mappings(self, method, *mappings):
        self.enum(method, ("number", {"id": {"number": NUMBER, "tld": self.tld}, "mappings": list(mappings)}))

    def serial(self, zone):
        answer = self.dns.dig(zone, "SOA")
        assert len(answer) == 1, f"{zone} SOA: {answer}"
        return int(answer[0].split()[2])

    def authority_soa(self, name, rtype):
        """The SOA dig shows in the authority section of a negative answer: its owner and rdata."""
        # powerdns.PowerDNS._dig runs dig with the instance's port and options; +short has no
        # authority section.
        lines = [line.split(None, 4) for line in self.dns._dig(name, rtype, "+noall", "+authority").splitlines()
                 if line and not line.startswith(";")]
        soas = [(fields[0], fields[4]) for fields in lines if len(fields) == 5 and fields[3] == "SOA"]
        assert len(soas) == 1, f"{name} {rtype}: authority section {lines}"
        return soas[0]


def mapping(mapping_type, mapto, priority, **extra):
    return {"type": mapping_type, "mapto": mapto, "priority": priority, "ttl": 60, **extra}


# -- the cases --------------------------------------------------------------------------------------

def a_new_range_is_answered_as_a_zone_with_its_soa_and_name_servers(ctx):
    ctx.add_range(PREFIX)
    seconds = ctx.dns.wait_for(ctx.zone, "NS", NAMESERVERS, timeout=ANSWER_WITHIN)
    soa = ctx.dns.dig(ctx.zone, "SOA")
    assert len(soa) == 1 and soa[0].startswith(f"ns1.dns-hosting.info. hostmaster.{ctx.zone}. ") and \
        soa[0].endswith(" 10800 3600 604800 3600"), f"{ctx.zone} SOA: {soa}"
    print(f"    zone answered {seconds * 1000:.1f} ms after addRange returned", flush=True)


def a_number_is_answered_with_its_naptr_set_under_its_reversed_digits(ctx):
    before = ctx.serial(ctx.zone)
    ctx.set_mappings("addNumber", mapping("sip", "sip:alice@example.com", 5),
                     mapping("mailto", "mailto:alice@example.com", 10))
    seconds = ctx.dns.wait_for(ctx.name, "NAPTR", [naptr(5, "sip", "sip:alice@example.com"),
                                                   naptr(10, "mailto", "mailto:alice@example.com")],
                               timeout=ANSWER_WITHIN)
    assert ctx.serial(ctx.zone) > before, f"{ctx.zone}: serial still {before} after addNumber"
    print(f"    NAPTR answered {seconds * 1000:.1f} ms after addNumber returned", flush=True)


def an_unprovisioned_number_of_the_range_is_nxdomain_with_the_range_soa(ctx):
    name = reversed_name("31205559999", ctx.tld)
    rcode = ctx.dns.rcode(name, "NAPTR")
    assert rcode == "NXDOMAIN", f"{name} NAPTR: {rcode}, expected NXDOMAIN"
    owner, _ = ctx.authority_soa(name, "NAPTR")
    assert owner == ctx.zone + ".", f"{name}: the SOA of {owner}, expected the range's {ctx.zone}."


def an_updated_mapping_list_is_answered_at_once(ctx):
    ctx.set_mappings("updateNumber", mapping("sip", "sip:alice@example.net", 1),
                     mapping("npd:tel", "tel:+31205551234;npdi", 20))
    ctx.dns.wait_for(ctx.name, "NAPTR", [naptr(1, "sip", "sip:alice@example.net"),
                                         naptr(20, "npd+tel", "tel:+31205551234;npdi")], timeout=ANSWER_WITHIN)


def a_nested_range_takes_the_number_over_and_answers_it_from_its_zone(ctx):
    expected = ctx.dns.dig(ctx.name, "NAPTR")
    ctx.add_range(INNER)
    ctx.dns.wait_for(ctx.inner_zone, "NS", NAMESERVERS, timeout=ANSWER_WITHIN)
    assert sorted(ctx.dns.dig(ctx.name, "NAPTR")) == sorted(expected), \
        f"{ctx.name} NAPTR after the move: {ctx.dns.dig(ctx.name, 'NAPTR')}, expected {expected}"
    name = reversed_name("31205551999", ctx.tld)
    owner, _ = ctx.authority_soa(name, "NAPTR")
    assert owner == ctx.inner_zone + ".", f"{name}: the SOA of {owner}, expected the nested {ctx.inner_zone}."


def pdnsutil_finds_no_error_nor_warning_in_the_zones(ctx):
    done = ctx.dns.pdnsutil("check-all-zones")
    output = (done.stdout + done.stderr).strip()
    assert done.returncode == 0, f"pdnsutil check-all-zones exited {done.returncode}:\n{output}"
    assert ", 0 had errors" in output, f"pdnsutil check-all-zones:\n{output}"
    for zone in (ctx.zone, ctx.inner_zone):
        assert f"'{zone}', 0 errors, 0 warnings" in output, f"{zone} not checked, or not clean:\n{output}"


def a_deleted_number_is_gone(ctx):
    ctx.enum("deleteNumber", ("enumId", {"number": NUMBER, "tld": ctx.tld}))
    seconds = ctx.dns.wait_for_rcode(ctx.name, "NAPTR", "NXDOMAIN", timeout=ANSWER_WITHIN)
    print(f"    NXDOMAIN {seconds * 1000:.1f} ms after deleteNumber returned", flush=True)


def deleted_ranges_are_refused(ctx):
    while ctx.ranges:
        prefix = ctx.ranges.pop()
        ctx.enum("deleteRange", ("range", {"prefix": prefix, "tld": ctx.tld}))
    for zone in (ctx.inner_zone, ctx.zone):
        ctx.dns.wait_for_rcode(zone, "SOA", "REFUSED", timeout=ANSWER_WITHIN)


CASES = [
    a_new_range_is_answered_as_a_zone_with_its_soa_and_name_servers,
    a_number_is_answered_with_its_naptr_set_under_its_reversed_digits,
    an_unprovisioned_number_of_the_range_is_nxdomain_with_the_range_soa,
    an_updated_mapping_list_is_answered_at_once,
    a_nested_range_takes_the_number_over_and_answers_it_from_its_zone,
    pdnsutil_finds_no_error_nor_warning_in_the_zones,
    a_deleted_number_is_gone,
    deleted_ranges_are_refused,
]


def clean_up(ctx):
    """Whatever a failed case left: the number, then the ranges (api §8.10: numbers first)."""
    harness.call(ctx.srv, "Enum", "deleteNumber", [("enumId", {"number": NUMBER, "tld": ctx.tld})])
    for prefix in reversed(ctx.ranges):
        harness.call(ctx.srv, "Enum", "deleteRange", [("range", {"prefix": prefix, "tld": ctx.tld})])


def run():
    args = harness.parse_args(__doc__.splitlines()[0])
    harness.stop_on_sigterm()
    started = time.monotonic()
    results = runner.Results()
    tld = f"e164-{harness.run_tag()}.e2e.example"
    try:
        # PowerDNS stops (by PID) and its files go when the block ends; its log is printed
        # when the block raised or a case failed.
        with powerdns.PowerDNS() as dns, harness.NgnproServer(args.server, args.wsdl_dir, args.dsn) as srv:
            ctx = Context(srv, dns, tld)
            try:
                for case in CASES:
                    results.run(runner.test_name(case), case, ctx)
            finally:
                clean_up(ctx)
                if results.failed:
                    srv.print_log()
                    dns.print_log()
    except RuntimeError as e:  # consumer-ctl could not start PowerDNS
        results.fail("PowerDNS starts", str(e))
    print(f"whole run {harness.elapsed(started)}", flush=True)
    return results.finish()


if __name__ == "__main__":
    runner.main_guard(run)
