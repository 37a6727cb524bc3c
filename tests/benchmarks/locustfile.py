"""Fifty collectors on the web client's JSON-RPC, for ``scale.py load``.

Each simulated collector logs in as one of the bench's collector users
(``AR_LOAD_USERS`` logins, password = login), then opens its agenda, a
customer's credit tab and the aged balance summary, and logs calls. Each
stops after ``AR_LOAD_TASKS`` pages: with locust's ``--run-time`` and
``--users``, the load is bounded in users, requests and seconds.
"""

import itertools
import json
import os
import random

from locust import HttpUser, between, task
from locust.exception import StopUser

LOGINS = os.environ["AR_LOAD_USERS"].split(",")
CUSTOMERS = [int(i) for i in os.environ["AR_LOAD_CUSTOMERS"].split(",")]
DATABASE = os.environ["AR_LOAD_DB"]
MAX_TASKS = int(os.environ.get("AR_LOAD_TASKS", "40"))
_next_login = itertools.cycle(LOGINS)


class Collector(HttpUser):
    wait_time = between(0.5, 2.0)

    def on_start(self):
        self.login = next(_next_login)
        self.tasks_done = 0
        result = self._post(
            "/web/session/authenticate",
            {"db": DATABASE, "login": self.login, "password": self.login},
            "login",
        )
        self.uid = result["uid"] if result else None
        # not "context": Locust users have a context() method of their own
        self.odoo_context = result["user_context"] if result else {}
        # the aged balance dialog, filled in once (a write: the primary)
        self.aged_id = self._call("ar.aged.balance", "create", [{}], name="aged: open")

    def _post(self, url, params, name):
        payload = {"jsonrpc": "2.0", "method": "call", "id": 1, "params": params}
        with self.client.post(
            url,
            data=json.dumps(payload),
            headers={"Content-Type": "application/json"},
            name=name,
            catch_response=True,
        ) as response:
            body = response.json() if response.status_code == 200 else {}
            if "error" in body or response.status_code != 200:
                error = body.get("error", {}).get("data", {}).get("message")
                response.failure(error or f"HTTP {response.status_code}")
                return None
            return body["result"]

    def _call(self, model, method, args, kwargs=None, name=None):
        params = {
            "model": model,
            "method": method,
            "args": args,
            "kwargs": {"context": self.odoo_context, **(kwargs or {})},
        }
        return self._post(f"/web/dataset/call_kw/{model}/{method}", params, name)

    def _count(self):
        self.tasks_done += 1
        if self.tasks_done > MAX_TASKS:
            raise StopUser()

    @task(4)
    def agenda(self):
        self._count()
        self._call(
            "ar.collection.action",
            "web_search_read",
            [[("user_id", "=", self.uid), ("state", "=", "planned")]],
            {
                "specification": {
                    "name": {},
                    "partner_id": {"fields": {"display_name": {}}},
                    "date_planned": {},
                    "action_type": {},
                    "amount_residual": {},
                },
                "limit": 80,
            },
            name="agenda",
        )

    @task(3)
    def credit_tab(self):
        self._count()
        self._call(
            "res.partner",
            "web_read",
            [[random.choice(CUSTOMERS)]],
            {
                "specification": {
                    "name": {},
                    "credit_limit": {},
                    "ar_exposure": {},
                    "ar_guarantee_cover": {},
                    "ar_available_credit": {},
                    "ar_overdue_amount": {},
                }
            },
            name="credit tab",
        )

    @task(1)
    def aged_summary(self):
        self._count()
        self._call(
            "ar.aged.balance", "get_summary", [[self.aged_id]], name="aged summary"
        )

    @task(2)
    def log_call(self):
        self._count()
        wizard = self._call(
            "ar.collection.log.call",
            "create",
            [{"partner_id": random.choice(CUSTOMERS), "outcome": "no_answer"}],
            name="log call: open",
        )
        if wizard:
            self._call(
                "ar.collection.log.call",
                "action_confirm",
                [[wizard]],
                name="log call: confirm",
            )
