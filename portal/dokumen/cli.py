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


@dokumen_cli.command("periksa")
@click.argument("berkas", type=click.Path(exists=True, dir_okay=False))
@click.option("--ca", "ca_path", type=click.Path(exists=True, dir_okay=False), default=None,
              help="Sertifikat akar (PEM) yang dipercaya; bawaan: CA demo di instance/dokumen/.")
def periksa(berkas: str, ca_path: str | None) -> None:
    """Check a PDF: its signature (pyHanko) and whether the register holds these exact bytes."""
    import hashlib

    from portal.dokumen.signer import demo_ca_path, validate
    from portal.models import Dokumen

    data = Path(berkas).read_bytes()
    ca = ca_path or demo_ca_path(current_app.instance_path)
    try:
        status = validate(data, ca)
    except Exception as exc:  # noqa: BLE001 - any unreadable file is reported, not a traceback
        raise click.ClickException(f"Tanda tangan tidak dapat diperiksa: {exc}") from exc
    sha = hashlib.sha256(data).hexdigest()
    row = db.session.scalar(select(Dokumen).where(Dokumen.sha256 == sha))
    click.echo(f"Tanda tangan utuh: {'ya' if status.intact else 'TIDAK'}; "
               f"sah: {'ya' if status.valid else 'TIDAK'}; "
               f"dipercaya: {'ya' if status.trusted else 'TIDAK'}")
    click.echo(f"Terdaftar: {row.nomor} ({row.status})" if row else
               "Terdaftar: TIDAK (bukan salinan persis dokumen terbitan)")
    if not (status.bottom_line and row is not None):
        raise SystemExit(1)


@dokumen_cli.command("cabut")
@click.argument("nomor")
@click.option("--alasan", required=True, help="Alasan pencabutan (dicatat di jejak audit).")
def cabut(nomor: str, alasan: str) -> None:
    """Withdraw an issued document: its public page then says WITHDRAWN."""
    from portal.dokumen import register
    from portal.models import Dokumen

    row = db.session.scalar(select(Dokumen).where(Dokumen.nomor == nomor))
    if row is None:
        raise click.ClickException(f"Tidak ada dokumen bernomor {nomor}.")
    if not register.cabut(row, alasan):
        click.echo(f"Dokumen {nomor} sudah dicabut.")
        return
    db.session.commit()
    click.echo(f"Dokumen {nomor} dicabut.")
