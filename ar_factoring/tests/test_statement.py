from odoo.tests import tagged
from odoo.tools import config

from odoo.addons.ar_collection.tests.test_dunning_letter import pdf_text

from .common import ArFactoringCommon


@tagged("post_install", "-at_install")
class TestStatementFactored(ArFactoringCommon):
    """On the customer statement, an assigned invoice is shown, marked, and
    payable to the factor; the company's own invoice is not marked."""

    def test_factored_invoice_marked_with_payee(self):
        self.env["res.lang"]._activate_lang("en_US")
        self.customer.lang = "en_US"
        self.env["ir.config_parameter"].sudo().set_param(
            "report.url", "http://127.0.0.1:%s" % config["http_port"]
        )
        self.contract.factor_bank_id = self.env["res.partner.bank"].create(
            {"acc_number": "FR7630001007941234567890185", "partner_id": self.factor.id}
        )
        factored = self._invoice(1000.0, invoice_date_due="2026-10-31")
        self._batch(factored)
        own = self._invoice(200.0, invoice_date_due="2026-11-15")
        statement = self.env[
            "report.ar_collection.report_customer_statement"
        ]._statement(self.customer, "2026-11-30", self.company)
        self.assertEqual(
            [(line["document"], line["factor"]) for line in statement["lines"]],
            [(factored.name, "Factor Bank SA"), (own.name, "")],
        )
        self.assertEqual(statement["total"], 1200.0)
        report = self.env.ref("ar_collection.ar_customer_statement_report")
        pdf, _type = report.with_context(force_report_rendering=True)._render_qweb_pdf(
            report,
            self.customer.ids,
            data={"date_at": "2026-11-30", "company_id": self.company.id},
        )
        text = " ".join(pdf_text(pdf).split())
        self.assertIn(f"{factored.name} (factored)", text)
        self.assertNotIn(f"{own.name} (factored)", text)
        self.assertIn(
            f"Invoices {factored.name} were assigned to Factor Bank SA: pay them to "
            "the factor only, account FR76 3000 1007 9412 3456 7890 185.",
            text,
        )
