#!/usr/bin/env python3
"""Time from a Dns.addRecord / Dns.updateRecord SOAP reply to PowerDNS's first correct answer.

  dns_propagation.py HOST PORT DNS_PORT ZONE ADD_ENVELOPE UPDATE_ENVELOPE GET_ENVELOPE COUNT DIG_COUNT TAG

COUNT changes over one keep-alive connection, alternately an addRecord of a new A record
(name "www" of ADD_ENVELOPE -> p<TAG>n<i>) and an updateRecord giving the record u<TAG> a new
address (UPDATE_ENVELOPE with its id, name and value replaced; the id is found once with
GET_ENVELOPE, filter name). After each reply a raw UDP query (no process start: dig's costs
~40 ms, more than what is measured) goes to PowerDNS on 127.0.0.1:DNS_PORT every 1 ms until
the answer holds the new address. Then DIG_COUNT more changes polled with a dig process each
time instead, for comparison. Prints:

  PROP kind=all|add|update n=.. p50_us=.. p99_us=.. max_us=.. queries_per_change=.. timeouts=..
  DIG n=.. p50_us=.. p99_us=.. timeouts=..
"""
import http.client
import random
import re
import socket
import struct
import subprocess
import sys
import time

(host, port, dns_port, zone, add_env, upd_env, get_env, count, dig_count,
 tag) = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], *sys.argv[5:8], int(sys.argv[8]), \
    int(sys.argv[9]), sys.argv[10]
POLL_S = 0.001
GIVE_UP_S = 5.0
HEADERS = {"Content-Type": "text/xml; charset=UTF-8", "SOAPAction": '""'}
conn = http.client.HTTPConnection(host, port)


def soap(body):
    conn.request("POST", "/ngnpro/", body, HEADERS)
    resp = conn.getresponse()
    data = resp.read()
    if resp.status != 200:
        sys.exit("SOAP call failed (%d): %s" % (resp.status, data[:400]))
    return data


def element(template, name, old, new):
    """TEMPLATE with the xsd element NAME holding OLD now holding NEW."""
    pattern = re.compile(rb'(<%s xsi:type="xsd:[a-z]+">)%s(</%s>)' % (name, re.escape(old), name))
    assert pattern.search(template), "envelope has no %s %s" % (name.decode(), old.decode())
    return pattern.sub(lambda m: m.group(1) + new + m.group(2), template, count=1)


def address(i):
    return "10.%d.%d.%d" % ((i >> 16) & 255, (i >> 8) & 255, i & 255)


def query_packet(qid, name):
    qname = b"".join(bytes([len(label)]) + label.encode() for label in name.split(".")) + b"\0"
    return struct.pack(">HHHHHH", qid, 0, 1, 0, 0, 0) + qname + struct.pack(">HH", 1, 1)  # A, IN


def skip_name(msg, pos):
    while True:
        length = msg[pos]
        if length == 0:
            return pos + 1
        if length & 0xC0 == 0xC0:  # compression pointer: the name ends here
            return pos + 2
        pos += 1 + length


def answer_has(msg, qid, want):
    """The response MSG to query QID holds an A record with the 4 bytes WANT."""
    if len(msg) < 12:
        return False
    rid, flags, qd, an = struct.unpack(">HHHH", msg[:8])
    if rid != qid or flags & 0x000F != 0:  # not ours, or not NOERROR (NXDOMAIN before an add)
        return False
    pos = 12
    for _ in range(qd):
        pos = skip_name(msg, pos) + 4
    for _ in range(an):
        pos = skip_name(msg, pos)
        rtype, _cls, _ttl, rdlen = struct.unpack(">HHIH", msg[pos:pos + 10])
        pos += 10
        if rtype == 1 and msg[pos:pos + rdlen] == want:
            return True
        pos += rdlen
    return False


sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
sock.connect(("127.0.0.1", dns_port))


def poll_udp(name, value, t_reply):
    """Microseconds from T_REPLY to the first correct answer, and the queries sent; None on timeout."""
    want = socket.inet_aton(value)
    sent = 0
    while True:
        qid = random.randrange(65536)
        t_sent = time.perf_counter()
        sock.send(query_packet(qid, name))
        sent += 1
        sock.settimeout(1.0)
        try:
            while True:  # drop a late answer to an earlier query
                msg = sock.recv(4096)
                if len(msg) >= 2 and struct.unpack(">H", msg[:2])[0] == qid:
                    break
            if answer_has(msg, qid, want):
                return (time.perf_counter() - t_reply) * 1e6, sent
        except socket.timeout:
            pass
        if time.perf_counter() - t_reply > GIVE_UP_S:
            return None, sent
        pause = t_sent + POLL_S - time.perf_counter()
        if pause > 0:
            time.sleep(pause)


def poll_dig(name, value, t_reply):
    while True:
        out = subprocess.run(["dig", "+short", "+norecurse", "+time=1", "+tries=1", "@127.0.0.1", "-p",
                              str(dns_port), name, "A"], capture_output=True, text=True).stdout.split()
        if value in out:
            return (time.perf_counter() - t_reply) * 1e6, 1
        if time.perf_counter() - t_reply > GIVE_UP_S:
            return None, 1
        time.sleep(POLL_S)


add_template = open(add_env, "rb").read()
upd_template = open(upd_env, "rb").read()

# The record that updates rewrite, and its id.
upd_name = "u%s" % tag
soap(element(element(add_template, b"name", b"www", upd_name.encode()), b"value", b"192.0.2.80",
             address(0).encode()))
listing = soap(element(open(get_env, "rb").read(), b"name", b"", ("%s.%s" % (upd_name, zone)).encode()))
ids = re.findall(rb'<id xsi:type="xsd:[a-z]+">([0-9]+)</id>', listing)
assert len(ids) == 1, "getRecords for %s returned %d records: %s" % (upd_name, len(ids), listing[:2000])
upd_template = element(element(element(upd_template, b"id", b"101", ids[0]), b"name", b"www", upd_name.encode()),
                       b"value", b"192.0.2.81", b"VALUE")


def change(i, poll):
    """One change, then POLL until PowerDNS answers with it: (kind, microseconds, queries)."""
    value = address(i + 1)
    if i % 2 == 0:
        name = "p%sn%d" % (tag, i)
        soap(element(element(add_template, b"name", b"www", name.encode()), b"value", b"192.0.2.80",
                     value.encode()))
        kind, fqdn = "add", "%s.%s" % (name, zone)
    else:
        soap(upd_template.replace(b"VALUE", value.encode()))
        kind, fqdn = "update", "%s.%s" % (upd_name, zone)
    us, sent = poll(fqdn, value, time.perf_counter())
    return kind, us, sent


def pct(values, p):
    return int(values[min(len(values) - 1, int(len(values) * p / 100))]) if values else -1


results = [change(i, poll_udp) for i in range(count)]
for kind in ("all", "add", "update"):
    rows = [r for r in results if kind == "all" or r[0] == kind]
    lat = sorted(r[1] for r in rows if r[1] is not None)
    print("PROP kind=%s n=%d p50_us=%d p99_us=%d max_us=%d queries_per_change=%.2f timeouts=%d"
          % (kind, len(rows), pct(lat, 50), pct(lat, 99), int(lat[-1]) if lat else -1,
             sum(r[2] for r in rows) / max(1, len(rows)), len(rows) - len(lat)))
dig = [change(count + i, poll_dig) for i in range(dig_count)]
lat = sorted(r[1] for r in dig if r[1] is not None)
print("DIG n=%d p50_us=%d p99_us=%d timeouts=%d" % (len(dig), pct(lat, 50), pct(lat, 99), len(dig) - len(lat)))
