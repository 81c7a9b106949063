#!/usr/bin/python3
"""Manage SIP domains, accounts and aliases on ngnpro from Python with suds:
domain -> account -> alias -> get -> update -> call forwarding and do not disturb -> delete.

usage: sip_example.py [WSDL_URL [ADMIN_USER ADMIN_PASSWORD]]
       (default http://127.0.0.1:9200/ngnpro/wsdl, admin / change-me)
Needs suds: Debian's python3-suds, or `pip install suds-community`.
"""

import sys

from suds import WebFault
from suds.client import Client

wsdl = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:9200/ngnpro/wsdl"
user, password = sys.argv[2:4] if len(sys.argv) > 3 else ("admin", "change-me")

client = Client(wsdl, cache=None)
sip = client.service["SipPort"]  # the WSDL has one port per NGNPro area

auth = client.factory.create("{urn:AGProjects:NGNPro}AuthHeader")
auth.username, auth.password, auth.admin, auth.impersonate = user, password, True, 0
client.set_options(soapheaders=auth)

domain = "example-sip.example"
alice = {"username": "alice", "domain": domain}        # a SipId
alias = {"username": "alice.smith", "domain": domain}

# A domain first; accounts and aliases inherit its customer and reseller.
sip.addDomain({"domain": domain})

# A clear-text password is hashed (ha1/ha1b) and, by default, also kept and returned.
# "ha1:ha1b" (two 32-digit hex digests) stores the digests only; getAccount then returns "".
sip.addAccount({"id": alice, "password": "S3cret-pw", "firstName": "Alice", "lastName": "Example",
                "email": "alice@example.com", "groups": ["voicemail"]})
sip.addAlias({"id": alias, "target": alice})

account = sip.getAccount(alice)
print("got", account.id.username, account.id.domain, account.firstName, list(account.groups or []))
print("alias", sip.getAlias(alias).target.username)

# updateAccount replaces every attribute: send them all. No password keeps the current one.
sip.updateAccount({"id": alice, "firstName": "Alice", "lastName": "Example-Smith",
                   "email": "alice@example.com", "groups": ["voicemail", "missed-calls"]})
print("updated", sip.getAccount(alice).lastName)

result = sip.getAccounts({"filter": {"domain": domain}})
print("found", result.total, [a.id.username for a in result.accounts])

# Call settings. Forward every call to another SIP address (FUNC: forward unconditionally);
# setCallDiversions replaces all of the account's diversions with these.
sip.setCallDiversions(alice, {"FUNC": "sip:alice@office.example.com"})
# Do not disturb for the next hour: a temporary accept rule that lets nobody through.
# setAcceptRules replaces all accept rules; with no schedule, everybody gets through again after.
sip.setAcceptRules(alice, {"temporary": {"groups": ["nobody"], "duration": 60}})
print("forwarding to", sip.getCallDiversions(alice).FUNC)
dnd = sip.getAcceptRules(alice).rules.temporary  # duration: the minutes left
print("do not disturb for", dnd.duration, "more minutes, accepting:", ", ".join(dnd.groups))

sip.deleteAlias(alias)
sip.deleteAccount(alice)
sip.deleteDomain(domain)  # refused (fault 1002) while accounts or aliases remain
try:
    sip.getAccount(alice)
except WebFault as e:  # NGNPro errors are SOAP faults with a numeric code in the detail
    error = e.fault.detail.exception
    print("after delete:", error.errorcode, error.errorstring)  # 1010 account not found
else:
    sys.exit("the account is still there")
