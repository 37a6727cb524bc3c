from collections import defaultdict

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import is_html_empty

from .input_checks import check_amounts
from .letter_wording import (
    default_body,
    placeholders,
    render_body,
    unknown_placeholders,
)

CHANNEL_ACTION_TYPES = {
    "email": "email",
    "letter": "letter",
    "call": "call",
    "formal_notice": "formal_notice",
    "litigation": "litigation",
}


def level_due(levels, days_late, residual, reached):
    """The level an invoice reaches today, or None.

    ``levels``: its scenario's levels as (offset_days, min_amount, level_id),
    by offset; ``reached``: the levels it already reached, in the same form,
    whatever their scenario. The highest level whose offset has passed (and
    whose minimum the residual meets) is due, unless it or a later one was
    already reached; levels skipped meanwhile are not sent late.
    """
    passed = [lvl for lvl in levels if lvl[0] <= days_late and residual >= lvl[1]]
    if not passed:
        return None
    offset, _min_amount, level_id = passed[-1]
    if any(done[0] >= offset for done in reached):
        return None
    return level_id


class ArDunningLevel(models.Model):
    """One step of a scenario: when (days from the due date), how and by whom."""

    _name = "ar.dunning.level"
    _description = "Dunning Level"
    _order = "scenario_id, offset_days"

    name = fields.Char(required=True, translate=True)
    scenario_id = fields.Many2one(
        "ar.dunning.scenario", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="scenario_id.company_id", store=True)
    currency_id = fields.Many2one(related="scenario_id.currency_id")
    offset_days = fields.Integer(
        string="Days from due date",
        required=True,
        help="Negative: a preventive reminder before the due date.",
    )
    channel = fields.Selection(
        [
            ("email", "Email"),
            ("letter", "Printed letter"),
            ("call", "Phone call"),
            ("formal_notice", "Formal notice"),
            ("litigation", "Litigation handover"),
        ],
        required=True,
        default="email",
    )
    letter_style = fields.Selection(
        [
            ("preventive", "Preventive reminder"),
            ("reminder", "Reminder"),
            ("firm", "Firm reminder"),
            ("formal_notice", "Formal notice (mise en demeure)"),
        ],
        required=True,
        default="reminder",
        help="The wording of the letter or of the email's attached letter.",
    )
    mail_template_id = fields.Many2one(
        "mail.template",
        string="Email template",
        domain="[('model', '=', 'ar.collection.action')]",
    )
    responsible = fields.Selection(
        [
            ("collector", "The customer's collector"),
            ("salesperson", "The salesperson"),
            ("user", "A given user"),
        ],
        required=True,
        default="collector",
    )
    user_id = fields.Many2one("res.users")
    automatic = fields.Boolean(
        default=True,
        help="Sent by the run. Unchecked: the action waits in the review queue "
        "until a credit manager validates it.",
    )
    min_amount = fields.Monetary(
        string="Minimum amount",
        help="Invoices with a smaller residual skip this level.",
    )
    attach_invoices = fields.Boolean(
        string="Attach the invoices",
        help="Emails carry the invoices' PDF besides the reminder letter.",
    )
    attach_statement = fields.Boolean(
        string="Attach the statement",
        help="Emails carry the customer's statement of account besides the letter.",
    )
    letter_body = fields.Html(
        string="Letter text",
        translate=True,  # term by term (html_translate), as Odoo's HTML pages
        help="The letter's wording, in each language (empty: the shipped wording "
        "of the style). Placeholders such as {{ invoice_table }} are replaced "
        "when the letter is made; the list is shown below the text.",
    )
    placeholder_help = fields.Html(compute="_compute_placeholder_help")
    show_charges = fields.Boolean(
        string="Show late-payment charges",
        help="Interest and recovery indemnity on the letter, when the company applies them.",
    )

    _sql_constraints = [
        (
            "offset_unique",
            "UNIQUE(scenario_id, offset_days)",
            "Two levels of a scenario cannot have the same offset.",
        ),
        (
            "min_amount_positive",
            "CHECK(min_amount >= 0)",
            "The minimum amount cannot be negative.",
        ),
    ]

    def _compute_placeholder_help(self):
        rows = [
            Markup("<li><code>{{{{ {} }}}}</code>: {}</li>").format(name, label)
            for name, label in placeholders(self.env).items()
        ]
        self.placeholder_help = Markup("<ul>%s</ul>") % Markup("").join(rows)

    @api.constrains("letter_body")
    def _check_letter_body(self):
        known = placeholders(self.env)
        for level in self:
            unknown = unknown_placeholders(level.letter_body, known)
            if unknown:
                raise ValidationError(
                    _(
                        "The letter text of level %(level)s uses unknown "
                        "placeholders: %(unknown)s. Available: %(known)s.",
                        level=level.name,
                        unknown=", ".join(unknown),
                        known=", ".join(known),
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        check_amounts(self, vals_list, ["min_amount"], allow_zero=True)
        offsets = defaultdict(list)
        for vals in vals_list:
            if vals.get("scenario_id"):
                offsets[vals["scenario_id"]].append(vals.get("offset_days", 0))
        for scenario_id, new in offsets.items():
            taken = self.search([("scenario_id", "=", scenario_id)]).mapped(
                "offset_days"
            )
            self._check_offsets_free(taken, new)
        return super().create(vals_list)

    def write(self, vals):
        check_amounts(self, [vals], ["min_amount"], allow_zero=True)
        if "offset_days" in vals:
            for level in self:
                others = level.scenario_id.level_ids - self
                self._check_offsets_free(
                    others.mapped("offset_days"), [vals["offset_days"]] * len(level)
                )
            if len(self.scenario_id) < len(self):
                self._check_offsets_free([], [vals["offset_days"]] * len(self))
        return super().write(vals)

    def _check_offsets_free(self, taken, new):
        """Refuse offsets already taken in the scenario, or given twice
        (the database would refuse them too, with an error in the log)."""
        if len(set(new)) < len(new) or set(new) & set(taken):
            raise ValidationError(
                _("Two levels of a scenario cannot have the same offset.")
            )

    @api.constrains("letter_style", "offset_days")
    def _check_preventive_before_due(self):
        for level in self:
            if level.letter_style == "preventive" and level.offset_days > 0:
                raise ValidationError(
                    _(
                        "Level %s is a preventive reminder: it comes before the due "
                        "date (a negative or zero offset), never after a late one.",
                        level.name,
                    )
                )

    @api.constrains("mail_template_id", "channel", "responsible", "user_id")
    def _check_config(self):
        for level in self:
            template = level.mail_template_id
            if template and template.model != "ar.collection.action":
                raise ValidationError(
                    _(
                        "The email template of level %(level)s must be made for collection "
                        "actions, not for %(model)s.",
                        level=level.name,
                        model=template.model,
                    )
                )
            if level.responsible == "user" and not level.user_id:
                raise ValidationError(
                    _("Level %s needs the user who acts.", level.name)
                )

    def action_load_default_wording(self):
        """Set the letter text to the shipped wording of its style, in English
        and, term by term (the field is translated like Odoo's HTML pages), in
        every other installed language."""
        field = self._fields["letter_body"]
        langs = [code for code, _name in self.env["res.lang"].get_installed()]
        for level in self.with_context(lang="en_US"):
            style = level.letter_style
            level.letter_body = default_body(level.env, style)
            source = field.get_trans_terms(level.letter_body)
            level.update_field_translations(
                "letter_body",
                {
                    lang: dict(
                        zip(
                            source,
                            field.get_trans_terms(
                                default_body(level.with_context(lang=lang).env, style)
                            ),
                            strict=True,
                        )
                    )
                    for lang in langs
                    if lang != "en_US"
                },
            )

    def action_preview(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Preview of %s", self.name),
            "res_model": "ar.dunning.level.preview",
            "view_mode": "form",
            "target": "new",
            "context": {"default_level_id": self.id},
        }

    def _ar_letter_body(self, lang, values):
        """The letter's text in ``lang``, placeholders replaced by ``values``."""
        self.ensure_one()
        level = self.with_context(lang=lang)
        body = level.letter_body
        if is_html_empty(body):
            body = default_body(level.env, level.letter_style)
        return render_body(body, values)

    def _ar_rule(self):
        """This level as ``level_due`` reads it."""
        self.ensure_one()
        return (self.offset_days, self.min_amount, self.id)

    def _action_type(self):
        self.ensure_one()
        return CHANNEL_ACTION_TYPES[self.channel]

    def _responsible_user(self, partner):
        """The user this level designates for ``partner``, if any; empty: the
        suite's rule (``ar.collection.action._ar_create_actions``)."""
        self.ensure_one()
        if self.responsible == "user":
            return self.user_id
        if self.responsible == "salesperson":
            return partner.commercial_partner_id.user_id
        return self.env["res.users"]
