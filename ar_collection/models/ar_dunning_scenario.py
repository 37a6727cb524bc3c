from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools.misc import formatLang

from .input_checks import check_amounts


class ArDunningScenario(models.Model):
    """Who is dunned how: a segment of customers and its ordered levels."""

    _name = "ar.dunning.scenario"
    _description = "Dunning Scenario"
    _inherit = ["mail.thread"]
    _order = "priority, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True, tracking=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    priority = fields.Integer(
        default=10,
        tracking=True,
        help="The applicable scenario with the lowest priority number wins.",
    )
    is_default = fields.Boolean(
        string="Default scenario",
        tracking=True,
        help="Applies to customers no other scenario matches.",
    )
    amount_min = fields.Monetary(
        string="Overdue balance from", help="Customer's overdue balance, included."
    )
    amount_max = fields.Monetary(
        string="Overdue balance up to", help="Excluded. Zero: no upper bound."
    )
    country_ids = fields.Many2many("res.country", string="Countries")
    state_ids = fields.Many2many("res.country.state", string="States")
    zip_prefixes = fields.Char(
        string="Zip code prefixes",
        help="Comma-separated, e.g. 971,972,973,974,976 for the overseas departments.",
    )
    category_ids = fields.Many2many("res.partner.category", string="Customer tags")
    level_ids = fields.One2many(
        "ar.dunning.level", "scenario_id", string="Levels", copy=True
    )

    _sql_constraints = [
        (
            "amount_range",
            "CHECK(amount_min >= 0 AND (amount_max = 0 OR amount_max > amount_min))",
            "The overdue balance range of a scenario is invalid.",
        ),
    ]

    @api.constrains("amount_min", "amount_max")
    def _check_amount_range(self):
        # named to run before ``_check_overlap``, whose search writes to the
        # database (constraints run in name order)
        self._ar_check_amount_range(
            [{"amount_min": s.amount_min, "amount_max": s.amount_max} for s in self]
        )

    @api.model_create_multi
    def create(self, vals_list):
        # before the INSERT, which the database's constraint would refuse
        self._ar_check_amount_range(vals_list)
        return super().create(vals_list)

    @api.model
    def _ar_check_amount_range(self, vals_list):
        """Refuse an overdue balance range that cannot hold a customer."""
        check_amounts(self, vals_list, ["amount_min", "amount_max"], allow_zero=True)
        for vals in vals_list:
            low, high = vals.get("amount_min") or 0, vals.get("amount_max") or 0
            if high and high <= low:
                raise ValidationError(
                    _(
                        "The overdue balance of a scenario goes from %(low)s up to "
                        "%(high)s: the upper bound must be above the lower one "
                        "(zero: no upper bound).",
                        low=formatLang(self.env, low),
                        high=formatLang(self.env, high),
                    )
                )

    def _zip_prefix_list(self):
        self.ensure_one()
        return [z.strip() for z in (self.zip_prefixes or "").split(",") if z.strip()]

    def _criteria(self):
        """Plain values of the applicability rules (for ``matches``)."""
        self.ensure_one()
        return {
            "amount_min": self.amount_min,
            "amount_max": self.amount_max,
            "country_ids": set(self.country_ids.ids),
            "state_ids": set(self.state_ids.ids),
            "zip_prefixes": self._zip_prefix_list(),
            "category_ids": set(self.category_ids.ids),
        }

    def _ar_chooser(self):
        """Among these scenarios (a company's, by priority), a function
        (customer, its overdue balance) -> the scenario that applies: the
        customer's forced one, else the first whose segment matches, else the
        default. Segments are read once for all the customers of a run."""
        segments = [(s, s._criteria()) for s in self if not s.is_default]
        default = self.filtered("is_default")[:1]

        def choose(partner, overdue):
            forced = partner.ar_dunning_scenario_id
            if forced and forced in self:
                return forced
            customer = {
                "overdue": overdue,
                "country_id": partner.country_id.id,
                "state_id": partner.state_id.id,
                "zip": partner.zip,
                "category_ids": partner.category_id.ids,
            }
            return next(
                (s for s, crit in segments if self.matches(crit, customer)), default
            )

        return choose

    @staticmethod
    def matches(criteria, customer):
        """Whether a customer (dict: overdue, country_id, state_id, zip,
        category_ids) falls in a scenario's segment."""
        if customer["overdue"] < criteria["amount_min"]:
            return False
        if criteria["amount_max"] and customer["overdue"] >= criteria["amount_max"]:
            return False
        if (
            criteria["country_ids"]
            and customer["country_id"] not in criteria["country_ids"]
        ):
            return False
        if criteria["state_ids"] and customer["state_id"] not in criteria["state_ids"]:
            return False
        if criteria["zip_prefixes"] and not any(
            (customer["zip"] or "").startswith(prefix)
            for prefix in criteria["zip_prefixes"]
        ):
            return False
        return not criteria["category_ids"] or bool(
            criteria["category_ids"] & set(customer["category_ids"])
        )

    @staticmethod
    def _overlap(first, second):
        """Whether two segments can hold the same customer."""
        low = max(first["amount_min"], second["amount_min"])
        highs = [c["amount_max"] for c in (first, second) if c["amount_max"]]
        if highs and low >= min(highs):
            return False
        for key in ("country_ids", "state_ids", "category_ids"):
            if first[key] and second[key] and not first[key] & second[key]:
                return False
        zips_a, zips_b = first["zip_prefixes"], second["zip_prefixes"]
        if not (zips_a and zips_b):
            return True
        return any(a.startswith(b) or b.startswith(a) for a in zips_a for b in zips_b)

    @api.constrains(
        "priority",
        "company_id",
        "is_default",
        "active",
        "amount_min",
        "amount_max",
        "country_ids",
        "state_ids",
        "zip_prefixes",
        "category_ids",
    )
    def _check_overlap(self):
        for scenario in self.filtered("active"):
            others = self.search(
                [
                    ("id", "!=", scenario.id),
                    ("company_id", "=", scenario.company_id.id),
                    ("priority", "=", scenario.priority),
                ]
            )
            for other in others:
                if self._overlap(scenario._criteria(), other._criteria()):
                    raise ValidationError(
                        _(
                            "Scenarios %(first)s and %(second)s have the same priority and "
                            "can apply to the same customers: give them different "
                            "priorities or disjoint segments.",
                            first=scenario.name,
                            second=other.name,
                        )
                    )
            if scenario.is_default and self.search_count(
                [
                    ("id", "!=", scenario.id),
                    ("company_id", "=", scenario.company_id.id),
                    ("is_default", "=", True),
                ]
            ):
                raise ValidationError(
                    _("A company has one default dunning scenario only.")
                )

    @api.constrains("level_ids")
    def _check_levels(self):
        for scenario in self:
            offsets = scenario.level_ids.mapped("offset_days")
            if len(offsets) != len(set(offsets)):
                raise ValidationError(
                    _("Two levels of scenario %s have the same offset.", scenario.name)
                )
