#!/usr/bin/python3
"""Does a crowd of idle keep-alive connections slow down the next client?

Opens N connections that each make one request with HTTP/1.1 keep-alive and then sit idle,
then times M sequential requests of one more client, and compares with the same client's
timing before the crowd arrived. Prints figures; asserts nothing.

usage: idle_keepalive.py HOST PORT BODY_FILE [IDLE=64] [REQUESTS=500]
"""
import socket
import statistics
import sys
import time


def request(body, host):
    return (b"POST /ngnpro/ HTTP/1.1\r\nHost: " + host.encode() + b"\r\n"
            b"Content-Type: text/xml; charset=UTF-8\r\nSOAPAction: \"\"\r\n"
            b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body)


def read_response(sock):
    data = b""
    while b"\r\n\r\n" not in data:
        data += sock.recv(65536)
    head, rest = data.split(b"\r\n\r\n", 1)
    length = int([l.split(b":")[1] for l in head.split(b"\r\n") if l.lower().startswith(b"content-length")][0])
    while len(rest) < length:
        rest += sock.recv(65536)
    return head.split(b" ")[1]


def timed_requests(host, port, payload, count):
    sock = socket.create_connection((host, port))
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    times = []
    for _ in range(count):
        start = time.perf_counter()
        sock.sendall(payload)
        status = read_response(sock)
        times.append((time.perf_counter() - start) * 1e6)
        assert status == b"200", status
    sock.close()
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.99) - 1]


def main():
    host, port, body_file = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    idle = int(sys.argv[4]) if len(sys.argv) > 4 else 64
    count = int(sys.argv[5]) if len(sys.argv) > 5 else 500
    payload = request(open(body_file, "rb").read(), host)

    p50, p99 = timed_requests(host, port, payload, count)
    print(f"idle-keepalive: alone: p50={p50:.0f}us p99={p99:.0f}us over {count} requests")
    crowd = []
    for _ in range(idle):
        s = socket.create_connection((host, port))
        s.sendall(payload)
        read_response(s)  # answered; the connection now idles, kept alive
        crowd.append(s)
    p50b, p99b = timed_requests(host, port, payload, count)
    print(f"idle-keepalive: with {idle} idle keep-alive connections open: p50={p50b:.0f}us p99={p99b:.0f}us")
    for s in crowd:
        s.close()


if __name__ == "__main__":
    main()
