from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from .input_checks import check_amounts


class ArCollectionCaseMixin(models.AbstractModel):
    """What a promise, a dispute and a payment plan share: a customer's case
    on some of its invoices, followed by someone, whose state is tracked and
    which pauses the dunning of its invoices while it is in a pausing state.

    Each model declares its own ``state`` (tracked), its ``move_ids`` table
    (``relation`` and ``column1``) and the states that pause the dunning.
    """

    _name = "ar.collection.case.mixin"
    _description = "Collection Case (promise, dispute, payment plan)"
    _inherit = ["mail.thread"]
    _check_company_auto = True
    _ar_pausing_states = ("open",)
    # amounts checked before the database's constraints (``input_checks``)
    _ar_amount_fields = ()
    _ar_amount_zero_ok = False

    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        index=True,
        tracking=True,
        domain="[('parent_id', '=', False)]",
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    move_ids = fields.Many2many(
        "account.move",
        column2="move_id",
        string="Invoices",
        check_company=True,
        domain="[('partner_id', 'child_of', partner_id), ('move_type', '=', 'out_invoice'), "
        "('state', '=', 'posted')]",
    )
    user_id = fields.Many2one(
        "res.users", string="Collector", default=lambda self: self.env.user
    )

    @api.constrains("partner_id", "move_ids")
    def _check_move_ids(self):
        # whatever the user may read: the invoices must be the customer's
        for case in self.sudo():
            customer = case.partner_id.commercial_partner_id
            wrong = case.move_ids.filtered(
                lambda move, customer=customer: (
                    move.commercial_partner_id != customer
                    or move.move_type != "out_invoice"
                    or move.state != "posted"
                )
            )
            if wrong:
                raise ValidationError(
                    _(
                        "Only posted invoices of %(customer)s can be linked here, "
                        "not %(invoices)s.",
                        customer=customer.display_name,
                        invoices=", ".join(wrong.mapped("display_name")),
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        check_amounts(self, vals_list, self._ar_amount_fields, self._ar_amount_zero_ok)
        return super().create(vals_list)

    def write(self, vals):
        check_amounts(self, [vals], self._ar_amount_fields, self._ar_amount_zero_ok)
        return super().write(vals)

    @api.model
    def _ar_paused_moves(self):
        """The invoices this kind of case pauses now (every company)."""
        return self.sudo().search([("state", "in", self._ar_pausing_states)]).move_ids

    def _ar_paid_since(self, company, date_field):
        """Per case: the amount reconciled (company currency) on the
        receivable of its invoices since its own date ``date_field``. One
        query for all the cases of ``company``."""
        if not self:
            return {}
        self.env.flush_all()
        rel = self._fields["move_ids"]
        rows = self.env.execute_query(
            SQL(
                """
                SELECT o.id, COALESCE(SUM(apr.amount), 0)
                  FROM %(owner)s o
                  JOIN %(rel)s rel ON rel.%(rel_column)s = o.id
                  JOIN account_move_line aml ON aml.move_id = rel.move_id
                       AND aml.balance > 0
                  JOIN account_account acc ON acc.id = aml.account_id
                  JOIN account_partial_reconcile apr ON apr.debit_move_id = aml.id
                 WHERE o.id = ANY(%(ids)s) AND %(receivable)s
                   AND apr.max_date >= o.%(date_field)s
              GROUP BY o.id
                """,
                owner=SQL.identifier(self._table),
                rel=SQL.identifier(rel.relation),
                rel_column=SQL.identifier(rel.column1),
                receivable=self.env["account.move.line"]._ar_receivable_sql(company),
                date_field=SQL.identifier(date_field),
                ids=self.ids,
            )
        )
        return dict(rows)

    def _ar_schedule_follow_up(self, name, origin, day):
        """The next call on this case's customer and invoices, urgent, on
        ``day`` (the evaluating job's today)."""
        self.ensure_one()
        return self.env["ar.collection.action"]._ar_create_actions(
            [
                {
                    "name": name,
                    "partner_id": self.partner_id.id,
                    "company_id": self.company_id.id,
                    "move_ids": [fields.Command.set(self.move_ids.ids)],
                    "action_type": "call",
                    "origin": origin,
                    "priority": "1",
                    "date_planned": day,
                }
            ]
        )
