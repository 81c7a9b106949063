#!/usr/bin/python3
"""Manage ngnpro customers from Python with suds: add, get, update, list and delete a customer.

usage: customer_example.py [WSDL_URL [ADMIN_USER ADMIN_PASSWORD]]
       (default http://127.0.0.1:9200/ngnpro/wsdl, admin / change-me)
Needs suds: Debian's python3-suds, or `pip install suds-community`.
"""

import sys

from suds import WebFault
from suds.client import Client

wsdl = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:9200/ngnpro/wsdl"
user, password = sys.argv[2:4] if len(sys.argv) > 3 else ("admin", "change-me")

client = Client(wsdl, cache=None)
customers = client.service["CustomerPort"]  # the WSDL has one port per NGNPro area

# Every call carries the auth header. admin=True checks the [admin] account of the server's
# config; admin=False logs in as a customer with its own username and password.
auth = client.factory.create("{urn:AGProjects:NGNPro}AuthHeader")
auth.username, auth.password, auth.admin, auth.impersonate = user, password, True, 0
client.set_options(soapheaders=auth)

# An admin who adds a customer without naming a reseller creates a new reseller.
new = customers.addAccount({
    "username": "alice-example", "password": "S3cret-pw",
    "firstName": "Alice", "lastName": "Example", "email": "alice@example.com",
    "properties": [{"name": "sip_credit", "value": "10", "category": "credit", "permission": "admin"}],
})
print("added customer", new.id, "reseller", new.reseller)

account = customers.getAccount(new.id)  # the password always comes back empty
print("got", account.username, account.firstName, account.lastName,
      [(p.name, p.value) for p in account.properties])

customers.updateAccount({"id": new.id, "organization": "Example Ltd"})  # omitted members are kept

result = customers.getCustomers({"filter": {"username": "alice%"},
                                 "orderBy": {"attribute": "username", "direction": "ASC"},
                                 "range": {"start": 0, "count": 10}})
print("found", result.total, [(a.id, a.username, a.organization) for a in result.accounts])

customers.deleteAccount(new.id)
try:
    customers.getAccount(new.id)
except WebFault as e:  # NGNPro errors are SOAP faults with a numeric code in the detail
    error = e.fault.detail.exception
    print("after delete:", error.errorcode, error.errorstring)  # 5000 customer not found
else:
    sys.exit("the customer is still there")
