"""What the end-to-end tests share: the wire tests' support package (ngnpro server, PEAR-style
envelopes, result bookkeeping), plus an ngnpro server with a [reload] section, a Kamailio 5.6
process made from config/kamailio/kamailio.cfg, SOAP calls that fail with a readable message,
and read-only psql queries. Kamailio and PowerDNS (powerdns.py) are started and stopped only
through scripts/lib/consumer-ctl, the shell library scripts/run uses as well.
"""

import argparse
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(REPO, "tests", "wire"))

from support import runner, soap  # noqa: E402  (tests/wire/support, reused as is)
from support import server as server_mod  # noqa: E402

ADMIN = soap.ADMIN
SOAP_TIMEOUT = 30.0            # seconds per SOAP call (the race queues 50 at once)


def parse_args(description):
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--server", required=True, help="the ngnpro binary")
    parser.add_argument("--wsdl-dir", required=True, help="<build>/wsdl")
    parser.add_argument("--kamailio-cfg", default=os.path.join(REPO, "config", "kamailio", "kamailio.cfg"),
                        help="the Kamailio config template (default: config/kamailio/kamailio.cfg)")
    args = parser.parse_args()
    args.dsn = server_mod.required_env("NGNPRO_TEST_DSN")
    return args


def stop_on_sigterm():
    """ctest and scripts/test end a test with SIGTERM: turn it into SystemExit, so that the
    `finally` blocks stop Kamailio and the servers."""
    def handler(signum, frame):
        raise SystemExit(f"stopped by signal {signum}")
    signal.signal(signal.SIGTERM, handler)


def run_tag():
    """A short tag that makes this run's names (domains, logins) unique in the database."""
    return uuid.uuid4().hex[:8]


def elapsed(started):
    return f"{time.monotonic() - started:.2f} s"


# -- the ngnpro server --------------------------------------------------------------------------

class NgnproServer(server_mod.Server):
    """support.server.Server with an optional [reload] section: {key: [command, ...]}."""

    def __init__(self, binary, wsdl_dir, dsn, reload=None, **kwargs):
        super().__init__(binary, wsdl_dir, dsn, **kwargs)
        self.reload = reload or {}

    def config_text(self):
        text = super().config_text()
        if self.reload:
            lines = [f"{key} = {command}" for key, commands in self.reload.items() for command in commands]
            text += "[reload]\n" + "".join(line + "\n" for line in lines) + "\n"
        return text


# -- SOAP -----------------------------------------------------------------------------------------

class NotImplementedYet(AssertionError):
    pass


class SoapFault(AssertionError):
    def __init__(self, message, fault):
        super().__init__(message)
        self.fault = fault


def call(srv, port, method, params=(), auth=ADMIN, typed=None, timeout=SOAP_TIMEOUT):
    """One request, checked against the HTTP rules (the wire tests check the envelope rules);
    returns (reply, request body). A result or a fault: the caller decides."""
    body = soap.envelope(port, method, params, auth, typed)
    response = srv.post("/ngnpro/", body, timeout=timeout)
    problems = soap.http_problems(response)
    if problems:
        raise AssertionError(f"{port}.{method}: " + "; ".join(problems) + exchange_text(body, response))
    return soap.read_reply(response), body


def exchange_text(body, response):
    return (f"\n----- request -----\n{body.decode('utf-8', 'replace')}"
            f"\n----- response (HTTP {response.status}) -----\n{response.body.decode('utf-8', 'replace')}"
            "\n----- end -----")


def ok(srv, port, method, params=(), auth=ADMIN, typed=None):
    """A call that must succeed; returns its decoded result. Fault 9002 reads
    "Sip.addDomain not implemented yet"; any other fault carries the whole exchange."""
    reply, body = call(srv, port, method, params, auth, typed)
    fault = reply.fault
    if fault is not None:
        if fault.errorcode == 9002:
            raise NotImplementedYet(f"{port}.{method} not implemented yet (fault 9002: {fault.errorstring})")
        raise SoapFault(f"{port}.{method} failed with {fault!r}" + exchange_text(body, reply.response), fault)
    return reply.value


def sip_account(username, domain, password, **extra):
    """A SipAccount as CDRTool's addAccount sends it (groups/acl/properties empty)."""
    return {"id": {"username": username, "domain": domain}, "firstName": "E2E", "lastName": username,
            "password": password, "timezone": "Europe/Amsterdam", "email": f"{username}@{domain}",
            "rpid": "", "groups": [], "prepaid": 0, "quota": 0, "acl": [], "properties": [], **extra}


def sip_id(username, domain):
    return {"username": username, "domain": domain}


def add_reseller(srv, username, password, **extra):
    """Customer.addAccount as plain admin without `reseller`: a new, active reseller (api §8.4).
    Returns its id."""
    account = {"username": username, "password": password, "firstName": "E2E", "lastName": "Reseller",
               "organization": "ngnpro e2e", "email": f"{username}@example.invalid",
               "resellerActive": True, **extra}
    created = ok(srv, "Customer", "addAccount", [("account", account)], typed={"account": "CustomerAccount"})
    assert isinstance(created, dict) and created.get("id"), f"Customer.addAccount returned {created!r}"
    assert created.get("reseller") == created["id"], f"new customer is not a reseller: {created!r}"
    return created["id"]


def provision_reseller_domain(args, login, domain):
    """Before Kamailio starts (it loads its domains then): a reseller and a SIP domain of it,
    through a server without [reload]. Returns the reseller's id."""
    with NgnproServer(args.server, args.wsdl_dir, args.dsn) as srv:
        reseller = add_reseller(srv, login, "Reseller-pw-0")
        ok(srv, "Sip", "addDomain", [("domain", {"domain": domain, "customer": reseller, "reseller": reseller})],
           typed={"domain": "SipDomain"})
    return reseller


def run_cases(results, cases, ctx, srv, *consumers):
    """Each case once, in order; when any failed, the server's and the consumers' logs."""
    for case in cases:
        results.run(runner.test_name(case), case, ctx)
    if results.failed:
        srv.print_log()
        for consumer in consumers:
            consumer.print_log()


# -- database (read only) ------------------------------------------------------------------------

def psql_value(dsn, sql, **variables):
    """Run one read-only query with psql (variables as :'name'); returns the first cell."""
    command = ["psql", dsn, "-X", "-A", "-t", "-q", "-v", "ON_ERROR_STOP=1"]
    for name, value in variables.items():
        command += ["-v", f"{name}={value}"]
    done = subprocess.run(command, input=sql, capture_output=True, text=True, timeout=30)
    if done.returncode != 0:
        raise AssertionError(f"psql failed ({done.returncode}): {done.stderr.strip()}\n  query: {sql}")
    return done.stdout.strip()


# -- consumers (PowerDNS, Kamailio) -------------------------------------------------------------

CONSUMER_CTL = os.path.join(REPO, "scripts", "lib", "consumer-ctl")
CONSUMER_CTL_TIMEOUT = 60.0   # seconds; a start gives up by itself after 10 s, a stop after 10 s + SIGKILL


def consumer_ctl(*args):
    """scripts/lib/consumer-ctl ARGS: the one way to start and stop PowerDNS and Kamailio (the
    shell library scripts/run uses too), on the database scripts/test exports
    (NGNPRO_TEST_PG_PORT, NGNPRO_TEST_PG_DIR). Returns its KEY=VALUE lines as a dict; its
    messages go to our stderr."""
    for name in ("NGNPRO_TEST_PG_PORT", "NGNPRO_TEST_PG_DIR"):
        server_mod.required_env(name)
    done = subprocess.run([CONSUMER_CTL, *args], stdin=subprocess.DEVNULL, capture_output=True,
                          text=True, timeout=CONSUMER_CTL_TIMEOUT)
    sys.stderr.write(done.stderr)
    if done.returncode != 0:
        raise RuntimeError(f"consumer-ctl {' '.join(args)} failed with status {done.returncode}"
                           f" (its messages are above)")
    return dict(line.split("=", 1) for line in done.stdout.splitlines() if "=" in line)


def free_udp_port():
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pid_alive(pid):
    """The process exists and is not a zombie (a stopped consumer is reaped by init, later)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def print_file_tail(title, path, last_lines=60):
    if not os.path.exists(path):
        return
    with open(path, errors="replace") as f:
        lines = f.read().splitlines()
    print(f"----- {title} {path} (last {min(last_lines, len(lines))} lines) -----")
    for line in lines[-last_lines:]:
        print(line)
    print(f"----- end of {title} -----", flush=True)


class Consumer:
    """A program that consumer-ctl starts in a scratch directory of its own: Kamailio below,
    powerdns.PowerDNS. A subclass names it (NAME, as consumer-ctl does) and starts it with
    _start(options). The scratch directory goes at the end unless its log was printed."""

    NAME = None
    STOP_TIMEOUT = 10.0   # consumer-ctl's SIGTERM grace; past it, SIGKILL: a failure here

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix=f"ngnpro-e2e-{self.NAME}-")
        self.log_path = os.path.join(self.dir, f"{self.NAME}.log")
        self.pid = None
        self.start_seconds = None
        self._keep_files = False

    def _start(self, *options):
        """consumer-ctl start NAME DIR OPTIONS; returns its KEY=VALUE lines."""
        info = consumer_ctl("start", self.NAME, self.dir, *options)
        prefix = self.NAME.upper()
        self.pid = int(info[f"{prefix}_PID"])
        self.start_seconds = float(info[f"{prefix}_START_SECONDS"])
        return info

    def stop(self):
        """SIGTERM to its PID (Kamailio's main process stops its workers)."""
        if self.pid is None:
            return
        pid, self.pid = self.pid, None
        started = time.monotonic()
        consumer_ctl("stop", self.NAME, self.dir)
        if pid_alive(pid):
            raise AssertionError(f"{self.NAME} (pid {pid}) is still running after consumer-ctl stop")
        if time.monotonic() - started >= self.STOP_TIMEOUT:
            raise AssertionError(f"{self.NAME} (pid {pid}) ignored SIGTERM for {self.STOP_TIMEOUT:.0f} s"
                                 " and was killed")

    def print_log(self, last_lines=60):
        self._keep_files = True
        print_file_tail(f"{self.NAME} log", self.log_path, last_lines)

    def remove_files(self):
        if not self._keep_files:
            shutil.rmtree(self.dir, ignore_errors=True)

    def __enter__(self):
        # a failed start is stopped and its log tail printed by consumer-ctl; the files stay
        return self.start()

    def __exit__(self, exc_type, exc, tb):
        try:
            self.stop()
        finally:
            if exc_type is not None:
                self.print_log()
            self.remove_files()
        return False


class Kamailio(Consumer):
    """Kamailio 5.6 from a config template, on 127.0.0.1:<free UDP port>, reading the test
    database as role kamailio.

    with Kamailio(template) as kam:
        kam.sip_address             ("127.0.0.1", port)
        kam.reload_commands()       the [reload] section for ngnpro: {key: [command]}
    Kamailio(template, voicemail_uri="sip:voicemail@127.0.0.1:5999") sets the cfg's VOICEMAIL_URI.
        kam.pid, kam.dir, kam.start_seconds, kam.print_log()"""

    NAME = "kamailio"

    def __init__(self, template, voicemail_uri=None):
        super().__init__()
        self.template = template
        self.voicemail_uri = voicemail_uri   # None: consumers.sh's default
        self.port = None
        self._reload = {}

    @property
    def sip_address(self):
        return ("127.0.0.1", self.port)

    def reload_commands(self):
        return {key[len("RELOAD_"):].lower(): [command] for key, command in self._reload.items()}

    def start(self):
        options = ["--sip-port", "auto", "--template", self.template]
        if self.voicemail_uri:
            options += ["--voicemail-uri", self.voicemail_uri]
        info = self._start(*options)
        self.port = int(info["KAMAILIO_SIP_PORT"])
        self._reload = {key: value for key, value in info.items() if key.startswith("RELOAD_")}
        return self


def eventually(check, timeout=3.0, interval=0.1):
    """Call check() until it returns a true value or `timeout` seconds pass; returns
    (last value, seconds taken)."""
    started = time.monotonic()
    while True:
        value = check()
        if value or time.monotonic() - started >= timeout:
            return value, time.monotonic() - started
        time.sleep(interval)
