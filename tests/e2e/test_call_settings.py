#!/usr/bin/python3
"""Kamailio 5.6 obeys each SIP account's call settings (issue 11, api §8.11, §8.12).

Real calls with SIPp through Kamailio (config/kamailio/kamailio.cfg) reading schema kamailio as
role kamailio: the caller is a SIPp UAC that authenticates as its account; callees are SIPp UASs
registered (sipp/reg_ok.xml, the account's digest) on the port they then answer on; diversion
targets and the voicemail server are SIPp UASs on ports of their own. One call per rule.

Everything is provisioned over SOAP, as a CRM's settings page does it: accounts, aliases, and
the call settings (setCallDiversions, setAcceptRules, setRejectMembers, setBarringPrefixes,
addPhonebookEntry), which schema/019's triggers copy into the kamailio.ngn_* tables the cfg reads.

One PASS/FAIL line per case, then "N passed, N failed"; exit status 1 when anything failed.
"""

import datetime
import os
import re
import signal
import statistics
import subprocess
import time
import zoneinfo

import harness
import sipclient
from harness import runner

SIPP = "/usr/bin/sipp"
SIPP_DIR = os.path.join(harness.HERE, "sipp")
CALL_TIMEOUT = 20          # seconds a SIPp process may live
NO_ANSWER_SECONDS = 2      # the FNOA case's account timeout
LATENCY_CHANGES = 30       # setting changes timed by the latency case


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


# -- settings, through the Sip port ---------------------------------------------------------------

class Settings:
    """The subscriber's settings page: each call replaces the whole set, as CDRTool does."""

    def __init__(self, srv, domain):
        self.srv = srv
        self.domain = domain

    def _set(self, method, user, name, value, typed=None):
        harness.ok(self.srv, "Sip", method, [("sipId", harness.sip_id(user, self.domain)), (name, value)],
                   typed=typed)

    def diversions(self, user, **targets):
        """diversions(user, FUNC="sip:...", RBUS=...): the conditions not named are cleared."""
        self._set("setCallDiversions", user, "diversions", targets, typed={"diversions": "CallDiversions"})

    def accept_rules(self, user, persistent=(), temporary=None, minutes=0):
        """persistent: (days, "HH:MM", "HH:MM", [groups]) each; temporary: its groups, for `minutes`."""
        rules = {"persistent": [{"start": start, "stop": stop, "groups": list(groups), "days": days}
                                for days, start, stop, groups in persistent],
                 "temporary": {"groups": list(temporary or ["everybody"]), "duration": minutes}}
        self._set("setAcceptRules", user, "rules", rules, typed={"rules": "AcceptRules"})

    def reject(self, user, *callers):
        self._set("setRejectMembers", user, "members", list(callers))

    def barring(self, user, *prefixes):
        self._set("setBarringPrefixes", user, "prefixes", list(prefixes))

    def phonebook(self, user, uri, group):
        self._set("addPhonebookEntry", user, "entry", {"uri": uri, "name": uri, "group": group},
                  typed={"entry": "PhonebookEntry"})


class Context:
    def __init__(self, srv, kam, reseller, domain, voicemail_port):
        self.srv = srv
        self.kam = kam
        self.reseller = reseller
        self.domain = domain
        self.voicemail_port = voicemail_port
        self.settings = Settings(srv, domain)
        self.count = 0

    def name(self, what):
        self.count += 1
        return f"{what}{self.count}"

    def account(self, what="user", **extra):
        """A new SIP account over SOAP (extra: SipAccount members such as timeout, timezone);
        returns (username, password)."""
        username, password = self.name(what), f"Pw-{self.count}-call"
        harness.ok(self.srv, "Sip", "addAccount",
                   [("account", harness.sip_account(username, self.domain, password, **extra))],
                   typed={"account": "SipAccount"})
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


def check_accounted(ctx, callee, reason, target, missed=None):
    """Kamailio's accounting (acc, log backend) has the answered call to `callee`, diverted for
    `reason` to `target`, and, when `missed` is given, the branch that failed with that code."""
    def lines():
        with open(ctx.kam.log_path, errors="replace") as f:
            return [line.strip() for line in f if "ACC:" in line and f";dialled={callee};" in line]
    answered = "code=200;"
    found, _ = harness.eventually(lambda: [l for l in lines() if answered in l and f";divert={reason};" in l
                                           and l.endswith(f";target={target}")])
    assert found, f"no accounting line for the answered call to {callee} diverted ({reason}) to {target}: {lines()}"
    if missed is not None:
        assert any(f"code={missed};" in l for l in lines()), f"the {missed} branch is not accounted: {lines()}"


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
    check_accounted(ctx, callee, "unconditional", target.uri)


def func_forwards_to_the_target_with_diversion_header_and_callers_from_and_is_accounted(ctx):
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
    # as a CRM pastes it: display name, angle brackets, parameters, other case
    ctx.settings.reject(callee, f'"Pest" <SIP:{caller.upper()}@{ctx.domain};transport=udp>')
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


def fbus_forwards_on_486_the_caller_never_sees_it_and_both_branches_are_accounted(ctx):
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
    check_accounted(ctx, callee, "user-busy", target.uri, missed=486)


def rbus_answers_302_on_486_with_the_target_in_contact(ctx):
    caller, cpw = ctx.account("caller")
    callee, bpw = ctx.account("callee")
    busy = Phone(ctx, "uas_busy.xml", callee, bpw)
    ctx.settings.diversions(callee, RBUS="sip:busy-line@example.net")
    result = call(ctx, caller, cpw, callee)
    expect_code(result, 302, "RBUS")
    assert 486 not in result.codes, f"the caller saw the 486: {result.describe()}"
    contact = header(result.final, "Contact")
    assert contact == "<sip:busy-line@example.net>", f"302 Contact {contact!r}"
    assert busy.finish(), "the busy phone got no INVITE"


def fnoa_forwards_after_the_accounts_timeout(ctx):
    caller, cpw = ctx.account("caller")
    callee, bpw = ctx.account("callee", timeout=NO_ANSWER_SECONDS)
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


ACCEPT_TIMEZONE = "Asia/Kolkata"   # UTC+05:30: a window around UTC's "now" is outside its "now"


def window_around(minute):
    """("HH:MM", "HH:MM") covering [minute - 60, minute + 60), wrapping past midnight."""
    def hhmm(m):
        m %= 1440
        return f"{m // 60:02d}:{m % 60:02d}"
    return hhmm(minute - 60), hhmm(minute + 60)


def minute_now(timezone):
    now = datetime.datetime.now(zoneinfo.ZoneInfo(timezone))
    return now.hour * 60 + now.minute


def start_voicemail(ctx):
    """The platform's voicemail server (kamailio's VOICEMAIL_URI): a SIPp UAS on its port."""
    voicemail = Phone.__new__(Phone)
    voicemail.ctx, voicemail.port = ctx, ctx.voicemail_port
    voicemail.messages_path = os.path.join(ctx.kam.dir, f"voicemail-{ctx.count}.log")
    voicemail.process = subprocess.Popen(sipp_command(ctx, "uas_answer.xml", ctx.voicemail_port,
                                                      voicemail.messages_path),
                                         cwd=ctx.kam.dir, stdin=subprocess.DEVNULL,
                                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(0.2)
    return voicemail


def accept_rule_outside_its_hours_in_the_accounts_timezone_sends_the_call_to_funv(ctx):
    caller, cpw = ctx.account("caller")
    callee, bpw = ctx.account("callee", timezone=ACCEPT_TIMEZONE)
    phone = Phone(ctx, "uas_answer.xml", callee, bpw)
    # every day, during the two hours around UTC's current time: not now in the account's timezone
    ctx.settings.accept_rules(callee, [(127, *window_around(minute_now("UTC")), ["everybody"])])
    voicemail = start_voicemail(ctx)
    expect_code(call(ctx, caller, cpw, callee), 480, "refused by the accept rules, no FUNV")
    ctx.settings.diversions(callee, FUNV="<voice-mailbox>")
    expect_code(call(ctx, caller, cpw, callee), 200, "FUNV to <voice-mailbox>")
    invite = check_diverted(voicemail, callee, ctx.domain, caller, "do-not-disturb")
    request_uri = invite.splitlines()[0].split()[1]
    assert request_uri == f"sip:{callee}@127.0.0.1:{ctx.voicemail_port}", \
        f"<voice-mailbox> reached {request_uri}, expected the callee's box sip:{callee}@127.0.0.1:{ctx.voicemail_port}"
    assert not phone.finish(expect_call=False), "the callee's phone rang outside its accept hours"

    ctx.settings.accept_rules(callee, [(127, *window_around(minute_now(ACCEPT_TIMEZONE)), ["everybody"])])
    phone = Phone(ctx, "uas_answer.xml", callee, bpw)
    expect_code(call(ctx, caller, cpw, callee), 200, "inside the accept hours of the account's timezone")
    assert phone.finish(), "the callee's phone did not ring inside its accept hours"


def accept_rule_for_a_phonebook_group_admits_only_its_members(ctx):
    friend, fpw = ctx.account("friend")
    stranger, spw = ctx.account("stranger")
    callee, bpw = ctx.account("callee")
    ctx.settings.phonebook(callee, f"sip:{friend}@{ctx.domain}", "friends")
    ctx.settings.accept_rules(callee, [(127, "00:00", "24:00", ["friends"])])
    target = Phone(ctx, "uas_answer.xml")
    ctx.settings.diversions(callee, FUNV=target.uri)
    phone = Phone(ctx, "uas_answer.xml", callee, bpw)
    expect_code(call(ctx, caller=friend, password=fpw, dialled=callee), 200, "a caller in the group")
    assert phone.finish(), "the callee's phone did not ring for a caller in the admitted group"
    expect_code(call(ctx, caller=stranger, password=spw, dialled=callee), 200, "FUNV for a caller outside it")
    check_diverted(target, callee, ctx.domain, stranger, "do-not-disturb")


def temporary_do_not_disturb_refuses_with_480_until_it_is_switched_off(ctx):
    caller, cpw = ctx.account("caller")
    callee, bpw = ctx.account("callee")
    ctx.settings.accept_rules(callee, temporary=["nobody"], minutes=10)
    expect_code(call(ctx, caller, cpw, callee), 480, "temporary do-not-disturb")
    ctx.settings.accept_rules(callee, temporary=["everybody"], minutes=0)   # CDRTool's "off"
    phone = Phone(ctx, "uas_answer.xml", callee, bpw)
    expect_code(call(ctx, caller, cpw, callee), 200, "after do-not-disturb was switched off")
    assert phone.finish(), "the callee's phone got no INVITE after do-not-disturb ended"


def changed_setting_applies_to_the_next_call(ctx):
    """Time from the SOAP reply of setCallDiversions to the first call that obeys it (RUNC to a
    new target each time): the cfg queries per call, so it is the next call. The calls come from
    sipclient.invite (raw UDP, digest answered), which starts no process per call as SIPp does;
    bench/run_sip_settings measures the same over 100 changes."""
    caller, cpw = ctx.account("caller")
    callee, _ = ctx.account("callee")
    latencies = []
    for i in range(LATENCY_CHANGES):
        target = f"sip:change{i}@example.net"
        ctx.settings.diversions(callee, RUNC=target)
        replied = time.monotonic()
        while True:
            result = sipclient.invite(ctx.kam.sip_address, caller, ctx.domain, cpw, callee)
            if result.code == 302 and result.header("Contact") == f"<{target}>":
                break
            assert time.monotonic() - replied < 5, f"change {i} not obeyed after 5 s: {result.status_line}"
        latencies.append(time.monotonic() - replied)
    latencies.sort()
    p50 = statistics.median(latencies)
    p99 = latencies[min(len(latencies) - 1, int(round(0.99 * (len(latencies) - 1))))]
    print(f"    SOAP reply -> first obeying call: {len(latencies)} changes, p50 {p50 * 1000:.1f} ms,"
          f" p99 {p99 * 1000:.1f} ms, max {latencies[-1] * 1000:.1f} ms (target < 1000 ms)", flush=True)
    assert p99 < 1.0, f"p99 {p99:.3f} s is over the 1 s target"


CASES = [
    plain_call_rings_the_registered_callee,
    func_forwards_to_the_target_with_diversion_header_and_callers_from_and_is_accounted,
    func_applies_to_a_call_to_an_alias_of_the_account,
    runc_answers_302_with_the_target_in_contact,
    barred_prefix_answers_403_also_when_dialled_with_00,
    rejected_caller_gets_603_and_the_phone_does_not_ring,
    fnol_forwards_when_the_callee_is_not_registered,
    fbus_forwards_on_486_the_caller_never_sees_it_and_both_branches_are_accounted,
    rbus_answers_302_on_486_with_the_target_in_contact,
    fnoa_forwards_after_the_accounts_timeout,
    accept_rule_outside_its_hours_in_the_accounts_timezone_sends_the_call_to_funv,
    accept_rule_for_a_phonebook_group_admits_only_its_members,
    temporary_do_not_disturb_refuses_with_480_until_it_is_switched_off,
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

    domain = f"calls-{tag}.e2e.example"
    reseller = harness.provision_reseller_domain(args, f"e2e-calls-{tag}", domain)
    voicemail_port = harness.free_udp_port()
    with harness.Kamailio(args.kamailio_cfg, voicemail_uri=f"sip:voicemail@127.0.0.1:{voicemail_port}") as kam:
        print(f"kamailio pid {kam.pid} on udp 127.0.0.1:{kam.port}, ready in {kam.start_seconds:.2f} s",
              flush=True)
        with harness.NgnproServer(args.server, args.wsdl_dir, args.dsn, reload=kam.reload_commands()) as srv:
            ctx = Context(srv, kam, reseller, domain, voicemail_port)
            harness.run_cases(results, CASES, ctx, srv, kam)
    print(f"whole run {harness.elapsed(started)}", flush=True)
    return results.finish()


if __name__ == "__main__":
    runner.main_guard(run)
