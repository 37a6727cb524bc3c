from odoo import _, api, fields, models
from odoo.exceptions import UserError

from . import cfonb_lcr


class ArCollectionBillRemittance(models.Model):
    """Accepted bills handed to one of the company's banks, for collection
    or for discount: the remittance entry and the CFONB LCR file."""

    _name = "ar.collection.bill.remittance"
    _description = "Remittance of Bills"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(
        string="Number", required=True, readonly=True, copy=False, default="/"
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    journal_id = fields.Many2one(
        "account.journal",
        string="Bank",
        required=True,
        check_company=True,
        domain="[('type', '=', 'bank')]",
        tracking=True,
    )
    mode = fields.Selection(
        [("collection", "For collection"), ("discount", "For discount")],
        required=True,
        default="collection",
        tracking=True,
        help="For collection: the bank credits the bills at maturity (5113). "
        "For discount: the bank advances them before maturity (5114).",
    )
    date = fields.Date(required=True, default=fields.Date.context_today)
    bill_ids = fields.One2many("ar.collection.bill", "remittance_id", string="Bills")
    candidate_ids = fields.Many2many(
        "ar.collection.bill",
        string="Bills to remit",
        check_company=True,
        domain="[('state', '=', 'accepted'), ('company_id', '=', company_id)]",
    )
    amount = fields.Monetary(compute="_compute_amount")
    state = fields.Selection(
        [("draft", "Draft"), ("done", "Remitted")],
        required=True,
        default="draft",
        readonly=True,
        tracking=True,
    )
    move_id = fields.Many2one(
        "account.move", string="Remittance entry", readonly=True, copy=False
    )
    file_id = fields.Many2one(
        "ir.attachment", string="CFONB file", readonly=True, copy=False
    )
    file_data = fields.Binary(related="file_id.datas", string="File")
    file_name = fields.Char(related="file_id.name")

    @api.depends("candidate_ids.amount", "bill_ids.amount", "state")
    def _compute_amount(self):
        for remittance in self:
            bills = remittance.bill_ids or remittance.candidate_ids
            remittance.amount = sum(bills.mapped("amount"))

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code(
                    "ar.collection.bill.remittance"
                )
        return super().create(vals_list)

    def action_remit(self):
        """Check every bill, write the file, book the entry: all or nothing."""
        self.ensure_one()
        bills = self.candidate_ids
        if self.state != "draft" or not bills:
            raise UserError(_("Choose the accepted bills to remit."))
        if bills.filtered(lambda b: b.state != "accepted"):
            raise UserError(_("Only accepted bills can be remitted."))
        content = self._ar_cfonb_file(bills)
        self.file_id = self.env["ir.attachment"].create(
            {
                "name": "LCR_%s.txt" % self.name.replace("/", "-"),
                "raw": content,
                "res_model": self._name,
                "res_id": self.id,
                "mimetype": "text/plain",
            }
        )
        bills.write({"remittance_id": self.id, "state": "remitted"})
        self.move_id = bills[:1]._ar_post(
            self.journal_id,
            self.date,
            [line for bill in bills for line in bill._ar_remittance_lines(self.mode)],
            _("Remittance %s", self.name),
        )
        receivable = self.company_id._ar_bill_account("receivable")
        for bill in bills:
            bill._ar_match(self.move_id, receivable)
        self.write({"state": "done", "candidate_ids": [fields.Command.clear()]})

    def _ar_cfonb_file(self, bills):
        """The CFONB LCR file of ``bills``, or one error listing every
        problem."""
        today = fields.Date.context_today(self)
        errors = []
        own_rib = cfonb_lcr.rib_from_iban(self.journal_id.bank_account_id.acc_number)
        if not own_rib:
            errors.append(
                _(
                    "The bank journal %s has no valid French IBAN.",
                    self.journal_id.name,
                )
            )
        company = self.company_id
        if not company.partner_id.ar_siren:
            errors.append(
                _("The company %s has no SIREN (fill in its SIRET).", company.name)
            )
        details = []
        for bill in bills.sorted(lambda b: (b.date_maturity, b.id)):
            bank = bill._ar_drawee_bank()
            rib = cfonb_lcr.rib_from_iban(bank.acc_number)
            if not rib:
                errors.append(
                    _("%s: the customer has no valid French IBAN.", bill.name)
                )
            if bill.date_maturity < today:
                errors.append(_("%s: its maturity is in the past.", bill.name))
            if bill.partner_id.is_company and not bill.partner_id.ar_siren:
                errors.append(_("%s: the customer's SIREN is missing.", bill.name))
            details.append(
                {
                    "reference": bill.name,
                    "name": bill.partner_id.name,
                    "bank": bank.bank_id.name or "",
                    "accepted": bill.kind == "lcr",
                    "rib": rib,
                    "cents": round(bill.amount * 100),
                    "maturity": bill.date_maturity,
                    "created": bill.date_accepted,
                    "siren": bill.partner_id.ar_siren or "",
                }
            )
        if errors:
            raise UserError(
                _("No file written:\n%s", "\n".join(f"- {e}" for e in errors))
            )
        header = {
            "date": self.date,
            "name": self.company_id.name,
            "bank": self.journal_id.bank_id.name or "",
            "entry_code": "1" if self.mode == "discount" else "3",
            "rib": own_rib,
            "reference": self.name,
            "siren": company.partner_id.ar_siren,
            "issuer": company.ar_lcr_issuer_number,
        }
        return cfonb_lcr.lcr_file(header, details)

    def action_download(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self.file_id.id}?download=true",
            "target": "self",
        }
