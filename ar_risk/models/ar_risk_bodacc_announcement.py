import logging
import os

from odoo import _, api, fields, models

from ..tools.bodacc import iter_records
from .res_partner_sirene import _simplified

_logger = logging.getLogger(__name__)

EVENTS = [
    ("sauvegarde", "Opening of a safeguard"),
    ("redressement", "Opening of a receivership"),
    ("liquidation", "Opening of a liquidation"),
    ("conversion", "Conversion into liquidation"),
    ("plan", "Plan adopted"),
    ("closure", "Closure"),
    ("sale", "Sale of the business"),
]


class ArRiskBodaccAnnouncement(models.Model):
    """A BODACC announcement the suite acted on, or kept for review when it
    matched no customer by SIREN. Its id makes a re-import change nothing."""

    _name = "ar.risk.bodacc.announcement"
    _description = "BODACC Announcement"
    _order = "published desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Announcement", required=True, readonly=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    siren = fields.Char(string="SIREN", readonly=True)
    denomination = fields.Char(string="Name in the BODACC", readonly=True)
    court = fields.Char(readonly=True)
    published = fields.Date(string="Published on", required=True, readonly=True)
    judgment_date = fields.Date(readonly=True)
    nature = fields.Char(string="Judgment", readonly=True)
    event = fields.Selection(EVENTS, required=True, readonly=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        index=True,
        check_company=True,
        domain="[('parent_id', '=', False)]",
    )
    proceeding_id = fields.Many2one(
        "ar.risk.proceeding", readonly=True, check_company=True
    )
    state = fields.Selection(
        [("review", "To review"), ("done", "Applied")],
        required=True,
        default="review",
        readonly=True,
    )

    _sql_constraints = [
        (
            "name_company_unique",
            "UNIQUE(name, company_id)",
            "This BODACC announcement is already imported.",
        ),
    ]

    def action_apply(self):
        """Apply announcements kept for review once a customer is chosen."""
        for announcement in self.filtered(
            lambda a: a.state == "review" and a.partner_id
        ):
            announcement._apply()

    def _apply(self):
        self.ensure_one()
        proceeding = self.env["ar.risk.proceeding"]._ar_apply_bodacc(self)
        if proceeding:
            self.write({"proceeding_id": proceeding.id, "state": "done"})
        return proceeding

    @api.model
    def _ar_import(self, files, company):
        """Import BODACC exports (``(bytes, filename)`` pairs, JSON or CSV)
        for the company's customers, oldest publication first whatever the
        file. Returns the report's lines."""
        by_siren = self.env["res.partner"]._ar_customers_by_siren(company)
        names = {_simplified(p.name) for ps in by_siren.values() for p in ps}
        known = set(self.search([("company_id", "=", company.id)]).mapped("name"))
        records, errors = [], []
        for content, filename in files:
            for position, record, error in iter_records(content, filename):
                if error:
                    errors.append(
                        _(
                            "%(file)s, record %(position)s skipped: %(error)s",
                            file=filename,
                            position=position,
                            error=error,
                        )
                    )
                elif record["event"] and record["ref"] not in known:
                    records.append(record)
        applied = review = 0
        for record in sorted(records, key=lambda r: (r["published"], r["ref"])):
            partner = next(
                (by_siren[s][:1] for s in record["sirens"] if s in by_siren), None
            )
            if (
                not partner
                and record["sirens"]
                and (_simplified(record["name"]) not in names)
            ):
                continue  # another company's announcement
            known.add(record["ref"])
            announcement = self.create(
                {
                    "name": record["ref"],
                    "company_id": company.id,
                    "siren": record["sirens"][0] if record["sirens"] else False,
                    "denomination": record["name"],
                    "court": record["court"],
                    "published": record["published"],
                    "judgment_date": record["judgment_date"],
                    "nature": record["nature"],
                    "event": record["event"],
                    "partner_id": partner.id if partner else False,
                }
            )
            if partner and announcement._apply():
                applied += 1
            else:
                review += 1
        return [
            _(
                "%(applied)s announcement(s) applied, %(review)s kept for review, "
                "%(errors)s skipped.",
                applied=applied,
                review=review,
                errors=len(errors),
            ),
            *errors,
        ]

    @api.model
    def _cron_import_folder(self):
        """Import every JSON or CSV file of the folder named by the system
        parameter ``ar_risk.bodacc_folder``, for each company; importing a
        file again changes nothing."""
        folder = (
            self.env["ir.config_parameter"].sudo().get_param("ar_risk.bodacc_folder")
        )
        if not folder or not os.path.isdir(folder):
            return
        files = []
        for filename in sorted(os.listdir(folder)):
            if filename.lower().endswith((".json", ".csv")):
                with open(os.path.join(folder, filename), "rb") as handle:
                    files.append((handle.read(), filename))
        for company in self.env["res.company"].search([]):
            lines = self.with_company(company)._ar_import(files, company)
            _logger.info("BODACC import for %s: %s", company.name, lines[0])
            for line in lines[1:]:
                _logger.info("BODACC import: %s", line)
