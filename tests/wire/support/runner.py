"""Command line and bookkeeping shared by the wire test scripts: one PASS/FAIL line per test and a
final "N passed, N failed" line; the exit status is non-zero when anything failed."""

import argparse
import os
import sys
import time
import traceback

from . import server as server_mod

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def parse_args(description):
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--server", required=True, help="the ngnpro binary")
    parser.add_argument("--wsdl-dir", required=True, help="<build>/wsdl (ngnpro.wsdl, ...)")
    parser.add_argument("--envelopes", default=os.path.join(HERE, "envelopes"),
                        help="captured CDRTool requests (default: tests/wire/envelopes)")
    args = parser.parse_args()
    args.dsn = server_mod.required_env("NGNPRO_TEST_DSN")
    return args


class Results:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def run(self, label, test, *args):
        """Run one test function; an AssertionError is a failure with its message, anything else
        a failure with its traceback. Returns True when it passed."""
        started = time.monotonic()
        try:
            test(*args)
        except AssertionError as e:
            self.failed += 1
            print(f"FAIL {label}: {e}", flush=True)
            return False
        except Exception:  # a crashed test is a failed test, and the run goes on
            self.failed += 1
            print(f"FAIL {label}: unexpected error\n{traceback.format_exc()}", flush=True)
            return False
        self.passed += 1
        print(f"PASS {label} ({time.monotonic() - started:.2f}s)", flush=True)
        return True

    def fail(self, label, message):
        self.failed += 1
        print(f"FAIL {label}: {message}", flush=True)

    def finish(self):
        print(f"{self.passed} passed, {self.failed} failed", flush=True)
        return 1 if self.failed else 0


def server_exits_0_on_sigterm(srv):
    """The process stops cleanly when asked (scripts and systemd send SIGTERM)."""
    srv.stop()


def finish_with_server(results, srv, dsn):
    """The end of every wire script: empty the database, check that the server stops cleanly on
    SIGTERM, print its log if anything failed; returns the exit status."""
    server_mod.reset_database(dsn)
    results.run(test_name(server_exits_0_on_sigterm), server_exits_0_on_sigterm, srv)
    if results.failed:
        srv.print_log()
    return results.finish()


def test_name(function):
    """A test function's name as a sentence: customer_login_is_locked -> customer login is locked."""
    return function.__name__.replace("_", " ")


def main_guard(run):
    """Exit with run()'s status; an error outside the tests (server would not start) is exit 2."""
    try:
        sys.exit(run())
    except SystemExit:
        raise
    except Exception:
        traceback.print_exc()
        print("0 passed, 1 failed (the run itself failed)")
        sys.exit(2)
