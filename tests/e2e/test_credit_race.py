#!/usr/bin/python3
"""The sip_credit cap holds under concurrency, across two server instances.

Two ngnpro servers on one database. Admin creates reseller R (active) and sets its property
sip_credit=20, and a SIP domain of R. R, logged in as itself (admin=false), creates 5 customers
with impersonate=R, so that each has R's rights (api §8.3) and may add accounts to R's domain.
Then 50 Sip.addAccount calls start at once, alternating between the two servers, made by those
5 customers with their own customer-level logins (admin=false, no impersonation). R's credit
caps everything with reseller == R (api §8.5), so exactly 20 must succeed and 30 get fault 8002,
and kamailio.subscriber (read with psql) must hold exactly 20 rows for the domain.

One PASS/FAIL line per check, then "N passed, N failed".
"""

import threading
import time

import harness
from harness import runner, soap

CREDIT = 20
CUSTOMERS = 5
CALLS = 50


class Race:
    def __init__(self, servers, domain, logins):
        self.servers = servers
        self.domain = domain
        self.logins = logins       # customer-level auth headers, one per customer
        self.outcomes = []         # (call index, server index, reply or exception)
        self.seconds = None


def set_up(servers, dsn, tag):
    """Reseller, credit, customers, domain. Returns a Race ready to run."""
    a = servers[0]
    reseller_login = {"username": f"e2e-race-r-{tag}", "password": "Reseller-pw-1"}
    reseller = harness.add_reseller(a, reseller_login["username"], reseller_login["password"])
    harness.ok(a, "Customer", "setProperties",
               [("customer", reseller),
                ("properties", [{"name": "sip_credit", "value": str(CREDIT), "category": "credit",
                                 "permission": "admin"}])])
    as_reseller = soap.customer_login(reseller_login["username"], reseller_login["password"])
    logins = []
    for n in range(CUSTOMERS):
        username, password = f"e2e-race-c{n}-{tag}", f"Customer-pw-{n}"
        created = harness.ok(a, "Customer", "addAccount",
                             [("account", {"username": username, "password": password, "firstName": "E2E",
                                           "lastName": f"Customer {n}", "email": f"{username}@example.invalid",
                                           "impersonate": reseller})],
                             auth=as_reseller, typed={"account": "CustomerAccount"})
        assert created.get("reseller") == reseller, f"customer {username} got reseller {created.get('reseller')}"
        stored = harness.ok(a, "Customer", "getAccount", [("id", created["id"])])
        assert stored.get("impersonate") == reseller, \
            f"customer {username}: impersonate {stored.get('impersonate')!r}, expected {reseller}"
        logins.append(soap.customer_login(username, password))
    domain = f"race-{tag}.e2e.example"
    harness.ok(a, "Sip", "addDomain",
               [("domain", {"domain": domain, "customer": reseller, "reseller": reseller})],
               typed={"domain": "SipDomain"})
    return Race(servers, domain, logins)


def run_race(race):
    """CALLS addAccount calls released together by a barrier; call i goes to server i % 2 as
    customer i % CUSTOMERS."""
    barrier = threading.Barrier(CALLS)
    lock = threading.Lock()

    def one(i):
        server = i % len(race.servers)
        account = harness.sip_account(f"u{i:02d}", race.domain, f"Race-pw-{i}")
        barrier.wait()
        try:
            outcome, _ = harness.call(race.servers[server], "Sip", "addAccount", [("account", account)],
                                      auth=race.logins[i % CUSTOMERS], typed={"account": "SipAccount"})
        except Exception as e:  # an HTTP-level failure is an outcome too
            outcome = e
        with lock:
            race.outcomes.append((i, server, outcome))

    threads = [threading.Thread(target=one, args=(i,)) for i in range(CALLS)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    race.seconds = time.monotonic() - started


def created(race):
    return [o for o in race.outcomes if isinstance(o[2], soap.Reply) and o[2].fault is None]


def refused_8002(race):
    return [o for o in race.outcomes if isinstance(o[2], soap.Reply) and o[2].errorcode == 8002]


def describe(outcomes):
    return "; ".join(f"call {i} (server {s}): {o!r}" for i, s, o in sorted(outcomes, key=lambda x: x[0])[:10])


# -- the checks ---------------------------------------------------------------------------------

def exactly_the_credit_of_accounts_is_created(race):
    ok = created(race)
    assert len(ok) == CREDIT, f"{len(ok)} of {CALLS} addAccount calls succeeded, expected {CREDIT}"


def every_other_call_gets_fault_8002(race):
    refused = refused_8002(race)
    others = [o for o in race.outcomes if o not in refused and o not in created(race)]
    assert not others, f"{len(others)} calls ended otherwise: {describe(others)}"
    assert len(refused) == CALLS - CREDIT, f"{len(refused)} faults 8002, expected {CALLS - CREDIT}"


def both_servers_answered(race):
    per_server = [sum(1 for _, s, _ in race.outcomes if s == n) for n in range(len(race.servers))]
    assert all(per_server), f"calls per server: {per_server}"
    wins = [sum(1 for _, s, _ in created(race) if s == n) for n in range(len(race.servers))]
    print(f"    {CALLS} calls in {race.seconds:.2f} s; accounts created per server {wins}", flush=True)


def kamailio_subscriber_holds_exactly_the_credit(race):
    count = int(harness.psql_value(race.dsn, "SELECT count(*) FROM kamailio.subscriber WHERE domain = :'d'",
                                   d=race.domain))
    assert count == CREDIT, f"kamailio.subscriber has {count} rows for {race.domain}, expected {CREDIT}"


def getaccounts_lists_exactly_the_credit(race):
    result = harness.ok(race.servers[1], "Sip", "getAccounts",
                        [("query", {"filter": {"domain": race.domain}, "range": {"start": 0, "count": 100}})],
                        typed={"query": "SipQuery"})
    assert result.get("total") == CREDIT, f"getAccounts total {result.get('total')}, expected {CREDIT}"


CHECKS = [
    exactly_the_credit_of_accounts_is_created,
    every_other_call_gets_fault_8002,
    both_servers_answered,
    kamailio_subscriber_holds_exactly_the_credit,
    getaccounts_lists_exactly_the_credit,
]


def run():
    args = harness.parse_args(__doc__.splitlines()[0])
    harness.stop_on_sigterm()
    started = time.monotonic()
    results = runner.Results()
    tag = harness.run_tag()
    harness.server_mod.reset_database(args.dsn)
    with harness.NgnproServer(args.server, args.wsdl_dir, args.dsn) as a, \
            harness.NgnproServer(args.server, args.wsdl_dir, args.dsn) as b:
        race = None
        try:
            race = set_up([a, b], args.dsn, tag)
        except AssertionError as e:   # e.g. "Sip.addDomain not implemented yet (fault 9002: ...)"
            results.fail("setting up reseller, credit, customers and domain", str(e))
        if race is None:
            for check in CHECKS:
                results.fail(runner.test_name(check), "not run: the set-up failed")
        else:
            race.dsn = args.dsn
            run_race(race)
            for check in CHECKS:
                results.run(runner.test_name(check), check, race)
        if results.failed:
            a.print_log()
            b.print_log()
    print(f"whole run {harness.elapsed(started)}", flush=True)
    return results.finish()


if __name__ == "__main__":
    runner.main_guard(run)
