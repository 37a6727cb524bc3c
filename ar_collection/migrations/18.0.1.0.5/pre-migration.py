def migrate(cr, version):
    """Dunning lines no longer log who created or wrote them (their run
    does): their create_uid and write_uid keep what they hold, no longer
    checked against res_users on each insert."""
    cr.execute(
        """
        ALTER TABLE ar_dunning_line
            DROP CONSTRAINT IF EXISTS ar_dunning_line_create_uid_fkey,
            DROP CONSTRAINT IF EXISTS ar_dunning_line_write_uid_fkey
        """
    )
