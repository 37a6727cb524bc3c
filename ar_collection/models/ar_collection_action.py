from collections import defaultdict

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

ACTION_TYPES = [
    ("call", "Phone call"),
    ("email", "Email"),
    ("letter", "Letter"),
    ("formal_notice", "Formal notice"),
    ("visit", "Visit"),
    ("note", "Note"),
    ("internal_request", "Internal request"),
    ("litigation", "Litigation handover"),
]

CALL_OUTCOMES = [
    ("reached", "Reached"),
    ("no_answer", "No answer"),
    ("promise", "Promise to pay"),
    ("dispute", "Dispute"),
    ("paid", "Says paid"),
    ("wrong_contact", "Wrong contact"),
]


class ArCollectionAction(models.Model):
    """A dated, assigned collection action on a customer: the agenda's unit.

    Actions are history: they are done, cancelled or archived, never deleted.
    """

    _name = "ar.collection.action"
    _description = "Collection Action"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_planned, priority desc, id"
    _check_company_auto = True

    name = fields.Char(string="Subject", required=True, tracking=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        index=True,
        tracking=True,
        domain="[('parent_id', '=', False)]",
        help="The customer's commercial entity; contacts are reached through it.",
    )
    contact_id = fields.Many2one(
        "res.partner",
        domain="['|', ('id', '=', partner_id), ('parent_id', '=', partner_id)]",
    )
    move_ids = fields.Many2many(
        "account.move",
        "ar_collection_action_move_rel",
        "action_id",
        "move_id",
        string="Invoices",
        check_company=True,
        domain="[('partner_id', 'child_of', partner_id), "
        "('move_type', 'in', ('out_invoice', 'out_refund')), ('state', '=', 'posted')]",
    )
    action_type = fields.Selection(
        ACTION_TYPES, string="Type", required=True, default="call", tracking=True
    )
    origin = fields.Selection(
        [
            ("manual", "Manual"),
            ("dunning", "Dunning run"),
            ("promise", "Promise to pay"),
            ("dispute", "Dispute"),
            ("payment_plan", "Payment plan"),
            ("campaign", "Preventive campaign"),
            ("factoring", "Factoring"),
            ("portal", "Customer portal"),
        ],
        required=True,
        default="manual",
        readonly=True,
    )
    date_planned = fields.Date(
        string="Planned on",
        required=True,
        index=True,
        default=fields.Date.context_today,
        tracking=True,
    )
    date_done = fields.Date(string="Done on", readonly=True, tracking=True)
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        index=True,
        tracking=True,
        default=lambda self: self.env.user,
    )
    priority = fields.Selection([("0", "Normal"), ("1", "Urgent")], default="0")
    state = fields.Selection(
        [
            ("to_review", "To review"),
            ("planned", "Planned"),
            ("done", "Done"),
            ("cancelled", "Cancelled"),
        ],
        required=True,
        default="planned",
        index=True,
        tracking=True,
    )
    outcome = fields.Selection(CALL_OUTCOMES, tracking=True)
    note = fields.Html(string="Notes")
    currency_id = fields.Many2one(related="company_id.currency_id")
    amount_residual = fields.Monetary(
        string="Amount due",
        compute="_compute_amount_residual",
        help="Open amount of the invoices concerned, in company currency.",
    )
    is_overdue = fields.Boolean(
        compute="_compute_is_overdue", search="_search_is_overdue"
    )

    @api.depends("move_ids.amount_residual_signed")
    def _compute_amount_residual(self):
        for action in self:
            action.amount_residual = sum(
                action.move_ids.mapped("amount_residual_signed")
            )

    @api.depends("date_planned", "state")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for action in self:
            action.is_overdue = (
                action.state == "planned" and action.date_planned < today
            )

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Unsupported search on overdue actions."))
        today = fields.Date.context_today(self)
        domain = [("state", "=", "planned"), ("date_planned", "<", today)]
        return domain if (operator == "=") == value else ["!", *domain]

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(
            _(
                "Collection actions are history: cancel or archive them "
                "instead of deleting."
            )
        )

    @api.model_create_multi
    def create(self, vals_list):
        actions = super().create(vals_list)
        actions._ar_created()
        return actions

    def _ar_created(self):
        """What new actions set off (after ``create`` and
        ``_ar_insert_actions`` alike)."""

    @api.model
    def _ar_create_actions(self, vals_list):
        """The one way the suite creates collection actions.

        ``vals_list``: create values, each with ``partner_id`` (the customer's
        commercial entity) and, when omitted, ``company_id`` = the current
        company. Who is responsible, when ``user_id`` is not given (a person
        chose one: a level's designated user, the dialog's "By", the owner of
        the action followed up):

        1. the customer's collector in that company,
        2. else its salesperson,
        3. else the company's credit manager,
        4. else the user creating the action, unless it is a scheduled job's
           system user: then nobody, and the action waits unassigned in the
           agenda for the credit manager to dispatch.
        """
        return self.create(self._ar_assign_responsibles(vals_list))

    @api.model
    def _ar_assign_responsibles(self, vals_list):
        """``vals_list``, each with its ``user_id`` and ``company_id``, by the
        rule of ``_ar_create_actions``."""
        partners = self.env["res.partner"].browse(v["partner_id"] for v in vals_list)
        for vals in vals_list:
            company = self.env["res.company"].browse(
                vals.setdefault("company_id", self.env.company.id)
            )
            if vals.get("user_id"):
                continue
            partner = (
                partners.browse(vals["partner_id"])
                .with_prefetch(partners._prefetch_ids)
                .with_company(company)
            )
            user = (
                partner._ar_get_collector()
                or company.ar_credit_manager_id
                or self.env.user.filtered(lambda u: not u._is_superuser())
            )
            vals["user_id"] = user.id
        return vals_list

    def _ar_follow_responsibles(self):
        """Each action followed by its responsible, as Odoo's create would do
        it, in one statement per responsible instead of a few per action:
        customers' replies to a reminder reach whoever follows it up."""
        by_partner = defaultdict(list)
        for action in self.filtered("user_id.active"):
            by_partner[action.user_id.partner_id.id].append(action.id)
        Followers = self.env["mail.followers"]
        for partner_id, action_ids in by_partner.items():
            Followers._insert_followers(self._name, action_ids, [partner_id])

    def action_done(self):
        self.write({"state": "done", "date_done": fields.Date.context_today(self)})

    def action_cancel(self):
        self.filtered(lambda a: a.state != "done").write({"state": "cancelled"})

    def action_plan(self):
        """Validate actions waiting for review (the credit manager's queue):
        a collection manager's decision, whatever the client shows."""
        if not self.env.user.has_group("ar_collection.ar_collection_group_manager"):
            raise AccessError(
                _("Only a collection manager can validate actions waiting for review.")
            )
        self.filtered(lambda a: a.state == "to_review").write({"state": "planned"})
