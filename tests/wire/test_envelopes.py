#!/usr/bin/python3
"""Every request CDRTool puts on the wire (envelopes/), POSTed unchanged, must get a well-formed
answer PEAR SOAP can read (api §2, envelopes/README.md); the Customer port, the Sip port's
domain, account, group, alias and trusted-peer methods, the Dns port and the Enum port must
answer each one with the right result or the right fault (api §4.1, §4.2.1-§4.2.5, §4.3, §4.4,
§8.1-§8.14); every other method is 9002.

usage: test_envelopes.py --server BIN --wsdl-dir DIR [--envelopes DIR]   (NGNPRO_TEST_DSN set)
"""

import hashlib
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from support import runner, soap  # noqa: E402
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

def send_envelope(ctx, rel, echoed=()):
    """POST one captured file unchanged and apply the rules every answer must follow. `echoed`:
    request passwords the answer may carry (a SIP account's stored clear text, api §8.7); the
    <auth> password never may."""
    with open(os.path.join(ctx.envelopes, rel), "rb") as f:
        body = f.read()
    ctx.used.add(rel)
    port = rel.split("/")[0]
    port_ns, method, passwords = soap.request_info(body)
    response = ctx.srv.post(PATHS[port], body)
    secrets = [p for p in passwords if p not in echoed]
    problems = soap.http_problems(response) + soap.envelope_problems(response, secrets)
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


# -- Sip port: domains, accounts, groups, aliases, trusted peers (api §4.2.1-§4.2.5) --------------

SIP_DOMAIN = "cdrtool-test.example"
ALICE = {"username": "alice", "domain": SIP_DOMAIN}
BOB = {"username": "bob", "domain": SIP_DOMAIN}
GENERATED = {"username": "1000", "domain": SIP_DOMAIN}
BOB_PASSWORD = "Bob-pw-456"            # Sip/addAccount-cleartext.xml
AUTO_PASSWORD = "Auto-pw-789"          # Sip/addAccount-autoincrement.xml
ALICE_HA1 = "cd2462207add053812f9d3d520d0e7e0"          # Sip/addAccount.xml, "ha1:ha1b"
ALICE_HA1_UPDATED = "5ebe2294ecd0e0f08eab7690d2a6ee69"  # Sip/updateAccount.xml
PEER_IP = "203.0.113.10"
PREPAID_CHANGES = ("prepaid_changes", "1", "sip", "admin")


def sql_value(ctx, query):
    """One value straight from the database, to see what the wire cannot show (digests)."""
    out = subprocess.run(["psql", ctx.dsn, "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", query],
                         check=True, capture_output=True, text=True)
    return out.stdout.strip()


def md5(text):
    return hashlib.md5(text.encode("utf-8")).hexdigest()


def sip_call(ctx, method, params, auth=soap.ADMIN, typed=None):
    return soap.call(ctx.srv, "Sip", method, params, auth, typed=typed, shape=False)


def get_sip_account(ctx, sip_id, auth=soap.ADMIN):
    return soap.expect_ok(sip_call(ctx, "getAccount", [("sipId", sip_id)], auth), f"getAccount {sip_id}")


def list_domains(ctx):
    reply = sip_call(ctx, "getDomains", [("query", {"filter": {"domain": ""}})])
    return soap.expect_ok(reply, "getDomains")


def list_peers(ctx):
    reply = sip_call(ctx, "getTrustedPeers", [("query", {"filter": {"ip": ""}})])
    return soap.expect_ok(reply, "getTrustedPeers")


def sorted_list(values):
    return sorted(values or [])


def check_sip_id(sip_id, expected, what="id"):
    assert sip_id == expected, f"{what} is {sip_id!r}, expected {expected!r}"


def names_values(properties):
    return sorted((p["name"], p["value"]) for p in properties or [])


def check_alice_as_added(account):
    """What Sip/addAccount.xml stored; customer/reseller inherited from the domain (api §8.5)."""
    check_sip_id(account["id"], ALICE)
    check_fields(account, {"password": "", "firstName": "Alice", "lastName": "Smith",
                           "email": "alice@cdrtool-test.example", "timezone": "Europe/Amsterdam",
                           "rpid": "+31205550111", "owner": 1001, "customer": 1001, "reseller": 1001,
                           "prepaid": True, "quota": 0, "callLimit": 3})
    assert sorted_list(account["groups"]) == ["free-pstn", "prepaid"], f"groups {account['groups']!r}"
    acl = [(a["ip"], a["mask"]) for a in account["acl"] or []]
    assert acl == [("192.0.2.0", 24)], f"acl {account['acl']!r}"
    assert names_values(account["properties"]) == sorted(
        [("ip", "198.51.100.7"), ("registration_email", "alice@cdrtool-test.example"),
         ("language", "en")]), f"properties {account['properties']!r}"
    for stamp in ("changeDate", "createDate"):
        assert CHANGE_DATE.match(account[stamp] or ""), f"{stamp} {account[stamp]!r}"


def seed_reseller_1001_with_pstn_rights(ctx):
    """Setup through our own API: reseller 1001 cdrtool-test with the SIP credits, pstn_access=1
    and prepaid_changes=1 (the impersonated envelopes add free-pstn accounts, api §8.5)."""
    reset_database(ctx.dsn)
    ctx.ids.clear()
    properties = CREDITS + [PSTN_ACCESS, PREPAID_CHANGES]
    account = {"id": 1001, "password": CUSTOMER_PASSWORD, **ADDED_FIELDS,
               "properties": [dict(zip(("name", "value", "category", "permission"), p)) for p in properties]}
    created = add_customer(ctx, account)
    assert (created["id"], created["reseller"]) == (1001, 1001), f"seeded {created['id']}/{created['reseller']}"
    sub = add_customer(ctx, {"username": "cdrtool-sub", "password": "Sub-pw-1", "reseller": 1001})
    assert sub["reseller"] == 1001


def add_domain_assigns_it_to_customer_and_reseller_1001(ctx):
    """api §4.2.1 addDomain: void; admin's customer/reseller honoured (§8.5)."""
    expect_void(send_envelope(ctx, "Sip/addDomain.xml"), "addDomain")
    result = list_domains(ctx)
    assert result["total"] == 1, f"total {result['total']}"
    domain = result["domains"][0]
    check_fields(domain, {"domain": SIP_DOMAIN, "customer": 1001, "reseller": 1001})
    assert CHANGE_DATE.match(domain["changeDate"] or ""), f"changeDate {domain['changeDate']!r}"


def add_domain_again_is_1001(ctx):
    """api §4.2.1: the domain exists -> 1001; nothing written."""
    soap.expect_fault(send_envelope(ctx, "Sip/addDomain.xml"), 1001)
    assert list_domains(ctx)["total"] == 1


def get_domains_finds_the_domain_by_name(ctx):
    """api §4.2.1 getDomains: filter.domain LIKE; customer/reseller 0 = no condition."""
    result = soap.expect_ok(send_envelope(ctx, "Sip/getDomains.xml"))
    assert result["total"] == 1 and len(result["domains"]) == 1, f"got {result!r}"
    check_fields(result["domains"][0], {"domain": SIP_DOMAIN, "customer": 1001, "reseller": 1001,
                                        "verify_cert": False, "require_cert": False})


def update_domain_round_trip_keeps_the_assignment(ctx):
    """api §4.2.1/§8.9 updateDomain: the object getDomains returned, sent back; changeDate ignored."""
    expect_void(send_envelope(ctx, "Sip/updateDomain.xml"), "updateDomain")
    domain = list_domains(ctx)["domains"][0]
    check_fields(domain, {"domain": SIP_DOMAIN, "customer": 1001, "reseller": 1001,
                          "match_ip_address": "", "match_sip_domain": "",
                          "verify_cert": False, "require_cert": False})
    assert domain["changeDate"] != "2026-11-23 07:00:00", "the read-only changeDate was stored"


def get_account_before_it_exists_is_1010(ctx):
    """api §4.2.2 getAccount: missing -> 1010."""
    soap.expect_fault(send_envelope(ctx, "Sip/getAccount.xml"), 1010)


def add_account_with_digests_returns_it_without_a_password(ctx):
    """api §4.2.2/§8.7: ha1:ha1b stored as given, password returned ""; groups, acl, properties."""
    account = soap.expect_ok(send_envelope(ctx, "Sip/addAccount.xml"))
    check_alice_as_added(account)
    stored = sql_value(ctx, "SELECT ha1 || ':' || ha1b || ':' || clear_password FROM ngnpro.sip_accounts"
                            " WHERE username = 'alice'")
    assert stored == f"{ALICE_HA1}:e92a5c0d0648ac74b9a18a5de7604988:", f"stored credentials {stored!r}"


def add_account_again_is_1011(ctx):
    """api §4.2.2: the account exists -> 1011."""
    soap.expect_fault(send_envelope(ctx, "Sip/addAccount.xml"), 1011)


def add_account_with_clear_text_returns_the_password(ctx):
    """api §8.7: clear text -> both digests computed, clear text kept and returned."""
    reply = send_envelope(ctx, "Sip/addAccount-cleartext.xml", echoed={BOB_PASSWORD})
    account = soap.expect_ok(reply)
    check_sip_id(account["id"], BOB)
    check_fields(account, {"password": BOB_PASSWORD, "firstName": "Bob", "lastName": "Jones",
                           "owner": 1001, "customer": 1001, "reseller": 1001, "prepaid": False,
                           "rpid": ""})
    assert sorted_list(account["groups"]) == [], f"groups {account['groups']!r}"
    assert not account["acl"] and not account["properties"], f"acl/properties {account!r}"
    digests = sql_value(ctx, "SELECT ha1 || ':' || ha1b FROM ngnpro.sip_accounts WHERE username = 'bob'")
    expected = (f"{md5(f'bob:{SIP_DOMAIN}:{BOB_PASSWORD}')}:"
                f"{md5(f'bob@{SIP_DOMAIN}:{SIP_DOMAIN}:{BOB_PASSWORD}')}")
    assert digests == expected, f"digests {digests}, expected {expected}"


def add_account_autoincrement_picks_username_1000(ctx):
    """api §8.7: <autoincrement> -> max(1000, largest numeric username + 1), returned."""
    reply = send_envelope(ctx, "Sip/addAccount-autoincrement.xml", echoed={AUTO_PASSWORD})
    account = soap.expect_ok(reply)
    check_sip_id(account["id"], GENERATED)
    check_fields(account, {"password": AUTO_PASSWORD, "firstName": "Auto", "customer": 1001,
                           "reseller": 1001, "prepaid": False})
    assert sorted_list(account["groups"]) == ["free-pstn"], f"groups {account['groups']!r}"


def get_account_as_admin_returns_alice(ctx):
    """api §4.2.2 getAccount, plain admin."""
    check_alice_as_added(soap.expect_ok(send_envelope(ctx, "Sip/getAccount.xml")))


def get_account_adminonly_header_returns_alice(ctx):
    """api §2.4: an admin header without impersonate is plain admin."""
    check_alice_as_added(soap.expect_ok(send_envelope(ctx, "Sip/getAccount-adminonly.xml")))


def get_account_impersonating_1001_returns_alice(ctx):
    """api §8.2/§8.3: acting as reseller 1001, which owns the domain."""
    check_alice_as_added(soap.expect_ok(send_envelope(ctx, "Sip/getAccount-impersonate.xml")))


def get_account_from_a_reused_client_returns_alice(ctx):
    """envelopes/README.md: ns4 = the port namespace on a reused client."""
    check_alice_as_added(soap.expect_ok(send_envelope(ctx, "Sip/getAccount-reusedclient.xml")))


def get_account_as_reseller_login_returns_alice(ctx):
    """api §8.1/§8.3: cdrtool-test (admin=false) is reseller 1001 and sees its records."""
    check_alice_as_added(soap.expect_ok(send_envelope(ctx, "Sip/getAccount-customer.xml")))


def sip_usernames(result):
    return [a["id"]["username"] for a in result["accounts"]]


def get_accounts_lists_the_domain_newest_change_first(ctx):
    """api §4.2.2 getAccounts: groups [""] = no group condition; orderBy changeDate DESC."""
    result = soap.expect_ok(send_envelope(ctx, "Sip/getAccounts.xml"))
    assert result["total"] == 3, f"total {result['total']}, expected 3"
    assert sorted(sip_usernames(result)) == ["1000", "alice", "bob"], f"usernames {sip_usernames(result)}"
    dates = [a["changeDate"] for a in result["accounts"]]
    assert dates == sorted(dates, reverse=True), f"not newest first: {dates}"
    for account in result["accounts"]:
        expected = {"alice": "", "bob": BOB_PASSWORD, "1000": AUTO_PASSWORD}[account["id"]["username"]]
        assert account["password"] == expected, f"{account['id']} password {account['password']!r}"


def get_accounts_export_without_order_lists_all_three(ctx):
    """api §3: a query with filter and range only."""
    result = soap.expect_ok(send_envelope(ctx, "Sip/getAccounts-export.xml", echoed={BOB_PASSWORD}))
    assert result["total"] == 3, f"total {result['total']}, expected 3"
    assert sorted(sip_usernames(result)) == ["1000", "alice", "bob"], f"usernames {sip_usernames(result)}"


def get_accounts_impersonating_filters_username_and_group(ctx):
    """api §4.2.2: username ali% and group prepaid -> alice only."""
    result = soap.expect_ok(send_envelope(ctx, "Sip/getAccounts-impersonate.xml"))
    assert result["total"] == 1 and sip_usernames(result) == ["alice"], f"got {result['total']} {sip_usernames(result)}"


def get_accounts_as_reseller_login_sees_its_three_accounts(ctx):
    """api §8.3: the reseller sees every account of its domains."""
    result = soap.expect_ok(send_envelope(ctx, "Sip/getAccounts-customer.xml"))
    assert result["total"] == 3, f"total {result['total']}, expected 3"
    assert sorted(sip_usernames(result)) == ["1000", "alice", "bob"], f"usernames {sip_usernames(result)}"


def get_groups_returns_free_pstn_and_prepaid(ctx):
    """api §4.2.3 getGroups: a StringArray."""
    groups = soap.expect_ok(send_envelope(ctx, "Sip/getGroups.xml"))
    assert sorted_list(groups) == ["free-pstn", "prepaid"], f"groups {groups!r}"


def add_to_group_adds_blocked(ctx):
    """api §4.2.3 addToGroup: void; the membership shows in getGroups."""
    expect_void(send_envelope(ctx, "Sip/addToGroup.xml"), "addToGroup")
    groups = soap.expect_ok(send_envelope(ctx, "Sip/getGroups.xml"))
    assert sorted_list(groups) == ["blocked", "free-pstn", "prepaid"], f"groups {groups!r}"


def add_to_group_again_is_1030(ctx):
    """api §4.2.3: already a member -> 1030."""
    soap.expect_fault(send_envelope(ctx, "Sip/addToGroup.xml"), 1030)


def remove_from_group_removes_blocked(ctx):
    """api §4.2.3 removeFromGroup: void."""
    expect_void(send_envelope(ctx, "Sip/removeFromGroup.xml"), "removeFromGroup")
    assert sorted_list(get_sip_account(ctx, ALICE)["groups"]) == ["free-pstn", "prepaid"]


def remove_from_group_again_is_1031(ctx):
    """api §4.2.3: not a member -> 1031."""
    soap.expect_fault(send_envelope(ctx, "Sip/removeFromGroup.xml"), 1031)


def update_account_round_trip_replaces_attributes_and_digests(ctx):
    """api §8.9: replace-all; read-only customer/reseller/dates ignored; new ha1:ha1b stored."""
    expect_void(send_envelope(ctx, "Sip/updateAccount.xml"), "updateAccount")
    account = get_sip_account(ctx, ALICE)
    check_fields(account, {"password": "", "firstName": "Alice B.", "lastName": "Smith",
                           "timeout": 45, "region": "", "quickdialPrefix": "", "prepaid": True,
                           "callLimit": 3, "customer": 1001, "reseller": 1001, "owner": 1001})
    assert sorted_list(account["groups"]) == ["free-pstn", "prepaid"], f"groups {account['groups']!r}"
    assert names_values(account["properties"]) == sorted(
        [("ip", "198.51.100.7"), ("language", "en"), ("web_password", "Alice-web-1")]), \
        f"properties {account['properties']!r}"
    assert account["changeDate"] != "2026-11-23 07:00:00", "the read-only changeDate was stored"
    ha1 = sql_value(ctx, "SELECT ha1 FROM ngnpro.sip_accounts WHERE username = 'alice'")
    assert ha1 == ALICE_HA1_UPDATED, f"ha1 {ha1}, expected {ALICE_HA1_UPDATED}"


def get_alias_before_it_exists_is_1020(ctx):
    """api §4.2.4: missing -> 1020."""
    soap.expect_fault(send_envelope(ctx, "Sip/getAlias.xml"), 1020)


def add_alias_maps_alice_smith_to_alice(ctx):
    """api §4.2.4 addAlias: void; customer/reseller from the alias domain."""
    expect_void(send_envelope(ctx, "Sip/addAlias.xml"), "addAlias")


def add_alias_again_is_1021(ctx):
    """api §4.2.4: the alias exists -> 1021."""
    soap.expect_fault(send_envelope(ctx, "Sip/addAlias.xml"), 1021)


def an_alias_shadowing_an_account_is_1021(ctx):
    """api §4.2.4: an alias colliding with an account -> 1021 (own call: alias bob -> alice)."""
    reply = sip_call(ctx, "addAlias", [("alias", {"id": BOB, "target": ALICE, "owner": 1001})],
                     soap.admin_as(1001))
    soap.expect_fault(reply, 1021)


def get_alias_returns_the_target(ctx):
    """api §4.2.4 getAlias: SipAlias with the inherited customer/reseller."""
    alias = soap.expect_ok(send_envelope(ctx, "Sip/getAlias.xml"))
    check_sip_id(alias["id"], {"username": "alice.smith", "domain": SIP_DOMAIN})
    check_sip_id(alias["target"], ALICE, "target")
    check_fields(alias, {"owner": 1001, "customer": 1001, "reseller": 1001})


def get_aliases_by_target_finds_it(ctx):
    """api §4.2.4 getAliases: filter targetUsername/targetDomain."""
    result = soap.expect_ok(send_envelope(ctx, "Sip/getAliases.xml"))
    assert result["total"] == 1, f"total {result['total']}, expected 1"
    check_sip_id(result["aliases"][0]["id"], {"username": "alice.smith", "domain": SIP_DOMAIN})


def update_alias_retargets_it_to_bob(ctx):
    """api §4.2.4 updateAlias: target changes; getAliases for alice is then empty."""
    expect_void(send_envelope(ctx, "Sip/updateAlias.xml"), "updateAlias")
    alias = soap.expect_ok(send_envelope(ctx, "Sip/getAlias.xml"))
    check_sip_id(alias["target"], BOB, "target")
    result = soap.expect_ok(send_envelope(ctx, "Sip/getAliases.xml"))
    assert result["total"] == 0 and not result["aliases"], f"got {result!r}"


def delete_alias_removes_it(ctx):
    """api §4.2.4 deleteAlias: void; then getAlias -> 1020."""
    expect_void(send_envelope(ctx, "Sip/deleteAlias.xml"), "deleteAlias")
    soap.expect_fault(send_envelope(ctx, "Sip/getAlias.xml"), 1020)


def delete_alias_again_is_1020(ctx):
    """api §4.2.4: missing -> 1020."""
    soap.expect_fault(send_envelope(ctx, "Sip/deleteAlias.xml"), 1020)


def add_trusted_peer_as_admin(ctx):
    """api §4.2.5 addTrustedPeer: void."""
    expect_void(send_envelope(ctx, "Sip/addTrustedPeer.xml"), "addTrustedPeer")
    result = list_peers(ctx)
    assert result["total"] == 1, f"total {result['total']}"
    check_fields(result["peers"][0], {"ip": PEER_IP, "description": "PBX of CDRTool Test BV",
                                      "callLimit": 10, "customer": 1001, "reseller": 1001})


def add_trusted_peer_again_is_1041(ctx):
    """api §4.2.5: the peer exists -> 1041."""
    soap.expect_fault(send_envelope(ctx, "Sip/addTrustedPeer.xml"), 1041)


def a_plain_customer_may_not_use_trusted_peers(ctx):
    """api §8.3: trusted peers need reseller rights; a plain customer -> 8001 (own call)."""
    reply = sip_call(ctx, "getTrustedPeers", [("query", {"filter": {"ip": ""}})],
                     soap.customer_login("cdrtool-sub", "Sub-pw-1"))
    soap.expect_fault(reply, 8001)


def get_trusted_peers_lists_the_peer(ctx):
    """api §4.2.5 getTrustedPeers: tags '%%' matches every peer."""
    result = soap.expect_ok(send_envelope(ctx, "Sip/getTrustedPeers.xml"))
    assert result["total"] == 1 and len(result["peers"]) == 1, f"got {result!r}"
    check_fields(result["peers"][0], {"ip": PEER_IP, "description": "PBX of CDRTool Test BV"})


def update_trusted_peer_changes_description_and_call_limit(ctx):
    """api §4.2.5 updateTrustedPeer, keyed by ip."""
    expect_void(send_envelope(ctx, "Sip/updateTrustedPeer.xml"), "updateTrustedPeer")
    peer = list_peers(ctx)["peers"][0]
    check_fields(peer, {"ip": PEER_IP, "description": "PBX of CDRTool Test BV (main)", "callLimit": 20,
                        "customer": 1001, "reseller": 1001})


def delete_trusted_peer_removes_it(ctx):
    """api §4.2.5 deleteTrustedPeer: void."""
    expect_void(send_envelope(ctx, "Sip/deleteTrustedPeer.xml"), "deleteTrustedPeer")
    assert list_peers(ctx)["total"] == 0


def delete_trusted_peer_again_is_1040(ctx):
    """api §4.2.5: missing -> 1040."""
    soap.expect_fault(send_envelope(ctx, "Sip/deleteTrustedPeer.xml"), 1040)


def delete_domain_is_refused_with_1002_while_accounts_remain(ctx):
    """api §4.2.1/§8.10: accounts in the domain -> 1002; the domain stays."""
    soap.expect_fault(send_envelope(ctx, "Sip/deleteDomain.xml"), 1002)
    assert list_domains(ctx)["total"] == 1


def delete_account_removes_alice(ctx):
    """api §4.2.2 deleteAccount: void; then getAccount -> 1010."""
    expect_void(send_envelope(ctx, "Sip/deleteAccount.xml"), "deleteAccount")
    soap.expect_fault(send_envelope(ctx, "Sip/getAccount.xml"), 1010)


def delete_account_of_a_missing_account_is_1010(ctx):
    """api §4.2.2: the generated-account envelope names alice (canned answer), gone now -> 1010."""
    soap.expect_fault(send_envelope(ctx, "Sip/deleteAccount-generated.xml"), 1010)


def delete_account_removes_bob(ctx):
    """api §4.2.2 deleteAccount of the clear-text account."""
    expect_void(send_envelope(ctx, "Sip/deleteAccount-cleartext.xml"), "deleteAccount")
    soap.expect_fault(sip_call(ctx, "getAccount", [("sipId", BOB)]), 1010)


def delete_domain_succeeds_once_empty(ctx):
    """api §4.2.1 deleteDomain once the generated account is gone too (own call)."""
    expect_void(sip_call(ctx, "deleteAccount", [("sipId", GENERATED)], soap.admin_as(1001)), "deleteAccount 1000")
    expect_void(send_envelope(ctx, "Sip/deleteDomain.xml"), "deleteDomain")
    assert list_domains(ctx)["total"] == 0


def delete_domain_again_is_1000(ctx):
    """api §4.2.1: the domain is missing -> 1000."""
    soap.expect_fault(send_envelope(ctx, "Sip/deleteDomain.xml"), 1000)


# -- Sip per-subscriber settings (api §4.2.6, §8.11, §8.12; issue 11) -------------------------------

def diversions_of(ctx):
    result = soap.expect_ok(send_envelope(ctx, "Sip/getCallDiversions.xml"))
    return {k: v for k, v in (result or {}).items() if v not in (None, "")}


def set_call_diversions_stores_the_voice_mailbox_three_times(ctx):
    """api §8.11: FBUS/FNOA/FNOL <voice-mailbox>; getCallDiversions returns exactly those."""
    expect_void(send_envelope(ctx, "Sip/setCallDiversions.xml"), "setCallDiversions")
    got = diversions_of(ctx)
    assert got == {"FBUS": "<voice-mailbox>", "FNOA": "<voice-mailbox>", "FNOL": "<voice-mailbox>"}, f"got {got!r}"


def set_call_diversions_nocondition_clears_everything(ctx):
    """api §4.2.6: CDRTool's {nocondition: "empty"} clears the set (unknown member ignored)."""
    expect_void(send_envelope(ctx, "Sip/setCallDiversions-empty.xml"), "setCallDiversions")
    got = diversions_of(ctx)
    assert got == {}, f"got {got!r}"


def set_call_diversions_as_the_reseller_login_replaces_the_set(ctx):
    """api §8.3: the account's reseller sets FUNC and FNOA; Kamailio's copy follows."""
    expect_void(send_envelope(ctx, "Sip/setCallDiversions-customer.xml"), "setCallDiversions")
    got = diversions_of(ctx)
    assert got == {"FUNC": "sip:+31612345678@cdrtool-test.example", "FNOA": "<voice-mailbox>"}, f"got {got!r}"
    rows = sql_value(ctx, "SELECT string_agg(condition || ' ' || target, ',' ORDER BY condition)"
                          " FROM kamailio.ngn_diversions")
    assert rows == "NOA <voice-mailbox>,UNC sip:+31612345678@cdrtool-test.example", f"kamailio rows {rows!r}"


def set_call_diversions_round_trip_drops_the_empty_members(ctx):
    """api §4.2.6: empty FUNC/FUNV are removed, the rest replaced."""
    expect_void(send_envelope(ctx, "Sip/setCallDiversions-roundtrip.xml"), "setCallDiversions")
    got = diversions_of(ctx)
    assert got == {"FBUS": "<voice-mailbox>", "FNOA": "<voice-mailbox>", "FNOL": "<voice-mailbox>"}, f"got {got!r}"


def set_accept_rules_then_get_returns_them_with_minutes_left(ctx):
    """api §8.12: persistent rules back as sent; temporary.duration = minutes left."""
    expect_void(send_envelope(ctx, "Sip/setAcceptRules.xml"), "setAcceptRules")
    result = soap.expect_ok(send_envelope(ctx, "Sip/getAcceptRules.xml"))
    rules = result["rules"]
    persistent = [(r["start"], r["stop"], r["days"], list(r["groups"])) for r in rules["persistent"]]
    assert persistent == [("09:00", "18:00", 31, ["everybody"]), ("10:00", "12:00", 96, ["coworkers", "friends"])], \
        f"persistent {persistent!r}"
    assert list(rules["temporary"]["groups"]) == ["nobody"], f"temporary {rules['temporary']!r}"
    assert rules["temporary"]["duration"] in (29, 30), f"duration {rules['temporary']['duration']!r}"
    assert list(result["nonEmptyGroups"]) == ["everybody", "nobody"], f"nonEmptyGroups {result['nonEmptyGroups']!r}"


def set_reject_members_then_get_returns_them(ctx):
    """api §4.2.6: the list replaced; read back sorted."""
    expect_void(send_envelope(ctx, "Sip/setRejectMembers.xml"), "setRejectMembers")
    got = list(soap.expect_ok(send_envelope(ctx, "Sip/getRejectMembers.xml")))
    assert got == ["sip:+31900123456@cdrtool-test.example", "sip:spammer@example.net"], f"got {got!r}"


def set_reject_members_empty_clears_the_list(ctx):
    expect_void(send_envelope(ctx, "Sip/setRejectMembers-empty.xml"), "setRejectMembers")
    got = soap.expect_ok(send_envelope(ctx, "Sip/getRejectMembers.xml"))
    assert not got, f"got {got!r}"


def set_barring_prefixes_then_get_returns_them(ctx):
    """api §4.2.6: + E.164 prefixes; Kamailio's ngn_barred obeys them."""
    expect_void(send_envelope(ctx, "Sip/setBarringPrefixes.xml"), "setBarringPrefixes")
    got = list(soap.expect_ok(send_envelope(ctx, "Sip/getBarringPrefixes.xml")))
    assert got == ["+31900", "+4490"], f"got {got!r}"
    barred = sql_value(ctx, "SELECT kamailio.ngn_barred('alice', 'cdrtool-test.example', '+319001234')")
    assert barred == "t", f"ngn_barred {barred!r}"


def phonebook_entries(ctx):
    result = soap.expect_ok(send_envelope(ctx, "Sip/getPhonebookEntries.xml"))
    return result["total"], [(e["uri"], e["name"], e["group"]) for e in (result["entries"] or [])]


def add_phonebook_entry_then_get_finds_it(ctx):
    """api §4.2.6: key (account, uri); match %%% on uri or name."""
    expect_void(send_envelope(ctx, "Sip/addPhonebookEntry.xml"), "addPhonebookEntry")
    got = phonebook_entries(ctx)
    assert got == (1, [("sip:bob@cdrtool-test.example", "Bob Jones", "coworkers")]), f"got {got!r}"


def add_phonebook_entry_again_is_1051(ctx):
    soap.expect_fault(send_envelope(ctx, "Sip/addPhonebookEntry.xml"), 1051)


def update_phonebook_entry_changes_name_and_group(ctx):
    expect_void(send_envelope(ctx, "Sip/updatePhonebookEntry.xml"), "updatePhonebookEntry")
    got = phonebook_entries(ctx)
    assert got == (1, [("sip:bob@cdrtool-test.example", "Bob J.", "friends")]), f"got {got!r}"


def delete_phonebook_entry_removes_it(ctx):
    expect_void(send_envelope(ctx, "Sip/deletePhonebookEntry.xml"), "deletePhonebookEntry")
    assert phonebook_entries(ctx) == (0, []), "the entry is still there"


def delete_phonebook_entry_again_is_1050(ctx):
    soap.expect_fault(send_envelope(ctx, "Sip/deletePhonebookEntry.xml"), 1050)


SIP_STEPS = [
    ("setup", seed_reseller_1001_with_pstn_rights),
    ("Sip/addDomain.xml", add_domain_assigns_it_to_customer_and_reseller_1001),
    ("Sip/addDomain.xml", add_domain_again_is_1001),
    ("Sip/getDomains.xml", get_domains_finds_the_domain_by_name),
    ("Sip/updateDomain.xml", update_domain_round_trip_keeps_the_assignment),
    ("Sip/getAccount.xml", get_account_before_it_exists_is_1010),
    ("Sip/addAccount.xml", add_account_with_digests_returns_it_without_a_password),
    ("Sip/addAccount.xml", add_account_again_is_1011),
    ("Sip/addAccount-cleartext.xml", add_account_with_clear_text_returns_the_password),
    ("Sip/addAccount-autoincrement.xml", add_account_autoincrement_picks_username_1000),
    ("Sip/getAccount.xml", get_account_as_admin_returns_alice),
    ("Sip/getAccount-adminonly.xml", get_account_adminonly_header_returns_alice),
    ("Sip/getAccount-impersonate.xml", get_account_impersonating_1001_returns_alice),
    ("Sip/getAccount-reusedclient.xml", get_account_from_a_reused_client_returns_alice),
    ("Sip/getAccount-customer.xml", get_account_as_reseller_login_returns_alice),
    ("Sip/getAccounts.xml", get_accounts_lists_the_domain_newest_change_first),
    ("Sip/getAccounts-export.xml", get_accounts_export_without_order_lists_all_three),
    ("Sip/getAccounts-impersonate.xml", get_accounts_impersonating_filters_username_and_group),
    ("Sip/getAccounts-customer.xml", get_accounts_as_reseller_login_sees_its_three_accounts),
    ("Sip/getGroups.xml", get_groups_returns_free_pstn_and_prepaid),
    ("Sip/addToGroup.xml", add_to_group_adds_blocked),
    ("Sip/addToGroup.xml", add_to_group_again_is_1030),
    ("Sip/removeFromGroup.xml", remove_from_group_removes_blocked),
    ("Sip/removeFromGroup.xml", remove_from_group_again_is_1031),
    ("Sip/updateAccount.xml", update_account_round_trip_replaces_attributes_and_digests),
    ("Sip/setCallDiversions.xml", set_call_diversions_stores_the_voice_mailbox_three_times),
    ("Sip/setCallDiversions-empty.xml", set_call_diversions_nocondition_clears_everything),
    ("Sip/setCallDiversions-customer.xml", set_call_diversions_as_the_reseller_login_replaces_the_set),
    ("Sip/setCallDiversions-roundtrip.xml", set_call_diversions_round_trip_drops_the_empty_members),
    ("Sip/setAcceptRules.xml", set_accept_rules_then_get_returns_them_with_minutes_left),
    ("Sip/setRejectMembers.xml", set_reject_members_then_get_returns_them),
    ("Sip/setRejectMembers-empty.xml", set_reject_members_empty_clears_the_list),
    ("Sip/setBarringPrefixes.xml", set_barring_prefixes_then_get_returns_them),
    ("Sip/addPhonebookEntry.xml", add_phonebook_entry_then_get_finds_it),
    ("Sip/addPhonebookEntry.xml", add_phonebook_entry_again_is_1051),
    ("Sip/updatePhonebookEntry.xml", update_phonebook_entry_changes_name_and_group),
    ("Sip/deletePhonebookEntry.xml", delete_phonebook_entry_removes_it),
    ("Sip/deletePhonebookEntry.xml", delete_phonebook_entry_again_is_1050),
    ("Sip/getAlias.xml", get_alias_before_it_exists_is_1020),
    ("Sip/addAlias.xml", add_alias_maps_alice_smith_to_alice),
    ("Sip/addAlias.xml", add_alias_again_is_1021),
    ("own call", an_alias_shadowing_an_account_is_1021),
    ("Sip/getAlias.xml", get_alias_returns_the_target),
    ("Sip/getAliases.xml", get_aliases_by_target_finds_it),
    ("Sip/updateAlias.xml", update_alias_retargets_it_to_bob),
    ("Sip/deleteAlias.xml", delete_alias_removes_it),
    ("Sip/deleteAlias.xml", delete_alias_again_is_1020),
    ("Sip/addTrustedPeer.xml", add_trusted_peer_as_admin),
    ("Sip/addTrustedPeer.xml", add_trusted_peer_again_is_1041),
    ("own call", a_plain_customer_may_not_use_trusted_peers),
    ("Sip/getTrustedPeers.xml", get_trusted_peers_lists_the_peer),
    ("Sip/updateTrustedPeer.xml", update_trusted_peer_changes_description_and_call_limit),
    ("Sip/deleteTrustedPeer.xml", delete_trusted_peer_removes_it),
    ("Sip/deleteTrustedPeer.xml", delete_trusted_peer_again_is_1040),
    ("Sip/deleteDomain.xml", delete_domain_is_refused_with_1002_while_accounts_remain),
    ("Sip/deleteAccount.xml", delete_account_removes_alice),
    ("Sip/deleteAccount-generated.xml", delete_account_of_a_missing_account_is_1010),
    ("Sip/deleteAccount-cleartext.xml", delete_account_removes_bob),
    ("Sip/deleteDomain.xml", delete_domain_succeeds_once_empty),
    ("Sip/deleteDomain.xml", delete_domain_again_is_1000),
]
# The Sip methods implemented so far (api §4.2.1-§4.2.5); every other Sip envelope is still 9002.
SIP_IMPLEMENTED = {"addDomain", "updateDomain", "deleteDomain", "getDomains", "addAccount",
                   "updateAccount", "deleteAccount", "getAccount", "getAccounts", "addToGroup",
                   "removeFromGroup", "getGroups", "addAlias", "updateAlias", "deleteAlias",
                   "getAlias", "getAliases", "getAliasesForAccount", "addTrustedPeer",
                   "updateTrustedPeer", "deleteTrustedPeer", "getTrustedPeers",
                   "setCallDiversions", "getCallDiversions", "setAcceptRules", "getAcceptRules",
                   "setRejectMembers", "getRejectMembers", "setBarringPrefixes", "getBarringPrefixes",
                   "addPhonebookEntry", "updatePhonebookEntry", "deletePhonebookEntry",
                   "getPhonebookEntries"}


# -- Dns port: zones, records, fancy records (api §4.3, §8.14) ------------------------------------

DNS_ZONE = "cdrtool-test.example"
DNS_NS = ["ns1.cdrtool-test.example", "ns2.cdrtool-test.example"]
RECORD_ID = 101        # the id Dns/{get,update,delete}Record.xml name
FANCY_ID = 201         # the id Dns/{get,update,delete}FancyRecord.xml name


def dns_call(ctx, method, params, auth=soap.ADMIN, typed=None):
    return soap.call(ctx.srv, "Dns", method, params, auth, typed=typed, shape=False)


def get_zone(ctx):
    return soap.expect_ok(dns_call(ctx, "getZone", [("zone", DNS_ZONE)]), "getZone")


def pdns_rows(ctx):
    """What PowerDNS reads for the zone: 'name type content prio' lines, sorted."""
    out = sql_value(ctx, "SELECT string_agg(r.name || ' ' || r.type || ' ' || r.content || ' ' || r.prio, E'\\n'"
                         " ORDER BY r.type, r.name, r.content) FROM pdns.records r JOIN pdns.domains d"
                         f" ON d.id = r.domain_id WHERE d.name = '{DNS_ZONE}' AND r.type <> 'SOA'")
    return out.splitlines()


def seed_reseller_1001_for_dns(ctx):
    """Setup through our own API: reseller 1001 cdrtool-test with dns_zone_credit; record ids
    continue at 101 and fancy record ids at 201, the ids the captured envelopes name."""
    seed_reseller_1001_with_pstn_rights(ctx)
    sql_value(ctx, "SELECT setval('ngnpro.dns_records_id_seq', 100), setval('ngnpro.dns_fancy_records_id_seq', 200)")


def get_zone_before_it_exists_is_7000(ctx):
    """api §7.3: DNS zone not found -> 7000."""
    soap.expect_fault(send_envelope(ctx, "Dns/getZone.xml"), 7000)


def add_zone_creates_soa_and_ns_records(ctx):
    """api §4.3 addZone: void; SOA defaults and one NS per name server (§8.14); customer/reseller honoured."""
    expect_void(send_envelope(ctx, "Dns/addZone.xml"), "addZone")
    zone = get_zone(ctx)
    check_fields(zone, {"name": DNS_ZONE, "ttl": 3600, "info": "CDRTool test zone", "customer": 1001,
                        "reseller": 1001, "email": f"hostmaster@{DNS_ZONE}", "refresh": 10800, "retry": 3600,
                        "expire": 604800, "minimum": 3600})
    assert zone["nameservers"] == DNS_NS, f"nameservers {zone['nameservers']!r}"
    assert isinstance(zone["serial"], int) and zone["serial"] > 2026000000, f"serial {zone['serial']!r}"
    assert CHANGE_DATE.match(zone["changeDate"] or ""), f"changeDate {zone['changeDate']!r}"
    assert pdns_rows(ctx) == [f"{DNS_ZONE} NS {ns} 0" for ns in DNS_NS], f"pdns {pdns_rows(ctx)}"
    ctx.ids["serial"] = zone["serial"]


def add_zone_again_is_7001(ctx):
    """api §4.3: the zone exists -> 7001 (CDRTool's import then calls updateZone)."""
    soap.expect_fault(send_envelope(ctx, "Dns/addZone.xml"), 7001)


def zone_names(result):
    return [z["name"] for z in result["zones"]]


def get_zones_lists_the_zone(ctx):
    """api §4.3 getZones: filter members ''/0 = no condition; orderBy changeDate DESC."""
    result = soap.expect_ok(send_envelope(ctx, "Dns/getZones.xml"))
    assert result["total"] == 1 and zone_names(result) == [DNS_ZONE], f"got {result!r}"


def get_zones_impersonating_1001_filters_by_name_and_owner(ctx):
    """api §8.2/§8.3: acting as reseller 1001, filter name, customer and reseller 1001."""
    result = soap.expect_ok(send_envelope(ctx, "Dns/getZones-impersonate.xml"))
    assert result["total"] == 1 and zone_names(result) == [DNS_ZONE], f"got {result!r}"


def get_zones_as_reseller_login_sees_its_zone(ctx):
    """api §8.1/§8.3: cdrtool-test (admin=false) is reseller 1001 and sees the zone."""
    result = soap.expect_ok(send_envelope(ctx, "Dns/getZones-customer.xml"))
    assert result["total"] == 1 and zone_names(result) == [DNS_ZONE], f"got {result!r}"


def another_reseller_sees_no_zone_and_may_not_read_it(ctx):
    """api §8.3: visibility before counting; a single get of an invisible zone -> 8001 (own calls)."""
    add_customer(ctx, {"id": 2001, "username": "other-reseller", "password": "Other-pw-1"})
    reply = dns_call(ctx, "getZones", [("query", {"filter": {"name": ""}})], soap.admin_as(2001))
    assert soap.expect_ok(reply, "getZones as 2001")["total"] == 0
    soap.expect_fault(dns_call(ctx, "getZone", [("zone", DNS_ZONE)], soap.admin_as(2001)), 8001)


def update_zone_round_trip_changes_timers_and_keeps_the_serial_server_side(ctx):
    """api §4.3/§8.9 updateZone: the getZone object sent back; serial is read-only and increases."""
    expect_void(send_envelope(ctx, "Dns/updateZone.xml"), "updateZone")
    zone = get_zone(ctx)
    check_fields(zone, {"ttl": 7200, "retry": 1800, "expire": 604800, "minimum": 3600, "refresh": 10800,
                        "customer": 1001, "reseller": 1001, "info": "CDRTool test zone"})
    assert zone["serial"] > ctx.ids["serial"] and zone["serial"] != 2026112301, f"serial {zone['serial']}"
    assert zone["changeDate"] != "2026-11-23 07:00:00", "the read-only changeDate was stored"
    ctx.ids["serial"] = zone["serial"]


def get_record_before_it_exists_is_7002(ctx):
    """api §7.3: DNS record not found -> 7002."""
    soap.expect_fault(send_envelope(ctx, "Dns/getRecord.xml"), 7002)


def add_record_adds_www(ctx):
    """api §4.3 addRecord: void; relative name qualified (§9.1 Q7); customer/reseller from the zone."""
    expect_void(send_envelope(ctx, "Dns/addRecord.xml"), "addRecord")
    assert f"www.{DNS_ZONE} A 192.0.2.80 0" in pdns_rows(ctx), f"pdns {pdns_rows(ctx)}"
    assert get_zone(ctx)["serial"] > ctx.ids["serial"], "the serial did not move"


def add_record_again_is_7003(ctx):
    """api §4.3: same name, type and value -> 7003."""
    soap.expect_fault(send_envelope(ctx, "Dns/addRecord.xml"), 7003)


def add_srv_record_puts_the_priority_in_prio(ctx):
    """api §8.14 SRV 'weight port target', priority apart (SCHEMA-MAPPING §4)."""
    expect_void(send_envelope(ctx, "Dns/addRecord-srv.xml"), "addRecord SRV")
    assert f"_sip._udp.{DNS_ZONE} SRV 0 5060 sip.{DNS_ZONE} 10" in pdns_rows(ctx), f"pdns {pdns_rows(ctx)}"


def get_record_returns_www(ctx):
    """api §4.3 getRecord: DnsRecord, name fully qualified, value as sent."""
    record = soap.expect_ok(send_envelope(ctx, "Dns/getRecord.xml"))
    check_fields(record, {"id": RECORD_ID, "zone": DNS_ZONE, "name": f"www.{DNS_ZONE}", "type": "A",
                          "value": "192.0.2.80", "ttl": 3600, "priority": 0, "owner": 0, "customer": 1001,
                          "reseller": 1001})


def get_records_lists_the_zone_newest_first(ctx):
    """api §4.3 getRecords: filter zone; orderBy changeDate DESC; range."""
    result = soap.expect_ok(send_envelope(ctx, "Dns/getRecords.xml"))
    names = [(r["name"], r["type"]) for r in result["records"]]
    assert result["total"] == 2, f"total {result['total']}"
    assert names == [(f"_sip._udp.{DNS_ZONE}", "SRV"), (f"www.{DNS_ZONE}", "A")], f"records {names}"


def update_record_round_trip_changes_value_and_ttl(ctx):
    """api §4.3 updateRecord keyed by id; read-only members ignored."""
    expect_void(send_envelope(ctx, "Dns/updateRecord.xml"), "updateRecord")
    record = soap.expect_ok(send_envelope(ctx, "Dns/getRecord.xml"))
    check_fields(record, {"value": "192.0.2.81", "ttl": 1800, "name": f"www.{DNS_ZONE}"})
    assert f"www.{DNS_ZONE} A 192.0.2.81 0" in pdns_rows(ctx), f"pdns {pdns_rows(ctx)}"


def get_fancy_record_before_it_exists_is_7002(ctx):
    """api §4.3 getFancyRecord: missing -> 7002."""
    soap.expect_fault(send_envelope(ctx, "Dns/getFancyRecord.xml"), 7002)


def add_fancy_record_redirects_old(ctx):
    """api §8.14 URL: stored in its own table; no redirector configured here, so nothing published."""
    expect_void(send_envelope(ctx, "Dns/addFancyRecord.xml"), "addFancyRecord")
    assert not [r for r in pdns_rows(ctx) if r.startswith("old.")], f"pdns {pdns_rows(ctx)}"


def get_fancy_record_returns_the_url(ctx):
    """api §4.3 getFancyRecord: DnsFancyRecord, listed apart from the records."""
    record = soap.expect_ok(send_envelope(ctx, "Dns/getFancyRecord.xml"))
    check_fields(record, {"id": FANCY_ID, "zone": DNS_ZONE, "name": f"old.{DNS_ZONE}", "type": "URL",
                          "value": f"https://www.{DNS_ZONE}/", "customer": 1001, "reseller": 1001})


def update_fancy_record_changes_the_target(ctx):
    """api §4.3 updateFancyRecord keyed by id."""
    expect_void(send_envelope(ctx, "Dns/updateFancyRecord.xml"), "updateFancyRecord")
    record = soap.expect_ok(send_envelope(ctx, "Dns/getFancyRecord.xml"))
    check_fields(record, {"value": f"https://new.{DNS_ZONE}/", "name": f"old.{DNS_ZONE}"})


def get_fancy_records_finds_the_mail_forward(ctx):
    """api §4.3 getFancyRecords filter type MBOXFW: the forward added by our own call, not the URL."""
    reply = dns_call(ctx, "addFancyRecord", [("record", {"name": "info", "zone": DNS_ZONE, "type": "MBOXFW",
                                                         "value": "carla@example.net", "owner": 0})],
                     typed={"record": "DnsFancyRecord"})
    expect_void(reply, "addFancyRecord MBOXFW")
    result = soap.expect_ok(send_envelope(ctx, "Dns/getFancyRecords.xml"))
    assert result["total"] == 1, f"total {result['total']}"
    check_fields(result["records"][0], {"name": f"info@{DNS_ZONE}", "type": "MBOXFW",
                                        "value": "carla@example.net"})
    assert sql_value(ctx, "SELECT destination FROM mail.virtual_aliases"
                          f" WHERE source = 'info@{DNS_ZONE}'") == "carla@example.net"


def delete_record_removes_www(ctx):
    """api §4.3 deleteRecord: void; PowerDNS loses it; then getRecord -> 7002."""
    expect_void(send_envelope(ctx, "Dns/deleteRecord.xml"), "deleteRecord")
    soap.expect_fault(send_envelope(ctx, "Dns/getRecord.xml"), 7002)
    assert not [r for r in pdns_rows(ctx) if r.startswith("www.")], f"pdns {pdns_rows(ctx)}"


def delete_record_again_is_7002(ctx):
    """api §4.3: missing -> 7002."""
    soap.expect_fault(send_envelope(ctx, "Dns/deleteRecord.xml"), 7002)


def delete_fancy_record_removes_the_url(ctx):
    """api §4.3 deleteFancyRecord: void."""
    expect_void(send_envelope(ctx, "Dns/deleteFancyRecord.xml"), "deleteFancyRecord")
    soap.expect_fault(send_envelope(ctx, "Dns/getFancyRecord.xml"), 7002)


def delete_fancy_record_again_is_7002(ctx):
    """api §4.3: missing -> 7002."""
    soap.expect_fault(send_envelope(ctx, "Dns/deleteFancyRecord.xml"), 7002)


def delete_zone_removes_it_with_its_records(ctx):
    """api §4.3/§9.1 Q16 deleteZone: the zone, its SRV record and its mail forward, in one go."""
    expect_void(send_envelope(ctx, "Dns/deleteZone.xml"), "deleteZone")
    soap.expect_fault(send_envelope(ctx, "Dns/getZone.xml"), 7000)
    left = sql_value(ctx, "SELECT (SELECT count(*) FROM pdns.domains) + (SELECT count(*) FROM ngnpro.dns_records)"
                          " + (SELECT count(*) FROM mail.virtual_aliases)")
    assert left == "0", f"{left} rows left"


def delete_zone_again_is_7000(ctx):
    """api §4.3: missing -> 7000."""
    soap.expect_fault(send_envelope(ctx, "Dns/deleteZone.xml"), 7000)


DNS_STEPS = [
    ("setup", seed_reseller_1001_for_dns),
    ("Dns/getZone.xml", get_zone_before_it_exists_is_7000),
    ("Dns/addZone.xml", add_zone_creates_soa_and_ns_records),
    ("Dns/addZone.xml", add_zone_again_is_7001),
    ("Dns/getZones.xml", get_zones_lists_the_zone),
    ("Dns/getZones-impersonate.xml", get_zones_impersonating_1001_filters_by_name_and_owner),
    ("Dns/getZones-customer.xml", get_zones_as_reseller_login_sees_its_zone),
    ("own call", another_reseller_sees_no_zone_and_may_not_read_it),
    ("Dns/updateZone.xml", update_zone_round_trip_changes_timers_and_keeps_the_serial_server_side),
    ("Dns/getRecord.xml", get_record_before_it_exists_is_7002),
    ("Dns/addRecord.xml", add_record_adds_www),
    ("Dns/addRecord.xml", add_record_again_is_7003),
    ("Dns/addRecord-srv.xml", add_srv_record_puts_the_priority_in_prio),
    ("Dns/getRecord.xml", get_record_returns_www),
    ("Dns/getRecords.xml", get_records_lists_the_zone_newest_first),
    ("Dns/updateRecord.xml", update_record_round_trip_changes_value_and_ttl),
    ("Dns/getFancyRecord.xml", get_fancy_record_before_it_exists_is_7002),
    ("Dns/addFancyRecord.xml", add_fancy_record_redirects_old),
    ("Dns/getFancyRecord.xml", get_fancy_record_returns_the_url),
    ("Dns/updateFancyRecord.xml", update_fancy_record_changes_the_target),
    ("Dns/getFancyRecords.xml", get_fancy_records_finds_the_mail_forward),
    ("Dns/deleteRecord.xml", delete_record_removes_www),
    ("Dns/deleteRecord.xml", delete_record_again_is_7002),
    ("Dns/deleteFancyRecord.xml", delete_fancy_record_removes_the_url),
    ("Dns/deleteFancyRecord.xml", delete_fancy_record_again_is_7002),
    ("Dns/deleteZone.xml", delete_zone_removes_it_with_its_records),
    ("Dns/deleteZone.xml", delete_zone_again_is_7000),
]


# -- Enum port (api §4.4) --------------------------------------------------------------------------

ENUM_PREFIX = {"prefix": "3120555", "tld": "e164.arpa"}
ALICE_NUMBER = {"number": "31205551234", "tld": "e164.arpa"}
ALICE_NAPTR_NAME = "4.3.2.1.5.5.5.0.2.1.3.e164.arpa"
ALICE_SIP_NAPTR = '5 10 "u" "E2U+sip" "!^.*$!sip:alice@cdrtool-test.example!" .'
ALICE_MAIL_NAPTR = '10 10 "u" "E2U+mailto" "!^.*$!mailto:alice@cdrtool-test.example!" .'


def enum_call(ctx, method, params, auth=soap.ADMIN):
    return soap.call(ctx.srv, "Enum", method, params, auth, shape=False)


def list_ranges(ctx):
    reply = enum_call(ctx, "getRanges", [("query", {"filter": {"prefix": ""}})])
    return soap.expect_ok(reply, "getRanges")


def naptr_rows(ctx):
    return sql_value(ctx, "SELECT string_agg(content || ' ' || ttl, '|' ORDER BY content) FROM pdns.records"
                          f" WHERE type = 'NAPTR' AND name = '{ALICE_NAPTR_NAME}'")


def mappings_of(number):
    return [(m["type"], m["mapto"], m["priority"], m["ttl"]) for m in number["mappings"] or []]


def seed_reseller_1001_for_enum(ctx):
    """Setup through our own API: reseller 1001 cdrtool-test, which the envelopes assign ranges to."""
    reset_database(ctx.dsn)
    ctx.ids.clear()
    account = {"id": 1001, "password": CUSTOMER_PASSWORD, **ADDED_FIELDS,
               "properties": [dict(zip(("name", "value", "category", "permission"), p)) for p in CREDITS]}
    created = add_customer(ctx, account)
    assert (created["id"], created["reseller"]) == (1001, 1001), f"seeded {created['id']}/{created['reseller']}"


def get_number_before_it_exists_is_3002(ctx):
    """api §4.4 getNumber: missing -> 3002 (CDRTool then calls addNumber)."""
    soap.expect_fault(send_envelope(ctx, "Enum/getNumber.xml"), 3002)


def add_range_assigns_it_to_1001_and_publishes_its_zone(ctx):
    """api §4.4 addRange: void; admin's customer/reseller honoured (§8.5); the zone is published."""
    expect_void(send_envelope(ctx, "Enum/addRange.xml"), "addRange")
    result = list_ranges(ctx)
    assert result["total"] == 1, f"total {result['total']}"
    r = result["ranges"][0]
    assert r["id"] == ENUM_PREFIX, f"id {r['id']!r}"
    check_fields(r, {"ttl": 3600, "minDigits": 11, "maxDigits": 11, "size": 1000, "used": 0,
                     "customer": 1001, "reseller": 1001, "info": "CDRTool test range"})
    assert r["nameservers"] == ["ns1.dns-hosting.info", "ns2.dns-hosting.info"], f"nameservers {r['nameservers']!r}"
    assert CHANGE_DATE.match(r["changeDate"] or ""), f"changeDate {r['changeDate']!r}"
    zone = sql_value(ctx, "SELECT name FROM pdns.domains")
    assert zone == "5.5.5.0.2.1.3.e164.arpa", f"zone {zone!r}"


def add_range_again_is_3001(ctx):
    """api §4.4: the range exists -> 3001; nothing written."""
    soap.expect_fault(send_envelope(ctx, "Enum/addRange.xml"), 3001)
    assert list_ranges(ctx)["total"] == 1


def get_ranges_finds_the_range_by_prefix_and_tld(ctx):
    """api §4.4 getRanges: filter prefix/tld, orderBy changeDate DESC, range count 1."""
    result = soap.expect_ok(send_envelope(ctx, "Enum/getRanges.xml"))
    assert result["total"] == 1 and len(result["ranges"]) == 1, f"got {result!r}"
    serial = sql_value(ctx, "SELECT split_part(content, ' ', 3) FROM pdns.records WHERE type = 'SOA'")
    assert str(result["ranges"][0]["serial"]) == serial, f"serial {result['ranges'][0]['serial']} != SOA {serial}"


def add_number_publishes_its_naptr(ctx):
    """api §4.4 addNumber: void; one NAPTR per mapping as api §9.1 row 13 says."""
    expect_void(send_envelope(ctx, "Enum/addNumber.xml"), "addNumber")
    assert naptr_rows(ctx) == ALICE_SIP_NAPTR + " 3600", f"NAPTR {naptr_rows(ctx)!r}"


def add_number_again_is_3003(ctx):
    """api §4.4: the number exists -> 3003."""
    soap.expect_fault(send_envelope(ctx, "Enum/addNumber.xml"), 3003)


def get_number_returns_the_number_with_its_mapping(ctx):
    """api §4.4 getNumber: EnumNumber with customer/reseller inherited from the range (§8.5)."""
    number = soap.expect_ok(send_envelope(ctx, "Enum/getNumber.xml"))
    assert number["id"] == ALICE_NUMBER, f"id {number['id']!r}"
    check_fields(number, {"owner": 1001, "info": "Alice", "customer": 1001, "reseller": 1001})
    assert mappings_of(number) == [("sip", "sip:alice@cdrtool-test.example", 5, 3600)], f"{number['mappings']!r}"
    assert isinstance(number["mappings"][0]["id"], int) and number["mappings"][0]["id"] > 0
    ctx.ids["sip mapping"] = number["mappings"][0]["id"]


def get_numbers_as_admin_lists_it(ctx):
    """api §4.4 getNumbers: empty strings and 0 are no condition (§3)."""
    result = soap.expect_ok(send_envelope(ctx, "Enum/getNumbers.xml"))
    assert result["total"] == 1 and [n["id"] for n in result["numbers"]] == [ALICE_NUMBER], f"got {result!r}"


def get_numbers_impersonating_matches_mapto_as_a_substring(ctx):
    """api §4.4: type sip and mapto alice@... (without the scheme) find sip:alice@...; owner 1001."""
    result = soap.expect_ok(send_envelope(ctx, "Enum/getNumbers-impersonate.xml"))
    assert result["total"] == 1 and [n["id"] for n in result["numbers"]] == [ALICE_NUMBER], f"got {result!r}"


def get_numbers_as_reseller_login_sees_its_number(ctx):
    """api §8.1/§8.3: cdrtool-test (admin=false) is reseller 1001 and sees its range's numbers."""
    result = soap.expect_ok(send_envelope(ctx, "Enum/getNumbers-customer.xml"))
    assert result["total"] == 1, f"total {result['total']}"


def update_number_replaces_the_mappings(ctx):
    """api §4.4 updateNumber: the list replaces; id 501 is not one of this number's, so both
    mappings get new ids; read-only customer/reseller/changeDate ignored."""
    expect_void(send_envelope(ctx, "Enum/updateNumber.xml"), "updateNumber")
    number = soap.expect_ok(send_envelope(ctx, "Enum/getNumber.xml"))
    assert mappings_of(number) == [("sip", "sip:alice@cdrtool-test.example", 5, 3600),
                                   ("mailto", "mailto:alice@cdrtool-test.example", 10, 3600)], \
        f"mappings {number['mappings']!r}"
    ids = [m["id"] for m in number["mappings"]]
    assert 501 not in ids and len(set(ids)) == 2, f"mapping ids {ids}"
    assert number["changeDate"] != "2026-11-23 07:00:00", "the read-only changeDate was stored"
    expected = "|".join(sorted([ALICE_MAIL_NAPTR + " 3600", ALICE_SIP_NAPTR + " 3600"]))
    assert naptr_rows(ctx) == expected, f"NAPTR {naptr_rows(ctx)!r}"


def update_range_round_trip_changes_ttl_limits_and_info(ctx):
    """api §4.4 updateRange: the getRanges object sent back; used, serial, changeDate ignored."""
    before = sql_value(ctx, "SELECT serial FROM ngnpro.enum_ranges")
    expect_void(send_envelope(ctx, "Enum/updateRange.xml"), "updateRange")
    r = list_ranges(ctx)["ranges"][0]
    check_fields(r, {"ttl": 7200, "minDigits": 11, "maxDigits": 12, "size": 2000, "used": 1,
                     "customer": 1001, "reseller": 1001, "info": "CDRTool test range (updated)"})
    assert r["serial"] == int(before) + 1, f"serial {r['serial']} after {before}: the SOA changed with the ttl"
    ttls = sql_value(ctx, "SELECT string_agg(DISTINCT ttl::text, ',') FROM pdns.records WHERE ngn_src = 'enum_range'")
    assert ttls == "7200", f"SOA/NS ttl {ttls}"


def delete_range_is_refused_with_3005_while_numbers_remain(ctx):
    """api §4.4/§8.10: a range with numbers -> 3005; the range stays."""
    soap.expect_fault(send_envelope(ctx, "Enum/deleteRange.xml"), 3005)
    assert list_ranges(ctx)["total"] == 1


def delete_number_removes_it_and_its_naptr(ctx):
    """api §4.4 deleteNumber: void; then getNumber -> 3002 and no NAPTR is left."""
    expect_void(send_envelope(ctx, "Enum/deleteNumber.xml"), "deleteNumber")
    soap.expect_fault(send_envelope(ctx, "Enum/getNumber.xml"), 3002)
    assert naptr_rows(ctx) == "", f"NAPTR left: {naptr_rows(ctx)!r}"


def delete_number_again_is_3002(ctx):
    """api §4.4: missing -> 3002."""
    soap.expect_fault(send_envelope(ctx, "Enum/deleteNumber.xml"), 3002)


def delete_range_removes_it_and_its_zone(ctx):
    """api §4.4 deleteRange once empty: void; the zone is unpublished."""
    expect_void(send_envelope(ctx, "Enum/deleteRange.xml"), "deleteRange")
    assert list_ranges(ctx)["total"] == 0
    assert sql_value(ctx, "SELECT count(*) FROM pdns.domains") == "0"


def delete_range_again_is_3000(ctx):
    """api §4.4: missing -> 3000."""
    soap.expect_fault(send_envelope(ctx, "Enum/deleteRange.xml"), 3000)


ENUM_STEPS = [
    ("setup", seed_reseller_1001_for_enum),
    ("Enum/getNumber.xml", get_number_before_it_exists_is_3002),
    ("Enum/addRange.xml", add_range_assigns_it_to_1001_and_publishes_its_zone),
    ("Enum/addRange.xml", add_range_again_is_3001),
    ("Enum/getRanges.xml", get_ranges_finds_the_range_by_prefix_and_tld),
    ("Enum/addNumber.xml", add_number_publishes_its_naptr),
    ("Enum/addNumber.xml", add_number_again_is_3003),
    ("Enum/getNumber.xml", get_number_returns_the_number_with_its_mapping),
    ("Enum/getNumbers.xml", get_numbers_as_admin_lists_it),
    ("Enum/getNumbers-impersonate.xml", get_numbers_impersonating_matches_mapto_as_a_substring),
    ("Enum/getNumbers-customer.xml", get_numbers_as_reseller_login_sees_its_number),
    ("Enum/updateNumber.xml", update_number_replaces_the_mappings),
    ("Enum/updateRange.xml", update_range_round_trip_changes_ttl_limits_and_info),
    ("Enum/deleteRange.xml", delete_range_is_refused_with_3005_while_numbers_remain),
    ("Enum/deleteNumber.xml", delete_number_removes_it_and_its_naptr),
    ("Enum/deleteNumber.xml", delete_number_again_is_3002),
    ("Enum/deleteRange.xml", delete_range_removes_it_and_its_zone),
    ("Enum/deleteRange.xml", delete_range_again_is_3000),
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


def envelope_method(ctx, rel):
    with open(os.path.join(ctx.envelopes, rel), "rb") as f:
        return soap.request_info(f.read())[1]


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
        for rel, test in SIP_STEPS:
            results.run(f"{rel}: {runner.test_name(test)}", test, ctx)
        for rel, test in DNS_STEPS:
            results.run(f"{rel}: {runner.test_name(test)}", test, ctx)
        for rel in captured_files(args.envelopes, "Dns"):
            if rel not in ctx.used:
                results.fail(rel, "no Dns step sends this captured envelope")
        for rel, test in ENUM_STEPS:
            results.run(f"{rel}: {runner.test_name(test)}", test, ctx)
        for rel in captured_files(args.envelopes, "Enum"):
            if rel not in ctx.used:
                results.fail(rel, "no Enum step sends this captured envelope")
        for port in ("Sip", "Voicemail"):
            for rel in captured_files(args.envelopes, port):
                if port == "Sip" and envelope_method(ctx, rel) in SIP_IMPLEMENTED:
                    if rel not in ctx.used:
                        results.fail(rel, "no Sip step sends this captured envelope")
                    continue
                results.run(f"{rel}: {runner.test_name(answers_9002_not_implemented_yet)}",
                            answers_9002_not_implemented_yet, ctx, rel)
        return runner.finish_with_server(results, srv, args.dsn)


if __name__ == "__main__":
    runner.main_guard(run)
