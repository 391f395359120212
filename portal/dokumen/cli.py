"""Operator commands: `flask dokumen sertifikat-demo`, `segel-demo`, `cabut NOMOR`."""
from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy import select

from portal.extensions import db

dokumen_cli = AppGroup("dokumen", help="Dokumen terbitan: sertifikat, segel, pencabutan.")


@dokumen_cli.command("sertifikat-demo")
def sertifikat_demo() -> None:
    """Make a demo CA and instansi certificate under instance/dokumen/ when none is configured."""
    from portal.dokumen.register import instansi_nama
    from portal.dokumen.signer import make_demo_certificate

    if current_app.config.get("DOKUMEN_P12_PATH"):
        click.echo("Sertifikat instansi sudah dikonfigurasi (DOKUMEN_P12_PATH).")
        return
    p12 = make_demo_certificate(current_app.instance_path, instansi_nama())
    click.echo(f"Sertifikat demo: {p12}")
    click.echo(f"CA demo untuk verifikasi: {Path(p12).parent / 'demo-ca.pem'}")


@dokumen_cli.command("segel-demo")
def segel_demo() -> None:
    """Seal every final rapor of the last closed year (the demo's past year)."""
    from portal.dokumen.demo import seal_past_year

    count = seal_past_year()
    click.echo(f"{count} rapor tahun lalu tersegel dan dapat diverifikasi.")


@dokumen_cli.command("cabut")
@click.argument("nomor")
@click.option("--alasan", required=True, help="Alasan pencabutan (dicatat di jejak audit).")
def cabut(nomor: str, alasan: str) -> None:
    """Withdraw an issued document: its public page then says WITHDRAWN."""
    from portal import audit
    from portal.dokumen import register
    from portal.models import Dokumen

    row = db.session.scalar(select(Dokumen).where(Dokumen.nomor == nomor))
    if row is None:
        raise click.ClickException(f"Tidak ada dokumen bernomor {nomor}.")
    if row.status == "dicabut":
        click.echo(f"Dokumen {nomor} sudah dicabut.")
        return
    before = row.status
    register.withdraw(row, alasan.strip()[:1000])
    audit.record("dokumen.cabut", "dokumen", row.id, sebelum={"status": before},
                 sesudah={"status": "dicabut", "alasan": row.alasan_status})
    db.session.commit()
    click.echo(f"Dokumen {nomor} dicabut.")
