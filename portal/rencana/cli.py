"""`flask rencana pengingat-verifikasi`: the daily reminder of entries past the verification
deadline (run once a day, e.g. from cron after the working day starts)."""
from __future__ import annotations

import click

from portal.extensions import db
from portal.rencana import bp, verifikasi

bp.cli.short_help = "Rencana aksi dan verifikasi entri harian."


@bp.cli.command("pengingat-verifikasi")
def pengingat_verifikasi() -> None:
    """Notify each supervisor with entries waiting past the deadline (once a day)."""
    made = verifikasi.pengingat_atasan()
    db.session.commit()
    click.echo(f"{made} pengingat dibuat.")
