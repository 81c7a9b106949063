"""bench/hostile's load: the server's CPU per hostile request beside a normal getAccount, and
getAccount latency while 64 hostile connections run. Prints figures; asserts nothing.

    hostile.py HOST PORT SERVER_PID GETACCOUNT_ENVELOPE [SECONDS]

CPU is read from /proc/SERVER_PID/stat (utime + stime), so it counts the server process only,
whatever else shares the machine's cores. Hostile requests come from 127.0.0.1; the measured
getAccount client binds 127.0.0.2, so a per-address connection limit on the attacker does not
also refuse the client being measured.
"""
import os
import socket
import sys
import threading
import time

TICKS = os.sysconf("SC_CLK_TCK")
ENVELOPE_HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n'
                 '<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/"'
                 ' xmlns:SOAP-ENC="http://schemas.xmlsoap.org/soap/encoding/"'
                 ' xmlns:xsd="http://www.w3.org/2001/XMLSchema"'
                 ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
                 ' xmlns:ns1="urn:AGProjects:NGNPro:Customer"><SOAP-ENV:Body>')
ENVELOPE_TAIL = '</SOAP-ENV:Body></SOAP-ENV:Envelope>'


def attribute_bomb(count=80_000):
    attrs = "".join(f' a{i}="x"' for i in range(count))
    return f'{ENVELOPE_HEAD}<ns1:getAccount{attrs}><id>1</id></ns1:getAccount>{ENVELOPE_TAIL}'


def namespace_bomb(count=10_000):
    decls = "".join(f' xmlns:p{i}="urn:x{i}"' for i in range(count))
    return f'{ENVELOPE_HEAD}<ns1:getAccount{decls}><id>1</id></ns1:getAccount>{ENVELOPE_TAIL}'


def megabyte_array(target=1 << 20):
    """A Customer.addAccount whose property array fills about 1 MB, with no credentials: all of it
    is parsed before authentication can refuse it."""
    item = '<item><name>n</name><value>v</value><category>c</category><permission>customer</permission></item>'
    count = target // len(item)
    return (f'{ENVELOPE_HEAD}<ns1:addAccount><account><username>x</username>'
            f'<properties SOAP-ENC:arrayType="ns1:CustomerProperty[{count}]" xsi:type="SOAP-ENC:Array">'
            f'{item * count}</properties></account></ns1:addAccount>{ENVELOPE_TAIL}')


def request(host, port, body):
    head = (f"POST /ngnpro/ HTTP/1.1\r\nHost: {host}:{port}\r\nContent-Type: text/xml; charset=UTF-8\r\n"
            f'SOAPAction: ""\r\nContent-Length: {len(body)}\r\n\r\n')
    return head.encode() + body


def read_response(sock):
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            raise ConnectionError("closed before the response head")
        data += chunk
    head, _, rest = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    while len(rest) < length:
        chunk = sock.recv(65536)
        if not chunk:
            raise ConnectionError("closed mid-body")
        rest += chunk
    return int(head.split(b" ")[1]), rest[:length]


def fault_code(body):
    start = body.find(b"<errorcode")
    if start < 0:
        return "-"
    start = body.find(b">", start) + 1
    return body[start:body.find(b"<", start)].decode()


def server_cpu(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime (fields 14 and 15)


def rss_kib(pid, key="VmRSS"):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    return 0


class Client:
    """One keep-alive connection, optionally bound to a source address."""

    def __init__(self, host, port, source=None):
        self.host, self.port = host, port
        self.sock = socket.create_connection((host, port), timeout=30,
                                             source_address=(source, 0) if source else None)

    def call(self, body):
        self.sock.sendall(request(self.host, self.port, body))
        return read_response(self.sock)

    def close(self):
        self.sock.close()


def cpu_per_request(pid, send, count):
    before = server_cpu(pid)
    outcome = send(count)
    time.sleep(0.2)  # let the last request's work be accounted
    return (server_cpu(pid) - before) / count, outcome


def sequential(host, port, body, source=None):
    def send(count):
        client, status, code = Client(host, port, source), None, None
        for _ in range(count):
            try:
                status, reply = client.call(body)
                code = fault_code(reply)
            except (ConnectionError, OSError):
                client.close()
                client = Client(host, port, source)
                status, code = "closed", "-"
        client.close()
        return f"HTTP {status} fault {code}"
    return send


def parallel(host, port, body, threads):
    def send(count):
        outcomes = []
        def worker(n):
            outcomes.append(sequential(host, port, body)(n))
        pool = [threading.Thread(target=worker, args=(count // threads,)) for _ in range(threads)]
        for t in pool:
            t.start()
        for t in pool:
            t.join()
        return outcomes[0] if outcomes else "-"
    return send


def slowloris(host, port, connections, seconds):
    """Connections that send a request head one byte every 100 ms and never finish it."""
    socks = []
    for _ in range(connections):
        try:
            socks.append(socket.create_connection((host, port), timeout=5))
        except OSError:
            pass
    head = request(host, port, b"x" * 1000)
    deadline = time.monotonic() + seconds
    i = 0
    while time.monotonic() < deadline and socks:
        for s in list(socks):
            try:
                s.send(head[i % len(head):i % len(head) + 1])
            except OSError:
                socks.remove(s)
        i += 1
        time.sleep(0.1)
    alive = len(socks)
    for s in socks:
        s.close()
    return alive


def latencies(host, port, body, seconds):
    client = Client(host, port, source="127.0.0.2")
    samples = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        t0 = time.perf_counter()
        status, _ = client.call(body)
        samples.append((time.perf_counter() - t0) * 1000)
        if status != 200:
            raise RuntimeError(f"getAccount answered HTTP {status} under hostile load")
    client.close()
    samples.sort()
    return samples[len(samples) // 2], samples[int(len(samples) * 0.99)], len(samples)


def main():
    host, port, pid, envelope = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    seconds = float(sys.argv[5]) if len(sys.argv) > 5 else 10
    with open(envelope, "rb") as f:
        get_account = f.read()

    sequential(host, port, get_account)(200)  # warm-up: pooled connections, prepared statements
    base, outcome = cpu_per_request(pid, sequential(host, port, get_account), 3000)
    print(f"{'request':<44} {'bytes':>9} {'CPU/req us':>11} {'x getAccount':>13}  answer")
    print(f"{'Customer.getAccount (admin, CDRTool envelope)':<44} {len(get_account):>9} "
          f"{base * 1e6:>11.0f} {1:>13.1f}  {outcome}")

    cases = [
        ("80 000 attributes on one element, no auth", attribute_bomb().encode(), 1, 20),
        ("10 000 namespace declarations, no auth", namespace_bomb().encode(), 1, 20),
        ("1 MB property array, no auth", megabyte_array().encode(), 1, 20),
        ("1 MB property array, 8 in parallel", megabyte_array().encode(), 8, 40),
    ]
    worst = 0.0
    for name, body, threads, count in cases:
        send = sequential(host, port, body) if threads == 1 else parallel(host, port, body, threads)
        cpu, outcome = cpu_per_request(pid, send, count)
        worst = max(worst, cpu / base)
        print(f"{name:<44} {len(body):>9} {cpu * 1e6:>11.0f} {cpu / base:>13.1f}  {outcome}")

    before = server_cpu(pid)
    alive = slowloris(host, port, 64, 5)
    cpu = (server_cpu(pid) - before) / 64
    print(f"{'slowloris: 64 conns, 1 byte/100 ms for 5 s':<44} {'-':>9} {cpu * 1e6:>11.0f} "
          f"{cpu / base:>13.1f}  {alive} of 64 still open after 5 s (read_timeout cuts them at 10 s)")
    worst = max(worst, cpu / base)
    print(f"worst hostile request: {worst:.1f} x a getAccount's CPU (target <= 50)")

    p50, p99, n = latencies(host, port, get_account, seconds / 2)
    print(f"getAccount alone, 1 connection from 127.0.0.2: p50 {p50:.2f} ms, p99 {p99:.2f} ms ({n} calls)")

    stop = threading.Event()
    bombs = [attribute_bomb().encode(), namespace_bomb().encode(), megabyte_array().encode()]

    def hostile_loop(k):
        while not stop.is_set():
            try:
                if k % 4 == 3:
                    slowloris(host, port, 1, 1)
                else:
                    sequential(host, port, bombs[k % 3])(1)
            except OSError:
                time.sleep(0.05)

    pool = [threading.Thread(target=hostile_loop, args=(k,), daemon=True) for k in range(64)]
    for t in pool:
        t.start()
    time.sleep(1)
    try:
        p50, p99, n = latencies(host, port, get_account, seconds)
        print(f"getAccount with 64 hostile connections (bombs + slowloris): p50 {p50:.2f} ms, p99 {p99:.2f} ms "
              f"({n} calls; target p99 < 50 ms)")
    finally:
        stop.set()
        for t in pool:
            t.join(timeout=15)
    print(f"server memory: VmRSS {rss_kib(pid)} KiB, VmHWM (peak) {rss_kib(pid, 'VmHWM')} KiB")


if __name__ == "__main__":
    main()
