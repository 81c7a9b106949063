#!/usr/bin/python3
"""zeep (python3-zeep, WSDL mode) drives ngnpro's Customer port (api §4.1) from the served WSDL,
as far as zeep goes. One line per step; exit status 0 when every step behaved.

zeep writes literal XML even for this rpc/encoded binding (no xsi:type, no SOAP-ENC:arrayType,
no encodingStyle; gSOAP recipe §3): it works only because the server is lenient (api §2.6).
The header travels as the WSDL's literal <ngnpro:auth> element. SOAP-ENC arrays go both ways as
Python lists (zeep reads them by the schema's <item> sequence, not by SOAP-ENC:arrayType).

usage: zeep_customer.py WSDL_URL ENDPOINT_URL CAFILE|- PREFIX
  ENDPOINT_URL overrides the WSDL's soap:address (the plain http URL, also over https).
  CAFILE verifies the server's self-signed certificate; "-" for plain http.
"""

import sys

import requests
from zeep import Client, Settings
from zeep.exceptions import Fault
from zeep.transports import Transport

ADMIN_PASSWORD = "admin-secret"
CUSTOMER_BINDING = "{urn:AGProjects:NGNPro}CustomerBinding"


def check(ok, what):
    if not ok:
        sys.exit(f"FAILED: {what}")
    print(f"ok   {what}", flush=True)


def fault_code(call, *args, **kwargs):
    """The NGNPro error code of a call that must fault; zeep gives the detail as an lxml element."""
    try:
        call(*args, **kwargs)
    except Fault as f:
        print(f"     fault {f.code} '{f.message}': {f.detail.findtext('exception/errorstring')}")
        return int(f.detail.findtext("exception/errorcode"))
    return None


def auth(username, password, admin):
    return {"auth": {"username": username, "password": password, "admin": admin, "impersonate": 0}}


def prop(name, value, category, permission):
    return {"name": name, "value": value, "category": category, "permission": permission}


def port_from_argv(binding):
    """The service of binding for the command line WSDL_URL ENDPOINT_URL CAFILE|- PREFIX, and PREFIX."""
    wsdl, endpoint, cafile, prefix = sys.argv[1:5]
    return connect(wsdl, endpoint, cafile, binding), prefix


def items(array):
    """A SOAP-ENC array as zeep returns it: an object with `item` (a list), or None when empty."""
    if array is None:
        return []
    return list(array.item) if hasattr(array, "item") and array.item is not None else list(array)


def connect(wsdl, endpoint, cafile, binding):
    """The service of one binding of the served WSDL, at endpoint, verifying https with cafile."""
    session = requests.Session()
    # REQUESTS_CA_BUNDLE in the environment would override session.verify (recipe pitfall 16).
    session.trust_env = False
    session.verify = True if cafile == "-" else cafile
    client = Client(wsdl, transport=Transport(session=session), settings=Settings(strict=False))
    return client.create_service(binding, endpoint)


def main():
    wsdl, endpoint, cafile, prefix = sys.argv[1:5]
    customer = connect(wsdl, endpoint, cafile, CUSTOMER_BINDING)
    admin = auth("admin", ADMIN_PASSWORD, True)

    password = f"Pw-{prefix}-1"
    r = customer.addAccount(account={"username": f"{prefix}-r", "password": password, "firstName": "Rita",
                                     "organization": f"{prefix} & Co <test>",
                                     "properties": [prop("sip_credit", "5", "credit", "admin")]},
                            _soapheaders=admin)
    rid = int(r.id)
    check(rid >= 1000 and int(r.reseller) == rid, f"addAccount creates reseller {rid}")
    c = customer.addAccount(account={"username": f"{prefix}-c", "password": f"Pw-{prefix}-2",
                                     "reseller": rid, "firstName": "Carl"}, _soapheaders=admin)
    cid = int(c.id)
    check(int(c.reseller) == rid, f"addAccount creates customer {cid} of reseller {rid}")

    a = customer.getAccount(id=rid, _soapheaders=admin)
    check((a.username, a.firstName, a.organization) == (f"{prefix}-r", "Rita", f"{prefix} & Co <test>"),
          "getAccount returns the stored fields")
    # The server sends <password xsi:type="xsd:string"/>; this toolkit reads an empty element as None.
    check(a.password in ("", None), f"getAccount returns an empty password ({a.password!r})")
    check([(p.name, p.value) for p in items(a.properties)] == [("sip_credit", "5")],
          "getAccount returns the properties")
    check(a.resellerActive is True, "resellerActive decodes to True")

    customer.updateAccount(account={"id": rid, "organization": "Updated BV"}, _soapheaders=admin)
    a = customer.getAccount(id=rid, _soapheaders=admin)
    check((a.organization, a.firstName) == ("Updated BV", "Rita"), "updateAccount changes only what it got")

    q = customer.getCustomers(query={"filter": {"username": f"{prefix}-%"},
                                     "orderBy": {"attribute": "username", "direction": "ASC"},
                                     "range": {"start": 0, "count": 1}}, _soapheaders=admin)
    accounts = items(q.accounts)
    check(q.total == 2 and len(accounts) == 1 and accounts[0].username == f"{prefix}-c",
          f"getCustomers: total {q.total}, first page of {len(accounts)}")
    q = customer.getResellers(query={"filter": {"username": f"{prefix}-%"}}, _soapheaders=admin)
    check(q.total == 1 and int(items(q.accounts)[0].id) == rid, "getResellers returns only the reseller")

    customer.setProperties(customer=cid, _soapheaders=admin, properties=[
        prop("sip_accounts_last_domain", "example.com", "web", "customer")])
    names = [(p.name, p.value) for p in items(customer.getProperties(customer=cid, _soapheaders=admin))]
    check(("sip_accounts_last_domain", "example.com") in names, "setProperties + getProperties")

    check(fault_code(customer.getAccount, id=999999999, _soapheaders=admin) == 5000,
          "getAccount of a missing id is fault 5000")
    check(fault_code(customer.getAccount, id=rid, _soapheaders=auth(f"{prefix}-r", "wrong-password", False))
          == 8000, "a wrong password is fault 8000")
    own = customer.getAccount(id=rid, _soapheaders=auth(f"{prefix}-r", password, False))
    check(int(own.id) == rid, "a customer-level login reads its own account")

    check(fault_code(customer.deleteAccount, id=rid, _soapheaders=admin) == 5002,
          "deleteAccount of a reseller with customers is 5002")
    customer.deleteAccount(id=cid, _soapheaders=admin)
    customer.deleteAccount(id=rid, _soapheaders=admin)
    check(fault_code(customer.getAccount, id=rid, _soapheaders=admin) == 5000,
          "deleteAccount removed both customers")
    print("zeep: all steps passed")


if __name__ == "__main__":
    main()
