from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import ArCollectionCommon


@tagged("post_install", "-at_install")
class TestActionBulk(ArCollectionCommon):
    """The dunning run's one INSERT of actions gives them what create() does."""

    def _vals(self, action_type="call"):
        return {
            "name": "Relance",
            "partner_id": self.customer.id,
            "company_id": self.env.company.id,
            "action_type": action_type,
            "origin": "dunning",
            "date_planned": "2026-11-20",
            "user_id": self.env.user.id,
            "state": "planned",
            "dunning_level_id": self.levels[10].id,
            "dunning_run_id": False,
            "date_notice_end": False,
        }

    def test_same_stored_values_as_create(self):
        Action = self.env["ar.collection.action"]
        created = Action.create([self._vals()])
        inserted = Action._ar_insert_actions([self._vals()])
        stored = [
            name
            for name, field in Action._fields.items()
            if field.store and name not in ("id", "create_date", "write_date")
        ]
        (created | inserted).invalidate_recordset()
        values = (created | inserted).read(stored)
        for row in values:
            row.pop("id")
        self.assertEqual(values[1], values[0])
        # defaults the caller did not give (active, priority) are create()'s
        self.assertTrue(inserted.active)
        self.assertEqual(inserted.priority, "0")
        self.assertIn(inserted, self.customer.ar_collection_action_ids)

    def test_formal_notice_warns_the_salesperson(self):
        """As after create(): the salesperson gets a to-do once a formal
        notice is created for the customer."""
        self.customer.user_id = self.env.user
        before = self.customer.activity_ids
        self.env["ar.collection.action"]._ar_insert_actions(
            [self._vals("formal_notice")]
        )
        added = self.customer.activity_ids - before
        self.assertEqual(len(added), 1)
        self.assertEqual(added.user_id, self.env.user)

    def test_refuses_what_it_cannot_insert(self):
        Action = self.env["ar.collection.action"]
        with self.assertRaises(ValueError):
            Action._ar_insert_actions([dict(self._vals(), move_ids=[])])
        with self.assertRaises(ValueError):
            Action._ar_insert_actions([self._vals(), {"name": "Sans client"}])

    def test_refused_without_create_right(self):
        reader = self.env["res.users"].create(
            {
                "name": "Lecteur",
                "login": "lecteur-bulk",
                "groups_id": [(6, 0, [self.env.ref("base.group_user").id])],
            }
        )
        with self.assertRaises(AccessError):
            self.env["ar.collection.action"].with_user(reader)._ar_insert_actions(
                [self._vals()]
            )

    def test_refused_in_a_company_not_allowed(self):
        """The record rules apply to the inserted rows, as to create()'s."""
        other = self.env["res.company"].create({"name": "Autre société"})
        manager = self.env["res.users"].create(
            {
                "name": "Responsable",
                "login": "responsable-bulk",
                "company_id": self.env.company.id,
                "company_ids": [(6, 0, [self.env.company.id])],
                "groups_id": [
                    (
                        6,
                        0,
                        [
                            self.env.ref("base.group_user").id,
                            self.env.ref(
                                "ar_collection.ar_collection_group_manager"
                            ).id,
                        ],
                    )
                ],
            }
        )
        Action = self.env["ar.collection.action"].with_user(manager)
        self.assertTrue(Action._ar_insert_actions([self._vals()]))
        with self.assertRaises(AccessError):
            Action._ar_insert_actions([dict(self._vals(), company_id=other.id)])
