#!/usr/bin/python3
"""A tiny SIP/UDP client (stdlib only) for the end-to-end tests, after the consumers recipe's
sipclient.py: REGISTER with MD5 digest (qop=auth), an OPTIONS probe, and an INVITE that is
not answered (a refusal or a redirect: bench/sip_propagation.py times those without a process
start per call, which SIPp costs).

As a library:
    register(server, user, domain, password, auth_user=None, source_ip="127.0.0.1") -> Result
    options(server, user, domain, source_ip="127.0.0.1")                               -> Result
    invite(server, caller, domain, password, dialled, source_ip="127.0.0.1")            -> Result
`server` is ("127.0.0.1", port). `auth_user` is the digest username: the default `user` makes
Kamailio check subscriber.ha1, "user@domain" makes it check subscriber.ha1b.

From the shell:
    sipclient.py register USER DOMAIN PASSWORD [--auth-user NAME] [--server 127.0.0.1:PORT]
    sipclient.py options  USER DOMAIN [--source 127.0.0.2] [--server 127.0.0.1:PORT]
Exit status 0 when the final answer is 200.
"""

import argparse
import hashlib
import random
import re
import socket
import sys
import time

RETRANSMIT = 0.5   # seconds between retransmissions of a request (SIP T1)
TIMEOUT = 4.0      # seconds to wait for a final answer


def md5(text):
    return hashlib.md5(text.encode()).hexdigest()


def token(bits=32):
    return "%0*x" % (bits // 4, random.getrandbits(bits))


class Result:
    """The final answer to a request: status code, reason phrase, headers (lower-case name ->
    list of values), and the raw text of every final answer received (for failure messages)."""

    def __init__(self, code, reason, headers, transcript):
        self.code = code
        self.reason = reason
        self.headers = headers
        self.transcript = transcript

    def header(self, name):
        values = self.headers.get(name.lower())
        return values[0] if values else None

    @property
    def status_line(self):
        return f"{self.code} {self.reason}"

    def __repr__(self):
        return f"<SIP {self.status_line}>"


def parse(text):
    """(code, reason, headers) of a SIP response."""
    lines = text.split("\r\n")
    _, code, reason = (lines[0].split(" ", 2) + [""])[:3]
    headers = {}
    for line in lines[1:]:
        if not line:
            break
        name, _, value = line.partition(":")
        headers.setdefault(name.strip().lower(), []).append(value.strip())
    return int(code), reason, headers


class Dialog:
    """One UDP socket, one Call-ID: sends requests and waits for their final answers."""

    def __init__(self, server, source_ip="127.0.0.1"):
        self.server = server
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind((source_ip, 0))
        self.source_ip = source_ip
        self.port = self.sock.getsockname()[1]
        self.call_id = f"{token(64)}@{source_ip}"
        self.tag = token()
        self.cseq = 0

    def close(self):
        self.sock.close()

    def request(self, method, ruri, user, domain, extra_headers=(), to_user=None):
        """Send one request (retransmitted every RETRANSMIT s) and return its final answer.
        From is user@domain, To is to_user@domain (default: the same user, as for REGISTER)."""
        self.cseq += 1
        self.via = f"Via: SIP/2.0/UDP {self.source_ip}:{self.port};branch=z9hG4bK{token()};rport"
        self.from_header = f"From: <sip:{user}@{domain}>;tag={self.tag}"
        lines = [f"{method} {ruri} SIP/2.0",
                 self.via,
                 "Max-Forwards: 70",
                 self.from_header,
                 f"To: <sip:{to_user or user}@{domain}>",
                 f"Call-ID: {self.call_id}",
                 f"CSeq: {self.cseq} {method}",
                 f"Contact: <sip:{user}@{self.source_ip}:{self.port}>",
                 *extra_headers,
                 "User-Agent: ngnpro-e2e-sipclient",
                 "Content-Length: 0"]
        message = ("\r\n".join(lines) + "\r\n\r\n").encode()
        deadline = time.monotonic() + TIMEOUT
        next_send = 0.0
        while time.monotonic() < deadline:
            now = time.monotonic()
            if now >= next_send:
                self.sock.sendto(message, self.server)
                next_send = now + RETRANSMIT
            self.sock.settimeout(max(0.01, min(next_send, deadline) - time.monotonic()))
            try:
                data, _ = self.sock.recvfrom(65535)
            except socket.timeout:
                continue
            text = data.decode(errors="replace")
            try:
                code, reason, headers = parse(text)
            except ValueError:
                continue
            if (headers.get("call-id", [""])[0] != self.call_id
                    or headers.get("cseq", [""])[0] != f"{self.cseq} {method}"):
                continue  # a late answer to an earlier request
            if code >= 200:
                return code, reason, headers, text
        raise TimeoutError(f"no final answer to {method} {ruri} from {self.server[0]}:{self.server[1]}"
                           f" within {TIMEOUT:.0f} s")


    def ack(self, ruri, to_header):
        """The ACK of a negative final answer to the last INVITE: its Via branch and CSeq number,
        the answer's To (with the tag); sent once, it belongs to the INVITE's transaction."""
        lines = [f"ACK {ruri} SIP/2.0", self.via, "Max-Forwards: 70", self.from_header, f"To: {to_header}",
                 f"Call-ID: {self.call_id}", f"CSeq: {self.cseq} ACK", "Content-Length: 0"]
        self.sock.sendto(("\r\n".join(lines) + "\r\n\r\n").encode(), self.server)


def digest_authorization(challenge, method, uri, auth_user, password, header="Authorization"):
    """The Authorization (or Proxy-Authorization) header answering a Digest challenge."""
    params = dict(re.findall(r'(\w+)="?([^",]*)"?', challenge))
    realm, nonce = params["realm"], params["nonce"]
    ha1 = md5(f"{auth_user}:{realm}:{password}")   # = subscriber.ha1 (or ha1b for user@domain)
    ha2 = md5(f"{method}:{uri}")
    if "qop" in params:
        cnonce, nc = token(), "00000001"
        response = md5(f"{ha1}:{nonce}:{nc}:{cnonce}:auth:{ha2}")
        qop = f',qop=auth,nc={nc},cnonce="{cnonce}"'
    else:
        response = md5(f"{ha1}:{nonce}:{ha2}")
        qop = ""
    return (f'{header}: Digest username="{auth_user}",realm="{realm}",nonce="{nonce}",'
            f'uri="{uri}",response="{response}",algorithm=MD5{qop}')


def register(server, user, domain, password, auth_user=None, source_ip="127.0.0.1", expires=300):
    """REGISTER user@domain; answers a 401 challenge once. Returns the final Result; the
    registered contact is sip:user@source_ip:<Result.port>."""
    dialog = Dialog(server, source_ip)
    ruri = f"sip:{domain}"
    transcript = []
    try:
        code, reason, headers, text = dialog.request("REGISTER", ruri, user, domain,
                                                     [f"Expires: {expires}"])
        transcript.append(text)
        if code == 401 and "www-authenticate" in headers:
            challenge = headers["www-authenticate"][0]
            challenge = challenge.split(None, 1)[1] if challenge.lower().startswith("digest") else challenge
            authorization = digest_authorization(challenge, "REGISTER", ruri, auth_user or user, password)
            code, reason, headers, text = dialog.request("REGISTER", ruri, user, domain,
                                                         [f"Expires: {expires}", authorization])
            transcript.append(text)
    finally:
        dialog.close()
    result = Result(code, reason, headers, transcript)
    result.contact = f"sip:{user}@{source_ip}:{dialog.port}"
    return result


def invite(server, caller, domain, password, dialled, source_ip="127.0.0.1"):
    """INVITE sip:dialled@domain from caller@domain, answering the 407 challenge once; every
    negative final answer is ACKed. Without SDP, and an answered call (2xx) is not expected: a
    2xx raises, since this client cannot hang up (SIPp makes calls that are answered)."""
    dialog = Dialog(server, source_ip)
    ruri = f"sip:{dialled}@{domain}"
    transcript = []
    try:
        headers = []
        for _ in range(2):
            code, reason, answer, text = dialog.request("INVITE", ruri, caller, domain, headers, to_user=dialled)
            transcript.append(text)
            if code >= 300:
                dialog.ack(ruri, answer["to"][0])
            if code != 407 or "proxy-authenticate" not in answer or headers:
                break
            challenge = answer["proxy-authenticate"][0]
            challenge = challenge.split(None, 1)[1] if challenge.lower().startswith("digest") else challenge
            headers = [digest_authorization(challenge, "INVITE", ruri, caller, password, "Proxy-Authorization")]
    finally:
        dialog.close()
    if 200 <= code < 300:
        raise ValueError(f"INVITE {ruri} was answered ({code}); sipclient.invite cannot hang up")
    return Result(code, reason, answer, transcript)


def options(server, user, domain, source_ip="127.0.0.1"):
    """OPTIONS sip:user@domain, e.g. to the test proxy's probe route (X- headers)."""
    dialog = Dialog(server, source_ip)
    try:
        code, reason, headers, text = dialog.request("OPTIONS", f"sip:{user}@{domain}", "probe",
                                                     domain)
    finally:
        dialog.close()
    return Result(code, reason, headers, [text])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=("register", "options"))
    parser.add_argument("user")
    parser.add_argument("domain")
    parser.add_argument("password", nargs="?")
    parser.add_argument("--auth-user")
    parser.add_argument("--source", default="127.0.0.1")
    parser.add_argument("--server", default="127.0.0.1:5060")
    args = parser.parse_args()
    host, _, port = args.server.rpartition(":")
    server = (host, int(port))
    if args.command == "register":
        if args.password is None:
            parser.error("register needs a PASSWORD")
        result = register(server, args.user, args.domain, args.password, args.auth_user, args.source)
    else:
        result = options(server, args.user, args.domain, args.source)
    for text in result.transcript:
        print("\n".join(line for line in text.split("\r\n")
                        if line.startswith(("SIP/2.0", "X-", "WWW-Authenticate"))))
    sys.exit(0 if result.code == 200 else 1)


if __name__ == "__main__":
    main()
