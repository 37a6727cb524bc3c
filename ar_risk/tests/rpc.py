import json

from odoo.tests import HttpCase


class RpcCase(HttpCase):
    """Calls as an outside client makes them: JSON-RPC on /web/dataset/call_kw."""

    def _rpc(self, user, model, method, *args, context=None, **kwargs):
        """Call ``model.method`` as ``user`` (password = login) in the user's
        company; the result, and the error's (exception name, message) if any."""
        self.authenticate(user.login, user.login)
        kwargs["context"] = {
            "lang": "en_US",
            "allowed_company_ids": [user.company_id.id],
            **(context or {}),
        }
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "id": 1,
            "params": {
                "model": model,
                "method": method,
                "args": list(args),
                "kwargs": kwargs,
            },
        }
        response = self.url_open(
            "/web/dataset/call_kw",
            data=json.dumps(payload),
            headers={"Content-Type": "application/json"},
        )
        body = response.json()
        error = body.get("error")
        if error:
            return None, (error["data"]["name"], error["data"]["message"])
        # Odoo leaves "result" out when the method returns None
        return body.get("result"), None

    def _assert_refused(self, user, model, method, args, message, context=None):
        """``model.method(*args)`` called by ``user`` is refused with
        ``message`` (a ValidationError), creates no record and logs no failed
        query; the caller checks that a write left the old values."""
        Model = self.env[model].with_context(active_test=False)
        count = Model.search_count([])
        with self.assertNoLogs("odoo.sql_db", level="ERROR"):
            result, error = self._rpc(user, model, method, *args, context=context)
        self.assertIsNone(result)
        self.assertEqual(error, ("odoo.exceptions.ValidationError", message), args)
        self.env.invalidate_all()
        self.assertEqual(Model.search_count([]), count)
