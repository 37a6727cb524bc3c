from collections import defaultdict

from odoo import Command, _, api, fields, models
from odoo.tools.misc import format_date

# the customers who together make up this share of the amount at stake are
# called first, marked urgent
URGENT_SHARE = 0.8


def stake_order(amounts):
    """[(customer, amount, urgent)], the largest amount first; urgent while
    the customers before it make up less than ``URGENT_SHARE`` of the total.

    ``amounts``: {customer: amount due in the target period}."""
    total = sum(amounts.values())
    ranked, before = [], 0.0
    for customer, amount in sorted(amounts.items(), key=lambda kv: -kv[1]):
        ranked.append((customer, amount, before < URGENT_SHARE * total))
        before += amount
    return ranked


class ArCollectionCampaignRun(models.Model):
    """A preventive campaign: the calls made before a period to the customers
    whose invoices fall due in it, and how they went (its dashboard)."""

    _name = "ar.collection.campaign.run"
    _description = "Preventive Campaign"
    _order = "date_planned desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    date_planned = fields.Date(string="Calls on", required=True)
    date_from = fields.Date(string="Due from", required=True)
    date_to = fields.Date(string="Due until", required=True)
    year = fields.Integer(
        readonly=True, help="Set on the yearly scheduled campaign: one a year."
    )
    action_ids = fields.One2many("ar.collection.action", "campaign_id", string="Calls")
    offer_ids = fields.One2many(
        "ar.collection.discount.offer", "campaign_id", string="Discount offers"
    )
    amount_due = fields.Monetary(
        string="Total due",
        readonly=True,
        help="What the customers called owed on the period when it was launched.",
    )
    customer_count = fields.Integer(string="Customers", compute="_compute_dashboard")
    called_count = fields.Integer(string="Called", compute="_compute_dashboard")
    to_call_count = fields.Integer(string="To call", compute="_compute_dashboard")
    amount_confirmed = fields.Monetary(
        compute="_compute_dashboard", help="Promised during the campaign's calls."
    )
    bill_count = fields.Integer(
        string="Bills received",
        compute="_compute_dashboard",
        help="Bills of exchange (LCR) and promissory notes (BOR) recorded from the "
        "campaign's calls or their promises.",
    )
    offer_taken_count = fields.Integer(
        string="Offers accepted", compute="_compute_dashboard"
    )
    amount_discount = fields.Monetary(
        string="Discounts granted", compute="_compute_dashboard"
    )
    confirmed_rate = fields.Float(
        string="Confirmed (%)", compute="_compute_dashboard", digits=(5, 1)
    )

    _sql_constraints = [
        (
            "year_unique",
            "UNIQUE(company_id, year)",
            "The yearly campaign of a company is launched once a year.",
        ),
    ]

    @api.depends("action_ids.state", "offer_ids.state")
    def _compute_dashboard(self):
        Promise = self.env["ar.collection.promise"]
        Bill = self.env["ar.collection.bill"]
        for run in self:
            calls = run.action_ids.filtered(lambda a: a.origin == "campaign")
            promises = Promise.search(
                [("action_id", "in", calls.ids), ("state", "!=", "cancelled")]
            )
            taken = run.offer_ids.filtered(lambda o: o.state == "taken")
            run.customer_count = len(calls.partner_id)
            run.called_count = len(calls.filtered(lambda a: a.state == "done"))
            run.to_call_count = len(
                calls.filtered(lambda a: a.state in ("planned", "to_review"))
            )
            run.amount_confirmed = sum(promises.mapped("amount"))
            run.bill_count = Bill.search_count(
                [
                    "|",
                    ("action_id", "in", calls.ids),
                    ("promise_id", "in", promises.ids),
                ]
            )
            run.offer_taken_count = len(taken)
            run.amount_discount = sum(taken.mapped("amount_discount_taken"))
            run.confirmed_rate = (
                100.0 * run.amount_confirmed / run.amount_due if run.amount_due else 0.0
            )

    @api.model
    def _ar_default_script(self):
        return _(
            "<ul><li>Confirm the invoices were received and are approved.</li>"
            "<li>Confirm the payment date and means.</li>"
            "<li>Ask whether you are closed in the period.</li>"
            "<li>Offer a bill of exchange (LCR) or an early-payment discount.</li></ul>"
        )

    def _ar_invoices(self, partners=None):
        """The open invoices due in the target period."""
        self.ensure_one()
        Move = self.env["account.move"]
        domain = Move._ar_open_invoice_domain(self.company_id) + [
            ("invoice_date_due", ">=", self.date_from),
            ("invoice_date_due", "<=", self.date_to),
        ]
        if partners:
            domain.append(("commercial_partner_id", "in", partners.ids))
        return Move.search(domain)

    def _ar_launch(self, partners=None, collectors=None, amount_min=0.0, script=None):
        """Create the calls: one per customer with invoices due in the period,
        the customers most at stake first. Returns the calls."""
        self.ensure_one()
        by_partner = defaultdict(lambda: self.env["account.move"])
        for invoice in self._ar_invoices(partners):
            by_partner[invoice.commercial_partner_id] |= invoice
        amounts = {}
        for partner, invoices in by_partner.items():
            collector = partner.with_company(self.company_id)._ar_get_collector()
            if collectors and collector not in collectors:
                continue
            amount = sum(invoices.mapped("amount_residual_signed"))
            if amount >= amount_min:
                amounts[partner] = amount
        vals_list = [
            {
                "name": _(
                    "Preventive call before %s", format_date(self.env, self.date_to)
                ),
                "partner_id": partner.id,
                "company_id": self.company_id.id,
                "move_ids": [Command.set(by_partner[partner].ids)],
                "action_type": "call",
                "origin": "campaign",
                "priority": "1" if urgent else "0",
                "date_planned": self.date_planned,
                "note": script or self._ar_default_script(),
                "campaign_id": self.id,
            }
            for partner, _amount, urgent in stake_order(amounts)
        ]
        self.amount_due += sum(amounts.values())
        return self.env["ar.collection.action"]._ar_create_actions(vals_list)

    @api.model
    def _cron_launch(self, today=None):
        """Scheduled step: each company's yearly campaign, once, from its
        launch day until the end of its target period."""
        for company, day in self.env["res.company"]._ar_companies_today(today):
            if not company.ar_campaign_scheduled:
                continue
            launch, date_from, date_to = company._ar_campaign_dates(day.year)
            Run = self.sudo().with_company(company)
            if not launch <= day <= date_to or Run.search_count(
                [("company_id", "=", company.id), ("year", "=", day.year)]
            ):
                continue
            Run.create(
                {
                    "name": _("Campaign %s", day.year),
                    "company_id": company.id,
                    "year": day.year,
                    "date_planned": day,
                    "date_from": date_from,
                    "date_to": date_to,
                }
            )._ar_launch()

    def action_open_calls(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Campaign calls"),
            "res_model": "ar.collection.action",
            "view_mode": "list,form",
            "domain": [("campaign_id", "=", self.id)],
        }
