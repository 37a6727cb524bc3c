def migrate(cr, version):
    """Link the journal items of the batches booked before 18.0.1.1.0 to their
    batch line. They used to be found by their label, in the language of
    whoever booked them; the reconciliation says which item assigned which
    document: the one matched with the invoice's receivable line while
    assigned, with the definancing entry once taken back. Cancelled batches
    need no link."""
    if not version:
        return
    cr.execute(
        """
        UPDATE account_move_line aml
           SET ar_factor_batch_line_id = bl.id
          FROM ar_factor_batch_line bl
          JOIN ar_factor_batch b ON b.id = bl.batch_id
          JOIN account_move doc ON doc.id = bl.move_id
          JOIN account_move_line rec ON rec.id = bl.receivable_line_id
          JOIN account_move_line other
            ON other.id = rec.id
            OR other.move_id = doc.ar_factor_definance_move_id
          JOIN account_partial_reconcile apr
            ON other.id IN (apr.debit_move_id, apr.credit_move_id)
         WHERE b.state = 'confirmed'
           AND aml.move_id = b.move_id
           AND aml.account_id = rec.account_id
           AND aml.id IN (apr.debit_move_id, apr.credit_move_id)
           AND aml.id != other.id
           AND aml.ar_factor_batch_line_id IS NULL
        """
    )
