import logging

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    """The invoice's last dunning level is read from its dunning lines now:
    drop the stored column (and its index), which every update of an invoice
    kept paying for, once it holds nothing the lines do not tell."""
    cr.execute(
        """
        SELECT 1 FROM information_schema.columns
         WHERE table_name = 'account_move' AND column_name = 'ar_dunning_level_id'
        """
    )
    if not cr.fetchone():
        return
    cr.execute(
        """
        SELECT count(*)
          FROM account_move m
          LEFT JOIN (
                SELECT DISTINCT ON (move_id) move_id, level_id
                  FROM ar_dunning_line
                 ORDER BY move_id, id DESC
          ) latest ON latest.move_id = m.id
         WHERE m.ar_dunning_level_id IS DISTINCT FROM latest.level_id
           AND (m.ar_dunning_level_id IS NOT NULL OR latest.level_id IS NOT NULL)
        """
    )
    differing = cr.fetchone()[0]
    if differing:
        _logger.info(
            "account_move.ar_dunning_level_id kept: %s invoices' stored level differs "
            "from their latest dunning line",
            differing,
        )
        return
    cr.execute("ALTER TABLE account_move DROP COLUMN ar_dunning_level_id")
