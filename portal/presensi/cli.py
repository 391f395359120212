"""`flask presensi impor BERKAS`: a machine file of any size (a whole province's month) read,
checked and applied in one transaction by the same service as the admin's upload."""
from __future__ import annotations

import json
import time
from pathlib import Path

import click
from flask.cli import AppGroup

from portal import audit
from portal.extensions import db
from portal.presensi import mesin
from portal.presensi.berkas_mesin import BerkasError

presensi_cli = AppGroup("presensi", help="Presensi: impor berkas mesin.")


@presensi_cli.command("impor")
@click.argument("berkas", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--periksa-saja", is_flag=True, help="Hanya periksa; tidak ada yang disimpan.")
def impor_command(berkas: Path, periksa_saja: bool) -> None:
    """Periksa lalu terapkan berkas mesin (CSV/XLSX), semua atau tidak sama sekali."""
    start = time.perf_counter()
    try:
        if periksa_saja:
            ringkas, changed = mesin.periksa(berkas), None
        else:
            ringkas, changed = mesin.terapkan(berkas)
            audit.record("impor_presensi", "impor", None, sesudah={
                "berkas": berkas.name, "baris": ringkas.baris, "dipakai": ringkas.dipakai,
                "hari_diubah": changed})
            db.session.commit()
    except BerkasError as e:
        db.session.rollback()
        raise click.ClickException(str(e)) from e
    summary = ringkas.as_dict() | {"diubah": changed,
                                   "detik": round(time.perf_counter() - start, 1)}
    summary.pop("pesan")
    click.echo(json.dumps(summary, ensure_ascii=False))
    for jenis, lines in ringkas.pesan.items():
        for nomor, value in lines[:10]:
            click.echo(f"baris {nomor}: {mesin.pesan(jenis, value)}")
