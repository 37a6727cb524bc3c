"""The readmes' screenshots, taken from the demo database by
``.ci/screenshots.sh``: not a test (tagged out of every standard run)."""

import base64
import json
from pathlib import Path

from odoo import http
from odoo.modules.module import get_module_path
from odoo.tests import HttpCase, tagged
from odoo.tests.common import ChromeBrowser

# (addon, file, url, element shown when the page is ready, element to click
# first)
SHOTS = [
    (
        "ar_collection",
        "my_day",
        "/odoo/action-ar_collection.ar_collection_action_action_my_today",
        ".o_data_row",
        False,
    ),
    (
        "ar_collection",
        "indicators",
        "/odoo/action-ar_collection.ar_collection_kpi_action_today",
        ".o_field_widget[name='top_amount_ids'] .o_data_row",
        False,
    ),
    (
        "ar_collection",
        "aged_balance",
        "/odoo/action-ar_collection.ar_aged_balance_line_action",
        ".o_pivot_cell_value",
        False,
    ),
    (
        "ar_collection",
        "review_queue",
        "/odoo/action-ar_collection.ar_collection_action_action_review",
        ".o_data_row",
        False,
    ),
    (
        "ar_risk",
        "credit_file",
        "/odoo/res.partner/{customer}",
        ".tab-pane.active .o_field_widget[name='ar_exposure']",
        ".o_notebook a[name='ar_risk_credit']",
    ),
    (
        "ar_factoring",
        "contract_dashboard",
        "/odoo/ar.factor.contract/{contract}",
        ".o_field_widget[name='amount_assigned']",
        False,
    ),
]

# wait for the element to click (if any), click it, wait for the page's
# content, let the view settle, then signal
SCRIPT = """
(async () => {
    const waitFor = async (selector) => {
        for (let i = 0; i < 300 && !document.querySelector(selector); i++) {
            await new Promise((resolve) => setTimeout(resolve, 200));
        }
        if (!document.querySelector(selector)) {
            throw new Error("not shown: " + selector);
        }
        return document.querySelector(selector);
    };
    const click = %(click)s;
    if (click) {
        (await waitFor(click)).click();
    }
    await waitFor(%(selector)s);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    console.log("test successful");
})()
"""


@tagged("-standard", "-at_install", "post_install", "ar_screenshots")
class TakeScreenshots(HttpCase):
    def test_take(self):
        http.root.statics  # noqa: B018  pylint: disable=pointless-statement
        self.env.ref("base.user_admin").lang = "fr_FR"
        ids = {
            "customer": self.env.ref("ar_risk.res_partner_03_demo").id,
            "contract": self.env["ar.factor.contract"].search([], limit=1).id,
        }
        for addon, name, url, selector, click in SHOTS:
            browser = ChromeBrowser(self)
            try:
                self.authenticate("admin", "admin", browser=browser)
                browser.navigate_to(self.base_url() + url.format(**ids), True)
                browser._wait_ready()
                browser._wait_code_ok(
                    SCRIPT
                    % {"selector": json.dumps(selector), "click": json.dumps(click)},
                    90,
                )
                shot = browser._websocket_request(
                    "Page.captureScreenshot", params={"format": "png"}
                )
                path = Path(get_module_path(addon), "static", "description")
                path.mkdir(parents=True, exist_ok=True)
                (path / f"{name}.png").write_bytes(base64.b64decode(shot["data"]))
            finally:
                browser.stop()
