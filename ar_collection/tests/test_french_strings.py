from odoo.tests import tagged

from .common import ArCollectionCommon

# English fragments of the suite's composed strings: none may reach a French
# reader
ENGLISH = (
    "Formal notice",
    "First reminder",
    "Reminder (",
    " due.",
    "Receivership",
    "Collection indicators",
)


@tagged("post_install", "-at_install")
class TestFrenchStrings(ArCollectionCommon):
    """The strings the code composes (agenda subjects, chatter notes, action
    names) read in French in a French company."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fr_FR")
        cls.company.partner_id.lang = "fr_FR"
        for offset, name in (
            (10, "Première relance"),
            (45, "Mise en demeure"),
        ):
            cls.levels[offset].with_context(lang="fr_FR").name = name

    def assertFrench(self, text):
        for fragment in ENGLISH:
            self.assertNotIn(fragment, text)

    def test_agenda_subjects_and_notes(self):
        """A run started in English (the scheduled job has no language) names
        its actions in the company's language; the reminder's chatter note is
        French for a French reader."""
        invoice = self._invoice(1000.0, "2026-10-01", date="2026-09-01")
        run = self._run(date="2026-10-15")
        action = run.action_ids
        self.assertEqual(action.name, "Première relance — Menuiserie Lefèvre SARL")
        notice = self._run(date="2026-11-20").action_ids
        self.assertEqual(notice.name, "Mise en demeure — Menuiserie Lefèvre SARL")
        notes = invoice.with_context(lang="fr_FR").message_ids.mapped("body")
        self.assertTrue(any("Relance" in str(body) for body in notes), notes)
        for body in notes:
            self.assertFrench(str(body))

    def test_proceeding_and_indicators(self):
        proceeding = self.env["ar.risk.proceeding"].create(
            {
                "partner_id": self.customer.id,
                "proceeding_type": "redressement",
                "judgment_date": "2026-11-02",
            }
        )
        french = proceeding.with_context(lang="fr_FR")
        self.assertEqual(
            french.display_name, "Menuiserie Lefèvre SARL — Redressement judiciaire"
        )
        action = (
            self.env.ref("ar_collection.ar_collection_kpi_menu")
            .action.with_context(lang="fr_FR")
            .run()
        )
        self.assertEqual(action["name"], "Indicateurs de recouvrement")
        self.assertFrench(action["name"])
