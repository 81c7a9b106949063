#!/usr/bin/python3
"""Kamailio 5.6 obeys each SIP account's call settings (issue 11, api §8.11, §8.12).

Real calls with SIPp through Kamailio (config/kamailio/kamailio.cfg) reading schema kamailio as
role kamailio: the caller is a SIPp UAC that authenticates as its account; callees are SIPp UASs
registered (sipp/reg_ok.xml, the account's digest) on the port they then answer on; diversion
targets and the voicemail server are SIPp UASs on ports of their own. One call per rule.

Accounts, domains and aliases are provisioned over SOAP. The call settings are written as
superuser into the kamailio.ngn_* tables of the sipset/kam contract until the Sip port's set...
methods exist (branch sip-settings); without schema/019 the tables and functions come from
tests/e2e/sql/contract_scratch.sql (SCRATCH), dropped again at the end.

One PASS/FAIL line per case, then "N passed, N failed"; exit status 1 when anything failed.
"""

import datetime
import os
import re
import signal
import statistics
import subprocess
import tempfile
import time

import harness
from harness import runner

SIPP = "/usr/bin/sipp"
SQL_DIR = os.path.join(harness.HERE, "sql")
SIPP_DIR = os.path.join(harness.HERE, "sipp")
CALL_TIMEOUT = 20          # seconds a SIPp process may live
NO_ANSWER_SECONDS = 2      # the FNOA case's account timeout
LATENCY_CHANGES = 30       # setting changes timed by the latency case


def superuser_dsn():
    return harness.server_mod.required_env("NGNPRO_TEST_PG_SUPERUSER_DSN")


def sql(statement, **variables):
    """As superuser (the contract tables are written only by triggers, and by this test until the
    set... methods exist)."""
    return harness.psql_value(superuser_dsn(), statement, **variables)


def sql_file(path):
    done = subprocess.run(["psql", superuser_dsn(), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-f", path],
                          capture_output=True, text=True, timeout=60)
    if done.returncode != 0:
        raise AssertionError(f"psql -f {path} failed: {done.stderr.strip()}")


# -- SIPp ---------------------------------------------------------------------------------------

def sipp_command(ctx, scenario, port, message_file, *extra):
    return [SIPP, f"{ctx.kam.sip_address[0]}:{ctx.kam.sip_address[1]}",
            "-sf", os.path.join(SIPP_DIR, scenario), "-m", "1", "-i", "127.0.0.1", "-p", str(port),
            "-mp", str(harness.free_udp_port()), "-key", "domain", ctx.domain,
            "-timeout", f"{CALL_TIMEOUT}s", "-timeout_error", "-nostdin",
            "-trace_msg", "-message_file", message_file, *extra]


def received(message_file):
    """The SIP messages SIPp received, in order (its -trace_msg file)."""
    if not os.path.exists(message_file):
        return []
    with open(message_file, errors="replace") as f:
        text = f.read()
    chunks = re.split(r"^-{10,}.*$", text, flags=re.M)
    messages = []
    for chunk in chunks:
        m = re.search(r"message received \[\d+\] bytes :\s*\n\s*\n?(.*)", chunk, flags=re.S)
        if m:
            messages.append(m.group(1).strip())
    return messages


def header(message, name):
    m = re.search(rf"^{re.escape(name)}\s*:\s*(.*?)\r?$", message, flags=re.M | re.I)
    return m.group(1).strip() if m else None


class Phone:
    """A SIPp UAS (uas_answer.xml, uas_busy.xml, uas_noanswer.xml) on a port of its own;
    registered as `user` first when given."""

    def __init__(self, ctx, scenario, user=None, password=None):
        self.ctx = ctx
        self.port = harness.free_udp_port()
        self.messages_path = os.path.join(ctx.kam.dir, f"uas-{self.port}.log")
        if user:
            register = subprocess.run(
                sipp_command(ctx, "reg_ok.xml", self.port, os.path.join(ctx.kam.dir, f"reg-{self.port}.log"),
                             "-s", user, "-au", user, "-ap", password),
                cwd=ctx.kam.dir, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=30)
            assert register.returncode == 0, f"sipp reg_ok.xml as {user}: exit {register.returncode}"
        self.process = subprocess.Popen(sipp_command(ctx, scenario, self.port, self.messages_path),
                                        cwd=ctx.kam.dir, stdin=subprocess.DEVNULL,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(0.2)   # bound before the call comes

    @property
    def uri(self):
        return f"sip:target@127.0.0.1:{self.port}"

    def invites(self):
        return [m for m in received(self.messages_path) if m.startswith("INVITE ")]

    def finish(self, expect_call=True):
        """Waits for the scenario's end when a call was expected, else stops it (our own PID)."""
        if expect_call:
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                pass
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.invites()


class Call:
    def __init__(self, messages, seconds):
        self.messages = messages
        self.seconds = seconds
        finals = [m for m in messages if re.match(r"SIP/2\.0 [2-6]\d\d", m) and "INVITE" in (header(m, "CSeq") or "")
                  and not m.startswith("SIP/2.0 407")]
        self.final = finals[-1] if finals else None
        self.code = int(self.final.split()[1]) if self.final else None
        self.codes = [int(m.split()[1]) for m in messages if m.startswith("SIP/2.0 ")]

    def describe(self):
        return f"answers {self.codes} (final {self.final.splitlines()[0] if self.final else None})"


def call(ctx, caller, password, dialled):
    """One call from `caller` to sip:<dialled>@<domain>; returns what the caller received."""
    path = os.path.join(ctx.kam.dir, f"call-{ctx.name('c')}.log")
    started = time.monotonic()
    done = subprocess.run(sipp_command(ctx, "call_uac.xml", harness.free_udp_port(), path,
                                       "-s", dialled, "-key", "caller", caller, "-au", caller, "-ap", password),
                          cwd=ctx.kam.dir, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                          timeout=CALL_TIMEOUT + 10)
    seconds = time.monotonic() - started
    result = Call(received(path), seconds)
    assert done.returncode == 0, (f"sipp call_uac.xml {caller} -> {dialled}: exit {done.returncode}, "
                                  f"{result.describe()}\n" + (done.stdout + done.stderr)[-1200:])
    return result


def expect_code(result, code, what):
    assert result.code == code, f"{what}: expected {code}, {result.describe()}"


# -- settings (SQL into the contract tables until the SOAP methods exist) ------------------------

class Settings:
    def __init__(self, domain):
        self.domain = domain

    def account_id(self, user):
        value = sql("SELECT a.id FROM ngnpro.sip_accounts a JOIN ngnpro.sip_domains d ON d.id = a.domain_id"
                    " WHERE a.username = :'u' AND d.domain = :'d'", u=user, d=self.domain)
        assert value, f"no ngnpro.sip_accounts row for {user}@{self.domain}"
        return value

    def routing(self, user, timeout=0, timezone="", temp_groups=None, temp_minutes=0):
        temp = "NULL" if temp_groups is None else "ARRAY[" + ",".join(f"'{g}'" for g in temp_groups) + "]"
        sql(f"INSERT INTO kamailio.ngn_account_routing AS r (ngn_account_id, username, domain, timezone,"
            f" no_answer_timeout, temp_groups, temp_until)"
            f" VALUES (:'id', :'u', :'d', :'tz', :'t', {temp}, now() + make_interval(mins => :'m'))"
            f" ON CONFLICT (ngn_account_id) DO UPDATE SET timezone = excluded.timezone,"
            f" no_answer_timeout = excluded.no_answer_timeout, temp_groups = excluded.temp_groups,"
            f" temp_until = excluded.temp_until",
            id=self.account_id(user), u=user, d=self.domain, tz=timezone, t=timeout, m=temp_minutes)

    def diversions(self, user, **targets):
        """diversions(user, FUNC="sip:...", RBUS=...): the whole set replaced, as setCallDiversions."""
        account = self.account_id(user)
        values = ",".join(f"(:'id', :'u', :'d', '{key[1:]}', {str(key[0] == 'R').lower()}, :'t{i}')"
                          for i, key in enumerate(targets))
        statement = "BEGIN; DELETE FROM kamailio.ngn_diversions WHERE ngn_account_id = :'id';"
        if targets:
            statement += (" INSERT INTO kamailio.ngn_diversions (ngn_account_id, username, domain, condition,"
                          f" redirect, target) VALUES {values};")
        sql(statement + " COMMIT;", id=account, u=user, d=self.domain,
            **{f"t{i}": target for i, target in enumerate(targets.values())})

    def accept_rule(self, user, days, start_minute, stop_minute, groups):
        sql("INSERT INTO kamailio.ngn_accept_rules (ngn_account_id, username, domain, days, start_minute,"
            " stop_minute, groups) VALUES (:'id', :'u', :'d', :'days', :'a', :'b', string_to_array(:'g', ','))",
            id=self.account_id(user), u=user, d=self.domain, days=days, a=start_minute, b=stop_minute,
            g=",".join(groups))

    def reject(self, user, caller_uri):
        sql("INSERT INTO kamailio.ngn_reject_members (ngn_account_id, username, domain, caller)"
            " VALUES (:'id', :'u', :'d', :'c')", id=self.account_id(user), u=user, d=self.domain, c=caller_uri)

    def barring(self, user, prefix):
        sql("INSERT INTO kamailio.ngn_barring_prefixes (ngn_account_id, username, domain, prefix)"
            " VALUES (:'id', :'u', :'d', :'p')", id=self.account_id(user), u=user, d=self.domain, p=prefix)


class Context:
    def __init__(self, srv, kam, reseller, domain, voicemail_port):
        self.srv = srv
        self.kam = kam
        self.reseller = reseller
        self.domain = domain
        self.voicemail_port = voicemail_port
        self.settings = Settings(domain)
        self.count = 0
        self.latencies = []

    def name(self, what):
        self.count += 1
        return f"{what}{self.count}"

    def account(self, what="user"):
        """A new SIP account over SOAP, with its routing row; returns (username, password)."""
        username, password = self.name(what), f"Pw-{self.count}-call"
        harness.ok(self.srv, "Sip", "addAccount",
                   [("account", harness.sip_account(username, self.domain, password))],
                   typed={"account": "SipAccount"})
        self.settings.routing(username)
        return username, password


def check_diverted(phone, callee, domain, caller, reason):
    invites = phone.finish()
    assert invites, "the diversion target received no INVITE"
    invite = invites[0]
    diversion = header(invite, "Diversion") or ""
    assert f"<sip:{callee}@{domain}>" in diversion and f"reason={reason}" in diversion, \
        f"Diversion header {diversion!r}, expected <sip:{callee}@{domain}>;reason={reason}"
    source = header(invite, "From") or ""
    assert f"sip:{caller}@{domain}" in source, f"the forwarded INVITE's From is {source!r}, not the caller's"
    return invite


# -- the cases --------------------------------------------------------------------------------------

def plain_call_rings_the_registered_callee(ctx):
    caller, cpw = ctx.account("caller")
    callee, bpw = ctx.account("callee")
    phone = Phone(ctx, "uas_answer.xml", callee, bpw)
    result = call(ctx, caller, cpw, callee)
    expect_code(result, 200, "a call without settings")
    assert phone.finish(), "the callee's phone got no INVITE"


def func_call(ctx, dial_alias):
    """A FUNC call to the callee, or to a new alias of it: the target answers."""
    caller, cpw = ctx.account("caller")
    callee, _ = ctx.account("callee")
    dialled = callee
    if dial_alias:
        dialled = ctx.name("alias")
        harness.ok(ctx.srv, "Sip", "addAlias",
                   [("alias", {"id": harness.sip_id(dialled, ctx.domain),
                               "target": harness.sip_id(callee, ctx.domain), "owner": 0})],
                   typed={"alias": "SipAlias"})
    target = Phone(ctx, "uas_answer.xml")
    ctx.settings.diversions(callee, FUNC=target.uri)
    expect_code(call(ctx, caller, cpw, dialled), 200, f"FUNC, dialled {dialled}")
    check_diverted(target, callee, ctx.domain, caller, "unconditional")


def func_forwards_to_the_target_with_diversion_header_and_callers_from(ctx):
    func_call(ctx, dial_alias=False)


def func_applies_to_a_call_to_an_alias_of_the_account(ctx):
    func_call(ctx, dial_alias=True)


def runc_answers_302_with_the_target_in_contact(ctx):
    caller, cpw = ctx.account("caller")
    callee, _ = ctx.account("callee")
    ctx.settings.diversions(callee, RUNC="sip:elsewhere@example.net")
    result = call(ctx, caller, cpw, callee)
    expect_code(result, 302, "RUNC")
    contact = header(result.final, "Contact")
    assert contact == "<sip:elsewhere@example.net>", f"302 Contact {contact!r}"


def barred_prefix_answers_403_also_when_dialled_with_00(ctx):
    caller, cpw = ctx.account("caller")
    ctx.settings.barring(caller, "+3190")
    expect_code(call(ctx, caller, cpw, "+31901234567"), 403, "a barred +number")
    expect_code(call(ctx, caller, cpw, "0031901234567"), 403, "a barred number dialled with 00")
    other = call(ctx, caller, cpw, "+31201234567")
    assert other.code != 403, f"a number outside the barred prefix was refused too: {other.describe()}"


def rejected_caller_gets_603_and_the_phone_does_not_ring(ctx):
    caller, cpw = ctx.account("caller")
    callee, bpw = ctx.account("callee")
    phone = Phone(ctx, "uas_answer.xml", callee, bpw)
    ctx.settings.reject(callee, f"sip:{caller}@{ctx.domain}")
    expect_code(call(ctx, caller, cpw, callee), 603, "a caller on the reject list")
    assert not phone.finish(expect_call=False), "the callee's phone rang although the caller is rejected"


def fnol_forwards_when_the_callee_is_not_registered(ctx):
    caller, cpw = ctx.account("caller")
    callee, _ = ctx.account("callee")
    expect_code(call(ctx, caller, cpw, callee), 480, "an unregistered callee without FNOL")
    target = Phone(ctx, "uas_answer.xml")
    ctx.settings.diversions(callee, FNOL=target.uri)
    expect_code(call(ctx, caller, cpw, callee), 200, "FNOL")
    check_diverted(target, callee, ctx.domain, caller, "unavailable")


def fbus_forwards_on_486_and_the_caller_never_sees_it(ctx):
    caller, cpw = ctx.account("caller")
    callee, bpw = ctx.account("callee")
    busy = Phone(ctx, "uas_busy.xml", callee, bpw)
    target = Phone(ctx, "uas_answer.xml")
    ctx.settings.diversions(callee, FBUS=target.uri)
    result = call(ctx, caller, cpw, callee)
    expect_code(result, 200, "FBUS")
    assert 486 not in result.codes, f"the caller saw the 486: {result.describe()}"
    assert busy.finish(), "the busy phone got no INVITE"
    check_diverted(target, callee, ctx.domain, caller, "user-busy")


def fnoa_forwards_after_the_accounts_timeout(ctx):
    caller, cpw = ctx.account("caller")
    callee, bpw = ctx.account("callee")
    ctx.settings.routing(callee, timeout=NO_ANSWER_SECONDS)
    ringing = Phone(ctx, "uas_noanswer.xml", callee, bpw)
    target = Phone(ctx, "uas_answer.xml")
    ctx.settings.diversions(callee, FNOA=target.uri)
    result = call(ctx, caller, cpw, callee)
    expect_code(result, 200, "FNOA")
    assert NO_ANSWER_SECONDS <= result.seconds < NO_ANSWER_SECONDS + 5, \
        f"the call took {result.seconds:.2f} s, the account's timeout is {NO_ANSWER_SECONDS} s"
    assert ringing.finish(), "the callee's phone never rang"
    check_diverted(target, callee, ctx.domain, caller, "no-answer")
    print(f"    answered by the FNOA target after {result.seconds:.2f} s (timeout {NO_ANSWER_SECONDS} s)",
          flush=True)


def accept_rule_outside_its_hours_sends_the_call_to_funv_voice_mailbox(ctx):
    caller, cpw = ctx.account("caller")
    callee, bpw = ctx.account("callee")
    phone = Phone(ctx, "uas_answer.xml", callee, bpw)
    now = datetime.datetime.now(datetime.timezone.utc)
    minute = now.hour * 60 + now.minute
    # every day, in a window that does not hold the next minutes (the account's timezone is UTC)
    start, stop = (720, 1440) if minute < 700 else (0, 700) if minute >= 740 else (800, 1440)
    ctx.settings.accept_rule(callee, 127, start, stop, ["everybody"])
    voicemail = Phone.__new__(Phone)
    voicemail.ctx, voicemail.port = ctx, ctx.voicemail_port
    voicemail.messages_path = os.path.join(ctx.kam.dir, f"voicemail-{ctx.count}.log")
    voicemail.process = subprocess.Popen(sipp_command(ctx, "uas_answer.xml", ctx.voicemail_port,
                                                      voicemail.messages_path),
                                         cwd=ctx.kam.dir, stdin=subprocess.DEVNULL,
                                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(0.2)
    expect_code(call(ctx, caller, cpw, callee), 480, "refused by the accept rules, no FUNV")
    ctx.settings.diversions(callee, FUNV="<voice-mailbox>")
    expect_code(call(ctx, caller, cpw, callee), 200, "FUNV to <voice-mailbox>")
    invite = check_diverted(voicemail, callee, ctx.domain, caller, "do-not-disturb")
    request_uri = invite.splitlines()[0].split()[1]
    assert request_uri == f"sip:{callee}@127.0.0.1:{ctx.voicemail_port}", \
        f"<voice-mailbox> reached {request_uri}, expected the callee's box sip:{callee}@127.0.0.1:{ctx.voicemail_port}"
    assert not phone.finish(expect_call=False), "the callee's phone rang outside its accept hours"


def temporary_do_not_disturb_refuses_with_480_until_it_ends(ctx):
    caller, cpw = ctx.account("caller")
    callee, bpw = ctx.account("callee")
    ctx.settings.routing(callee, temp_groups=["nobody"], temp_minutes=10)
    expect_code(call(ctx, caller, cpw, callee), 480, "temporary do-not-disturb")
    ctx.settings.routing(callee, temp_groups=["nobody"], temp_minutes=-1)   # ended a minute ago
    phone = Phone(ctx, "uas_answer.xml", callee, bpw)
    expect_code(call(ctx, caller, cpw, callee), 200, "after the temporary rule ended")
    assert phone.finish(), "the callee's phone got no INVITE after do-not-disturb ended"


def changed_setting_applies_to_the_next_call(ctx):
    """Time from the commit of a changed diversion to the end of the first call that obeys it
    (RUNC alternating between two targets): the cfg queries per call, so it is the next call."""
    caller, cpw = ctx.account("caller")
    callee, _ = ctx.account("callee")
    latencies = []
    for i in range(LATENCY_CHANGES):
        target = f"sip:change{i}@example.net"
        ctx.settings.diversions(callee, RUNC=target)
        committed = time.monotonic()
        while True:
            result = call(ctx, caller, cpw, callee)
            if result.code == 302 and header(result.final, "Contact") == f"<{target}>":
                break
            assert time.monotonic() - committed < 5, f"change {i} not obeyed after 5 s: {result.describe()}"
        latencies.append(time.monotonic() - committed)
    latencies.sort()
    p50 = statistics.median(latencies)
    p99 = latencies[min(len(latencies) - 1, int(round(0.99 * (len(latencies) - 1))))]
    print(f"    change -> first obeying call: {len(latencies)} changes, p50 {p50 * 1000:.0f} ms,"
          f" p99 {p99 * 1000:.0f} ms, max {latencies[-1] * 1000:.0f} ms (target < 1000 ms;"
          " from the SQL commit: no SOAP set... method yet)", flush=True)
    assert p99 < 1.0, f"p99 {p99:.3f} s is over the 1 s target"


CASES = [
    plain_call_rings_the_registered_callee,
    func_forwards_to_the_target_with_diversion_header_and_callers_from,
    func_applies_to_a_call_to_an_alias_of_the_account,
    runc_answers_302_with_the_target_in_contact,
    barred_prefix_answers_403_also_when_dialled_with_00,
    rejected_caller_gets_603_and_the_phone_does_not_ring,
    fnol_forwards_when_the_callee_is_not_registered,
    fbus_forwards_on_486_and_the_caller_never_sees_it,
    fnoa_forwards_after_the_accounts_timeout,
    accept_rule_outside_its_hours_sends_the_call_to_funv_voice_mailbox,
    temporary_do_not_disturb_refuses_with_480_until_it_ends,
    changed_setting_applies_to_the_next_call,
]


def run():
    args = harness.parse_args(__doc__.splitlines()[0])
    harness.stop_on_sigterm()
    started = time.monotonic()
    results = runner.Results()
    tag = harness.run_tag()
    harness.server_mod.reset_database(args.dsn)
    if not os.access(SIPP, os.X_OK):
        results.fail("sipp is installed", f"{SIPP} not found (Debian package sip-tester)")
        return results.finish()

    scratch = sql("SELECT to_regclass('kamailio.ngn_account_routing') IS NULL") == "t"
    if scratch:
        sql_file(os.path.join(SQL_DIR, "contract_scratch.sql"))
    try:
        domain = f"calls-{tag}.e2e.example"
        reseller = harness.provision_reseller_domain(args, f"e2e-calls-{tag}", domain)
        voicemail_port = harness.free_udp_port()
        with harness.Kamailio(args.kamailio_cfg, voicemail_uri=f"sip:voicemail@127.0.0.1:{voicemail_port}") as kam:
            print(f"kamailio pid {kam.pid} on udp 127.0.0.1:{kam.port}, ready in {kam.start_seconds:.2f} s"
                  f"{' (contract tables from the SCRATCH sql)' if scratch else ''}", flush=True)
            with harness.NgnproServer(args.server, args.wsdl_dir, args.dsn, reload=kam.reload_commands()) as srv:
                ctx = Context(srv, kam, reseller, domain, voicemail_port)
                for case in CASES:
                    results.run(runner.test_name(case), case, ctx)
                if results.failed:
                    srv.print_log()
                    kam.print_log(200)
    finally:
        if scratch:
            sql_file(os.path.join(SQL_DIR, "contract_scratch_drop.sql"))
    print(f"whole run {harness.elapsed(started)}", flush=True)
    return results.finish()


if __name__ == "__main__":
    runner.main_guard(run)
