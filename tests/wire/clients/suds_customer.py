#!/usr/bin/python3
"""suds (python3-suds, WSDL mode) drives ngnpro's Customer port (api §4.1) from the served WSDL.
One line per step; exit status 0 when every step behaved.

usage: suds_customer.py WSDL_URL ENDPOINT_URL CAFILE|- PREFIX
  ENDPOINT_URL overrides the WSDL's soap:address (the plain http URL, also over https).
  CAFILE verifies the server's self-signed certificate; "-" for plain http.
"""

import ssl
import sys
import urllib.request

from suds import WebFault
from suds.client import Client
from suds.transport.http import HttpTransport

ADMIN_PASSWORD = "admin-secret"
TYPES_NS = "urn:AGProjects:NGNPro"


class VerifyingTransport(HttpTransport):
    """suds' urllib transport with a CA file for https (the environment's bundle lacks ours)."""

    def __init__(self, cafile=None, **kwargs):
        self.context = ssl.create_default_context(cafile=cafile) if cafile else None
        super().__init__(**kwargs)

    def u2handlers(self):
        handlers = super().u2handlers()
        if self.context is not None:
            handlers.append(urllib.request.HTTPSHandler(context=self.context))
        return handlers


def check(ok, what):
    if not ok:
        sys.exit(f"FAILED: {what}")
    print(f"ok   {what}", flush=True)


def fault_code(call, *args):
    """The NGNPro error code of a call that must fault (detail/exception/errorcode, api §7.1)."""
    try:
        call(*args)
    except WebFault as e:
        exception = e.fault.detail.exception
        print(f"     fault {e.fault.faultcode} '{e.fault.faultstring}': {exception.errorstring}")
        return int(exception.errorcode)
    return None


def login(client, username, password, admin):
    auth = client.factory.create(f"{{{TYPES_NS}}}AuthHeader")
    auth.username, auth.password, auth.admin, auth.impersonate = username, password, admin, 0
    client.set_options(soapheaders=auth)


def admin_port_from_argv(port):
    """Port `port` of the WSDL on the command line WSDL_URL ENDPOINT_URL CAFILE|- PREFIX, logged
    in as the admin, and PREFIX."""
    wsdl, endpoint, cafile, prefix = sys.argv[1:5]
    transport = VerifyingTransport(None if cafile == "-" else cafile)
    client = Client(wsdl, cache=None, location=endpoint, transport=transport)
    login(client, "admin", ADMIN_PASSWORD, True)
    return client.service[port], prefix  # suds picks the port by name: no operation clash


def prop(name, value, category, permission):
    return {"name": name, "value": value, "category": category, "permission": permission}


def as_list(value):
    """suds gives a SOAP-ENC array as a list; be explicit about an empty or missing one."""
    return list(value) if value else []


def main():
    wsdl, endpoint, cafile, prefix = sys.argv[1:5]
    transport = VerifyingTransport(None if cafile == "-" else cafile)
    client = Client(wsdl, cache=None, location=endpoint, transport=transport)
    customer = client.service["CustomerPort"]  # the WSDL has several ports: pick one
    login(client, "admin", ADMIN_PASSWORD, True)

    password = f"Pw-{prefix}-1"
    r = customer.addAccount({"username": f"{prefix}-r", "password": password, "firstName": "Rita",
                             "organization": f"{prefix} & Co <test>",
                             "properties": [prop("sip_credit", "5", "credit", "admin")]})
    rid = int(r.id)
    check(rid >= 1000 and int(r.reseller) == rid, f"addAccount creates reseller {rid}")
    c = customer.addAccount({"username": f"{prefix}-c", "password": f"Pw-{prefix}-2",
                             "reseller": rid, "firstName": "Carl"})
    cid = int(c.id)
    check(int(c.reseller) == rid, f"addAccount creates customer {cid} of reseller {rid}")

    a = customer.getAccount(rid)
    check((a.username, a.firstName, a.organization) == (f"{prefix}-r", "Rita", f"{prefix} & Co <test>"),
          "getAccount returns the stored fields")
    # The server sends <password xsi:type="xsd:string"/>; this toolkit reads an empty element as None.
    check(a.password in ("", None), f"getAccount returns an empty password ({a.password!r})")
    props = as_list(a.properties)
    check([(p.name, p.value) for p in props] == [("sip_credit", "5")], "getAccount returns the properties")
    check(a.resellerActive is True, "resellerActive decodes to True")

    customer.updateAccount({"id": rid, "organization": "Updated BV"})  # suds omits None members
    a = customer.getAccount(rid)
    check((a.organization, a.firstName) == ("Updated BV", "Rita"), "updateAccount changes only what it got")

    q = customer.getCustomers({"filter": {"username": f"{prefix}-%"},
                               "orderBy": {"attribute": "username", "direction": "ASC"},
                               "range": {"start": 0, "count": 1}})
    accounts = as_list(q.accounts)
    check(q.total == 2 and len(accounts) == 1 and accounts[0].username == f"{prefix}-c",
          f"getCustomers: total {q.total}, first page of {len(accounts)}")
    q = customer.getResellers({"filter": {"username": f"{prefix}-%"}})
    check(q.total == 1 and int(as_list(q.accounts)[0].id) == rid, "getResellers returns only the reseller")

    customer.setProperties(cid, [prop("sip_accounts_last_domain", "example.com", "web", "customer")])
    names = [(p.name, p.value) for p in as_list(customer.getProperties(cid))]
    check(("sip_accounts_last_domain", "example.com") in names, "setProperties + getProperties")

    check(fault_code(customer.getAccount, 999999999) == 5000, "getAccount of a missing id is fault 5000")
    login(client, f"{prefix}-r", "wrong-password", False)
    check(fault_code(customer.getAccount, rid) == 8000, "a wrong password is fault 8000")
    login(client, f"{prefix}-r", password, False)
    check(int(customer.getAccount(rid).id) == rid, "a customer-level login reads its own account")

    login(client, "admin", ADMIN_PASSWORD, True)
    check(fault_code(customer.deleteAccount, rid) == 5002, "deleteAccount of a reseller with customers is 5002")
    customer.deleteAccount(cid)
    customer.deleteAccount(rid)
    check(fault_code(customer.getAccount, rid) == 5000, "deleteAccount removed both customers")
    print("suds: all steps passed")


if __name__ == "__main__":
    main()
