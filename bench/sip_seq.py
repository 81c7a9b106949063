#!/usr/bin/env python3
"""Sequential SOAP calls over one keep-alive HTTP connection, one at a time.

  sip_seq.py HOST PORT add ENVELOPE COUNT TAG [ELEMENT VALUE]
                                                addAccount, username "bob" -> s<TAG>n<i> (or the
                                                string element ELEMENT holding VALUE: name www)
  sip_seq.py HOST PORT post ENVELOPE COUNT      the same envelope COUNT times

Prints one line: SEQ n=.. seconds=.. rps=.. p50_us=.. p99_us=.. non200=..
"""
import http.client
import sys
import time

host, port, mode, envelope, count = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], int(sys.argv[5])
template = open(envelope, "rb").read()
if mode == "add":
    tag = sys.argv[6]
    element, value = (sys.argv[7], sys.argv[8]) if len(sys.argv) > 8 else ("username", "bob")
    marker = b'<%s xsi:type="xsd:string">%s</%s>' % (element.encode(), value.encode(), element.encode())
    assert marker in template, f"envelope has no {element} {value}"
    bodies = (template.replace(marker, b'<%s xsi:type="xsd:string">s%sn%d</%s>'
                               % (element.encode(), tag.encode(), i, element.encode()))
              for i in range(count))
else:
    bodies = (template for _ in range(count))

headers = {"Content-Type": "text/xml; charset=UTF-8", "SOAPAction": '""'}
conn = http.client.HTTPConnection(host, port)
lat, bad = [], 0
start = time.perf_counter()
for body in bodies:
    t0 = time.perf_counter()
    conn.request("POST", "/ngnpro/", body, headers)
    resp = conn.getresponse()
    resp.read()
    lat.append(time.perf_counter() - t0)
    bad += resp.status != 200
total = time.perf_counter() - start
lat.sort()
pct = lambda p: int(lat[min(len(lat) - 1, int(len(lat) * p / 100))] * 1e6)
print("SEQ n=%d seconds=%.3f rps=%.1f p50_us=%d p99_us=%d non200=%d"
      % (count, total, count / total, pct(50), pct(99), bad))
