from dateutil.relativedelta import relativedelta
from stdnum.fr import siren as stdnum_siren
from stdnum.fr import siret as stdnum_siret

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from .input_checks import shown

LEGAL_FORMS = [
    ("sas", "SAS"),
    ("sasu", "SASU"),
    ("sarl", "SARL"),
    ("eurl", "EURL"),
    ("sa", "SA"),
    ("snc", "SNC"),
    ("sci", "SCI"),
    ("scop", "SCOP"),
    ("ei", "Sole trader (EI)"),
    ("association", "Association"),
    ("public", "Public body"),
    ("other", "Other"),
]


class ResPartner(models.Model):
    """The customer's identity: SIREN/SIRET, RCS, legal form, age. The SIRET is
    the French localisation's ``siret``, the VAT number Odoo's ``vat``."""

    _inherit = "res.partner"

    ar_siren = fields.Char(
        string="SIREN",
        compute="_compute_ar_siren",
        store=True,
        readonly=False,
        index=True,
        tracking=True,
        help="9-digit French company number; filled from the SIRET.",
    )
    # l10n_fr declares it with size=14, which silently cuts a longer number
    # before any check can see it: the length check below answers instead
    siret = fields.Char(size=None, tracking=True)
    ar_rcs_city = fields.Char(string="RCS city", help="Registre du commerce, e.g. Lyon")
    ar_legal_form = fields.Selection(LEGAL_FORMS, string="Legal form")
    ar_creation_date = fields.Date(string="Company created on")
    ar_company_age = fields.Integer(
        string="Age (years)", compute="_compute_ar_company_age"
    )
    ar_siren_duplicate_ids = fields.Many2many(
        "res.partner",
        string="Same SIREN",
        compute="_compute_ar_siren_duplicate_ids",
    )

    @api.depends("siret")
    def _compute_ar_siren(self):
        for partner in self:
            registry = (partner.siret or "").replace(" ", "")
            from_siret = registry[:9] if stdnum_siret.is_valid(registry) else False
            partner.ar_siren = partner.ar_siren or from_siret

    @api.depends("ar_creation_date")
    def _compute_ar_company_age(self):
        today = fields.Date.context_today(self)
        for partner in self:
            partner.ar_company_age = (
                relativedelta(today, partner.ar_creation_date).years
                if partner.ar_creation_date
                else 0
            )

    @api.depends("ar_siren", "company_id")
    def _compute_ar_siren_duplicate_ids(self):
        sirens = [siren for siren in set(self.mapped("ar_siren")) if siren]
        groups = {}
        if sirens:
            for partner in self.search(
                [("ar_siren", "in", sirens), ("parent_id", "=", False)]
            ):
                groups.setdefault(partner.ar_siren, self.browse())
                groups[partner.ar_siren] |= partner
        for partner in self:
            same = groups.get(partner.ar_siren, self.browse()) - partner._origin
            partner.ar_siren_duplicate_ids = same.filtered(
                lambda p, c=partner.company_id: (
                    not c or not p.company_id or p.company_id == c
                )
            )

    @api.constrains("ar_siren", "siret", "country_id")
    def _check_ar_siren_siret(self):
        for partner in self:
            siren = (partner.ar_siren or "").replace(" ", "")
            if siren and not siren.isdigit():
                raise ValidationError(
                    _(
                        "A SIREN has 9 digits and nothing else: %(siren)s "
                        "(%(partner)s).",
                        siren=shown(partner.ar_siren),
                        partner=partner.display_name,
                    )
                )
            if siren and len(siren) != 9:
                raise ValidationError(
                    _(
                        "A SIREN has 9 digits: %(siren)s has %(count)s characters "
                        "(%(partner)s).",
                        siren=shown(partner.ar_siren),
                        count=len(siren),
                        partner=partner.display_name,
                    )
                )
            if siren and not stdnum_siren.is_valid(siren):
                raise ValidationError(
                    _(
                        "%(siren)s is not a valid SIREN (%(partner)s).",
                        siren=partner.ar_siren,
                        partner=partner.display_name,
                    )
                )
            registry = (partner.siret or "").replace(" ", "")
            french = partner.country_id.code == "FR" or not partner.country_id
            in_france = partner.country_id.code == "FR"
            if registry and in_france and not registry.isdigit():
                raise ValidationError(
                    _(
                        "A SIRET has 14 digits and nothing else: %(siret)s "
                        "(%(partner)s).",
                        siret=shown(registry),
                        partner=partner.display_name,
                    )
                )
            if registry and in_france and len(registry) != 14:
                raise ValidationError(
                    _(
                        "A SIRET has 14 digits: %(siret)s has %(count)s (%(partner)s).",
                        siret=shown(registry),
                        count=len(registry),
                        partner=partner.display_name,
                    )
                )
            if registry and french and len(registry) == 14 and registry.isdigit():
                if not stdnum_siret.is_valid(registry):
                    raise ValidationError(
                        _(
                            "%(siret)s is not a valid SIRET (%(partner)s).",
                            siret=registry,
                            partner=partner.display_name,
                        )
                    )
                if partner.ar_siren and registry[:9] != partner.ar_siren:
                    raise ValidationError(
                        _(
                            "The SIRET %(siret)s does not belong to the SIREN %(siren)s.",
                            siret=registry,
                            siren=partner.ar_siren,
                        )
                    )

    @api.model
    def _ar_migrate_siret_from_registry(self):
        """Move the SIRETs the suite kept in ``company_registry`` (18.0.1.0.x)
        to the localisation's ``siret``, where it is empty; anything else in
        ``company_registry`` (an RCS) stays. Returns the partners moved."""
        # SQL: a migration runs before the ORM may trust the new constraints;
        # every row is read and written, nothing deleted
        rows = self.env.execute_query(
            SQL(
                """SELECT p.id, p.company_registry, p.siret FROM res_partner p
                LEFT JOIN res_country c ON c.id = p.country_id
                WHERE p.company_registry IS NOT NULL
                AND (c.code = 'FR' OR p.country_id IS NULL)"""
            )
        )
        moved, cleared = [], []
        for partner_id, registry, siret in rows:
            number = registry.replace(" ", "")
            if not stdnum_siret.is_valid(number):
                continue
            if not siret:
                moved.append((partner_id, number))
            elif siret.replace(" ", "") == number:
                cleared.append(partner_id)
        for partner_id, number in moved:
            self.env.cr.execute(
                SQL(
                    "UPDATE res_partner SET siret = %s, company_registry = NULL "
                    "WHERE id = %s",
                    number,
                    partner_id,
                )
            )
        if cleared:
            self.env.cr.execute(
                SQL(
                    "UPDATE res_partner SET company_registry = NULL WHERE id = ANY(%s)",
                    cleared,
                )
            )
        self.invalidate_model(["siret", "company_registry"])
        return self.browse([partner_id for partner_id, _number in moved])
