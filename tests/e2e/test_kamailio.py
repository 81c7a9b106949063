#!/usr/bin/python3
"""Kamailio 5.6 uses what ngnpro provisions.

Everything is provisioned through the SOAP API (never SQL); Kamailio (config/kamailio/kamailio.cfg)
reads schema kamailio of the test database as role kamailio; SIP traffic comes from sipclient.py
and sipp. Order: the database (scripts/test), a first ngnpro server without [reload] that creates
a reseller and the base domain, Kamailio (it loads that domain at start), then the ngnpro server
whose [reload] commands point at this Kamailio's ctl socket. Only the cases about things added
after the start (a domain, a trusted peer) depend on those reload commands.

One PASS/FAIL line per case, then "N passed, N failed"; exit status 1 when anything failed.
"""

import hashlib
import os
import random
import subprocess
import time

import harness
import sipclient
from harness import runner

SIPP = "/usr/bin/sipp"
RELOAD_WAIT = 3.0   # seconds a reloaded change may take to show (debounce 200 ms + kamcmd)
# A peer change reloads both trusted and address; Kamailio refuses a permissions reload within
# reload_delta (1 s in kamailio.cfg, counted in whole seconds, so up to 2 s) of the last one,
# with "error: 500 - ongoing reload" (kamcmd still exits 0), so one of the two lands only on
# ngnpro's retry (after 0.5, 1, 2, 4 s): normally within 4 s, 8 s when unlucky.
PERMISSIONS_WAIT = 10.0
NOT_RELOADED = ("did not run, or failed (kamcmd prints 'error: 500 - ongoing reload' and exits 0 when"
                " Kamailio refuses it; the kamailio log shows rpc_check_reload errors)")


def md5(text):
    return hashlib.md5(text.encode()).hexdigest()


class Context:
    """What the cases share: the server, Kamailio, the base domain, a name counter."""

    def __init__(self, srv, kam, reseller, domain, tag):
        self.srv = srv
        self.kam = kam
        self.reseller = reseller
        self.domain = domain
        self.tag = tag
        self.count = 0
        # the trusted peer: an address of this run's own on loopback (127.0.0.0/8 is all local)
        self.peer_ip = f"127.{random.randint(1, 254)}.{random.randint(1, 254)}.{random.randint(2, 254)}"

    def name(self, what):
        self.count += 1
        return f"{what}{self.count}"

    def add_account(self, password, domain=None, what="user"):
        username = self.name(what)
        harness.ok(self.srv, "Sip", "addAccount",
                   [("account", harness.sip_account(username, domain or self.domain, password))],
                   typed={"account": "SipAccount"})
        return username

    def register(self, username, password, auth_user=None, domain=None, source_ip="127.0.0.1"):
        return sipclient.register(self.kam.sip_address, username, domain or self.domain, password,
                                  auth_user=auth_user, source_ip=source_ip)

    def probe(self, username, domain=None, source_ip="127.0.0.1"):
        result = sipclient.options(self.kam.sip_address, username, domain or self.domain, source_ip)
        assert result.code == 200, f"OPTIONS probe: {result.status_line}"
        return result


def expect_sip(result, code, what):
    assert result.code == code, (f"{what}: expected {code}, got {result.status_line}"
                                 + "".join(f"\n    {t.splitlines()[0]}" for t in result.transcript))
    return result


def sipp_register(ctx, scenario, username, password):
    """sipp -sf sipp/<scenario>: its exit status is 0 only when the expected answers came."""
    if not os.access(SIPP, os.X_OK):
        raise AssertionError(f"{SIPP} not found (Debian package sip-tester)")
    command = [SIPP, f"{ctx.kam.sip_address[0]}:{ctx.kam.sip_address[1]}",
               "-sf", os.path.join(harness.HERE, "sipp", scenario), "-m", "1",
               "-i", "127.0.0.1", "-p", str(harness.free_udp_port()),
               "-key", "domain", ctx.domain, "-s", username, "-au", username, "-ap", password,
               "-timeout", "10s", "-timeout_error", "-nostdin"]
    done = subprocess.run(command, cwd=ctx.kam.dir, stdin=subprocess.DEVNULL, capture_output=True,
                          text=True, timeout=30)
    assert done.returncode == 0, (f"sipp {scenario} as {username}: exit {done.returncode}\n"
                                  + (done.stdout + done.stderr)[-1500:])


# -- the cases --------------------------------------------------------------------------------------

def account_with_clear_text_password_registers(ctx):
    user = ctx.add_account("Clear-pw-1")
    expect_sip(ctx.register(user, "Clear-pw-1"), 200, "REGISTER (digest user = user, ha1)")
    expect_sip(ctx.register(user, "Clear-pw-1", auth_user=f"{user}@{ctx.domain}"), 200,
               "REGISTER (digest user = user@domain, ha1b)")
    sipp_register(ctx, "reg_ok.xml", user, "Clear-pw-1")


def account_with_digest_pair_password_registers(ctx):
    user, password = ctx.name("digest"), "Digest-pw-2"
    ha1 = md5(f"{user}:{ctx.domain}:{password}")
    ha1b = md5(f"{user}@{ctx.domain}:{ctx.domain}:{password}")
    harness.ok(ctx.srv, "Sip", "addAccount",
               [("account", harness.sip_account(user, ctx.domain, f"{ha1}:{ha1b}"))],
               typed={"account": "SipAccount"})
    expect_sip(ctx.register(user, password), 200, "REGISTER (digest user = user, ha1)")
    expect_sip(ctx.register(user, password, auth_user=f"{user}@{ctx.domain}"), 200,
               "REGISTER (digest user = user@domain, ha1b)")


def wrong_password_is_refused(ctx):
    user = ctx.add_account("Right-pw-3")
    expect_sip(ctx.register(user, "Wrong-pw-3"), 403, "REGISTER with a wrong password")
    sipp_register(ctx, "reg_bad.xml", user, "Wrong-pw-3")


def new_password_works_after_update_and_old_one_fails(ctx):
    user = ctx.add_account("Old-pw-4")
    expect_sip(ctx.register(user, "Old-pw-4"), 200, "REGISTER before the update")
    harness.ok(ctx.srv, "Sip", "updateAccount",
               [("account", harness.sip_account(user, ctx.domain, "New-pw-4"))],
               typed={"account": "SipAccount"})
    expect_sip(ctx.register(user, "New-pw-4"), 200, "REGISTER with the new password")
    expect_sip(ctx.register(user, "Old-pw-4"), 403, "REGISTER with the old password")


def blocked_group_member_is_refused(ctx):
    user = ctx.add_account("Blocked-pw-5")
    sip_id = harness.sip_id(user, ctx.domain)
    expect_sip(ctx.register(user, "Blocked-pw-5"), 200, "REGISTER before blocking")
    harness.ok(ctx.srv, "Sip", "addToGroup", [("sipId", sip_id), ("group", "blocked")],
               typed={"sipId": "SipId"})
    refused = expect_sip(ctx.register(user, "Blocked-pw-5"), 403, "REGISTER while in group blocked")
    assert "blocked" in refused.reason.lower(), f"refused, but not as blocked: {refused.status_line}"
    harness.ok(ctx.srv, "Sip", "removeFromGroup", [("sipId", sip_id), ("group", "blocked")],
               typed={"sipId": "SipId"})
    expect_sip(ctx.register(user, "Blocked-pw-5"), 200, "REGISTER after removeFromGroup blocked")


def deleted_account_is_refused(ctx):
    user = ctx.add_account("Deleted-pw-6")
    expect_sip(ctx.register(user, "Deleted-pw-6"), 200, "REGISTER before the delete")
    harness.ok(ctx.srv, "Sip", "deleteAccount", [("sipId", harness.sip_id(user, ctx.domain))],
               typed={"sipId": "SipId"})
    expect_sip(ctx.register(user, "Deleted-pw-6"), 403, "REGISTER after deleteAccount")


def account_in_domain_added_after_start_registers(ctx):
    late = f"late-{ctx.tag}.e2e.example"
    harness.ok(ctx.srv, "Sip", "addDomain",
               [("domain", {"domain": late, "customer": ctx.reseller, "reseller": ctx.reseller})],
               typed={"domain": "SipDomain"})
    user = ctx.add_account("Late-pw-7", domain=late)
    attempts = []

    def registered():
        attempts.append(ctx.register(user, "Late-pw-7", domain=late))
        return attempts[-1].code == 200

    ok, seconds = harness.eventually(registered, timeout=RELOAD_WAIT)
    assert ok, (f"REGISTER in {late} still answered {attempts[-1].status_line} {RELOAD_WAIT:.0f} s"
                " after addDomain: kamcmd domain.reload did not run (or failed)")
    print(f"    registered {seconds:.2f} s after the account was added", flush=True)


def alias_reaches_its_target_account(ctx):
    target = ctx.add_account("Target-pw-8", what="target")
    registered = expect_sip(ctx.register(target, "Target-pw-8"), 200, "REGISTER of the target")
    alias = ctx.name("alias")
    before = ctx.probe(alias)
    assert before.header("X-Alias") == "none", f"alias known before addAlias: {before.header('X-Alias')}"
    harness.ok(ctx.srv, "Sip", "addAlias",
               [("alias", {"id": harness.sip_id(alias, ctx.domain),
                           "target": harness.sip_id(target, ctx.domain), "owner": 0})],
               typed={"alias": "SipAlias"})
    after = ctx.probe(alias)
    assert after.header("X-Alias") == f"sip:{target}@{ctx.domain}", \
        f"alias_db_lookup({alias}@{ctx.domain}) gave {after.header('X-Alias')}, expected sip:{target}@{ctx.domain}"
    assert after.header("X-Contact") == registered.contact, \
        f"the alias reached {after.header('X-Contact')}, not the target's contact {registered.contact}"


def trusted(ctx, source_ip):
    return (ctx.probe("trust-check", source_ip=source_ip).header("X-Trusted") or "").startswith("yes")


def trusted_peer_added_after_start_is_trusted(ctx):
    assert not trusted(ctx, ctx.peer_ip), f"{ctx.peer_ip} is trusted before addTrustedPeer"
    harness.ok(ctx.srv, "Sip", "addTrustedPeer",
               [("peer", {"ip": ctx.peer_ip, "protocol": "any", "tag": "e2e-peer",
                          "description": "ngnpro e2e peer", "customer": ctx.reseller,
                          "reseller": ctx.reseller, "owner": 0, "blocked": 0})],
               typed={"peer": "TrustedPeer"})
    ok, seconds = harness.eventually(lambda: trusted(ctx, ctx.peer_ip), timeout=PERMISSIONS_WAIT)
    assert ok, (f"allow_trusted() still false for {ctx.peer_ip} {PERMISSIONS_WAIT:.0f} s after addTrustedPeer:"
                f" kamcmd permissions.trustedReload {NOT_RELOADED}")
    assert not trusted(ctx, "127.0.0.1"), "127.0.0.1 became trusted too (only the peer's IP should be)"
    print(f"    trusted {seconds:.2f} s after addTrustedPeer", flush=True)


def trusted_peer_address_is_allowed_after_start(ctx):
    """The same peer through the address table (allow_source_address_group(), kept in step by
    permissions.addressReload), which Kamailio lets run at most once per reload_delta."""
    def group():
        return ctx.probe("address-check", source_ip=ctx.peer_ip).header("X-Address-Group")

    ok, seconds = harness.eventually(lambda: group() not in (None, "-1"), timeout=PERMISSIONS_WAIT)
    assert ok, (f"allow_source_address_group() still -1 for {ctx.peer_ip} {PERMISSIONS_WAIT:.0f} s after"
                f" addTrustedPeer: kamcmd permissions.addressReload {NOT_RELOADED}")
    assert ctx.probe("address-check").header("X-Address-Group") == "-1", "127.0.0.1 got an address group too"
    print(f"    in address group {group()} {seconds:.2f} s after the check began", flush=True)


def deleted_trusted_peer_is_no_longer_trusted(ctx):
    assert trusted(ctx, ctx.peer_ip), f"{ctx.peer_ip} is not trusted to begin with (see the case above)"
    harness.ok(ctx.srv, "Sip", "deleteTrustedPeer", [("ip", ctx.peer_ip)])
    started = time.monotonic()
    gone, _ = harness.eventually(lambda: not trusted(ctx, ctx.peer_ip), timeout=PERMISSIONS_WAIT)
    assert gone, (f"{ctx.peer_ip} still trusted {PERMISSIONS_WAIT:.0f} s after deleteTrustedPeer:"
                  f" kamcmd permissions.trustedReload {NOT_RELOADED}")
    gone, _ = harness.eventually(
        lambda: ctx.probe("address-check", source_ip=ctx.peer_ip).header("X-Address-Group") == "-1",
        timeout=PERMISSIONS_WAIT)
    assert gone, (f"{ctx.peer_ip} still in the address table {PERMISSIONS_WAIT:.0f} s after deleteTrustedPeer:"
                  f" kamcmd permissions.addressReload {NOT_RELOADED}")
    print(f"    untrusted and out of the address table {harness.elapsed(started)} after deleteTrustedPeer",
          flush=True)


CASES = [
    account_with_clear_text_password_registers,           # (a)
    account_with_digest_pair_password_registers,          # (b)
    wrong_password_is_refused,                            # (c)
    new_password_works_after_update_and_old_one_fails,    # (d)
    blocked_group_member_is_refused,                      # (e)
    deleted_account_is_refused,                           # (f)
    account_in_domain_added_after_start_registers,        # (g) domain.reload
    alias_reaches_its_target_account,                     # (h)
    trusted_peer_added_after_start_is_trusted,            # (i) permissions.trustedReload
    trusted_peer_address_is_allowed_after_start,          #     permissions.addressReload
    deleted_trusted_peer_is_no_longer_trusted,
]


def provision_base(args, tag):
    """Before Kamailio starts: a reseller and the base domain, through a server without [reload].
    Returns (reseller id, domain)."""
    domain = f"base-{tag}.e2e.example"
    with harness.NgnproServer(args.server, args.wsdl_dir, args.dsn) as srv:
        reseller = harness.add_reseller(srv, f"e2e-kam-{tag}", "Reseller-pw-0")
        harness.ok(srv, "Sip", "addDomain",
                   [("domain", {"domain": domain, "customer": reseller, "reseller": reseller})],
                   typed={"domain": "SipDomain"})
    return reseller, domain


def not_run(results, reason):
    for case in CASES:
        results.fail(runner.test_name(case), f"not run: {reason}")


def run():
    args = harness.parse_args(__doc__.splitlines()[0])
    harness.stop_on_sigterm()
    started = time.monotonic()
    results = runner.Results()
    tag = harness.run_tag()
    harness.server_mod.reset_database(args.dsn)

    try:
        reseller, domain = provision_base(args, tag)
    except AssertionError as e:   # e.g. "Sip.addDomain not implemented yet (fault 9002: ...)"
        results.fail("provisioning the base domain", str(e))
        not_run(results, "the base domain could not be provisioned")
        return results.finish()

    with harness.Kamailio(args.kamailio_cfg) as kam:
        print(f"kamailio pid {kam.pid} on udp 127.0.0.1:{kam.port}, ready in {kam.start_seconds:.2f} s",
              flush=True)
        base = sipclient.options(kam.sip_address, "check", domain)
        if base.header("X-Domain-Local") != "yes":
            results.fail("base domain is served", f"Kamailio does not serve {domain} after its start"
                         f" (X-Domain-Local: {base.header('X-Domain-Local')})")
            not_run(results, "the base domain is not served")
            kam.print_log()
            return results.finish()
        with harness.NgnproServer(args.server, args.wsdl_dir, args.dsn, reload=kam.reload_commands()) as srv:
            ctx = Context(srv, kam, reseller, domain, tag)
            harness.run_cases(results, CASES, ctx, srv, kam)
    print(f"whole run {harness.elapsed(started)} (kamailio start {kam.start_seconds:.2f} s)", flush=True)
    return results.finish()


if __name__ == "__main__":
    runner.main_guard(run)
