#!/usr/bin/python3
"""Postfix reads the e-mail forwards provisioned through the Dns port (api §8.14 MBOXFW).

An ngnpro server on the test database adds a zone and MBOXFW fancy records over SOAP. Then
Postfix's own lookup tool, `postmap -q KEY pgsql:FILE`, with config/postfix/*.cf rendered for the
test database and role postfix (schema/017_mail_role.sql), must find each forward (and the
zone's catch-all), nothing for other keys (a quote in the key included), the zone in the domain
table, and nothing once the forward or the zone is deleted. The role sees nothing of schema
ngnpro. postmap runs with a config directory of its own (an empty main.cf), so the machine's
Postfix configuration, if any, plays no part; no Postfix daemon runs.

One PASS/FAIL line per check, then "N passed, N failed".
"""

import os
import re
import shutil
import subprocess
import tempfile

import harness
from harness import runner

HERE = os.path.dirname(os.path.abspath(__file__))
POSTFIX_CONFIG = os.path.join(harness.REPO, "config", "postfix")
POSTMAP = shutil.which("postmap") or "/usr/sbin/postmap"


class Postfix:
    """The two maps rendered into a scratch config directory, looked up with postmap."""

    def __init__(self, directory, port, password):
        self.directory = directory
        with open(os.path.join(directory, "main.cf"), "w"):
            pass
        self.maps = {}
        for name in ("aliases", "domains"):
            with open(os.path.join(POSTFIX_CONFIG, f"ngnpro-virtual-{name}.cf")) as f:
                text = f.read()
            settings = {"hosts": f"127.0.0.1:{port}", "password": password, "dbname": "ngnpro", "user": "postfix"}
            for key, value in settings.items():
                text, found = re.subn(rf"(?m)^{key} = .*$", f"{key} = {value}", text)
                assert found == 1, f"ngnpro-virtual-{name}.cf has no single '{key} = ' line"
            path = os.path.join(directory, f"{name}.cf")
            with open(path, "w") as f:
                f.write(text)
            self.maps[name] = path

    def lookup(self, name, key):
        """What Postfix finds for key: the result, or None when the table has no such key."""
        done = subprocess.run([POSTMAP, "-c", self.directory, "-q", key, f"pgsql:{self.maps[name]}"],
                              capture_output=True, text=True, timeout=30)
        if done.returncode == 1 and not done.stdout:
            return None
        assert done.returncode == 0, f"postmap failed ({done.returncode}): {done.stderr.strip()}"
        return done.stdout.strip()


def postfix_password():
    pg_dir = harness.server_mod.required_env("NGNPRO_TEST_PG_DIR")
    with open(os.path.join(pg_dir, "postfix.password")) as f:
        return f.read().strip()


def fancy(srv, zone, name, value):
    harness.ok(srv, "Dns", "addFancyRecord",
               [("record", {"zone": zone, "name": name, "type": "MBOXFW", "value": value, "owner": 0})],
               typed={"record": "DnsFancyRecord"})


def run():
    args = harness.parse_args(__doc__)
    harness.stop_on_sigterm()
    results = runner.Results()
    tag = harness.run_tag()
    zone = f"mail-{tag}.example"
    port = harness.server_mod.required_env("NGNPRO_TEST_PG_PORT")
    scratch = tempfile.mkdtemp(prefix="ngnpro-postfix-")
    try:
        with harness.NgnproServer(args.server, args.wsdl_dir, args.dsn) as srv:
            postfix = Postfix(scratch, port, postfix_password())
            harness.ok(srv, "Dns", "addZone", [("zone", {"name": zone})], typed={"zone": "DnsZone"})
            fancy(srv, zone, "Info", "carla@example.net")
            fancy(srv, zone, "sales", "a@example.net, b@example.org")
            fancy(srv, zone, "", "catchall@example.net")

            def forwards_resolve():
                """virtual_alias_maps: each forward by its address, lower case (Postfix folds the key)."""
                assert postfix.lookup("aliases", f"info@{zone}") == "carla@example.net"
                assert postfix.lookup("aliases", f"INFO@{zone.upper()}") == "carla@example.net"
                assert postfix.lookup("aliases", f"sales@{zone}") == "a@example.net, b@example.org"
                assert postfix.lookup("aliases", f"@{zone}") == "catchall@example.net"

            def other_keys_find_nothing():
                """Unknown addresses, other zones and a quoting attempt find nothing."""
                for key in (f"nobody@{zone}", "info@example.com", "info", f"x' OR '1'='1@{zone}"):
                    assert postfix.lookup("aliases", key) is None, f"{key!r} found something"

            def the_zone_is_a_virtual_alias_domain():
                """virtual_alias_domains: the zone with forwards, not another."""
                assert postfix.lookup("domains", zone) == zone
                assert postfix.lookup("domains", f"other-{tag}.example") is None

            def the_role_sees_nothing_of_ngnpro():
                """role postfix: SELECT on schema mail only (schema/017)."""
                dsn = f"host=127.0.0.1 port={port} dbname=ngnpro user=postfix password={postfix_password()}"
                done = subprocess.run(["psql", dsn, "-X", "-A", "-t", "-c", "SELECT count(*) FROM ngnpro.customers"],
                                      capture_output=True, text=True, timeout=30)
                assert done.returncode != 0 and "permission denied" in done.stderr, done.stdout + done.stderr
                assert harness.psql_value(dsn, "SELECT count(*) FROM virtual_aliases") != ""

            def a_deleted_forward_is_gone():
                """deleteFancyRecord: Postfix stops forwarding at once (it reads the view)."""
                result = harness.ok(srv, "Dns", "getFancyRecords",
                                    [("query", {"filter": {"zone": zone, "name": f"sales@{zone}"}})],
                                    typed={"query": "DnsFancyRecordQuery"})
                harness.ok(srv, "Dns", "deleteFancyRecord", [("recordId", result["records"][0]["id"])])
                assert postfix.lookup("aliases", f"sales@{zone}") is None
                assert postfix.lookup("aliases", f"info@{zone}") == "carla@example.net"

            def a_deleted_zone_takes_its_forwards():
                """deleteZone: its forwards and its domain entry go with it."""
                harness.ok(srv, "Dns", "deleteZone", [("zone", zone)])
                assert postfix.lookup("aliases", f"info@{zone}") is None
                assert postfix.lookup("domains", zone) is None

            for check in (forwards_resolve, other_keys_find_nothing, the_zone_is_a_virtual_alias_domain,
                          the_role_sees_nothing_of_ngnpro, a_deleted_forward_is_gone,
                          a_deleted_zone_takes_its_forwards):
                results.run(runner.test_name(check), check)
            return runner.finish_with_server(results, srv, args.dsn)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    runner.main_guard(run)
