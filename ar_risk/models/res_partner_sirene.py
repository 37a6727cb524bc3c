import json
import re
import unicodedata
import urllib.error
import urllib.request

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..tools.sirene import iter_units

# the common legal categories of INSEE's nomenclature (level III), with their
# official French labels, and the suite's legal form
LEGAL_CATEGORIES = {
    "1000": ("Entrepreneur individuel", "ei"),
    "5202": ("Société en nom collectif", "snc"),
    "5498": ("SARL unipersonnelle (EURL)", "eurl"),
    "5499": ("Société à responsabilité limitée (SARL)", "sarl"),
    "5599": ("SA à conseil d'administration", "sa"),
    "5699": ("SA à directoire", "sa"),
    "5710": ("Société par actions simplifiée (SAS)", "sas"),
    "5720": ("SAS à associé unique (SASU)", "sasu"),
    "6540": ("Société civile immobilière (SCI)", "sci"),
    "9220": ("Association déclarée", "association"),
}
HEADCOUNT_BANDS = [
    ("NN", "No employee (unknown)"),
    ("00", "0 employees"),
    ("01", "1 or 2"),
    ("02", "3 to 5"),
    ("03", "6 to 9"),
    ("11", "10 to 19"),
    ("12", "20 to 49"),
    ("21", "50 to 99"),
    ("22", "100 to 199"),
    ("31", "200 to 249"),
    ("32", "250 to 499"),
    ("41", "500 to 999"),
    ("42", "1,000 to 1,999"),
    ("51", "2,000 to 4,999"),
    ("52", "5,000 to 9,999"),
    ("53", "10,000 or more"),
]
COMPANY_CATEGORIES = [("PME", "SME (PME)"), ("ETI", "Mid-cap (ETI)"), ("GE", "Large")]


def _simplified(name):
    """Upper case, without accents nor punctuation: "Rhône" is "RHONE"."""
    ascii_name = (
        unicodedata.normalize("NFKD", name or "").encode("ascii", "ignore").decode()
    )
    return re.sub(r"[^0-9A-Z]+", " ", ascii_name.upper()).strip()


class ResPartner(models.Model):
    """What the public SIRENE register says of the customer."""

    _inherit = "res.partner"

    ar_sirene_name = fields.Char(
        string="Name in SIRENE", readonly=True, groups="ar_risk.ar_risk_group_user"
    )
    ar_sirene_name_mismatch = fields.Boolean(
        string="Name differs from SIRENE",
        compute="_compute_ar_sirene_name_mismatch",
        groups="ar_risk.ar_risk_group_user",
    )
    ar_legal_category_code = fields.Char(
        string="Legal category (INSEE)", groups="ar_risk.ar_risk_group_user"
    )
    ar_legal_category = fields.Char(
        string="Legal category",
        compute="_compute_ar_legal_category",
        groups="ar_risk.ar_risk_group_user",
    )
    ar_company_category = fields.Selection(
        COMPANY_CATEGORIES,
        string="Company category",
        groups="ar_risk.ar_risk_group_user",
    )
    ar_headcount_band = fields.Selection(
        HEADCOUNT_BANDS, string="Headcount", groups="ar_risk.ar_risk_group_user"
    )
    ar_activity_code = fields.Char(
        string="Activity (NAF)", groups="ar_risk.ar_risk_group_user"
    )
    ar_sirene_state = fields.Selection(
        [("active", "Active"), ("ceased", "Ceased")],
        string="SIRENE status",
        readonly=True,
        tracking=True,
        groups="ar_risk.ar_risk_group_user",
    )
    ar_sirene_date = fields.Date(
        string="Checked in SIRENE on",
        readonly=True,
        groups="ar_risk.ar_risk_group_user",
    )

    @api.depends("name", "ar_sirene_name")
    def _compute_ar_sirene_name_mismatch(self):
        for partner in self:
            ours, theirs = (
                _simplified(partner.name),
                _simplified(partner.ar_sirene_name),
            )
            partner.ar_sirene_name_mismatch = bool(
                theirs and theirs not in ours and ours not in theirs
            )

    @api.depends("ar_legal_category_code")
    def _compute_ar_legal_category(self):
        for partner in self:
            code = partner.ar_legal_category_code
            label = LEGAL_CATEGORIES.get(code, (False,))[0]
            partner.ar_legal_category = "%s — %s" % (code, label) if label else code

    @api.model
    def _ar_sirene_values(self, unit):
        """Partner values from a SIRENE legal unit (a dict of the stock file's
        columns); raises ``ValueError`` on a value that cannot be read."""
        created = unit.get("dateCreationUniteLegale") or False
        if created:
            created = fields.Date.to_date(created)
        state = unit.get("etatAdministratifUniteLegale")
        if state not in ("A", "C"):
            raise ValueError("administrative state %r" % state)
        band = unit.get("trancheEffectifsUniteLegale") or False
        if band and band not in dict(HEADCOUNT_BANDS):
            raise ValueError("headcount band %r" % band)
        category = unit.get("categorieEntreprise") or False
        if category and category not in dict(COMPANY_CATEGORIES):
            raise ValueError("company category %r" % category)
        name = unit.get("denominationUniteLegale") or " ".join(
            filter(None, [unit.get("prenom1UniteLegale"), unit.get("nomUniteLegale")])
        )
        return {
            "ar_sirene_name": name or False,
            "ar_creation_date": created,
            "ar_legal_category_code": unit.get("categorieJuridiqueUniteLegale")
            or False,
            "ar_company_category": category,
            "ar_headcount_band": band,
            "ar_activity_code": unit.get("activitePrincipaleUniteLegale") or False,
            "ar_sirene_state": "active" if state == "A" else "ceased",
        }

    def _ar_apply_sirene(self, values, company, today):
        """Write SIRENE's values (an empty one erases nothing); the legal form
        is filled when empty, the name is never overwritten (a difference is
        shown and reported); a ceased company goes on the watch list. Returns
        the name mismatch as text, if any."""
        self.ensure_one()
        values = {key: value for key, value in values.items() if value}
        values["ar_sirene_date"] = today
        code = values.get("ar_legal_category_code")
        form = LEGAL_CATEGORIES.get(code, (0, False))[1]
        if form and not self.ar_legal_form:
            values["ar_legal_form"] = form
        self.write(values)
        if values["ar_sirene_state"] == "ceased":
            self.env["ar.risk.watch"].sudo()._ensure(
                self,
                company,
                "ceased",
                note=_("Ceased according to SIRENE (checked on %s).", today),
            )
        if self.ar_sirene_name_mismatch:
            return _(
                "%(partner)s: named %(sirene)s in SIRENE",
                partner=self.display_name,
                sirene=self.ar_sirene_name,
            )
        return None

    def action_ar_sirene_lookup(self):
        """Check this customer against the configured SIRENE endpoint
        (system parameter ``ar_risk.sirene_url``, ``{siren}`` in it)."""
        self.ensure_one()
        url = self.env["ir.config_parameter"].sudo().get_param("ar_risk.sirene_url")
        if not url:
            raise UserError(
                _(
                    "The online SIRENE lookup is disabled: set the system "
                    "parameter ar_risk.sirene_url (e.g. an INSEE API address "
                    "with {siren})."
                )
            )
        if not self.ar_siren:
            raise UserError(_("%s has no SIREN to look up.", self.display_name))
        try:
            with urllib.request.urlopen(
                url.format(siren=self.ar_siren), timeout=10
            ) as response:
                unit = self._ar_sirene_unit_from_api(json.load(response))
            values = self._ar_sirene_values(unit)
        except (urllib.error.URLError, OSError, ValueError, KeyError) as error:
            raise UserError(
                _(
                    "The SIRENE service could not be reached or answered "
                    "something unreadable (%(url)s): %(error)s",
                    url=url,
                    error=error,
                )
            ) from error
        today = fields.Date.context_today(self)
        mismatch = self._ar_apply_sirene(values, self.env.company, today)
        if mismatch:
            self.message_post(body=mismatch)

    @api.model
    def _ar_sirene_unit_from_api(self, payload):
        """The stock file's columns from an INSEE API answer
        (``uniteLegale`` with its current period first)."""
        unit = payload["uniteLegale"]
        period = (unit.get("periodesUniteLegale") or [{}])[0]
        return {**unit, **period}

    @api.model
    def _ar_customers_by_siren(self, company):
        """The company's customers (commercial entities) that public data can
        name, by SIREN."""
        return self.search(
            [
                ("ar_siren", "!=", False),
                ("parent_id", "=", False),
                ("company_id", "in", (company.id, False)),
            ]
        ).grouped("ar_siren")

    @api.model
    def _ar_import_sirene(self, binary, company):
        """Check the company's customers against a SIRENE stock file (a
        seekable binary stream, CSV or zip) read once, row by row: memory
        holds the customers' SIRENs, not the file. Returns the report's
        lines; a bad row is reported and skipped."""
        by_siren = self._ar_customers_by_siren(company)
        today = company._ar_today()
        matched, ceased, mismatches, errors = 0, 0, [], []
        for line, siren, unit in iter_units(binary, set(by_siren)):
            if siren is None:
                errors.append(
                    _("Line %(line)s skipped: %(error)s", line=line, error=unit)
                )
                continue
            try:
                values = self._ar_sirene_values(unit)
            except ValueError as error:
                errors.append(
                    _(
                        "Line %(line)s skipped: %(siren)s, %(error)s",
                        line=line,
                        siren=siren,
                        error=error,
                    )
                )
                continue
            matched += 1
            ceased += values["ar_sirene_state"] == "ceased"
            for partner in by_siren[siren]:
                mismatch = partner._ar_apply_sirene(values, company, today)
                if mismatch:
                    mismatches.append(mismatch)
        return [
            _(
                "%(matched)s of %(customers)s customers found in SIRENE, "
                "%(ceased)s ceased.",
                matched=matched,
                customers=len(by_siren),
                ceased=ceased,
            ),
            *mismatches,
            *errors,
        ]
