#!/usr/bin/python3
"""PowerDNS 4.7 answers what is committed to schema pdns, at once and without a reload.

PowerDNS runs from config/pdns/pdns.conf, started by scripts/lib/consumer-ctl (powerdns.py) as
the SELECT-only role pdns. The rows are written here as superuser, as ngnpro's triggers will
write them: a zone in pdns.domains with its id from ngnpro.dns_domain_ids, SOA, NS and A rows
with provenance ngn_src='test', ngn_src_id=1. Nothing goes through the SOAP API (the Dns and
Enum ports prove that path). The rows are deleted at the end, whatever happens.

One PASS/FAIL line per case, then "N passed, N failed"; exit status 1 when anything failed.
"""

import argparse
import os
import statistics
import subprocess
import time

import harness
import powerdns
from harness import runner

PDNS_SERVER = "/usr/sbin/pdns_server"
ANSWER_WITHIN = 1.0   # seconds from a commit to PowerDNS answering with it (issue 10)
CHANGES = 50          # record changes timed one after the other
TTL = 300


def superuser_sql(sql, **variables):
    """Run SQL as superuser postgres (psql, ON_ERROR_STOP, variables as :'name'); returns stdout."""
    dsn = harness.server_mod.required_env("NGNPRO_TEST_PG_SUPERUSER_DSN")
    return harness.psql_value(dsn, sql, **variables)


def psql_as_pdns(sql):
    """Run SQL as role pdns with its password: (exit status, stderr)."""
    port = harness.server_mod.required_env("NGNPRO_TEST_PG_PORT")
    with open(os.path.join(harness.server_mod.required_env("NGNPRO_TEST_PG_DIR"), "pdns.password")) as f:
        password = f.read().strip()
    done = subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", port,
                           "-U", "pdns", "-d", "ngnpro", "-c", sql],
                          env={**os.environ, "PGPASSWORD": password}, stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=30)
    return done.returncode, done.stderr.strip()


class Zone:
    """The test zone: its rows in pdns.domains and pdns.records."""

    def __init__(self, tag):
        self.name = f"smoke-{tag}.e2e.example"
        self.id = None

    def soa(self, serial):
        return f"ns1.{self.name} hostmaster.{self.name} {serial} 10800 3600 604800 3600"

    def create(self):
        """Domain and records in one transaction, as a trigger would write them."""
        self.id = int(superuser_sql(
            "WITH d AS (INSERT INTO pdns.domains (id, name, type)"
            "           VALUES (nextval('ngnpro.dns_domain_ids'), :'zone', 'NATIVE') RETURNING id),"
            " r AS (INSERT INTO pdns.records (domain_id, name, type, content, ttl, prio, ngn_src, ngn_src_id)"
            "       SELECT d.id, v.name, v.type, v.content, :'ttl'::int, 0, 'test', 1 FROM d,"
            "       (VALUES (:'zone', 'SOA', :'soa'), (:'zone', 'NS', :'ns1'), (:'zone', 'NS', :'ns2'),"
            "               (:'ns1', 'A', '192.0.2.53'), (:'ns2', 'A', '192.0.2.54'),"
            "               (:'www', 'A', '192.0.2.1')) AS v(name, type, content))"
            " SELECT id FROM d",
            zone=self.name, soa=self.soa(1), ns1=f"ns1.{self.name}", ns2=f"ns2.{self.name}",
            www=f"www.{self.name}", ttl=TTL))

    def set_www(self, address):
        superuser_sql("UPDATE pdns.records SET content = :'address'"
                      " WHERE domain_id = :'id' AND name = :'www' AND type = 'A'",
                      address=address, id=self.id, www=f"www.{self.name}")

    def delete(self):
        # records go with their domain (ON DELETE CASCADE)
        superuser_sql("DELETE FROM pdns.domains WHERE name = :'zone'", zone=self.name)

    def left_over(self):
        return int(superuser_sql("SELECT count(*) FROM pdns.records WHERE ngn_src = 'test' AND ngn_src_id = 1"
                                 " AND name LIKE '%' || :'zone'", zone=self.name))


class Context:
    def __init__(self, dns, zone):
        self.dns = dns
        self.zone = zone


# -- the cases --------------------------------------------------------------------------------------

def template_is_a_valid_config_as_operators_copy_it(ctx):
    config_dir = os.path.join(harness.REPO, "config", "pdns")
    done = subprocess.run([PDNS_SERVER, f"--config-dir={config_dir}", "--config=check"],
                          stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, f"pdns_server --config=check on {config_dir}: {done.stdout}{done.stderr}"


def zone_that_does_not_exist_is_refused(ctx):
    rcode = ctx.dns.rcode(ctx.zone.name, "SOA")
    assert rcode == "REFUSED", f"{ctx.zone.name} SOA before the zone exists: {rcode}, expected REFUSED"


def new_zone_is_answered_at_once_without_reload(ctx):
    ctx.zone.create()
    z = ctx.zone.name
    seconds = ctx.dns.wait_for(z, "SOA", f"ns1.{z}. hostmaster.{z}. 1 10800 3600 604800 3600",
                               timeout=ANSWER_WITHIN)
    assert sorted(ctx.dns.dig(z, "NS")) == [f"ns1.{z}.", f"ns2.{z}."], f"NS of {z}: {ctx.dns.dig(z, 'NS')}"
    assert ctx.dns.dig(f"www.{z}", "A") == ["192.0.2.1"], f"www.{z} A: {ctx.dns.dig(f'www.{z}', 'A')}"
    over_tcp = ctx.dns.dig(f"www.{z}", "A", tcp=True)
    assert over_tcp == ["192.0.2.1"], f"www.{z} A over TCP: {over_tcp}"
    nx = ctx.dns.rcode(f"nothing.{z}", "A")
    assert nx == "NXDOMAIN", f"nothing.{z} A: {nx}, expected NXDOMAIN from the zone's authority"
    print(f"    SOA answered {seconds * 1000:.1f} ms after the commit", flush=True)


def changed_a_record_is_answered_within_one_second(ctx):
    ctx.zone.set_www("192.0.2.2")
    seconds = ctx.dns.wait_for(f"www.{ctx.zone.name}", "A", "192.0.2.2", timeout=ANSWER_WITHIN)
    print(f"    answered {seconds * 1000:.1f} ms after the commit", flush=True)


def every_one_of_fifty_changes_is_answered_within_one_second(ctx):
    """Each UPDATE is committed (psql has returned), then dig runs until it sees the new address.
    A dig is a process of its own, so the times are mostly dig's: the same dig of an unchanged
    name is timed beside them, and how many changes the first dig already saw is counted."""
    www = f"www.{ctx.zone.name}"
    times, first, alone = [], 0, []
    for n in range(CHANGES):
        address = f"198.51.100.{n + 1}"
        ctx.zone.set_www(address)
        times.append(ctx.dns.wait_for(www, "A", address, timeout=ANSWER_WITHIN))
        first += ctx.dns.last_digs == 1
        alone.append(ctx.dns.wait_for(www, "A", address, timeout=ANSWER_WITHIN))
    ms = sorted(t * 1000 for t in times)
    print(f"    commit -> dig sees it, {CHANGES} changes: p50 {statistics.median(ms):.1f} ms,"
          f" p90 {ms[int(len(ms) * 0.9) - 1]:.1f} ms, max {ms[-1]:.1f} ms; the first dig saw it"
          f" {first} times of {CHANGES}; one dig alone: p50 {statistics.median(alone) * 1000:.1f} ms",
          flush=True)


def pdnsutil_check_all_zones_reports_no_errors(ctx):
    done = ctx.dns.pdnsutil("check-all-zones")
    output = (done.stdout + done.stderr).strip()
    assert done.returncode == 0, f"pdnsutil check-all-zones exited {done.returncode}:\n{output}"
    assert "Checked 0 zones" not in output, f"pdnsutil saw no zone at all:\n{output}"
    assert ", 0 had errors" in output, f"pdnsutil check-all-zones:\n{output}"
    assert f"'{ctx.zone.name}', 0 errors" in output, f"{ctx.zone.name} not checked, or with errors:\n{output}"


def http_api_answers_with_the_generated_key_only(ctx):
    status, zones = ctx.dns.api("GET", "/api/v1/servers/localhost/zones")
    assert status == 200, f"GET zones with the key: HTTP {status}"
    names = [zone.get("name") for zone in zones or []]
    assert f"{ctx.zone.name}." in names, f"the API does not list {ctx.zone.name}.: {names}"
    status, _ = ctx.dns.api("GET", "/api/v1/servers/localhost/zones", api_key="")
    assert status == 401, f"GET zones without a key: HTTP {status}, expected 401"
    status, _ = ctx.dns.api("GET", "/api/v1/servers/localhost/zones", api_key="wrong-key")
    assert status == 401, f"GET zones with a wrong key: HTTP {status}, expected 401"


def pdns_role_cannot_write_its_tables(ctx):
    for sql in (f"INSERT INTO pdns.records (domain_id, name, type, content, ngn_src, ngn_src_id)"
                f" VALUES ({ctx.zone.id}, 'evil.{ctx.zone.name}', 'A', '203.0.113.66', 'test', 1)",
                f"UPDATE pdns.records SET content = '203.0.113.66' WHERE domain_id = {ctx.zone.id}",
                f"DELETE FROM pdns.domains WHERE id = {ctx.zone.id}"):
        rc, err = psql_as_pdns(sql)
        assert rc != 0 and "permission denied" in err, f"as role pdns: {sql}\n  exit {rc}: {err or 'no error'}"
    rc, err = psql_as_pdns("SELECT count(*) FROM pdns.records")
    assert rc == 0, f"role pdns cannot even read pdns.records: {err}"


def deleted_zone_is_refused_at_once(ctx):
    ctx.zone.delete()
    seconds = ctx.dns.wait_for_rcode(ctx.zone.name, "SOA", "REFUSED", timeout=ANSWER_WITHIN)
    rcode = ctx.dns.rcode(f"www.{ctx.zone.name}", "A")
    assert rcode == "REFUSED", f"www.{ctx.zone.name} A after the delete: {rcode}"
    print(f"    REFUSED {seconds * 1000:.1f} ms after the delete", flush=True)


CASES = [
    template_is_a_valid_config_as_operators_copy_it,
    zone_that_does_not_exist_is_refused,
    new_zone_is_answered_at_once_without_reload,
    changed_a_record_is_answered_within_one_second,
    every_one_of_fifty_changes_is_answered_within_one_second,
    pdnsutil_check_all_zones_reports_no_errors,
    http_api_answers_with_the_generated_key_only,
    pdns_role_cannot_write_its_tables,
    deleted_zone_is_refused_at_once,
]


def run():
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args()
    harness.stop_on_sigterm()
    started = time.monotonic()
    results = runner.Results()
    zone = Zone(harness.run_tag())
    dns = powerdns.PowerDNS()
    try:
        dns.start()
    except RuntimeError as e:
        results.fail("PowerDNS starts", str(e))
        return results.finish()
    print(f"pdns_server pid {dns.pid} on 127.0.0.1:{dns.dns_port}, API on {dns.api_port},"
          f" ready in {dns.start_seconds:.2f} s", flush=True)
    try:
        ctx = Context(dns, zone)
        for case in CASES:
            results.run(runner.test_name(case), case, ctx)
    finally:
        zone.delete()
        left = zone.left_over()
        if left:
            results.fail("the test rows are gone", f"{left} rows of {zone.name} left in pdns.records")
        stopping = time.monotonic()
        results.run("powerdns stops on sigterm", dns.stop)
        if results.failed:
            dns.print_log()
        dns.remove_files()
    print(f"whole run {harness.elapsed(started)} (stop {harness.elapsed(stopping)})", flush=True)
    return results.finish()


if __name__ == "__main__":
    runner.main_guard(run)
