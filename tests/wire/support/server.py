"""Start a real ngnpro server on loopback ports, talk raw HTTP to it, stop it.

The server gets a config file written into a temp dir, its log goes to a file there, and the log
is printed when a test run fails. post() speaks HTTP exactly as PEAR SOAP 0.11 does (the real
client, envelopes/README.md "HTTP"): HTTP/1.0, Connection: close, then it reads until EOF.
"""

import os
import select
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time

ADMIN_USER = "admin"
ADMIN_PASSWORD = "admin-secret"  # the password the captured envelopes carry

HEALTH_TIMEOUT = 10.0  # seconds for a fresh server to answer GET /health with 200
STOP_TIMEOUT = 10.0    # seconds for SIGTERM to end it


def required_env(name):
    value = os.environ.get(name, "")
    if not value:
        sys.exit(f"{name} is not set: run the wire tests through scripts/test (or export it)")
    return value


def reset_database(dsn):
    """Empty every ngnpro table. The one place to extend when later issues add tables."""
    subprocess.run(["psql", dsn, "-q", "-v", "ON_ERROR_STOP=1", "-c",
                    "TRUNCATE ngnpro.customers CASCADE"],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def make_self_signed_cert(directory):
    """A throwaway certificate for 127.0.0.1 and localhost; returns (cert_path, key_path)."""
    cert = os.path.join(directory, "cert.pem")
    key = os.path.join(directory, "key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
                    "-keyout", key, "-out", cert],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return cert, key


class Response:
    """One HTTP response as read off the socket."""

    def __init__(self, status, reason, headers, body, closed, seconds):
        self.status = status      # int, 0 when nothing parseable arrived
        self.reason = reason
        self.headers = headers    # lower-case name -> value (last one wins)
        self.body = body          # bytes after the header block
        self.closed = closed      # the server closed the connection after the response
        self.seconds = seconds    # from the first byte sent to EOF (or to the timeout)

    def header(self, name):
        return self.headers.get(name.lower())

    def __repr__(self):
        return f"<HTTP {self.status} {len(self.body)} bytes closed={self.closed} {self.seconds:.2f}s>"


def build_request(path, body, http10=True, host="127.0.0.1", port=None, method="POST",
                  extra_headers=None):
    """The request PEAR SOAP sends over http:// (envelopes/README.md, header order kept)."""
    version = "HTTP/1.0" if http10 else "HTTP/1.1"
    lines = [f"{method} {path} {version}", "User-Agent: PEAR-SOAP 0.11.0-beta",
             f"Host: {host}" if http10 or port is None else f"Host: {host}:{port}"]
    if method == "POST":
        lines += ["Content-Type: text/xml; charset=UTF-8", f"Content-Length: {len(body)}",
                  'SOAPAction: ""']
    lines += list(extra_headers or [])
    lines.append("Connection: close")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


def parse_response(data):
    """Split raw bytes into (status, reason, headers, body); skips any 100 Continue."""
    while True:
        head, sep, rest = data.partition(b"\r\n\r\n")
        if not sep:
            return 0, "", {}, data
        lines = head.decode("latin-1").split("\r\n")
        parts = lines[0].split(" ", 2)
        status = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 0
        if status == 100:
            data = rest
            continue
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        return status, parts[2] if len(parts) > 2 else "", headers, rest


def connect(address, tls_context=None, timeout=10.0):
    sock = socket.create_connection(address, timeout=timeout)
    if tls_context is not None:
        sock = tls_context.wrap_socket(sock, server_hostname="127.0.0.1")
    return sock


def read_until_eof(sock, deadline):
    """Read like PEAR: everything until the server closes. Returns (bytes, closed_by_server)."""
    chunks = []
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return b"".join(chunks), False
        sock.settimeout(left)
        try:
            chunk = sock.recv(65536)
        except socket.timeout:
            return b"".join(chunks), False
        except (ssl.SSLEOFError, ConnectionResetError):
            return b"".join(chunks), True
        if not chunk:
            return b"".join(chunks), True
        chunks.append(chunk)


def exchange(address, request, tls_context=None, timeout=10.0):
    """Send one request, read until EOF (at most `timeout` seconds), parse the answer."""
    started = time.monotonic()
    with connect(address, tls_context, timeout) as sock:
        sock.sendall(request)
        data, closed = read_until_eof(sock, started + timeout)
    status, reason, headers, body = parse_response(data)
    return Response(status, reason, headers, body, closed, time.monotonic() - started)


def post(address, path, body, http10=True, tls_context=None, timeout=5.0, extra_headers=None):
    """POST body to path as PEAR does; returns a Response (status, headers, body). PEAR reads
    until EOF for at most 5 s (its default timeout), so an answer that leaves the connection
    open comes back with closed=False after `timeout`."""
    request = build_request(path, body, http10=http10, port=address[1], extra_headers=extra_headers)
    return exchange(address, request, tls_context, timeout)


def get(address, path, tls_context=None, timeout=10.0):
    request = build_request(path, b"", http10=True, method="GET")
    return exchange(address, request, tls_context, timeout)


def client_tls_context(cafile):
    context = ssl.create_default_context(cafile=cafile)
    return context


def wait_readable(sock, seconds):
    readable, _, _ = select.select([sock], [], [], seconds)
    return bool(readable)


class Server:
    """An ngnpro process with its own config, log and ports.

    with Server(binary, wsdl_dir, dsn, tls=True) as srv:
        srv.post("/ngnpro/", envelope)
        results.run("...", srv.stop)   # optional: report the SIGTERM exit status as a test
    On leaving the block the server gets SIGTERM (unless stop() ran) and must exit 0; if the
    block raised, the server log is printed first. The temp dir goes unless a log was printed.
    """

    def __init__(self, binary, wsdl_dir, dsn, tls=False, limits=None, auth=None, log_level="info"):
        self.binary = os.path.abspath(binary)
        self.wsdl_dir = os.path.abspath(wsdl_dir)
        self.dsn = dsn
        self.tls = tls
        self.limits = dict(limits or {})
        self.auth = {"pbkdf2_iterations": "1000", **(auth or {})}
        self.log_level = log_level
        self.dir = tempfile.mkdtemp(prefix="ngnpro-wire-")
        self.port = free_port()
        self.tls_port = free_port() if tls else None
        self.cert = self.key = None
        if tls:
            self.cert, self.key = make_self_signed_cert(self.dir)
        self.config_path = os.path.join(self.dir, "ngnpro.ini")
        self.log_path = os.path.join(self.dir, "ngnpro.log")
        self.process = None
        self._log = None
        self._stopped = False     # stop() ran (and reported its outcome)
        self._keep_files = False  # a printed log keeps its directory for a closer look

    # -- addresses ---------------------------------------------------------------------------
    @property
    def address(self):
        return ("127.0.0.1", self.port)

    @property
    def tls_address(self):
        return ("127.0.0.1", self.tls_port)

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    @property
    def tls_url(self):
        return f"https://127.0.0.1:{self.tls_port}"

    @property
    def pid(self):
        return self.process.pid

    def tls_context(self):
        return client_tls_context(self.cert)

    # -- life cycle --------------------------------------------------------------------------
    def config_text(self):
        server = [f"listen = 127.0.0.1:{self.port}", "workers = 4", "io_threads = 2",
                  f"base_url = {self.url}/ngnpro", f"wsdl_dir = {self.wsdl_dir}"]
        if self.tls:
            server += [f"tls_listen = 127.0.0.1:{self.tls_port}",
                       f"tls_certificate = {self.cert}", f"tls_private_key = {self.key}"]
        sections = [("server", server),
                    ("limits", [f"{k} = {v}" for k, v in self.limits.items()]),
                    ("database", [f"dsn = {self.dsn}", "pool_size = 4"]),
                    ("admin", [f"username = {ADMIN_USER}", f"password = {ADMIN_PASSWORD}"]),
                    ("auth", [f"{k} = {v}" for k, v in self.auth.items()]),
                    ("log", [f"level = {self.log_level}"])]
        return "".join(f"[{name}]\n" + "".join(line + "\n" for line in lines) + "\n"
                       for name, lines in sections if lines)

    def start(self):
        for name in ("ngnpro.wsdl", "customer.wsdl", "sip.wsdl", "dns.wsdl", "enum.wsdl", "voicemail.wsdl",
                     "soap-encoding.xsd"):
            if not os.path.exists(os.path.join(self.wsdl_dir, name)):
                raise RuntimeError(f"{self.wsdl_dir}/{name} is missing: build the ngnpro_wsdl target")
        with open(self.config_path, "w") as f:
            f.write(self.config_text())
        self._log = open(self.log_path, "wb")
        self.process = subprocess.Popen([self.binary, "--config", self.config_path],
                                        stdout=self._log, stderr=subprocess.STDOUT,
                                        stdin=subprocess.DEVNULL)
        self.wait_healthy(HEALTH_TIMEOUT)
        return self

    def wait_healthy(self, timeout):
        deadline = time.monotonic() + timeout
        last = "no answer"
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"ngnpro exited with {self.process.returncode} while starting")
            try:
                r = get(self.address, "/health", timeout=2.0)
                if r.status == 200:
                    return
                last = f"HTTP {r.status}"
            except OSError as e:
                last = str(e)
            time.sleep(0.1)
        raise RuntimeError(f"GET /health did not answer 200 within {timeout:.0f} s ({last})")

    def stop(self):
        """SIGTERM; the server must exit 0 within STOP_TIMEOUT. Raises AssertionError otherwise."""
        self._stopped = True
        if self.process is None or self.process.poll() is not None:
            code = None if self.process is None else self.process.returncode
            self._close_log()
            if code not in (None, 0):
                raise AssertionError(f"ngnpro had already exited with {code}")
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            code = self.process.wait(STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            self._close_log()
            raise AssertionError(f"ngnpro did not stop within {STOP_TIMEOUT:.0f} s of SIGTERM")
        self._close_log()
        if code != 0:
            raise AssertionError(f"ngnpro exited with {code} after SIGTERM, expected 0")

    def _close_log(self):
        if self._log is not None:
            self._log.close()
            self._log = None

    def print_log(self, last_lines=200):
        try:
            with open(self.log_path, "rb") as f:
                lines = f.read().decode("utf-8", "replace").splitlines()
        except OSError:
            return
        self._keep_files = True
        print(f"----- server log {self.log_path} (last {min(last_lines, len(lines))} lines) -----")
        for line in lines[-last_lines:]:
            print(line)
        print("----- end of server log -----")

    def cleanup(self):
        if not self._keep_files:
            shutil.rmtree(self.dir, ignore_errors=True)

    def __enter__(self):
        try:
            return self.start()
        except BaseException:
            self.abort()
            raise

    def abort(self):
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self._close_log()
        self.print_log()

    def __exit__(self, exc_type, exc, tb):
        if exc_type is not None:
            self.abort()
            return False
        try:
            if not self._stopped:
                self.stop()
        except AssertionError:
            self.print_log()
            raise
        finally:
            self.cleanup()
        return False

    # -- requests ----------------------------------------------------------------------------
    def post(self, path, body, http10=True, tls=False, timeout=5.0, extra_headers=None):
        if tls:
            return post(self.tls_address, path, body, http10, self.tls_context(), timeout,
                        extra_headers)
        return post(self.address, path, body, http10, None, timeout, extra_headers)

    def get(self, path, tls=False, timeout=10.0):
        if tls:
            return get(self.tls_address, path, self.tls_context(), timeout)
        return get(self.address, path, None, timeout)

    def rss_kib(self):
        """VmRSS of the server process from /proc/<pid>/status, in KiB."""
        with open(f"/proc/{self.pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        raise RuntimeError("no VmRSS line")
