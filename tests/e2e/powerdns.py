"""PowerDNS 4.7 for the end-to-end tests: config/pdns/pdns.conf rendered and started by
scripts/lib/consumer-ctl (scripts/lib/consumers.sh, the library scripts/run --with-consumers
uses), on free loopback ports, reading schema pdns of the test database as the SELECT-only role
pdns. No PowerDNS cache is on, so whatever is committed is answered at once, new zones
included: there is no reload to run after a change.

    import powerdns
    with powerdns.PowerDNS() as dns:        # needs NGNPRO_TEST_PG_PORT and _DIR (scripts/test)
        dns.dig("www.example.com", "A")     # ["192.0.2.1"]: the lines of dig +short, in order
        dns.dig("www.example.com", "A", tcp=True)           # the same over TCP
        dns.rcode("x.example", "SOA")       # "NOERROR", "NXDOMAIN", "REFUSED" (no such zone) ...
        seconds = dns.wait_for("www.example.com", "A", ["192.0.2.7"], timeout=1.0)
        dns.last_digs                       # digs that took (1: the first one saw it)
        seconds = dns.wait_for_rcode("gone.example", "SOA", "REFUSED", timeout=1.0)
        dns.pdnsutil("check-all-zones")     # subprocess.CompletedProcess (same config and role)
        dns.api("GET", "/api/v1/servers/localhost/zones")   # (HTTP status, decoded JSON or None)
        dns.dns_port, dns.api_port, dns.api_key, dns.pid, dns.dir, dns.log_path, dns.start_seconds

dig answers are compared as dig +short prints them: names end with a dot ("ns1.example.com."),
TXT and NAPTR strings keep their quotes. wait_for compares sorted lists, so the order of an
RRset does not matter; it raises AssertionError (with the last answer) when the time runs out.
Life cycle as harness.Consumer: PowerDNS().start() / .stop(), or a with block, which prints the
log when the block raised (the scratch directory is then kept).
"""

import json
import os
import subprocess
import time
import urllib.error
import urllib.request

import harness

DIG = "/usr/bin/dig"
PDNSUTIL = "/usr/bin/pdnsutil"
DIG_TIMEOUT = 2       # seconds dig waits for one answer (+time), one try
POLL_INTERVAL = 0.005  # between two digs of wait_for: a dig itself takes several ms


class PowerDNS(harness.Consumer):
    NAME = "pdns"

    def __init__(self, db_role="pdns"):
        super().__init__()
        self.db_role = db_role
        self.dns_port = None
        self.api_port = None
        self.api_key = None
        self.last_digs = 0   # digs the last wait_for / wait_for_rcode ran (1: the first one saw it)

    def start(self):
        for binary in (DIG, PDNSUTIL):
            if not os.access(binary, os.X_OK):
                raise RuntimeError(f"{binary} not found (Debian packages bind9-dnsutils, pdns-server)")
        info = self._start("--dns-port", "auto", "--api-port", "auto", "--db-role", self.db_role)
        self.dns_port = int(info["PDNS_DNS_PORT"])
        self.api_port = int(info["PDNS_API_PORT"])
        with open(info["PDNS_API_KEY_FILE"]) as f:
            self.api_key = f.read().strip()
        return self

    # -- DNS ---------------------------------------------------------------------------------
    def _dig(self, name, rtype, *options):
        # -r: no ~/.digrc; +norecurse: we ask the authority, as a resolver would
        done = subprocess.run([DIG, "-r", "@127.0.0.1", "-p", str(self.dns_port), "+norecurse",
                               f"+time={DIG_TIMEOUT}", "+tries=1", *options, name, rtype],
                              stdin=subprocess.DEVNULL, capture_output=True, text=True,
                              timeout=DIG_TIMEOUT + 5)
        if done.returncode != 0:
            raise AssertionError(f"dig {name} {rtype} on port {self.dns_port} failed ({done.returncode}):"
                                 f" {(done.stdout + done.stderr).strip()}")
        return done.stdout

    def dig(self, name, rtype, tcp=False):
        """The answer section as dig +short prints it: one string per record, in order; over
        UDP, or TCP when asked."""
        options = ("+short", "+tcp") if tcp else ("+short",)
        return [line for line in self._dig(name, rtype, *options).splitlines() if line]

    def rcode(self, name, rtype):
        """The status of the answer: NOERROR, NXDOMAIN, REFUSED, SERVFAIL ..."""
        for line in self._dig(name, rtype, "+noall", "+comments").splitlines():
            if "status:" in line:
                return line.split("status:", 1)[1].split(",", 1)[0].strip()
        raise AssertionError(f"dig {name} {rtype}: no status line in the answer")

    def wait_for(self, name, rtype, expected, timeout=1.0):
        """Dig until the answer is `expected` (a list of dig +short strings, any order; a str is
        one record); returns the seconds it took. The first dig starts at once."""
        want = sorted([expected] if isinstance(expected, str) else expected)
        return self._poll(lambda: sorted(self.dig(name, rtype)), want, f"{name} {rtype}", timeout)

    def wait_for_rcode(self, name, rtype, rcode, timeout=1.0):
        return self._poll(lambda: self.rcode(name, rtype), rcode, f"status of {name} {rtype}", timeout)

    def _poll(self, ask, want, what, timeout):
        started = time.monotonic()
        self.last_digs = 0
        while True:
            got = ask()
            self.last_digs += 1
            elapsed = time.monotonic() - started
            if got == want:
                return elapsed
            if elapsed >= timeout:
                raise AssertionError(f"{what}: still {got} after {elapsed:.3f} s, expected {want}")
            time.sleep(POLL_INTERVAL)

    # -- tools -------------------------------------------------------------------------------
    def pdnsutil(self, *args, timeout=60):
        """pdnsutil with this instance's rendered config (same database role)."""
        return subprocess.run([PDNSUTIL, f"--config-dir={self.dir}", *args], stdin=subprocess.DEVNULL,
                              capture_output=True, text=True, timeout=timeout)

    def api(self, method, path, body=None, api_key=None, timeout=10):
        """One HTTP API request with the X-API-Key header (this instance's key unless api_key is
        given; "" sends none). Returns (status, decoded JSON body or None)."""
        key = self.api_key if api_key is None else api_key
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(f"http://127.0.0.1:{self.api_port}{path}", data=data, method=method)
        if key:
            request.add_header("X-API-Key", key)
        if data is not None:
            request.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                status, raw = response.status, response.read()
        except urllib.error.HTTPError as e:
            status, raw = e.code, e.read()
        try:
            return status, json.loads(raw) if raw else None
        except ValueError:
            return status, None
