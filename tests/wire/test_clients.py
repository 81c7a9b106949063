#!/usr/bin/python3
"""Three SOAP toolkits drive the Customer port from the WSDL ngnpro serves, over http and over
https with a self-signed certificate; the Sip port's domains, accounts, aliases and account
settings (diversions, accept rules, reject list, barring prefixes, phonebook), the Dns port's
zones, records and fancy records and the Enum port's ranges and numbers over http: PHP
SoapClient, suds and zeep (clients/*). The README's examples (examples/python, examples/php) run
too, so that they cannot rot.

usage: test_clients.py --server BIN --wsdl-dir DIR   (NGNPRO_TEST_DSN set)
"""

import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from support import runner, soap  # noqa: E402
from support.server import ADMIN_PASSWORD, ADMIN_USER, Server, exchange, reset_database  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
CLIENT_TIMEOUT = 60  # seconds for one client run
CLIENTS = {
    "php": ["php", os.path.join(HERE, "clients", "php_customer.php")],
    "suds": ["/usr/bin/python3", os.path.join(HERE, "clients", "suds_customer.py")],
    "zeep": ["/usr/bin/python3", os.path.join(HERE, "clients", "zeep_customer.py")],
}
# Each with the WSDL it reads: PHP needs the Sip port's own; suds reads the all-ports one and
# picks SipPort by name; zeep takes the one-port WSDL, so both kinds are exercised.
SIP_CLIENTS = {
    "php": (["php", os.path.join(HERE, "clients", "php_sip.php")], "/ngnpro/sip/wsdl"),
    "suds": (["/usr/bin/python3", os.path.join(HERE, "clients", "suds_sip.py")], "/ngnpro/wsdl"),
    "zeep": (["/usr/bin/python3", os.path.join(HERE, "clients", "zeep_sip.py")], "/ngnpro/sip/wsdl"),
}
DNS_CLIENTS = {
    "php": (["php", os.path.join(HERE, "clients", "php_dns.php")], "/ngnpro/dns/wsdl"),
    "suds": (["/usr/bin/python3", os.path.join(HERE, "clients", "suds_dns.py")], "/ngnpro/wsdl"),
    "zeep": (["/usr/bin/python3", os.path.join(HERE, "clients", "zeep_dns.py")], "/ngnpro/dns/wsdl"),
}
ENUM_CLIENTS = {
    "php": (["php", os.path.join(HERE, "clients", "php_enum.php")], "/ngnpro/enum/wsdl"),
    "suds": (["/usr/bin/python3", os.path.join(HERE, "clients", "suds_enum.py")], "/ngnpro/wsdl"),
    "zeep": (["/usr/bin/python3", os.path.join(HERE, "clients", "zeep_enum.py")], "/ngnpro/enum/wsdl"),
}
EXAMPLES = {
    "examples/python/customer_example.py": ["/usr/bin/python3",
                                            os.path.join(REPO, "examples", "python", "customer_example.py")],
    "examples/php/customer_example.php": ["php", os.path.join(REPO, "examples", "php", "customer_example.php")],
    "examples/python/sip_example.py": ["/usr/bin/python3", os.path.join(REPO, "examples", "python", "sip_example.py")],
    "examples/php/sip_example.php": ["php", os.path.join(REPO, "examples", "php", "sip_example.php")],
    "examples/python/dns_example.py": ["/usr/bin/python3", os.path.join(REPO, "examples", "python", "dns_example.py")],
    "examples/php/dns_example.php": ["php", os.path.join(REPO, "examples", "php", "dns_example.php")],
    "examples/python/enum_example.py": ["/usr/bin/python3",
                                        os.path.join(REPO, "examples", "python", "enum_example.py")],
    "examples/php/enum_example.php": ["php", os.path.join(REPO, "examples", "php", "enum_example.php")],
}
EXAMPLE_WSDLS = {"examples/php/sip_example.php": "/ngnpro/sip/wsdl",
                 "examples/php/dns_example.php": "/ngnpro/dns/wsdl",
                 "examples/php/enum_example.php": "/ngnpro/enum/wsdl"}  # the others: /ngnpro/wsdl


def run_program(command):
    """Run one client; its output is shown only when it fails."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          timeout=CLIENT_TIMEOUT, env=env, text=True)
    assert done.returncode == 0, (f"exit status {done.returncode}\n    $ {' '.join(command)}\n"
                                  + "".join(f"    | {line}\n" for line in done.stdout.splitlines()))


def client_drives_the_customer_port(command, wsdl_url, endpoint, cafile, prefix):
    """add, get, update, list, resellers, properties, faults 5000/8000/5002, delete (api §4.1)."""
    run_program(command + [wsdl_url, endpoint, cafile, prefix])


def client_drives_the_sip_port(command, wsdl_url, endpoint, prefix):
    """add, get, update and delete a SIP domain, account and alias; set and read back the
    account's diversions, accept rules, reject list, barring prefixes and phonebook; faults
    1001/1002/1010/1011/1020/1021/1050/1051/8003 (api §4.2.1, §4.2.2, §4.2.4, §4.2.6)."""
    run_program(command + [wsdl_url, endpoint, "-", prefix])


def client_drives_the_dns_port(command, wsdl_url, endpoint, prefix):
    """add, get, update, list and delete a DNS zone, a record and a fancy record; faults
    7000/7001/7002/7003/7004 (api §4.3)."""
    run_program(command + [wsdl_url, endpoint, "-", prefix])


def client_drives_the_enum_port(command, wsdl_url, endpoint, prefix):
    """add, list, update and delete an ENUM range and a number with its mappings; faults
    3000/3001/3002/3003/3005 (api §4.4)."""
    run_program(command + [wsdl_url, endpoint, "-", prefix])


def example_runs_against_the_server(command, wsdl_url):
    """The README example adds, reads, updates, lists and deletes a customer (customer_example),
    a SIP domain, account and alias with call forwarding and do not disturb (sip_example), a
    DNS zone with records (dns_example) or an ENUM range and number (enum_example)."""
    run_program(command + [wsdl_url, ADMIN_USER, ADMIN_PASSWORD])


def pear_over_https_gets_a_closed_text_xml_answer(srv, envelopes):
    """envelopes/README.md "HTTP", https column: libcurl forced to HTTP/1.0, Host with port,
    Accept */*, Content-Type without a space, no Connection header; the answer must still
    be text/xml with an exact Content-Length, and the connection closed (api §2.2)."""
    with open(os.path.join(envelopes, "Customer", "getAccount.xml"), "rb") as f:
        body = f.read()
    request = (f"POST /ngnpro/ HTTP/1.0\r\nHost: 127.0.0.1:{srv.tls_port}\r\n"
               "User-Agent: PEAR-SOAP 0.11.0-beta\r\nAccept: */*\r\n"
               f"Content-Type: text/xml;charset=UTF-8\r\nContent-Length: {len(body)}\r\n"
               'SOAPAction: ""\r\n\r\n').encode() + body
    response = exchange(srv.tls_address, request, srv.tls_context())
    problems = soap.http_problems(response) + soap.envelope_problems(response, ["admin-secret"])
    assert not problems, "; ".join(problems)
    soap.expect_fault(soap.read_reply(response), 5000)  # the database is empty


def run():
    args = runner.parse_args(__doc__)
    results = runner.Results()
    with Server(args.server, args.wsdl_dir, args.dsn, tls=True) as srv:
        reset_database(args.dsn)
        transports = {
            # The WSDL's soap:address is the plain http base URL; each client is pointed at the
            # endpoint of its transport explicitly.
            "http": (f"{srv.url}/ngnpro/wsdl", f"{srv.url}/ngnpro/", "-"),
            "https": (f"{srv.tls_url}/ngnpro/wsdl", f"{srv.tls_url}/ngnpro/", srv.cert),
        }
        for transport, (wsdl_url, endpoint, cafile) in transports.items():
            for name, command in CLIENTS.items():
                results.run(f"{name} over {transport}: {runner.test_name(client_drives_the_customer_port)}",
                            client_drives_the_customer_port, command, wsdl_url, endpoint, cafile,
                            f"{name}-{transport}")
        # The Sip port over plain http only (https is the Customer runs' business above).
        for name, (command, wsdl_path) in SIP_CLIENTS.items():
            results.run(f"{name} over http ({wsdl_path}): {runner.test_name(client_drives_the_sip_port)}",
                        client_drives_the_sip_port, command, srv.url + wsdl_path,
                        f"{srv.url}/ngnpro/", f"{name}-sip")
        for name, (command, wsdl_path) in DNS_CLIENTS.items():
            results.run(f"{name} over http ({wsdl_path}): {runner.test_name(client_drives_the_dns_port)}",
                        client_drives_the_dns_port, command, srv.url + wsdl_path,
                        f"{srv.url}/ngnpro/", f"{name}-dns")
        for name, (command, wsdl_path) in ENUM_CLIENTS.items():
            results.run(f"{name} over http ({wsdl_path}): {runner.test_name(client_drives_the_enum_port)}",
                        client_drives_the_enum_port, command, srv.url + wsdl_path,
                        f"{srv.url}/ngnpro/", f"{name}-enum")
        results.run(runner.test_name(pear_over_https_gets_a_closed_text_xml_answer),
                    pear_over_https_gets_a_closed_text_xml_answer, srv, args.envelopes)
        for name, command in EXAMPLES.items():
            results.run(f"{name}: {runner.test_name(example_runs_against_the_server)}",
                        example_runs_against_the_server, command,
                        srv.url + EXAMPLE_WSDLS.get(name, "/ngnpro/wsdl"))
        return runner.finish_with_server(results, srv, args.dsn)


if __name__ == "__main__":
    runner.main_guard(run)
