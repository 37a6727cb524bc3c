import base64

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools import html2plaintext, mute_logger

from odoo.addons.ar_factoring.models.ar_factor_batch import (
    batch_amounts,
    financing_days,
)

from .common import ArFactoringCommon


@tagged("post_install", "-at_install")
class TestFactoring(ArFactoringCommon):
    def test_batch_amounts_pure(self):
        self.assertEqual(
            batch_amounts(
                2000.0,
                {
                    "reserve_rate": 10,
                    "commission_rate": 0.5,
                    "fee_tax_rate": 20,
                    "financing_rate": 3.6,
                },
                30,
            ),
            # financing: (2,000 - 200) x 3.6 % x 30 / 360
            {
                "reserve": 200.0,
                "fees": 10.0,
                "fee_tax": 2.0,
                "financing": 5.4,
                "advance": 1782.6,
            },
        )
        self.assertEqual(
            financing_days(
                [
                    (300.0, fields.Date.to_date("2026-11-04")),
                    (100.0, fields.Date.to_date("2026-09-30")),
                ],
                fields.Date.to_date("2026-10-05"),
            ),
            23,  # (300 x 30 + 100 x 0) / 400 = 22.5
        )

    def test_full_cycle_entries(self):
        first, second = self._invoice(1200.0), self._invoice(800.0)
        refund = self._invoice(100.0, move_type="out_refund")
        self.assertRecordValues(
            first,
            [
                {
                    "ar_factor_state": "to_assign",
                    "ar_factor_contract_id": self.contract.id,
                }
            ],
        )
        batch = self._batch(first | second | refund)
        entry = batch.move_id
        self.assertEqual(entry.state, "posted")
        self.assertAlmostEqual(sum(entry.line_ids.mapped("balance")), 0.0)
        self.assertEqual(
            self._journal_items(entry),
            sorted(
                [
                    ("467900", 0.0, 1200.0),
                    ("467900", 0.0, 800.0),
                    ("467900", 100.0, 0.0),
                    ("467810", 1900.0, 0.0),
                    ("467820", 190.0, 0.0),
                    ("467810", 0.0, 190.0),
                    ("622810", 9.5, 0.0),
                    ("467810", 0.0, 9.5),
                    ("445669", 1.9, 0.0),
                    ("467810", 0.0, 1.9),
                ]
            ),
        )
        self.assertAlmostEqual(batch.amount_advance, 1900.0 - 190.0 - 9.5 - 1.9)
        # the customer still owes it: open on 411 for the follow-up
        self.assertRecordValues(
            first,
            [
                {
                    "payment_state": "not_paid",
                    "amount_residual": 1200.0,
                    "ar_factor_state": "assigned",
                }
            ],
        )
        batch.action_mark_financed()
        self.assertEqual(second.ar_factor_state, "financed")
        # the factor dunns: our dunning leaves the invoice alone
        skipped = self.env["account.move"].search(
            self.env["account.move"]._ar_dunning_skip_domains()[-1]
        )
        self.assertIn(second, skipped)
        # collection from the statement
        csv = (
            "type;reference;amount;date\n"
            f"ENC;{first.name};1200,00;2026-10-02\n"
            "COM;FRAIS-10;15,50;2026-10-02\n"
            "ENC;FAC/INCONNUE;99,00;2026-10-02\n"
        )
        result = (
            self.env["ar.factor.statement.import"]
            .create(
                {
                    "contract_id": self.contract.id,
                    "data_file": base64.b64encode(csv.encode()),
                    "filename": "releve.csv",
                }
            )
            .action_import()
        )
        statement = self.env["ar.factor.statement"].browse(result["res_id"])
        self.assertRecordValues(
            first, [{"ar_factor_state": "collected", "payment_state": "paid"}]
        )
        self.assertEqual(statement.unmatched_count, 1)
        self.assertEqual(
            statement.line_ids.filtered(lambda l: l.state == "unmatched").reference,
            "FAC/INCONNUE",
        )
        self.assertEqual(
            self._journal_items(statement.move_id),
            [("467810", 0.0, 15.5), ("622810", 15.5, 0.0)],
        )
        exported = batch.action_export()
        self.assertEqual(len(exported), 2)
        self.assertIn(first.name, base64.b64decode(exported[0].datas).decode())

    def test_definancing_overdue_creates_agenda_action(self):
        invoice = self._invoice(1000.0, invoice_date_due="2026-10-01")
        self._batch(invoice).action_mark_financed()
        with freeze_time("2026-11-30"):  # 60 days after the due date: not yet
            self.env["ar.factor.contract"]._cron_definance()
        self.assertEqual(invoice.ar_factor_state, "financed")
        with freeze_time("2026-12-01"):
            self.env["ar.factor.contract"]._cron_definance()
        self.assertRecordValues(
            invoice,
            [
                {
                    "ar_factor_state": "definanced",
                    "payment_state": "not_paid",
                    "amount_residual": 1000.0,
                }
            ],
        )
        entry = invoice.ar_factor_definance_move_id
        self.assertEqual(
            self._journal_items(entry),
            sorted([("467900", 1000.0, 0.0), ("467810", 0.0, 1000.0)]),
        )
        action = self.env["ar.collection.action"].search(
            [("move_ids", "in", invoice.ids)]
        )
        self.assertRecordValues(
            action,
            [
                {
                    "origin": "factoring",
                    "priority": "1",
                    "date_planned": fields.Date.to_date("2026-12-01"),
                }
            ],
        )
        # back in our hands: the dunning sees it again
        skipped = self.env["account.move"].search(
            self.env["account.move"]._ar_dunning_skip_domains()[-1]
        )
        self.assertNotIn(invoice, skipped)

    def test_definancing_on_dispute(self):
        invoice = self._invoice(1000.0, invoice_date_due="2026-11-20")
        self._batch(invoice)
        self.env["ar.collection.dispute"].create(
            {
                "name": "Marchandise abîmée",
                "partner_id": self.customer.id,
                "move_ids": invoice.ids,
                "reason_code": "work_dispute",
            }
        )
        with freeze_time("2026-11-23"):
            self.env["ar.factor.contract"]._cron_definance()
        self.assertEqual(invoice.ar_factor_state, "definanced")
        self.assertTrue(
            self.env["ar.collection.action"].search(
                [("move_ids", "in", invoice.ids), ("origin", "=", "factoring")]
            )
        )

    def test_definancing_on_proceedings(self):
        """The customer's credit file (ar_risk) says it is under collective
        proceedings: the factor hands the invoice back."""
        invoice = self._invoice(1000.0, invoice_date_due="2026-11-20")
        self._batch(invoice)
        self.env["ar.risk.proceeding"].create(
            {
                "partner_id": self.customer.id,
                "proceeding_type": "redressement",
                "judgment_date": "2026-11-02",
                "publication_date": "2026-11-10",
            }
        )
        with freeze_time("2026-11-23"):
            self.env["ar.factor.contract"].with_context(lang="en_US")._cron_definance()
        self.assertRecordValues(
            invoice, [{"ar_factor_state": "definanced", "amount_residual": 1000.0}]
        )
        self.assertEqual(
            invoice.ar_factor_definance_move_id.ref,
            f"Definancing of {invoice.name}: customer under collective proceedings",
        )

    def test_approved_buyer_excess(self):
        """The approved amount (1,500) caps the customer's whole outstanding
        with the factor: 1,000 then 800 leave 300 not guaranteed, although
        each invoice alone is under the limit."""
        first, second = self._invoice(1000.0), self._invoice(800.0)
        batch = self._batch(first | second, confirm=False)
        self.assertRecordValues(
            batch.line_ids,
            [
                {"amount": 1000.0, "amount_not_guaranteed": 0.0},
                {"amount": 800.0, "amount_not_guaranteed": 300.0},
            ],
        )
        batch.action_confirm()
        self.assertRecordValues(
            self.contract.approval_ids,
            [{"amount_outstanding": 1800.0, "amount_excess": 300.0}],
        )
        self.assertRecordValues(
            self.contract,
            [{"amount_assigned": 1800.0, "amount_excess": 300.0}],
        )
        # a later batch starts from what the factor already holds
        third = self._invoice(200.0)
        later = self._batch(third, confirm=False)
        self.assertRecordValues(later.line_ids, [{"amount_not_guaranteed": 200.0}])
        # the customer pays the factor 1,000: the excess goes down
        self._collect(first, 1000.0, "2026-10-20")
        self.env.invalidate_all()  # computed on display, as a new request does
        self.assertRecordValues(
            self.contract.approval_ids,
            [{"amount_outstanding": 800.0, "amount_excess": 0.0}],
        )

    def test_batch_cancel_and_uniqueness(self):
        invoice = self._invoice(1000.0)
        batch = self._batch(invoice)
        with (
            self.assertRaises(IntegrityError),
            mute_logger("odoo.sql_db"),
            self.env.cr.savepoint(),
        ):
            self._batch(invoice, confirm=False).flush_recordset()
        batch.action_cancel()
        self.assertEqual(batch.state, "cancelled")
        self.assertRecordValues(
            invoice, [{"ar_factor_state": "to_assign", "payment_state": "not_paid"}]
        )
        # a cancelled batch frees the invoice for another one
        self._batch(invoice)
        self.assertEqual(invoice.ar_factor_state, "assigned")
        invoice._ar_factor_definance("test")
        with self.assertRaisesRegex(UserError, "cannot be cancelled"):
            invoice.ar_factor_batch_id.with_context(lang="en_US").action_cancel()

    def test_bad_input(self):
        with self.assertRaises(ValidationError):
            self.contract.reserve_rate = 120.0
        empty = self.env["ar.factor.contract"].create(
            {"name": "Sans comptes", "factor_id": self.factor.id}
        )
        with self.assertRaisesRegex(UserError, "cannot book"):
            empty.with_context(lang="en_US").action_activate()
        refund = self._invoice(500.0, move_type="out_refund")
        batch = self._batch(refund, confirm=False)
        with self.assertRaisesRegex(UserError, "exceed"):
            batch.with_context(lang="en_US").action_confirm()
        wrong = self.env["ar.factor.statement.import"].create(
            {
                "contract_id": self.contract.id,
                "data_file": base64.b64encode(b"kind;ref\nENC;X\n"),
            }
        )
        with self.assertRaisesRegex(UserError, "lacks the columns"):
            wrong.with_context(lang="en_US").action_import()
        latin1 = self.env["ar.factor.statement.import"].create(
            {
                "contract_id": self.contract.id,
                "data_file": base64.b64encode(
                    "type;reference;amount;date\nENC;Détail;1;2026-01-01\n".encode(
                        "latin-1"
                    )
                ),
            }
        )
        with self.assertRaisesRegex(UserError, "UTF-8"):
            latin1.with_context(lang="en_US").action_import()

    def test_billing_user_posts_factored_invoice(self):
        biller = new_test_user(
            self.env,
            login="ar_biller",
            groups="account.group_account_invoice",
            company_id=self.company.id,
        )
        invoice = self._invoice(50.0, post=False).with_user(biller)
        invoice.action_post()
        self.assertEqual(invoice.ar_factor_state, "to_assign")
        self.assertEqual(invoice.sudo().ar_factor_contract_id, self.contract)

    def test_access(self):
        clerk = new_test_user(
            self.env,
            login="ar_fact_user",
            groups="ar_factoring.ar_factoring_group_user",
        )
        self.assertEqual(self.contract.with_user(clerk).name, "Contrat 2026")
        with self.assertRaises(AccessError):
            self.contract.with_user(clerk).write({"reserve_rate": 50.0})
        other = self.setup_other_company(name="Filiale")["company"]
        theirs = self.env["ar.factor.contract"].create(
            {
                "name": "Contrat filiale",
                "factor_id": self.factor.id,
                "company_id": other.id,
            }
        )
        manager = new_test_user(
            self.env,
            login="ar_fact_mgr",
            groups="ar_factoring.ar_factoring_group_manager",
            company_id=other.id,
            company_ids=[Command.set(other.ids)],
        )
        as_manager = self.env(user=manager, context={"allowed_company_ids": other.ids})
        self.assertEqual(as_manager["ar.factor.contract"].search([]), theirs)
        ours = self.contract.with_env(as_manager)
        with self.assertRaises(AccessError):
            ours.read(["name"])
        with self.assertRaises(AccessError):
            ours.write({"reserve_rate": 50.0})
        # the group may write: what denied it above is the company
        theirs.with_env(as_manager).write({"reserve_rate": 50.0})
        self.assertRecordValues(
            self.contract | theirs, [{"reserve_rate": 10.0}, {"reserve_rate": 50.0}]
        )

    def test_subrogation_on_invoice(self):
        """The invoice document (the QWeb the PDF is printed from) names the
        factor as payee. Odoo's standard invoice uses a web font that this
        wkhtmltopdf build turns into outlines, so its PDF has no text layer
        to read back: the HTML rendering is checked instead."""
        self.env["res.lang"]._activate_lang("en_US")
        self.customer.lang = "en_US"
        self.contract.factor_bank_id = self.env["res.partner.bank"].create(
            {"acc_number": "FR7630001007941234567890185", "partner_id": self.factor.id}
        )
        invoice = self._invoice(1000.0)
        plain_customer = self.env["res.partner"].create(
            {"name": "Direct SARL", "lang": "en_US"}
        )
        plain = self._invoice(10.0, partner=plain_customer)
        report = self.env.ref("account.account_invoices")
        html = report._render_qweb_html(report, invoice.ids)[0].decode()
        text = " ".join(html2plaintext(html).split())
        self.assertIn("Payment to the factor", text)
        self.assertIn("Factor Bank SA", text)
        self.assertIn("FR76 3000 1007 9412 3456 7890 185", text)
        self.assertIn("subrogation", text)
        self.assertNotIn("Payment Communication", text)
        plain_html = report._render_qweb_html(report, plain.ids)[0].decode()
        self.assertIn("Payment Communication", plain_html)
        self.assertNotIn("Payment to the factor", plain_html)

    def test_aged_balance_factored_filter(self):
        factored = self._invoice(1000.0)
        self.contract.approval_ids.unlink()
        plain = self._invoice(300.0)
        self.assertFalse(plain.ar_factor_state)
        wizard = self.env["ar.aged.balance"].create(
            {
                "date_at": "2026-11-23",
                "company_id": self.company.id,
                "factored": "factored",
            }
        )
        engine = self.env["report.ar_collection.report_aged_balance"]
        _buckets, rows = engine._summary(
            self.company, wizard.date_at, wizard._get_where_sql()
        )
        self.assertAlmostEqual(rows[0]["total"], factored.amount_total)
        wizard.factored = "not_factored"
        _buckets, rows = engine._summary(
            self.company, wizard.date_at, wizard._get_where_sql()
        )
        self.assertAlmostEqual(rows[0]["total"], 300.0)
