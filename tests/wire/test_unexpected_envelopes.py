#!/usr/bin/python3
"""Well-formed XML, but a SOAP envelope no NGNPro client writes: multi-refs in the Header, headers
we do not know (with and without mustUnderstand), an auth header in a foreign namespace, SOAP
arrays declaring absurd sizes, offsets or positions, SOAP-ENC:root, unknown xsi:types, xsi:nil on
required things, two method elements, deep nesting. Each is answered with a SOAP 1.1 envelope that
PEAR can read (api §2.2, §7.1): a fault with an integer NGNPro errorcode, or, where SOAP 1.1 and
api §2.6 say the envelope is fine, the normal result. Never a text/plain 500, a crash or a dropped
connection; the server answers a normal request after every case.

usage: test_unexpected_envelopes.py --server BIN --wsdl-dir DIR   (NGNPRO_TEST_DSN set)
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from support import runner, soap  # noqa: E402
from support.server import ADMIN_PASSWORD, ADMIN_USER, Server, reset_database  # noqa: E402

FAST = 2.0  # seconds within which every case must be answered
SERVED = "served"  # an expected outcome: HTTP 200 and the method's result
PROBE = b"@PROBE@"  # replaced by the probe customer's id

ENVELOPE_START = (b'<?xml version="1.0" encoding="UTF-8"?>\r\n'
                  b'<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/"'
                  b' xmlns:SOAP-ENC="http://schemas.xmlsoap.org/soap/encoding/"'
                  b' xmlns:xsd="http://www.w3.org/2001/XMLSchema"'
                  b' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
                  b' xmlns:ng="urn:AGProjects:NGNPro" xmlns:ns4="urn:AGProjects:NGNPro:Customer"'
                  b' SOAP-ENV:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/">')
CREDENTIALS = (b'<username xsi:type="xsd:string">%s</username><password xsi:type="xsd:string">%s</password>'
               b'<admin xsi:type="xsd:boolean">true</admin>' % (ADMIN_USER.encode(), ADMIN_PASSWORD.encode()))
AUTH = b"<auth>" + CREDENTIALS + b"</auth>"
GET_PROBE = b'<ns4:getAccount><id xsi:type="xsd:int">' + PROBE + b"</id></ns4:getAccount>"


def envelope(body, header=AUTH):
    """Header content (None: no Header element) and Body content in one envelope."""
    head = b"" if header is None else b"<SOAP-ENV:Header>" + header + b"</SOAP-ENV:Header>"
    return ENVELOPE_START + head + b"<SOAP-ENV:Body>" + body + b"</SOAP-ENV:Body></SOAP-ENV:Envelope>"


def with_auth(attributes):
    return envelope(GET_PROBE, b"<auth " + attributes + b">" + CREDENTIALS + b"</auth>")


def set_properties(array_attributes, items=1, item_attributes=b""):
    """Customer.setProperties with one properties array (the captured request's shape)."""
    item = (b"<item" + item_attributes + b'><name xsi:type="xsd:string">sip_accounts_last_domain</name>'
            b'<value xsi:type="xsd:string">example.com</value><category xsi:type="xsd:string">web</category>'
            b'<permission xsi:type="xsd:string">customer</permission></item>')
    return envelope(b'<ns4:setProperties><customer xsi:type="xsd:int">' + PROBE + b"</customer>"
                    b"<properties " + array_attributes + b">" + item * items + b"</properties></ns4:setProperties>")


def nested(depth, inner):
    return b"<a>" * depth + inner + b"</a>" * depth


# (name: what the case proves, request body, SERVED or the set of acceptable outcomes: NGNPro
# fault codes, and SERVED where a result is acceptable too)
CASES = [
    # -- multi-ref in the Header: the credentials are read before references resolve ----------
    ("auth by reference to a Body element is 9001",
     envelope(GET_PROBE + b'<cred id="a">' + CREDENTIALS + b"</cred>", b'<auth href="#a"/>'), {9001}),
    ("a dangling href in the Header is 9001", envelope(GET_PROBE, b'<auth href="#nowhere"/>'), {9001}),
    ("an id in the Header is 9001", envelope(GET_PROBE, b'<auth id="a">' + CREDENTIALS + b"</auth>"), {9001}),
    ("a Header that is itself a reference is 9001",
     ENVELOPE_START + b'<SOAP-ENV:Header href="#h"/><SOAP-ENV:Body>' + GET_PROBE
     + b'<h id="h">' + AUTH + b"</h></SOAP-ENV:Body></SOAP-ENV:Envelope>", {9001}),
    # -- unknown headers (SOAP 1.1 §4.2.3) -----------------------------------------------------
    ("an unknown optional header is ignored", envelope(GET_PROBE, b'<x:trace xmlns:x="urn:x">1</x:trace>' + AUTH),
     SERVED),
    ("an unknown header instead of auth is 8000", envelope(GET_PROBE, b'<x:trace xmlns:x="urn:x">1</x:trace>'),
     {8000}),
    ("an unknown header with mustUnderstand=1 is 9001",
     envelope(GET_PROBE, AUTH + b'<x:tx xmlns:x="urn:x" SOAP-ENV:mustUnderstand="1">1</x:tx>'), {9001}),
    ("an unknown header with mustUnderstand=true is 9001",
     envelope(GET_PROBE, AUTH + b'<x:tx xmlns:x="urn:x" SOAP-ENV:mustUnderstand="true"/>'), {9001}),
    ("an unknown mustUnderstand header for another actor is ignored",
     envelope(GET_PROBE, AUTH + b'<x:tx xmlns:x="urn:x" SOAP-ENV:mustUnderstand="1"'
              b' SOAP-ENV:actor="urn:someone-else"/>'), SERVED),
    ("an unknown SOAP-ENV element in the Header is 9001", envelope(GET_PROBE, AUTH + b"<SOAP-ENV:Nope/>"), {9001}),
    # -- the auth header's namespace and attributes (api §2.4) ----------------------------------
    ("auth with mustUnderstand=1 is understood", with_auth(b'SOAP-ENV:mustUnderstand="1"'), SERVED),
    ("auth with mustUnderstand=0 is understood", with_auth(b'SOAP-ENV:mustUnderstand="0"'), SERVED),
    ("auth in the types namespace by default namespace is understood",
     with_auth(b'xmlns="urn:AGProjects:NGNPro" SOAP-ENV:mustUnderstand="1"'), SERVED),
    ("auth in the types namespace by prefix is understood",
     envelope(GET_PROBE, b"<ng:auth>" + CREDENTIALS + b"</ng:auth>"), SERVED),
    ("auth in a foreign default namespace is missing: 8000", with_auth(b'xmlns="urn:example:other"'), {8000}),
    ("auth in a foreign prefixed namespace is missing: 8000",
     envelope(GET_PROBE, b'<o:auth xmlns:o="urn:example:other">' + CREDENTIALS + b"</o:auth>"), {8000}),
    ("auth in a port namespace is missing: 8000", with_auth(b'xmlns="urn:AGProjects:NGNPro:Customer"'), {8000}),
    ("auth in a foreign namespace with mustUnderstand=1 is 9001",
     with_auth(b'xmlns="urn:example:other" SOAP-ENV:mustUnderstand="1"'), {9001}),
    ("a nil auth is missing: 8000", envelope(GET_PROBE, b'<auth xsi:nil="true"/>'), {8000}),
    # -- SOAP-ENC arrays: declared sizes never allocate -----------------------------------------
    ("an array as PEAR sends it is served",
     set_properties(b'xsi:type="SOAP-ENC:Array" SOAP-ENC:arrayType="Struct[1]" SOAP-ENC:offset="[0]"'), SERVED),
    ("an array declaring 999999999 items is 8003", set_properties(b'SOAP-ENC:arrayType="Struct[999999999]"'), {8003}),
    ("an array declaring 2147483647 items is 8003", set_properties(b'SOAP-ENC:arrayType="Struct[2147483647]"'), {8003}),
    ("an array declaring 2^32 items is 8003", set_properties(b'SOAP-ENC:arrayType="Struct[4294967296]"'), {8003}),
    ("an array declaring 2^64+1 items is 8003",
     set_properties(b'SOAP-ENC:arrayType="Struct[18446744073709551617]"'), {8003}),
    ("an array declaring -1 items is 8003", set_properties(b'SOAP-ENC:arrayType="Struct[-1]"'), {8003}),
    ("an array declaring 10x10 items is 8003", set_properties(b'SOAP-ENC:arrayType="Struct[10,10]"'), {8003}),
    ("an array of arrays is 8003", set_properties(b'SOAP-ENC:arrayType="xsd:string[][2]"'), {8003}),
    ("an array declaring 99999 items but holding 1 is served",
     set_properties(b'SOAP-ENC:arrayType="Struct[99999]"'), SERVED),
    ("an array declaring 1 item but holding 3 is served", set_properties(b'SOAP-ENC:arrayType="Struct[1]"', 3),
     SERVED),
    ("an array declaring no size is served", set_properties(b'SOAP-ENC:arrayType="Struct[]"', 2), SERVED),
    ("an array with an offset is 8003",
     set_properties(b'SOAP-ENC:arrayType="Struct[2]" SOAP-ENC:offset="[1]"'), {8003}),
    ("an array with a negative offset is 8003",
     set_properties(b'SOAP-ENC:arrayType="Struct[1]" SOAP-ENC:offset="[-2147483648]"'), {8003}),
    ("an array item with a position is 8003",
     set_properties(b'SOAP-ENC:arrayType="Struct[5]"', 1, b' SOAP-ENC:position="[4]"'), {8003}),
    ("an array item with a huge position is 8003",
     set_properties(b'SOAP-ENC:arrayType="Struct[1]"', 1, b' SOAP-ENC:position="[2147483647]"'), {8003}),
    # -- other attributes and types -------------------------------------------------------------
    ("SOAP-ENC:root on the method element is served",
     envelope(b'<ns4:getAccount SOAP-ENC:root="1"><id xsi:type="xsd:int">' + PROBE + b"</id></ns4:getAccount>"),
     SERVED),
    ("SOAP-ENC:root=0 on the method element is served",
     envelope(b'<ns4:getAccount SOAP-ENC:root="0"><id xsi:type="xsd:int">' + PROBE + b"</id></ns4:getAccount>"),
     SERVED),
    ("an unknown xsi:type on a scalar is advisory and served (api 2.6.4)",
     envelope(b'<ns4:getAccount><id xsi:type="ng:Bogus">' + PROBE + b"</id></ns4:getAccount>"), SERVED),
    # gSOAP reads a struct by the type its parameter declares, whatever xsi:type says.
    ("an unknown xsi:type on a struct is advisory and served",
     envelope(b'<ns4:getCustomers><query xsi:type="ng:Bogus"><filter/></query></ns4:getCustomers>'), SERVED),
    ("an xsi:type with an undeclared prefix on a struct is advisory and served",
     envelope(b'<ns4:getCustomers><query xsi:type="nope:Bogus"><filter/></query></ns4:getCustomers>'), SERVED),
    ("SOAP-ENC:Array as the xsi:type of a struct is advisory and served",
     envelope(b'<ns4:getCustomers><query xsi:type="SOAP-ENC:Array"><filter/></query></ns4:getCustomers>'), SERVED),
    ("xsi:nil on the required id is 8003", envelope(b'<ns4:getAccount><id xsi:nil="true"/></ns4:getAccount>'),
     {8003}),
    ("xsi:nil on the required account is 8003",
     envelope(b'<ns4:addAccount><account xsi:nil="true"/></ns4:addAccount>'), {8003}),
    ("xsi:nil on the method element is 8003", envelope(b'<ns4:getAccount xsi:nil="true"/>'), {8003}),
    # -- the Body -------------------------------------------------------------------------------
    ("two method elements are 9001", envelope(GET_PROBE + GET_PROBE), {9001}),
    ("a method element and a multi-ref target are served",
     envelope(b'<ns4:getAccount><id href="#i"/></ns4:getAccount><v id="i" xsi:type="xsd:int">' + PROBE + b"</v>"),
     SERVED),
    ("a dangling href in the Body is 8003", envelope(b'<ns4:getAccount><id href="#nowhere"/></ns4:getAccount>'),
     {8003}),
    ("a reference cycle in the Body is a fault or served",
     envelope(b'<ns4:getAccount><id href="#a"/></ns4:getAccount><x id="a" href="#b"/><y id="b" href="#a"/>'),
     {8003, 9001}),
    ("a self-reference in the Body is a fault",
     envelope(b'<ns4:getAccount><id href="#a"/></ns4:getAccount><x id="a" href="#a"/>'), {8003, 9001}),
    # gSOAP nils a reference whose target has another type: never a value read as the wrong type.
    ("a reference to a value of another type reads as nil",
     envelope(b'<ns4:getCustomers><query href="#q"/></ns4:getCustomers><q id="q" xsi:type="xsd:string">x</q>'),
     SERVED),
    ("text instead of a method element is 9001", envelope(b"hello"), {9001}),
    ("a method in the envelope namespace is a fault", envelope(b"<SOAP-ENV:getAccount/>"), {9001, 9002}),
    ("a Header after the Body is not read: 8000",
     ENVELOPE_START + b"<SOAP-ENV:Body>" + GET_PROBE + b"</SOAP-ENV:Body><SOAP-ENV:Header>" + AUTH
     + b"</SOAP-ENV:Header></SOAP-ENV:Envelope>", {8000}),
    ("two Headers are 9001",
     ENVELOPE_START + b"<SOAP-ENV:Header>" + AUTH + b"</SOAP-ENV:Header><SOAP-ENV:Header/><SOAP-ENV:Body>"
     + GET_PROBE + b"</SOAP-ENV:Body></SOAP-ENV:Envelope>", {9001}),
    # -- nesting just under the reader's maxlevel (64; Envelope, Body and method are 3 of them) ---
    ("an unknown member nested 60 deep is ignored",
     envelope(b'<ns4:getAccount><id xsi:type="xsd:int">' + PROBE + b"</id>" + nested(60, b"x")
              + b"</ns4:getAccount>"), SERVED),
    ("a scalar holding elements nested 58 deep is 8003",
     envelope(b"<ns4:getAccount><id>" + nested(58, PROBE) + b"</id></ns4:getAccount>"), {8003}),
    # gSOAP reads a string's content, tags included, as its text; 407 bytes exceed the 255 of
    # a user name filter (8003), which a longer limit would turn into an empty result.
    ("a string member holding elements nested 58 deep is read as its text",
     envelope(b"<ns4:getCustomers><query><filter><username>" + nested(58, b"x")
              + b"</username></filter></query></ns4:getCustomers>"), {8003, SERVED}),
]


class Context:
    def __init__(self, srv):
        self.srv = srv
        self.probe_id = None


def get_account(ctx):
    return soap.call(ctx.srv, "Customer", "getAccount", [("id", ctx.probe_id)], shape=False)


def answered_as_expected(ctx, body, expected):
    """One envelope: a PEAR-readable SOAP answer within FAST seconds, as `expected`; then the
    server still answers a normal request."""
    response = ctx.srv.post("/ngnpro/", body.replace(PROBE, str(ctx.probe_id).encode()), timeout=FAST + 3)
    assert response.seconds <= FAST, f"answered after {response.seconds:.2f} s, limit {FAST} s"
    problems = soap.http_problems(response) + soap.envelope_problems(response, [ADMIN_PASSWORD])
    assert not problems, "; ".join(problems) + f": {response.body[:300]!r}"
    reply = soap.read_reply(response)
    expected = {expected} if expected == SERVED else expected
    if reply.fault is None:
        assert SERVED in expected and response.status == 200, f"expected {expected}, got {reply!r}"
    else:
        assert response.status == 500 and reply.fault.errorcode in expected, \
            f"expected {expected}, got {reply.fault!r}"
    after = soap.expect_ok(get_account(ctx), "getAccount after the case")
    assert after["id"] == ctx.probe_id


def run():
    args = runner.parse_args(__doc__)
    results = runner.Results()
    with Server(args.server, args.wsdl_dir, args.dsn) as srv:
        ctx = Context(srv)
        reset_database(args.dsn)
        probe = soap.call(srv, "Customer", "addAccount",
                          [("account", {"username": "probe", "password": "Probe-pw-1"})], shape=False)
        ctx.probe_id = soap.expect_ok(probe, "seed probe")["id"]
        for name, body, expected in CASES:
            results.run(name, answered_as_expected, ctx, body, expected)
        return runner.finish_with_server(results, srv, args.dsn)


if __name__ == "__main__":
    runner.main_guard(run)
