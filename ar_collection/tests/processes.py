"""Real Odoo processes on the test database, for the faults a single test
transaction cannot show: concurrent runs, a worker killed mid-run. Their
data is committed; each test works in its own company."""

import json
import os
import subprocess
import sys
import time

import odoo
from odoo.sql_db import db_connect
from odoo.tools import config

ODOO_BIN = os.path.join(os.path.dirname(os.path.dirname(odoo.__file__)), "odoo-bin")
MARK = "AR-RESULT "


def shell(dbname, script, wait=True):
    """Run ``script`` in ``odoo-bin shell`` (``env`` is the superuser's);
    with ``wait``, the value it printed with ``result(value)``, else the
    process."""
    code = (
        "import json\n"
        f"def result(value): print({MARK!r} + json.dumps(value), flush=True)\n"
        f"{script}\n"
        "env.cr.commit()\n"
    )
    proc = subprocess.Popen(
        [
            sys.executable,
            ODOO_BIN,
            "shell",
            "-c",
            config.rcfile,
            "-d",
            dbname,
            "--no-http",
            "--log-level=error",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    proc.stdin.write(code)
    proc.stdin.close()
    return output(proc) if wait else proc


def output(proc, timeout=300):
    """The value a shell process printed with ``result``."""
    out = proc.stdout.read()
    err = proc.stderr.read()
    proc.wait(timeout)
    for line in out.splitlines():
        if line.startswith(MARK):
            return json.loads(line[len(MARK) :])
    raise AssertionError(f"the process printed no result:\n{out}\n{err}")


def query(dbname, sql, params=()):
    """Rows of ``sql`` in a transaction of its own (sees what is committed)."""
    with db_connect(dbname).cursor() as cr:
        cr.execute(sql, params)
        return cr.fetchall()


def wait_until(check, timeout=120, what="the condition"):
    started = time.monotonic()
    while not (value := check()):
        if time.monotonic() - started > timeout:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.1)
    return value
