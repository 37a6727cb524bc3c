"""Build a large French receivable ledger fast: a few hundred ORM-made
invoices, multiplied with SQL (the ORM alone would take hours at 1M lines)."""

import time

import psycopg2

from odoo import Command, fields, sql_db
from odoo.tools import SQL


def _columns(cr, table):
    cr.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = %s "
        "AND column_name <> 'id' ORDER BY ordinal_position",
        (table,),
    )
    return [row[0] for row in cr.fetchall()]


def build(env, lines=20000, customers=2000, templates=200, months=18, paid_share=0.2):
    """Create about ``lines`` open receivable lines over ``customers``.

    Templates: invoices (and one credit note in ten) of the main company,
    posted by the ORM over ``months`` of due dates. Copies: every template
    copied ``lines / templates`` times for other customers, with names
    made unique; a share of the copies gets a partial payment (a balanced
    entry, its partial reconciliation and the residuals updated).
    """
    started = time.perf_counter()
    cr = env.cr
    partners = env["res.partner"].create(
        [
            {"name": "Client bench %05d" % i, "is_company": True, "customer_rank": 1}
            for i in range(customers)
        ]
    )
    today = fields.Date.context_today(env["res.partner"])
    moves = env["account.move"]
    for i in range(templates):
        due = fields.Date.add(today, days=30 - (i * months * 30 // templates))
        moves |= env["account.move"].create(
            {
                "move_type": "out_refund" if i % 10 == 9 else "out_invoice",
                "partner_id": partners[i % customers].id,
                "invoice_date": fields.Date.add(due, days=-30),
                "invoice_date_due": due,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "name": "Prestation",
                            "quantity": 1,
                            "price_unit": 100.0 + (i * 37) % 900,
                            "tax_ids": [],
                        }
                    )
                ],
            }
        )
    moves.action_post()
    env.flush_all()
    copies = max(lines // templates - 1, 0)
    move_cols = _columns(cr, "account_move")
    line_cols = _columns(cr, "account_move_line")
    cr.execute(
        SQL(
            """
        CREATE TEMP TABLE bench_map ON COMMIT DROP AS
        SELECT m.id AS src, g.n, nextval('account_move_id_seq') AS new_id,
               (%(partners)s)[1 + mod(m.id * 7919 + g.n, %(count)s)] AS partner_id
          FROM account_move m, generate_series(1, %(copies)s) g(n)
         WHERE m.id = ANY(%(ids)s)
        """,
            partners=partners.ids,
            count=len(partners),
            copies=copies,
            ids=moves.ids,
        )
    )
    # the copies have a sequence of their own: Odoo's next invoice number
    # never reads them
    overrides = {
        "name": "'BENCH/' || map.new_id",
        "sequence_prefix": "'BENCH/'",
        "sequence_number": "map.new_id",
        "partner_id": "map.partner_id",
        "commercial_partner_id": "map.partner_id",
        "payment_reference": "'BENCH/' || map.new_id",
    }
    cols = ", ".join(move_cols)
    values = ", ".join(overrides.get(col, "m." + col) for col in move_cols)
    cr.execute(
        f"INSERT INTO account_move (id, {cols}) SELECT map.new_id, {values} "
        "FROM bench_map map JOIN account_move m ON m.id = map.src"
    )
    line_overrides = {
        "move_id": "map.new_id",
        "partner_id": "map.partner_id",
        "move_name": "'BENCH/' || map.new_id",
    }
    cols = ", ".join(line_cols)
    values = ", ".join(line_overrides.get(col, "l." + col) for col in line_cols)
    cr.execute(
        f"INSERT INTO account_move_line ({cols}) SELECT {values} "
        "FROM bench_map map JOIN account_move_line l ON l.move_id = map.src"
    )
    _partial_payments(env, paid_share)
    env.invalidate_all()
    if "ar.collection.dispute" in env:
        _disputes_and_promises(env, customers)
    return time.perf_counter() - started


def _partial_payments(env, share):
    """Pay half of a share of the copied invoices: one balanced entry per
    payment (bank debit, receivable credit), a partial reconciliation, and
    the residuals and payment states updated accordingly."""
    cr = env.cr
    journal = env["account.journal"].search(
        [("type", "=", "bank"), ("company_id", "=", env.company.id)], limit=1
    )
    bank_account = journal.default_account_id
    cr.execute(
        SQL(
            """
        CREATE TEMP TABLE bench_pay ON COMMIT DROP AS
        SELECT l.id AS line_id, l.move_id, l.partner_id, l.account_id, l.company_id,
               l.currency_id, l.company_currency_id,
               -- received on the due date, or today for invoices not yet due
               LEAST(l.date_maturity, current_date) AS pay_date,
               round(l.balance / 2, 2) AS amount,
               nextval('account_move_id_seq') AS pay_move_id,
               nextval('account_move_line_id_seq') AS pay_bank_line,
               nextval('account_move_line_id_seq') AS pay_rec_line
          FROM account_move_line l
          JOIN bench_map map ON map.new_id = l.move_id
          JOIN account_account acc ON acc.id = l.account_id
         WHERE acc.account_type = 'asset_receivable' AND l.balance > 0
           AND mod(l.id, 100) < %(pct)s
        """,
            pct=int(share * 100),
        )
    )
    cr.execute(
        SQL(
            """
        INSERT INTO account_move (id, name, move_type, state, date, journal_id, company_id,
                                  currency_id, partner_id, commercial_partner_id,
                                  auto_post, create_date, write_date)
        SELECT pay_move_id, 'BNKB/' || pay_move_id, 'entry', 'posted', pay_date,
               %(journal)s, company_id, currency_id, partner_id, partner_id, 'no',
               now(), now()
          FROM bench_pay;
        INSERT INTO account_move_line (id, move_id, move_name, account_id, partner_id,
            company_id, currency_id, company_currency_id, date, parent_state, display_type,
            balance, debit, credit, amount_currency, amount_residual,
            amount_residual_currency, reconciled, journal_id)
        SELECT pay_bank_line, pay_move_id, 'BNKB/' || pay_move_id, %(bank)s, partner_id,
               company_id, currency_id, company_currency_id, pay_date, 'posted',
               'product', amount, amount, 0, amount, 0, 0, false, %(journal)s
          FROM bench_pay
        UNION ALL
        SELECT pay_rec_line, pay_move_id, 'BNKB/' || pay_move_id, account_id, partner_id,
               company_id, currency_id, company_currency_id, pay_date, 'posted',
               'product', -amount, 0, amount, -amount, 0, 0, true, %(journal)s
          FROM bench_pay;
        INSERT INTO account_partial_reconcile (debit_move_id, credit_move_id, amount,
            debit_amount_currency, credit_amount_currency, company_id, max_date,
            create_date, write_date)
        SELECT line_id, pay_rec_line, amount, amount, amount, company_id, pay_date,
               now(), now()
          FROM bench_pay;
        UPDATE account_move_line l
           SET amount_residual = l.balance - p.amount,
               amount_residual_currency = l.amount_currency - p.amount
          FROM bench_pay p WHERE p.line_id = l.id;
        UPDATE account_move m
           SET payment_state = 'partial',
               amount_residual = m.amount_residual - p.amount,
               amount_residual_signed = m.amount_residual_signed - p.amount
          FROM bench_pay p WHERE p.move_id = m.id;
        """,
            journal=journal.id,
            bank=bank_account.id,
        )
    )


def _disputes_and_promises(env, customers, share=0.01):
    """Open disputes and open promises to pay, each on the oldest overdue
    invoice of about ``share`` of the customers (the dunning run skips them)."""
    cr = env.cr
    today = fields.Date.context_today(env["res.partner"])
    cr.execute(
        """
        SELECT DISTINCT ON (m.commercial_partner_id) m.commercial_partner_id, m.id,
               m.amount_residual_signed
          FROM account_move m
         WHERE m.move_type = 'out_invoice' AND m.state = 'posted'
           AND m.payment_state IN ('not_paid', 'partial') AND m.invoice_date_due < %s
           AND m.company_id = %s AND m.name LIKE 'BENCH/%%'
      ORDER BY m.commercial_partner_id, m.invoice_date_due, m.id
        """,
        (today, env.company.id),
    )
    rows = cr.fetchall()
    step = max(int(1 / share), 2)
    disputed = rows[::step][: max(int(customers * share), 1)]
    promised = rows[step // 2 :: step][: max(int(customers * share), 1)]
    reasons = ["work_dispute", "admin_amount", "admin_po", "admin_address"]
    env["ar.collection.dispute"].create(
        [
            {
                "name": "Contestation livraison",
                "partner_id": partner_id,
                "move_ids": [Command.set([move_id])],
                "reason_code": reasons[i % len(reasons)],
                "amount_disputed": residual,
                "department": "sales",
            }
            for i, (partner_id, move_id, residual) in enumerate(disputed)
        ]
    )
    env["ar.collection.promise"].create(
        [
            {
                "partner_id": partner_id,
                "move_ids": [Command.set([move_id])],
                "amount": residual,
                "date_promised": fields.Date.add(today, days=10),
                "payment_means": "transfer",
            }
            for partner_id, move_id, residual in promised
        ]
    )
    env.flush_all()


LEDGER_TABLES = ("account_move", "account_move_line", "account_partial_reconcile")

# what a dunning run writes, ours and OCA's credit control
DUNNING_TABLES = (
    "ar_dunning_run",
    "ar_dunning_line",
    "ar_collection_action",
    "ar_collection_action_move_rel",
    "mail_followers",
    "credit_control_run",
    "credit_control_line",
)


def vacuum(dbname, tables=LEDGER_TABLES):
    """VACUUM ANALYZE the ledger's tables once built (and committed), as
    autovacuum would have in production: the first reads of a million fresh
    rows otherwise pay for setting their hint bits.

    Also after each rolled back run (``DUNNING_TABLES``): the next run would
    otherwise step over the dead index entries of the same keys, which no
    committed run leaves (measured: 1.5 s became 2.3 s after a few dozen)."""
    _name, info = sql_db.connection_info_for(dbname)
    connection = psycopg2.connect(**info)
    try:
        connection.autocommit = True
        with connection.cursor() as cr:
            cr.execute(
                "SELECT relname FROM pg_class WHERE relname = ANY(%s)", [list(tables)]
            )
            for (table,) in cr.fetchall():
                cr.execute(f"VACUUM ANALYZE {table}")
    finally:
        connection.close()


def check(env):
    """Every move balanced; receivable residuals agree with reconciliations."""
    cr = env.cr
    cr.execute(
        "SELECT count(*) FROM (SELECT move_id FROM account_move_line GROUP BY move_id "
        "HAVING abs(sum(balance)) > 0.001) x"
    )
    unbalanced = cr.fetchone()[0]
    cr.execute(
        """
        SELECT count(*) FROM account_move_line l
          JOIN account_account acc ON acc.id = l.account_id
         WHERE acc.account_type = 'asset_receivable' AND l.parent_state = 'posted'
           AND abs(l.balance
                   - COALESCE((SELECT sum(amount) FROM account_partial_reconcile
                               WHERE debit_move_id = l.id), 0)
                   + COALESCE((SELECT sum(amount) FROM account_partial_reconcile
                               WHERE credit_move_id = l.id), 0)
                   - l.amount_residual) > 0.001
        """
    )
    wrong_residual = cr.fetchone()[0]
    if unbalanced or wrong_residual:
        raise AssertionError(
            f"inconsistent ledger: {unbalanced} unbalanced moves, "
            f"{wrong_residual} residuals disagreeing with reconciliations"
        )
    cr.execute(
        "SELECT count(*) FROM account_move_line l JOIN account_account acc "
        "ON acc.id = l.account_id WHERE acc.account_type = 'asset_receivable' "
        "AND l.amount_residual <> 0"
    )
    return cr.fetchone()[0]
