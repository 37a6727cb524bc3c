import random
from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import Command, api, models

from odoo.addons.ar_risk.demo.ar_risk_demo import CUSTOMERS

# behaviour: the days its invoices are paid after their due date (from, to)
BEHAVIOURS = {
    "early": (-8, -1),
    "ontime": (-1, 3),
    "late": (12, 45),
    "partial": (20, 40),
    "bad": (55, 95),
}
ITEMS = [
    "Prestation de maintenance",
    "Fourniture de matériel",
    "Installation sur site",
    "Contrat de service mensuel",
    "Livraison de marchandises",
    "Étude et conseil",
]
CALL_NOTES = {
    "reached": ("Comptabilité jointe, règlement en cours de validation.", False),
    "no_answer": ("Pas de réponse, message laissé.", False),
    "promise": ("Promesse de virement sous huit jours.", "cash_difficulties"),
    "dispute": ("Le client conteste la livraison.", "work_dispute"),
    "paid": ("Le client dit avoir payé : à vérifier.", "not_received"),
}


class ArCollectionAction(models.Model):
    """The demo builder of a year of collection, called by
    ``demo/ar_collection_demo.xml``; it adds no field."""

    _inherit = "ar.collection.action"

    @api.model
    def _ar_create_demo_history(self):
        """Twelve months of invoices and payments for ar_risk's demo
        customers, credit notes, disputes, promises, a payment plan, dunning
        runs over the months and the admin's day, all dated from today."""
        company = self.env.ref("base.main_company")
        if not company.chart_template:
            return
        today = company._ar_today()
        rng = random.Random(2026)
        admin = self.env.ref("base.user_admin")
        customers = [
            (self.env.ref("ar_risk.res_partner_%02d_demo" % i), row[6], row[8])
            for i, row in enumerate(CUSTOMERS, start=1)
        ]
        for partner, _limit, _behaviour in customers:
            partner.with_company(company).ar_collector_id = admin
        if self.env["res.lang"]._lang_get("fr_FR"):
            # a French company, whose admin reads French; the addon's French
            # terms (loaded after its demo data) are needed now, to name the
            # runs' actions after the levels in French
            (company.partner_id | admin.partner_id).lang = "fr_FR"
            self.env["ir.module.module"]._load_module_terms(
                ["ar_collection"], ["fr_FR"]
            )
        levels = self.env["ar.dunning.level"].search(
            [("automatic", "=", True), ("company_id", "=", company.id)]
        )
        # past letters are marked sent, not rendered: no PDF at install
        levels.automatic = False
        moves = self._ar_demo_post(
            company, today, self._ar_demo_invoices(today, rng, customers)
        )
        self._ar_demo_cases(company, today, moves)
        self._ar_demo_runs(company, today, rng, levels)
        self._ar_demo_day(company, today, admin, customers)
        self.env["ar.collection.promise"]._cron_evaluate(today)
        self.env["ar.collection.payment.plan"]._cron_evaluate(today)
        self.env["res.partner"]._cron_ar_risk_update()

    @api.model
    def _ar_demo_invoices(self, today, rng, customers):
        """Invoice values over thirteen months, each with the payments its
        customer's behaviour gives it: [(move values, [(date, share paid)])]."""
        invoices = []
        for partner, limit, behaviour in customers:
            size = (limit or 15000) / 6
            low, high = BEHAVIOURS[behaviour]
            # three or four invoices a year, one of them recent
            months = {rng.randint(0, 2), *rng.sample(range(3, 13), rng.randint(2, 3))}
            for back in sorted(months, reverse=True):
                date = today - relativedelta(months=back, days=rng.randint(0, 25))
                due = date + relativedelta(days=30)
                paid_on = due + relativedelta(days=rng.randint(low, high))
                share = 1.0
                if behaviour == "partial":
                    share = 0.5 if back < 4 else 1.0
                if behaviour == "bad" and back < 5:
                    share = 0.0
                payments = [(paid_on, share)] if share and paid_on < today else []
                invoices.append(
                    (
                        {
                            "move_type": "out_invoice",
                            "partner_id": partner.id,
                            "invoice_date": date,
                            "invoice_date_due": due,
                            "invoice_line_ids": [
                                Command.create(
                                    {
                                        "name": rng.choice(ITEMS),
                                        "quantity": 1,
                                        "price_unit": round(
                                            size * rng.uniform(0.3, 1.2), -1
                                        ),
                                    }
                                )
                            ],
                        },
                        payments,
                    )
                )
        return invoices

    @api.model
    def _ar_demo_post(self, company, today, invoices):
        """Post the invoices month by month and pay them as the months go by,
        so that each customer's exposure at posting is that of the time."""
        Move = self.env["account.move"].with_context(
            ar_risk_force_reason="Reprise de l'historique (démo)",
            tracking_disable=True,
        )
        moves = Move.create([vals for vals, _payments in invoices])
        due_payments = defaultdict(list)
        by_month = defaultdict(lambda: Move)
        for move, (_vals, paid) in zip(moves, invoices, strict=True):
            by_month[move.invoice_date.replace(day=1)] |= move
            for date, share in paid:
                due_payments[date.replace(day=1)].append((move, date, share))
        bank = self.env["account.journal"].search(
            [("type", "=", "bank"), ("company_id", "=", company.id)], limit=1
        )
        Run = self.env["ar.dunning.run"]
        for month in sorted(set(by_month) | set(due_payments)):
            by_month[month].action_post()
            # the month's dunning run on the 15th sees the invoices still
            # unpaid then, as the scheduled run would have
            run_date = month + relativedelta(day=15)
            paid = due_payments[month]
            self._ar_demo_pay(bank, [row for row in paid if row[1] < run_date])
            if run_date < today - relativedelta(days=12):
                Run._run_for_company(company, date=run_date)
            self._ar_demo_pay(bank, [row for row in paid if row[1] >= run_date])
        return moves

    @api.model
    def _ar_demo_pay(self, journal, rows):
        """The bank receipts of ``rows`` [(invoice, date, share)], booked as
        journal entries of the bank journal (as from a bank statement, so the
        demo needs no outstanding-receipts account), each reconciled with its
        invoice."""
        if not rows:
            return
        receipts = (
            self.env["account.move"]
            .with_context(tracking_disable=True)
            .create(
                [
                    {
                        "move_type": "entry",
                        "journal_id": journal.id,
                        "date": date,
                        "ref": move.name,
                        "line_ids": [
                            Command.create(
                                {
                                    "account_id": account.id,
                                    "partner_id": move.commercial_partner_id.id,
                                    "name": move.name,
                                    "balance": sign * amount,
                                }
                            )
                            for account, sign in (
                                (journal.default_account_id, 1),
                                (
                                    move.line_ids.filtered("date_maturity")[
                                        :1
                                    ].account_id,
                                    -1,
                                ),
                            )
                        ],
                    }
                    for move, date, share in rows
                    for amount in [move.currency_id.round(move.amount_total * share)]
                ]
            )
        )
        receipts.action_post()
        # one reconciliation for the month's receipts, each with its invoice
        self.env["account.move.line"]._reconcile_plan(
            [
                (receipt.line_ids | move.line_ids).filtered(
                    lambda line: (
                        line.account_id.account_type == "asset_receivable"
                        and not line.reconciled
                    )
                )
                for receipt, (move, _date, _share) in zip(receipts, rows, strict=True)
            ]
        )

    @api.model
    def _ar_demo_cases(self, company, today, moves):
        """Credit notes, disputes, promises kept, broken and open, a payment
        plan, and a customer in redressement judiciaire."""
        by_partner = moves.grouped("commercial_partner_id")

        def open_moves(xmlid):
            partner = self.env.ref(xmlid)
            return (
                by_partner[partner]
                .filtered(lambda m: m.amount_residual and m.invoice_date_due < today)
                .sorted("invoice_date_due")
            )

        def paid_moves(xmlid):
            partner = self.env.ref(xmlid)
            return (
                by_partner[partner]
                .filtered(lambda m: m.payment_state in ("paid", "in_payment"))
                .sorted("invoice_date_due")
            )

        # credit notes: a price correction and a return, reconciled
        for xmlid, share in (
            ("ar_risk.res_partner_03_demo", 0.2),
            ("ar_risk.res_partner_13_demo", 0.1),
            ("ar_risk.res_partner_19_demo", 0.15),
        ):
            invoice = open_moves(xmlid)[:1]
            if not invoice:
                continue
            reversal = (
                self.env["account.move.reversal"]
                .with_context(active_model="account.move", active_ids=invoice.ids)
                .create(
                    {
                        "reason": "Avoir commercial : remise sur quantité",
                        "journal_id": invoice.journal_id.id,
                        "date": today - relativedelta(days=10),
                    }
                )
            )
            refund = self.env["account.move"].browse(reversal.refund_moves()["res_id"])
            refund.invoice_line_ids.price_unit = round(
                invoice.amount_untaxed * share, 2
            )
            refund.with_context(tracking_disable=True).action_post()
            (refund.line_ids | invoice.line_ids).filtered(
                lambda line: line.display_type == "payment_term" and not line.reconciled
            ).reconcile()

        Dispute = self.env["ar.collection.dispute"]
        disputes = [
            (
                "ar_risk.res_partner_06_demo",
                "Chambres livrées sans literie",
                "work_dispute",
                "quality",
                0,
                40,
            ),
            (
                "ar_risk.res_partner_14_demo",
                "Montant différent du devis",
                "admin_amount",
                "sales",
                0,
                25,
            ),
            (
                "ar_risk.res_partner_30_demo",
                "Bon de commande manquant",
                "admin_po",
                "accounting",
                1,
                70,
            ),
            (
                "ar_risk.res_partner_35_demo",
                "Adresse de facturation erronée",
                "admin_address",
                "accounting",
                1,
                60,
            ),
        ]
        for xmlid, name, reason, department, resolve, days in disputes:
            invoice = open_moves(xmlid)[-1:] or paid_moves(xmlid)[-1:]
            dispute = Dispute.create(
                {
                    "name": name,
                    "partner_id": self.env.ref(xmlid).id,
                    "move_ids": [Command.set(invoice.ids)],
                    "reason_code": reason,
                    "department": department,
                    "amount_disputed": round(invoice.amount_total / 3, -1),
                    "date_opened": today - relativedelta(days=days),
                    "date_deadline": today + relativedelta(days=days // 5 - 5),
                }
            )
            if resolve:
                dispute.action_resolve("corrected")

        Promise = self.env["ar.collection.promise"]
        for xmlid in ("ar_risk.res_partner_03_demo", "ar_risk.res_partner_13_demo"):
            # kept: made before a late payment that honoured it
            invoice = paid_moves(xmlid)[-1:]
            if invoice:
                paid_on = max(invoice.line_ids.matched_credit_ids.mapped("max_date"))
                Promise.create(
                    {
                        "partner_id": invoice.commercial_partner_id.id,
                        "move_ids": [Command.set(invoice.ids)],
                        "amount": invoice.amount_total,
                        "payment_means": "transfer",
                        "date_made": paid_on - relativedelta(days=10),
                        "date_promised": paid_on + relativedelta(days=2),
                    }
                )
        for xmlid, days_made, days_promised, means in (
            ("ar_risk.res_partner_11_demo", 40, -25, "cheque"),
            ("ar_risk.res_partner_25_demo", 30, -12, "transfer"),
            ("ar_risk.res_partner_24_demo", 5, 6, "lcr"),
            ("ar_risk.res_partner_19_demo", 3, 10, "transfer"),
        ):
            invoice = open_moves(xmlid)[:1]
            if invoice:
                Promise.create(
                    {
                        "partner_id": invoice.commercial_partner_id.id,
                        "move_ids": [Command.set(invoice.ids)],
                        "amount": invoice.amount_residual,
                        "payment_means": means,
                        "date_made": today - relativedelta(days=days_made),
                        "date_promised": today + relativedelta(days=days_promised),
                    }
                )

        planned = open_moves("ar_risk.res_partner_21_demo")
        if planned:
            total = sum(planned.mapped("amount_residual"))
            third = planned.currency_id.round(total / 3)
            self.env["ar.collection.payment.plan"].create(
                {
                    "name": "Échéancier en trois mensualités",
                    "partner_id": planned.commercial_partner_id.id,
                    "move_ids": [Command.set(planned.ids)],
                    "amount_total": total,
                    "date_start": today - relativedelta(days=3),
                    "line_ids": [
                        Command.create(
                            {
                                "date": today + relativedelta(months=n, days=7),
                                "amount": total - 2 * third if n == 2 else third,
                            }
                        )
                        for n in range(3)
                    ],
                }
            ).action_confirm()

        debtor = self.env.ref("ar_risk.res_partner_36_demo")
        self.env["ar.risk.proceeding"].create(
            {
                "partner_id": debtor.id,
                "proceeding_type": "redressement",
                "judgment_date": today - relativedelta(days=35),
                "publication_date": today - relativedelta(days=25),
                "court": "Tribunal mixte de commerce de Cayenne",
            }
        )

    @api.model
    def _ar_demo_runs(self, company, today, rng, levels):
        """The last runs, then the past closed: letters marked sent (never
        rendered at install), calls logged with an outcome, formal notices of
        the last month left for review; the last fortnight stays to do."""
        Run = self.env["ar.dunning.run"]
        for days in (10, 7, 3, 0):
            Run._run_for_company(company, date=today - relativedelta(days=days))
        levels.automatic = True
        outcomes = list(CALL_NOTES)
        for action in self.search(
            [
                ("company_id", "=", company.id),
                ("origin", "=", "dunning"),
                ("date_planned", "<", today - relativedelta(days=12)),
                "|",
                ("action_type", "!=", "formal_notice"),
                ("date_planned", "<", today - relativedelta(days=40)),
            ]
        ):
            vals = {"state": "done", "date_done": action.date_planned}
            if action.action_type == "call":
                outcome = rng.choice(outcomes)
                note, reason = CALL_NOTES[outcome]
                vals.update(outcome=outcome, note=note, reason=reason)
            action.write(vals)
        self.search(
            [
                ("company_id", "=", company.id),
                ("state", "=", "to_review"),
                ("dunning_level_id.automatic", "=", True),
            ]
        ).state = "planned"

    @api.model
    def _ar_demo_day(self, company, today, user, customers):
        """The admin's day: calls and a visit of today, a call left from
        yesterday."""
        late = [p for p, _limit, behaviour in customers if behaviour == "late"]
        self._ar_create_actions(
            [
                {
                    "name": name,
                    "partner_id": partner.id,
                    "company_id": company.id,
                    "action_type": kind,
                    "date_planned": today - relativedelta(days=back),
                    "user_id": user.id,
                    "priority": priority,
                }
                for partner, name, kind, back, priority in (
                    (late[0], "Relancer le service comptable", "call", 0, "1"),
                    (late[1], "Confirmer la date du virement", "call", 0, "0"),
                    (late[2], "Point sur les factures du trimestre", "call", 1, "0"),
                    (late[3], "Rendez-vous avec le gérant", "visit", 0, "0"),
                )
            ]
        )
