import base64
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_amount
from odoo.tools.pdf import merge_pdf

from .amount_words import amount_in_words
from .late_charges import MissingRateError, RateBelowFloorError, interest_periods


class ArCollectionAction(models.Model):
    _inherit = "ar.collection.action"

    dunning_level_id = fields.Many2one("ar.dunning.level", readonly=True, index=True)
    dunning_run_id = fields.Many2one("ar.dunning.run", readonly=True, index=True)
    letter_style = fields.Selection(related="dunning_level_id.letter_style")
    letter_attachment_id = fields.Many2one(
        "ir.attachment",
        string="Letter",
        readonly=True,
        copy=False,
        help="The letter as it was sent, kept to be printed again identically.",
    )
    delivery_note = fields.Char(readonly=True, help="How the reminder was delivered.")
    mail_failed = fields.Boolean(
        compute="_compute_mail_failed",
        help="The reminder email bounced or could not be sent.",
    )
    bounce_handled = fields.Boolean(readonly=True, copy=False)

    @api.depends("message_ids.notification_ids.notification_status")
    def _compute_mail_failed(self):
        for action in self:
            action.mail_failed = any(
                notif.notification_status in ("bounce", "exception")
                for notif in action.message_ids.notification_ids
            )

    def _notify_get_recipients(self, message, msg_vals, **kwargs):
        """A reminder sent by the run goes to its recipients only: the
        followers of the action (its collector) are told of the customer's
        replies, not copied on each of the run's reminders."""
        recipients = super()._notify_get_recipients(message, msg_vals, **kwargs)
        if not self.env.context.get("ar_notify_only_recipients"):
            return recipients
        sent_to = set(
            (msg_vals or {}).get("partner_ids") or message.partner_ids.ids or []
        )
        return [data for data in recipients if data["id"] in sent_to]

    def _ar_letter_data(self):
        """Everything the letter shows, computed once (plain values)."""
        self.ensure_one()
        company = self.company_id
        level = self.dunning_level_id
        customer = self.partner_id.commercial_partner_id.with_company(company)
        kind = customer.ar_debtor_kind or "business"
        charges = bool(
            company.ar_apply_late_charges
            and (not level or level.show_charges)
            and kind != "consumer"
        )
        invoices = [
            self._ar_invoice_charges(move, kind, charges)
            for move in self.move_ids.sorted("invoice_date_due")
        ]
        Line = self.env["account.move.line"]
        credit_lines = Line.search(
            Line._ar_receivable_domain(company)
            + [
                ("partner_id", "child_of", self.partner_id.id),
                ("reconciled", "=", False),
                ("amount_residual", "<", 0),
            ]
        )
        credits = [
            {
                "line": line,
                "label": line.move_id.name,
                "date": line.date,
                "amount": -line.amount_residual,
            }
            for line in credit_lines
        ]
        total_invoices = sum(i["residual"] for i in invoices)
        total_credits = sum(c["amount"] for c in credits)
        interest = sum(i["interest"] for i in invoices)
        indemnity = sum(i["indemnity"] for i in invoices)
        amount_asked = company.currency_id.round(
            max(total_invoices - total_credits, 0.0) + interest + indemnity
        )
        lang = self.partner_id.lang or self.env.lang
        bank = self.move_ids.partner_bank_id[:1] or company.partner_id.bank_ids[:1]
        return {
            "invoices": invoices,
            "credits": credits,
            "charges": charges,
            "debtor_kind": kind,
            "total_invoices": total_invoices,
            "total_credits": total_credits,
            "interest": interest,
            "indemnity": indemnity,
            "amount_asked": amount_asked,
            "amount_words": amount_in_words(
                amount_asked, lang, company.currency_id.name
            ),
            "currency": company.currency_id,
            "bank": bank,
            "reference": ", ".join(
                self.move_ids.mapped(lambda m: m.payment_reference or m.name)
            ),
        }

    def _ar_payment_notes(self):
        """Paragraphs the reminder email adds on whom to pay: none here
        (ar_factoring: the factor, for the invoices it holds)."""
        self.ensure_one()
        return []

    def _ar_letter_text(self, data, blocks):
        """The level's letter text for this action: its placeholders filled
        from the letter's ``data`` and the ``blocks`` its QWeb rendered."""
        self.ensure_one()
        lang = self.partner_id.lang or self.env.lang
        company = self.company_id
        values = {
            "customer": self.partner_id.commercial_partner_id.name,
            "company": company.name,
            "contact": ", ".join(
                filter(None, [(self.user_id or self.env.user).name, company.phone])
            ),
            "amount": format_amount(
                self.env, data["amount_asked"], data["currency"], lang
            ),
            "notice_days": company.ar_notice_days,
            **blocks,
        }
        level = self.dunning_level_id or self.env["ar.dunning.level"].new(
            {"letter_style": "reminder"}
        )
        return level._ar_letter_body(lang, values)

    def _ar_invoice_charges(self, move, kind, charges):
        """One invoice's line of the letter: residual, interest by period
        (on the amount unpaid each day) and the fixed indemnity, less what
        was already invoiced or waived; a charges invoice bears none."""
        company = self.company_id
        as_of = self.date_planned
        due = move.invoice_date_due
        days = (as_of - due).days if due else 0
        charges = charges and not move.ar_charged_move_ids
        # interest already invoiced or waived up to that day is not claimed again
        since = max(due, move.ar_charges_settled_to or due) if due else due
        periods = []
        if charges and days > 0:
            lines = move.line_ids.filtered(
                lambda line: line.account_id.account_type == "asset_receivable"
            )
            payments = [
                (partial.credit_move_id.date, partial.amount)
                for partial in lines.matched_credit_ids
            ]
            contract = (
                self.partner_id.commercial_partner_id.with_company(
                    company
                ).ar_contract_rate
                or company.ar_late_interest_rate
            )
            Rate = self.env["ar.late.payment.rate"]
            rate_of = Rate._ar_rate_of(
                kind, contract, fixed_from=due + timedelta(days=1)
            )
            try:
                periods = interest_periods(
                    since, sum(lines.mapped("balance")), payments, as_of, rate_of
                )
            except (MissingRateError, RateBelowFloorError) as error:
                raise Rate._ar_user_error(error) from error
        return {
            "move": move,
            "days_late": max(days, 0),
            "residual": move.amount_residual_signed,
            "periods": periods,
            "interest": sum(p["interest"] for p in periods),
            "indemnity": company.ar_recovery_indemnity
            if charges and days > 0 and not move.ar_indemnity_settled
            else 0.0,
        }

    def _ar_render_letter(self):
        """Render the letter once and keep it on the action."""
        self.ensure_one()
        if self.letter_attachment_id:
            return self.letter_attachment_id
        # computed first: a missing legal rate stops here with its own message
        amount_claimed = self._ar_letter_data()["amount_asked"]
        report = self.env.ref("ar_collection.ar_collection_action_report_letter")
        pdf, _type = report.with_context(force_report_rendering=True)._render_qweb_pdf(
            report, self.ids
        )
        attachment = self.env["ir.attachment"].create(
            {
                "name": _(
                    "Reminder %(partner)s %(date)s.pdf",
                    partner=self.partner_id.name,
                    date=self.date_planned,
                ),
                "datas": base64.b64encode(pdf),
                "res_model": self._name,
                "res_id": self.id,
                "mimetype": "application/pdf",
            }
        )
        self.write(
            {"letter_attachment_id": attachment.id, "amount_claimed": amount_claimed}
        )
        return attachment

    def _ar_invoices_attachment(self):
        """The invoices concerned, as one PDF kept on the action."""
        self.ensure_one()
        report = self.env["ir.actions.report"].with_context(force_report_rendering=True)
        # one rendering per invoice, then merged: wkhtmltopdf built without
        # patched Qt returns an empty PDF for several invoices at once
        pdf = merge_pdf(
            [
                report._render_qweb_pdf("account.account_invoices", move.ids)[0]
                for move in self.move_ids.sorted("invoice_date_due")
            ]
        )
        # named in the customer's language, like the letter it goes with
        customer_env = self.with_context(lang=self.partner_id.lang or self.env.lang).env
        return self.env["ir.attachment"].create(
            {
                "name": customer_env._("Invoices %s.pdf", self.partner_id.name),
                "datas": base64.b64encode(pdf),
                "res_model": self._name,
                "res_id": self.id,
                "mimetype": "application/pdf",
            }
        )

    def _ar_statement_attachment(self):
        """The customer's statement of account at the reminder's date, kept
        on the action."""
        self.ensure_one()
        return self.env[
            "report.ar_collection.report_customer_statement"
        ]._pdf_attachment(
            self.partner_id.commercial_partner_id,
            {"date_at": str(self.date_planned), "company_id": self.company_id.id},
            self,
        )

    def _ar_dunning_send(self, raise_errors=False):
        """Deliver automatic reminders: email with the letter, or the letter
        ready to print; calls and handovers stay planned for their owner.

        A letter that cannot be computed (a legal rate missing) is never sent:
        the user validating it is told; in the run it goes back to review and
        the credit manager gets an activity saying what to add."""
        for action in self:
            if action.action_type not in ("email", "letter", "formal_notice"):
                continue
            try:
                with self.env.cr.savepoint():
                    action._ar_letter_data()
            except UserError as error:
                if raise_errors:
                    raise
                action._ar_hold_for_review(error.args[0])
                continue
            recipient = action.partner_id._ar_dunning_recipient()
            if action.action_type == "email" and not recipient:
                action.write(
                    {
                        "action_type": "letter",
                        "delivery_note": _(
                            "No email address: sent as a printed letter."
                        ),
                    }
                )
            attachment = action._ar_render_letter()
            if action.action_type == "email":
                template = action.dunning_level_id.mail_template_id or self.env.ref(
                    "ar_collection.ar_collection_action_mail_template_reminder"
                )
                attachments = attachment
                if action.dunning_level_id.attach_invoices:
                    attachments |= action._ar_invoices_attachment()
                if action.dunning_level_id.attach_statement:
                    attachments |= action._ar_statement_attachment()
                # to the customer only: the followers (the collector) hear of
                # the replies, not of every reminder the run sends
                action.with_context(
                    ar_notify_only_recipients=True
                ).message_post_with_source(
                    template,
                    subtype_xmlid="mail.mt_comment",
                    attachment_ids=attachments.ids,
                    partner_ids=recipient.ids,
                )
                action.write(
                    {
                        "state": "done",
                        "date_done": fields.Date.context_today(self),
                        "delivery_note": _("Emailed to %s", recipient.email),
                    }
                )
            body = _(
                "Reminder (%(level)s) — %(amount)s due.",
                level=action.dunning_level_id.name or action.name,
                amount=action.currency_id.format(action.amount_residual),
            )
            for record in [*action.move_ids, action.partner_id]:
                record.message_post(body=body, attachment_ids=attachment.ids)
            # the letter is not the invoice: as an invoice's main attachment,
            # Odoo would print it in place of the invoice
            action.move_ids.filtered(
                lambda m, letter=attachment: m.message_main_attachment_id == letter
            ).with_context(tracking_disable=True).message_main_attachment_id = False

    @api.model
    def _cron_handle_bounces(self, today=None):
        """Scheduled step: each company's bounced reminders, on its today (or
        on ``today``, which tests pin)."""
        for company, day in self.env["res.company"]._ar_companies_today(today):
            self.sudo().with_company(company)._ar_handle_bounces(company, day)

    @api.model
    def _ar_handle_bounces(self, company, today):
        """A bounced reminder of ``company`` becomes a letter (postal address)
        or a call, planned ``today`` for the owner of the reminder."""
        bounced = self.search(
            [
                ("company_id", "=", company.id),
                ("action_type", "=", "email"),
                ("origin", "=", "dunning"),
                ("bounce_handled", "=", False),
                ("state", "=", "done"),
            ]
        ).filtered("mail_failed")
        follow_ups = self._ar_create_actions(
            [
                {
                    "name": _("%s (email bounced)", action.name),
                    "partner_id": action.partner_id.id,
                    "contact_id": action.contact_id.id,
                    "company_id": company.id,
                    "move_ids": [fields.Command.set(action.move_ids.ids)],
                    "action_type": "letter"
                    if action.partner_id.street and action.partner_id.city
                    else "call",
                    "origin": "dunning",
                    "date_planned": today,
                    "user_id": action.user_id.id,
                    "dunning_level_id": action.dunning_level_id.id,
                    "dunning_run_id": action.dunning_run_id.id,
                }
                for action in bounced
            ]
        )
        bounced.write({"bounce_handled": True, "delivery_note": _("Email bounced.")})
        for letter in follow_ups.filtered(lambda a: a.action_type == "letter"):
            letter._ar_render_letter()
        return follow_ups

    def action_plan(self):
        """Validated reminders of the review queue are sent at once."""
        queued = self.filtered(
            lambda a: a.state == "to_review" and a.origin == "dunning"
        )
        res = super().action_plan()
        # a step of the company once a manager validated it (checked above):
        # the letter reads invoices a collection manager may not read
        queued.sudo()._ar_dunning_send(raise_errors=True)
        return res

    def action_print_letter(self):
        self.ensure_one()
        attachment = self._ar_render_letter()
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "self",
        }
