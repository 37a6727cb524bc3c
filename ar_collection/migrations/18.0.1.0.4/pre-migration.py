import logging

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    """A dunning line's customer and company are its invoice's now, no longer
    stored: drop their columns (with their indexes and foreign keys) and the
    move_id index the unique (move_id, level_id) index already serves.

    A line whose stored customer or company is not its invoice's keeps both
    columns, no longer required, so that nothing it said is lost."""
    cr.execute(
        """
        SELECT count(*) FILTER (WHERE column_name IN ('partner_id', 'company_id'))
          FROM information_schema.columns
         WHERE table_name = 'ar_dunning_line'
        """
    )
    if cr.fetchone()[0] != 2:
        return
    cr.execute("DROP INDEX IF EXISTS ar_dunning_line__move_id_index")
    cr.execute(
        """
        SELECT count(*)
          FROM ar_dunning_line line
          JOIN account_move move ON move.id = line.move_id
         WHERE line.partner_id IS DISTINCT FROM move.commercial_partner_id
            OR line.company_id IS DISTINCT FROM move.company_id
        """
    )
    differing = cr.fetchone()[0]
    if differing:
        _logger.info(
            "ar_dunning_line.partner_id and company_id kept (no longer required): "
            "%s lines name another customer or company than their invoice",
            differing,
        )
        cr.execute(
            """
            ALTER TABLE ar_dunning_line ALTER COLUMN partner_id DROP NOT NULL,
                                        ALTER COLUMN company_id DROP NOT NULL
            """
        )
        return
    cr.execute(
        "ALTER TABLE ar_dunning_line DROP COLUMN partner_id, DROP COLUMN company_id"
    )
