#!/usr/bin/python3
"""Every request CDRTool puts on the wire (envelopes/), POSTed unchanged, must get a well-formed
answer PEAR SOAP can read (api §2, envelopes/README.md); the Customer port must answer each one
with the right result or the right fault (api §4.1, §8.1-§8.6, §8.10).

usage: test_envelopes.py --server BIN --wsdl-dir DIR [--envelopes DIR]   (NGNPRO_TEST_DSN set)
"""

import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from support import runner, soap  # noqa: E402
from support.runner import server_exits_0_on_sigterm  # noqa: E402
from support.server import Server, reset_database  # noqa: E402

# CDRTool posts to its configured URL (api §2.1); each port gets a different spelling here so
# that every served path is exercised. Dispatch must follow the body namespace, not the path.
PATHS = {"Customer": "/", "Sip": "/ngnpro/", "Dns": "/ngnpro", "Enum": "/",
         "Voicemail": "/ngnpro/voicemail/"}

FORBIDDEN_FAULT_TEXT = ("type mismatch", "tag mismatch", "not recognized")
CHANGE_DATE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$")

CUSTOMER_PASSWORD = "Cust0mer-pw"
# What Customer/addAccount.xml sends (XML-unescaped; billingAddress carries bare LF).
ADDED_FIELDS = {
    "username": "cdrtool-test", "firstName": "Carla", "lastName": "Tester",
    "organization": "Tester & O'Brien <CDRTool> BV", "tel": "+31205550100",
    "email": "carla@cdrtool-test.example", "address": "Keizersgracht 1", "postcode": "1015 AA",
    "city": "Amsterdam", "state": "N/A", "country": "NL", "timezone": "Europe/Amsterdam",
    "billingEmail": "carla@cdrtool-test.example",
    "billingAddress": "Keizersgracht 1\n1015 AA Amsterdam\nNL\n",
}
UNSET_TEXT_FIELDS = ("vatNumber", "web", "fax", "mobile", "sip", "enum", "language",
                     "bankAccount", "companyCode")
CREDITS = [("sip_credit", "10", "credit", "admin"), ("sip_alias_credit", "10", "credit", "admin"),
           ("dns_zone_credit", "2", "credit", "admin")]
PSTN_ACCESS = ("pstn_access", "1", "sip", "admin")
LAST_USED = [("sip_accounts_last_domain", "cdrtool-test.example", "web", "customer"),
             ("sip_accounts_last_timezone", "Europe/Amsterdam", "web", "customer"),
             ("sip_accounts_last_quota", "0", "web", "customer")]


class Context:
    def __init__(self, srv, envelopes, dsn):
        self.srv = srv
        self.envelopes = envelopes
        self.dsn = dsn
        self.used = set()
        self.ids = {}  # seeded customers by username


# -- sending captured envelopes ------------------------------------------------------------------

def send_envelope(ctx, rel):
    """POST one captured file unchanged and apply the rules every answer must follow."""
    with open(os.path.join(ctx.envelopes, rel), "rb") as f:
        body = f.read()
    ctx.used.add(rel)
    port = rel.split("/")[0]
    port_ns, method, passwords = soap.request_info(body)
    response = ctx.srv.post(PATHS[port], body)
    problems = soap.http_problems(response) + soap.envelope_problems(response, passwords)
    if problems:
        raise AssertionError("; ".join(problems))
    reply = soap.read_reply(response)
    if reply.fault:
        fault = reply.fault
        assert fault.errorcode not in (9001, 8003), f"the server rejected the request: {fault!r}"
        text = f"{fault.faultstring} {fault.errorstring}".lower()
        for bad in FORBIDDEN_FAULT_TEXT:
            assert bad not in text, f"a deserializer complaint ({bad!r}) reached the client: {fault!r}"
    else:
        expected = f"{{{port_ns}}}{method}Response"
        assert reply.element.tag == expected, f"response element {reply.element.tag}, expected {expected}"
    return reply


def expect_void(reply, what):
    """A void method answers an empty <xResponse/> (or one nil/empty child): PEAR reads "" (api §2.5)."""
    soap.expect_ok(reply, what)
    children = [c for c in reply.element if isinstance(c.tag, str)]
    assert not children or (len(children) == 1 and reply.value in (None, "")), \
        f"{what}: void method returned {reply.value!r}"


# -- our own SOAP calls, for seeding and for checking what an envelope did ------------------------
# They check the HTTP rules only: the envelope rules are the captured requests' business above.

def add_customer(ctx, account, auth=soap.ADMIN):
    reply = soap.call(ctx.srv, "Customer", "addAccount", [("account", account)], auth,
                      typed={"account": "CustomerAccount"}, shape=False)
    created = soap.expect_ok(reply, f"addAccount {account.get('username')}")
    ctx.ids[account.get("username")] = created["id"]
    return created


def get_customer(ctx, customer_id, auth=soap.ADMIN):
    return soap.call(ctx.srv, "Customer", "getAccount", [("id", customer_id)], auth, shape=False)


def delete_customer(ctx, customer_id):
    return soap.call(ctx.srv, "Customer", "deleteAccount", [("id", customer_id)], shape=False)


def count_customers(ctx):
    reply = soap.call(ctx.srv, "Customer", "getCustomers", [("query", {"filter": {}})],
                      typed={"query": "CustomerQuery"}, shape=False)
    return soap.expect_ok(reply, "getCustomers")["total"]


def check_fields(account, expected):
    for name, value in expected.items():
        assert account.get(name) == value, f"{name} is {account.get(name)!r}, expected {value!r}"


def check_properties(properties, expected):
    got = sorted((p["name"], p["value"], p["category"], p["permission"]) for p in properties or [])
    assert got == sorted(expected), f"properties {got}, expected {sorted(expected)}"


def check_login_works(ctx, username, password, customer_id):
    """The stored password hash accepts the clear password (api §8.1)."""
    reply = get_customer(ctx, customer_id, soap.customer_login(username, password))
    assert soap.expect_ok(reply, f"login {username}")["id"] == customer_id


def account_ids(result):
    return [a["id"] for a in result["accounts"]]


# -- Customer envelopes, in the order a CDRTool session would send them ---------------------------

def add_account_creates_a_reseller_on_an_empty_database(ctx):
    """api §8.4: admin without reseller -> a new reseller (reseller == id); password never returned."""
    reset_database(ctx.dsn)
    created = soap.expect_ok(send_envelope(ctx, "Customer/addAccount.xml"))
    assert isinstance(created["id"], int) and created["id"] >= 1000, f"id {created['id']!r}"
    assert created["reseller"] == created["id"], f"reseller {created['reseller']} != id {created['id']}"
    check_fields(created, ADDED_FIELDS)
    check_fields(created, {name: "" for name in UNSET_TEXT_FIELDS})
    check_fields(created, {"password": "", "impersonate": 0, "resellerActive": True,
                           "balance": 0.0, "credit": 0.0})
    assert CHANGE_DATE.match(created["changeDate"] or ""), f"changeDate {created['changeDate']!r}"
    check_properties(created["properties"], CREDITS)
    check_login_works(ctx, "cdrtool-test", CUSTOMER_PASSWORD, created["id"])


def add_account_again_is_refused_with_5001_and_changes_nothing(ctx):
    """api §4.1: a duplicate username is fault 5001; a fault writes nothing (§7.1)."""
    soap.expect_fault(send_envelope(ctx, "Customer/addAccount.xml"), 5001)
    assert count_customers(ctx) == 1, "the refused addAccount created a row"


def seed_reseller_1001_its_customer_and_another_reseller(ctx):
    """Setup through our own API: the ids and logins the captured envelopes refer to."""
    reset_database(ctx.dsn)
    account = {"id": 1001, "password": CUSTOMER_PASSWORD, **ADDED_FIELDS,
               "properties": [dict(zip(("name", "value", "category", "permission"), p)) for p in CREDITS]}
    created = add_customer(ctx, account)
    assert (created["id"], created["reseller"]) == (1001, 1001), f"seeded {created['id']}/{created['reseller']}"
    sub = add_customer(ctx, {"username": "cdrtool-sub", "password": "Sub-pw-1", "reseller": 1001,
                             "firstName": "Sam", "lastName": "Sub"})
    assert sub["reseller"] == 1001 and sub["id"] != 1001, f"sub-customer {sub['id']}/{sub['reseller']}"
    other = add_customer(ctx, {"id": 2001, "username": "other-reseller", "password": "Other-pw-1"})
    assert other["reseller"] == 2001
    other_sub = add_customer(ctx, {"username": "other-sub", "password": "Other-pw-2", "reseller": 2001})
    assert other_sub["reseller"] == 2001


def get_account_returns_the_stored_reseller_without_its_password(ctx):
    """api §4.1 getAccount: the row with its properties; password is ""."""
    account = soap.expect_ok(send_envelope(ctx, "Customer/getAccount.xml"))
    check_fields(account, {"id": 1001, "reseller": 1001, "password": "", **ADDED_FIELDS})
    check_properties(account["properties"], CREDITS)


def admin_lists_every_customer_newest_change_first(ctx):
    """api §3, §8.3: admin sees all four; orderBy changeDate DESC."""
    result = soap.expect_ok(send_envelope(ctx, "Customer/getCustomers.xml"))
    assert result["total"] == 4, f"total {result['total']}, expected 4"
    assert sorted(account_ids(result)) == sorted(ctx.ids.values()), f"ids {account_ids(result)}"
    dates = [a["changeDate"] for a in result["accounts"]]
    assert dates == sorted(dates, reverse=True), f"not newest first: {dates}"


def admin_impersonating_1001_lists_only_its_customers(ctx):
    """api §8.2/§8.3: acting as reseller 1001 -> itself and its customer, ascending by id."""
    result = soap.expect_ok(send_envelope(ctx, "Customer/getCustomers-impersonate.xml"))
    expected = sorted([1001, ctx.ids["cdrtool-sub"]])
    assert result["total"] == 2, f"total {result['total']}, expected 2"
    assert account_ids(result) == expected, f"ids {account_ids(result)}, expected {expected}"


def customer_login_finds_itself_by_username(ctx):
    """api §8.1 admin=false login; filter username, range count 1."""
    result = soap.expect_ok(send_envelope(ctx, "Customer/getCustomers-customer.xml"))
    assert result["total"] == 1 and account_ids(result) == [1001], f"got {result['total']} {account_ids(result)}"
    assert result["accounts"][0]["password"] == ""


def filter_by_customer_id_returns_only_that_customer(ctx):
    """api §5.3 CustomerFilter.customer, a query with only a filter (§3)."""
    result = soap.expect_ok(send_envelope(ctx, "Customer/getCustomers-filteronly.xml"))
    assert result["total"] == 1 and account_ids(result) == [1001], f"got {result['total']} {account_ids(result)}"


def get_resellers_by_customer_returns_the_login_account(ctx):
    """api §4.1 getResellers with filter.customer (CDRTool's getLoginAccount)."""
    result = soap.expect_ok(send_envelope(ctx, "Customer/getResellers.xml"))
    assert result["total"] == 1 and account_ids(result) == [1001], f"got {result['total']} {account_ids(result)}"
    assert result["accounts"][0]["reseller"] == 1001


def update_account_round_trip_changes_organization_and_adds_pstn_access(ctx):
    """api §8.9: the round trip's members replace; read-only ones are ignored; properties replace."""
    expect_void(send_envelope(ctx, "Customer/updateAccount.xml"), "updateAccount")
    account = soap.expect_ok(get_customer(ctx, 1001))
    check_fields(account, {"organization": "CDRTool Test BV (updated)", "tel": "+31205550100",
                           "language": "en", "credit": 25.5, "balance": 0.0, "resellerActive": True,
                           "reseller": 1001, "impersonate": 0, "password": "", "billingAddress": ""})
    check_properties(account["properties"], CREDITS + [PSTN_ACCESS])
    check_login_works(ctx, "cdrtool-test", CUSTOMER_PASSWORD, 1001)


def update_account_by_plain_admin_replaces_fields_and_property_list(ctx):
    """api §2.4 adminonly header (no impersonate); §8.6 the property list given replaces the stored one."""
    expect_void(send_envelope(ctx, "Customer/updateAccount-adminonly.xml"), "updateAccount")
    account = soap.expect_ok(get_customer(ctx, 1001))
    check_fields(account, {"tel": "+31205550101", "organization": ADDED_FIELDS["organization"],
                           "credit": 25.5, "password": ""})
    check_properties(account["properties"], CREDITS)


def set_properties_as_the_reseller_upserts_by_name(ctx):
    """api §4.1 setProperties: upsert; customer-permission properties on the reseller itself (§8.6)."""
    expect_void(send_envelope(ctx, "Customer/setProperties.xml"), "setProperties")


def get_properties_returns_the_upserted_and_the_kept_properties(ctx):
    """api §4.1: setProperties kept the credits and added sip_accounts_last_*."""
    properties = soap.expect_ok(send_envelope(ctx, "Customer/getProperties.xml"))
    check_properties(properties, CREDITS + LAST_USED)


def delete_account_is_refused_with_5002_while_a_customer_references_it(ctx):
    """api §8.10: a reseller with customers is not deleted."""
    soap.expect_fault(send_envelope(ctx, "Customer/deleteAccount.xml"), 5002)
    soap.expect_ok(get_customer(ctx, 1001), "1001 after the refused delete")


def delete_account_removes_a_reseller_without_customers(ctx):
    """api §4.1 deleteAccount once the sub-customer is gone."""
    soap.expect_ok(delete_customer(ctx, ctx.ids["cdrtool-sub"]), "delete the sub-customer")
    expect_void(send_envelope(ctx, "Customer/deleteAccount.xml"), "deleteAccount")


def get_account_of_a_deleted_customer_is_5000(ctx):
    """api §7.3: customer not found."""
    soap.expect_fault(send_envelope(ctx, "Customer/getAccount.xml"), 5000)


CUSTOMER_STEPS = [
    ("Customer/addAccount.xml", add_account_creates_a_reseller_on_an_empty_database),
    ("Customer/addAccount.xml", add_account_again_is_refused_with_5001_and_changes_nothing),
    ("setup", seed_reseller_1001_its_customer_and_another_reseller),
    ("Customer/getAccount.xml", get_account_returns_the_stored_reseller_without_its_password),
    ("Customer/getCustomers.xml", admin_lists_every_customer_newest_change_first),
    ("Customer/getCustomers-impersonate.xml", admin_impersonating_1001_lists_only_its_customers),
    ("Customer/getCustomers-customer.xml", customer_login_finds_itself_by_username),
    ("Customer/getCustomers-filteronly.xml", filter_by_customer_id_returns_only_that_customer),
    ("Customer/getResellers.xml", get_resellers_by_customer_returns_the_login_account),
    ("Customer/updateAccount.xml", update_account_round_trip_changes_organization_and_adds_pstn_access),
    ("Customer/updateAccount-adminonly.xml", update_account_by_plain_admin_replaces_fields_and_property_list),
    ("Customer/setProperties.xml", set_properties_as_the_reseller_upserts_by_name),
    ("Customer/getProperties.xml", get_properties_returns_the_upserted_and_the_kept_properties),
    ("Customer/deleteAccount.xml", delete_account_is_refused_with_5002_while_a_customer_references_it),
    ("Customer/deleteAccount.xml", delete_account_removes_a_reseller_without_customers),
    ("Customer/getAccount.xml", get_account_of_a_deleted_customer_is_5000),
]


# -- the ports that are not implemented yet ------------------------------------------------------

def answers_9002_not_implemented_yet(ctx, rel):
    """The body is parsed in full, then fault 9002 "not implemented yet" (never 9001/8003)."""
    reply = send_envelope(ctx, rel)
    with open(os.path.join(ctx.envelopes, rel), "rb") as f:
        _, method, _ = soap.request_info(f.read())
    soap.expect_fault(reply, 9002)
    assert "not implemented yet" in reply.fault.errorstring, f"errorstring {reply.fault.errorstring!r}"
    assert method in reply.fault.errorstring, f"errorstring {reply.fault.errorstring!r} does not name {method}"


def captured_files(envelopes, port):
    folder = os.path.join(envelopes, port)
    return sorted(f"{port}/{name}" for name in os.listdir(folder) if name.endswith(".xml"))


def run():
    args = runner.parse_args(__doc__)
    results = runner.Results()
    with Server(args.server, args.wsdl_dir, args.dsn) as srv:
        ctx = Context(srv, args.envelopes, args.dsn)
        for rel, test in CUSTOMER_STEPS:
            results.run(f"{rel}: {runner.test_name(test)}", test, ctx)
        for rel in captured_files(args.envelopes, "Customer"):
            if rel not in ctx.used:
                results.fail(rel, "no Customer step sends this captured envelope")
        for port in ("Sip", "Dns", "Enum", "Voicemail"):
            for rel in captured_files(args.envelopes, port):
                results.run(f"{rel}: {runner.test_name(answers_9002_not_implemented_yet)}",
                            answers_9002_not_implemented_yet, ctx, rel)
        reset_database(args.dsn)
        results.run(runner.test_name(server_exits_0_on_sigterm), server_exits_0_on_sigterm, srv)
        if results.failed:
            srv.print_log()
    return results.finish()


if __name__ == "__main__":
    runner.main_guard(run)
