"""What the end-to-end tests share: the wire tests' support package (ngnpro server, PEAR-style
envelopes, result bookkeeping), plus an ngnpro server with a [reload] section, a Kamailio 5.6
process made from config/kamailio/kamailio.cfg, SOAP calls that fail with a readable message,
and read-only psql queries.
"""

import argparse
import os
import shutil
import signal
import socket
import string
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
KAMAILIO = "/usr/sbin/kamailio"
KAMCMD = "/usr/sbin/kamcmd"
KAMAILIO_START_TIMEOUT = 10.0  # seconds until kamcmd core.uptime answers
KAMAILIO_STOP_TIMEOUT = 5.0
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


# -- Kamailio ------------------------------------------------------------------------------------

class CfgTemplate(string.Template):
    """Only ${UPPER_CASE} placeholders; $ru, $avp(x), $var(x) ... are Kamailio's and stay."""
    idpattern = r"(?!)"
    braceidpattern = r"[A-Z][A-Z0-9_]*"
    flags = 0


def render_kamailio_cfg(template_path, **values):
    with open(template_path) as f:
        text = CfgTemplate(f.read()).safe_substitute(values)
    if "${" in text:
        line = next(line for line in text.splitlines() if "${" in line)
        raise RuntimeError(f"{template_path}: placeholder without a value: {line.strip()}")
    return text


def free_udp_port():
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def kamailio_db_url():
    """postgres://kamailio:<pw>@127.0.0.1:<port>/ngnpro, from what scripts/test exports."""
    port = server_mod.required_env("NGNPRO_TEST_PG_PORT")
    pg_dir = server_mod.required_env("NGNPRO_TEST_PG_DIR")
    password_file = os.path.join(pg_dir, "kamailio.password")
    if not os.path.exists(password_file):
        raise RuntimeError(f"{password_file} is missing: the test database has no 'kamailio' role"
                           " (scripts/lib/pg.sh NGNPRO_CONSUMER_ROLES)")
    with open(password_file) as f:
        password = f.read().strip()
    return f"postgres://kamailio:{password}@127.0.0.1:{port}/ngnpro"


class Kamailio:
    """A Kamailio on 127.0.0.1:<free UDP port>, run in the foreground (-DD) so that its PID is
    the main process, which stops its children when it gets SIGTERM.

    with Kamailio(template, db_url) as kam:
        kam.sip_address             ("127.0.0.1", port)
        kam.reload_commands()       the [reload] section for ngnpro
    The scratch directory (config, log, ctl socket) is removed unless the log was printed."""

    def __init__(self, template, db_url):
        self.template = template
        self.db_url = db_url
        self.dir = tempfile.mkdtemp(prefix="ngnpro-e2e-kamailio-")
        self.port = free_udp_port()
        self.ctl = f"unix:{self.dir}/kamailio_ctl"
        self.config_path = os.path.join(self.dir, "kamailio.cfg")
        self.log_path = os.path.join(self.dir, "kamailio.log")
        self.process = None
        self.start_seconds = None
        self._log = None
        self._keep_files = False

    @property
    def sip_address(self):
        return ("127.0.0.1", self.port)

    def kamcmd_command(self, rpc):
        return f"{KAMCMD} -s {self.ctl} {rpc}"

    def reload_commands(self):
        return {"kamailio_domain": [self.kamcmd_command("domain.reload")],
                "kamailio_trusted": [self.kamcmd_command("permissions.trustedReload")],
                "kamailio_address": [self.kamcmd_command("permissions.addressReload")]}

    def kamcmd(self, *rpc, timeout=5.0):
        return subprocess.run([KAMCMD, "-s", self.ctl, *rpc], capture_output=True, text=True,
                              timeout=timeout)

    def start(self):
        for binary in (KAMAILIO, KAMCMD):
            if not os.access(binary, os.X_OK):
                raise RuntimeError(f"{binary} not found (Debian packages kamailio, kamailio-postgres-modules)")
        with open(self.config_path, "w") as f:
            f.write(render_kamailio_cfg(self.template, DB_URL=self.db_url, SIP_PORT=str(self.port),
                                        RUN_DIR=self.dir))
        started = time.monotonic()
        self._log = open(self.log_path, "wb")
        self.process = subprocess.Popen([KAMAILIO, "-f", self.config_path, "-DD", "-E", "-m", "64", "-M", "8"],
                                        stdout=self._log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        deadline = started + KAMAILIO_START_TIMEOUT
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"kamailio exited with {self.process.returncode} while starting"
                                   " (database unreachable, a table or its version row missing?)")
            if os.path.exists(f"{self.dir}/kamailio_ctl") and self.kamcmd("core.uptime").returncode == 0:
                break
            if time.monotonic() > deadline:
                raise RuntimeError(f"kamcmd core.uptime did not answer within {KAMAILIO_START_TIMEOUT:.0f} s")
            time.sleep(0.05)
        self.start_seconds = time.monotonic() - started
        return self

    def stop(self):
        """SIGTERM to the main PID; after KAMAILIO_STOP_TIMEOUT, SIGKILL to it and its children."""
        if self.process is None or self.process.poll() is not None:
            self._close_log()
            return
        children = self._children()
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(KAMAILIO_STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            for pid in [self.process.pid] + children:
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            self.process.wait()
            self._close_log()
            raise AssertionError(f"kamailio did not stop within {KAMAILIO_STOP_TIMEOUT:.0f} s of SIGTERM")
        self._close_log()

    def _children(self):
        """PIDs whose parent is the main process (Kamailio's workers), from /proc."""
        pids = []
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    with open(f"/proc/{entry}/stat") as f:
                        fields = f.read().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                if int(fields[1]) == self.process.pid:
                    pids.append(int(entry))
        return pids

    def _close_log(self):
        if self._log is not None:
            self._log.close()
            self._log = None

    def print_log(self, last_lines=60):
        if not os.path.exists(self.log_path):
            return
        with open(self.log_path, errors="replace") as f:
            lines = f.read().splitlines()
        self._keep_files = True
        print(f"----- kamailio log {self.log_path} (last {min(last_lines, len(lines))} lines) -----")
        for line in lines[-last_lines:]:
            print(line)
        print("----- end of kamailio log -----", flush=True)

    def __enter__(self):
        try:
            return self.start()
        except BaseException:
            self.stop()
            self.print_log()
            raise

    def __exit__(self, exc_type, exc, tb):
        try:
            self.stop()
        finally:
            if exc_type is not None:
                self.print_log()
            if not self._keep_files:
                shutil.rmtree(self.dir, ignore_errors=True)
        return False


def eventually(check, timeout=3.0, interval=0.1):
    """Call check() until it returns a true value or `timeout` seconds pass; returns
    (last value, seconds taken)."""
    started = time.monotonic()
    while True:
        value = check()
        if value or time.monotonic() - started >= timeout:
            return value, time.monotonic() - started
        time.sleep(interval)
