#!/usr/bin/env python3
"""Time from a Sip.setCallDiversions SOAP reply to the first call through Kamailio that obeys it.

  sip_propagation.py HOST PORT KAMAILIO_PORT DOMAIN COUNT SIPP_COUNT TAG

Adds two accounts of DOMAIN over SOAP (admin): c<TAG> calls, d<TAG> is called. Then COUNT
changes over one keep-alive connection, each a setCallDiversions giving d<TAG> a new redirect
RUNC sip:t<i>@example.net; after each reply an INVITE (tests/e2e/sipclient.py: raw UDP, digest
answered, no process start) from c<TAG> to d<TAG>, repeated until Kamailio answers 302 with the
new target in Contact. Then SIPP_COUNT more changes, each call made by a SIPp process
(tests/e2e/sipp/call_uac.xml), as the end-to-end test does, for comparison. Prints:

  PROP client=raw|sipp n=.. p50_us=.. p99_us=.. max_us=.. calls_per_change=.. timeouts=..
"""
import http.client
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(REPO, "tests", "e2e"))
sys.path.insert(0, os.path.join(REPO, "tests", "wire"))

import harness  # noqa: E402  (tests/e2e: free_udp_port)
import sipclient  # noqa: E402
from support import soap  # noqa: E402

(host, port, kam_port, domain, count, sipp_count, tag) = (sys.argv[1], int(sys.argv[2]), int(sys.argv[3]),
                                                          sys.argv[4], int(sys.argv[5]), int(sys.argv[6]),
                                                          sys.argv[7])
GIVE_UP_S = 5.0
HEADERS = {"Content-Type": "text/xml; charset=UTF-8", "SOAPAction": '""'}
AUTH = {"username": "admin", "password": "admin-secret", "admin": True}   # bench/lib/server.sh
KAMAILIO = ("127.0.0.1", kam_port)
conn = http.client.HTTPConnection(host, port)


def soap_call(method, params, typed=None):
    conn.request("POST", "/ngnpro/", soap.envelope("Sip", method, params, AUTH, typed), HEADERS)
    resp = conn.getresponse()
    data = resp.read()
    if resp.status != 200:
        sys.exit("Sip.%s failed (%d): %s" % (method, resp.status, data[:400]))


def add_account(username, password):
    account = {"id": {"username": username, "domain": domain}, "password": password, "firstName": "Bench",
               "lastName": username, "timezone": "UTC", "groups": [], "acl": [], "properties": []}
    soap_call("addAccount", [("account", account)], {"account": "SipAccount"})


def raw_call_obeys(target):
    result = sipclient.invite(KAMAILIO, caller, domain, password, callee)
    return result.code == 302 and result.header("Contact") == f"<{target}>"


def sipp_call_obeys(target):
    with tempfile.TemporaryDirectory(prefix="bench-sipp-") as work:
        trace = os.path.join(work, "trace.log")
        scenario = os.path.join(REPO, "tests", "e2e", "sipp", "call_uac.xml")
        subprocess.run(["/usr/bin/sipp", "%s:%d" % KAMAILIO, "-sf", scenario, "-m", "1", "-i", "127.0.0.1",
                        "-p", str(harness.free_udp_port()), "-mp", str(harness.free_udp_port()),
                        "-key", "domain", domain, "-s", callee, "-key", "caller", caller, "-au", caller,
                        "-ap", password, "-timeout", "10s", "-timeout_error", "-nostdin",
                        "-trace_msg", "-message_file", trace],
                       cwd=work, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       timeout=20)
        with open(trace, errors="replace") as f:
            text = f.read()
    return "SIP/2.0 302" in text and f"Contact: <{target}>" in text


def measure(obeys, n, first):
    """n changes; returns the seconds from each reply to the first obeying call, calls made, timeouts."""
    seconds, calls, timeouts = [], 0, 0
    for i in range(first, first + n):
        target = f"sip:t{i}@example.net"
        soap_call("setCallDiversions", [("sipId", {"username": callee, "domain": domain}),
                                        ("diversions", {"RUNC": target})], {"diversions": "CallDiversions"})
        replied = time.monotonic()
        while True:
            calls += 1
            if obeys(target):
                seconds.append(time.monotonic() - replied)
                break
            if time.monotonic() - replied > GIVE_UP_S:
                timeouts += 1
                break
    return seconds, calls, timeouts


def report(client, n, seconds, calls, timeouts):
    seconds = sorted(seconds) or [float("nan")]
    pick = lambda q: seconds[min(len(seconds) - 1, int(q * len(seconds)))]  # noqa: E731
    print("PROP client=%s n=%d p50_us=%.0f p99_us=%.0f max_us=%.0f calls_per_change=%.2f timeouts=%d"
          % (client, n, pick(0.50) * 1e6, pick(0.99) * 1e6, seconds[-1] * 1e6, calls / max(n, 1), timeouts),
          flush=True)


caller, callee, password = f"c{tag}", f"d{tag}", "Bench-pw-1"
add_account(caller, password)
add_account(callee, password)
report("raw", count, *measure(raw_call_obeys, count, 0))
if sipp_count > 0:
    report("sipp", sipp_count, *measure(sipp_call_obeys, sipp_count, count))
