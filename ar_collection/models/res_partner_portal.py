import secrets
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import consteq


class ResPartner(models.Model):
    """The customer's personal link to its statement page: a random token
    with an expiry date, renewed by the reminders, revocable."""

    _inherit = "res.partner"

    ar_portal_token = fields.Char(
        string="Portal link token",
        copy=False,
        readonly=True,
        groups="ar_collection.ar_collection_group_user",
    )
    ar_portal_token_expiry = fields.Date(
        string="Portal link valid until",
        copy=False,
        readonly=True,
        groups="ar_collection.ar_collection_group_user",
    )

    ar_portal_url = fields.Char(
        string="Portal link",
        compute="_compute_ar_portal_url",
        groups="ar_collection.ar_collection_group_user",
        help="The customer's personal link to its statement page, while valid.",
    )

    @api.depends("ar_portal_token")
    def _compute_ar_portal_url(self):
        for partner in self:
            token = partner.sudo().ar_portal_token
            partner.ar_portal_url = token and "%s/ar/statement/%s?token=%s" % (
                partner.get_base_url(),
                partner.id,
                token,
            )

    def _ar_portal_token_valid(self, token, today):
        """Whether ``token`` opens this customer's statement on ``today``."""
        self.ensure_one()
        partner = self.sudo()
        return bool(
            token
            and partner.ar_portal_token
            and partner.ar_portal_token_expiry
            and today <= partner.ar_portal_token_expiry
            and consteq(partner.ar_portal_token, token)
        )

    def _ar_portal_url(self):
        """The customer's personal link to its statement page, renewing its
        token when missing or expired (a reminder always carries a link that
        works)."""
        self.ensure_one()
        partner = self.commercial_partner_id.sudo()
        today = self.env.company._ar_today()
        if not (
            partner.ar_portal_token
            and partner.ar_portal_token_expiry
            and partner.ar_portal_token_expiry >= today
        ):
            partner._ar_portal_new_token(today)
        return partner.ar_portal_url

    def _ar_portal_new_token(self, today):
        days = self.env.company.ar_portal_link_days
        self.sudo().write(
            {
                "ar_portal_token": secrets.token_urlsafe(32),
                "ar_portal_token_expiry": today + timedelta(days=days),
            }
        )

    def action_ar_portal_generate(self):
        """A new personal link: the previous one stops working."""
        for partner in self:
            if partner.parent_id:
                raise UserError(
                    _("The portal link belongs to the company, not to a contact.")
                )
            partner._ar_portal_new_token(fields.Date.context_today(partner))
            partner.message_post(
                body=_(
                    "New portal link, valid until %s.",
                    partner.sudo().ar_portal_token_expiry,
                )
            )

    def action_ar_portal_revoke(self):
        """The personal link stops working at once."""
        self.sudo().write({"ar_portal_token": False, "ar_portal_token_expiry": False})
        for partner in self:
            partner.message_post(body=_("Portal link revoked."))
