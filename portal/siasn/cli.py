"""`flask siasn ...`: queue the final ratings of closed periods and send what is due (cron)."""
from __future__ import annotations

import click
from flask.cli import AppGroup
from sqlalchemy import select

from portal.extensions import db
from portal.models import Periode, SubPeriode
from portal.models.penilaian import TAHUNAN

siasn_cli = AppGroup("siasn", help="Kiriman kinerja ke SIASN (BKN).")


@siasn_cli.command("antre")
def antre_command() -> None:
    """Queue every rating of every closed period (a second run adds nothing)."""
    from portal.siasn import outbox

    if outbox.mode() == "mati":
        raise click.UsageError("SIASN_MODE=mati: tidak ada yang diantrekan.")
    jumlah = 0
    for periode in db.session.scalars(select(Periode)):
        kode = [s.kode for s in db.session.scalars(select(SubPeriode).where(
            SubPeriode.periode_id == periode.id, SubPeriode.ditutup))]
        kode += [TAHUNAN] if periode.ditutup else []
        for k in kode:
            jumlah += outbox.antrekan_periode(periode.id, k)
    db.session.commit()
    click.echo(f"{jumlah} penilaian ada di antrean SIASN.")


@siasn_cli.command("kirim")
def kirim_command() -> None:
    """Send what is due (run every few minutes from cron when Redis is not configured)."""
    from portal.siasn import outbox

    hasil = outbox.kirim_jatuh_tempo()
    click.echo(f"SIASN ({outbox.mode()}): {hasil['terkirim']} terkirim, {hasil['antre']} "
               f"menunggu percobaan berikutnya, {hasil['gagal']} gagal.")
