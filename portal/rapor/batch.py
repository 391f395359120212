"""All rapor of a period as one ZIP: who is in scope, and the job handler that renders them.

Scopes: "bawahan" (the owner's whole subtree, for any atasan), "semua" (the instansi) and
"opd:<unit id>" (one OPD), the last two for the Sekda only. Only people rated for the period
are included. Files go under `instance/unduhan/<job id>/`.
"""
from __future__ import annotations

import zipfile
from pathlib import Path

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from portal import orgtree
from portal.extensions import db
from portal.models import Jabatan, Job, Pegawai, Penilaian, RiwayatJabatan, UnitKerja
from portal.pdf import render_pdf
from portal.rapor import services


def opd_units() -> list[UnitKerja]:
    return db.session.scalars(select(UnitKerja).where(UnitKerja.induk_id.is_(None),
                                                      UnitKerja.aktif)
                              .order_by(UnitKerja.nama)).all()


def scope_choices(is_sekda: bool) -> list[tuple[str, str]]:
    choices = [("bawahan", "Semua bawahan saya")]
    if is_sekda:
        choices.append(("semua", "Seluruh instansi"))
        choices += [(f"opd:{u.id}", u.nama) for u in opd_units()]
    return choices


def period_choices() -> list[tuple[str, str]]:
    from portal.models import Periode
    from portal.rules import periode_kode

    out = []
    for periode in db.session.scalars(select(Periode).order_by(Periode.tahun.desc())):
        for sub in periode.sub_periode:
            label = periode_kode.judul(sub.kode)
            out.append((sub.kode_lengkap, f"{label} {periode.tahun}"))
        out.append((str(periode.tahun), f"Tahunan {periode.tahun}"))
    return out


def _unit_ids(root_id: int):
    down = select(UnitKerja.id.label("uid")).where(UnitKerja.id == root_id).cte(
        "units", recursive=True)
    return down.union_all(select(UnitKerja.id).join(down, UnitKerja.induk_id == down.c.uid))


def rated_in_scope(owner_id: int, scope: str, period: services.Period) -> list[Pegawai]:
    q = (select(Pegawai).join(Penilaian, Penilaian.pegawai_id == Pegawai.id)
         .where(Penilaian.periode_id == period.periode.id, Penilaian.kode == period.kode))
    if scope == "bawahan":
        q = q.where(Pegawai.id.in_(orgtree.subtree_pegawai_ids(owner_id)))
    elif scope.startswith("opd:"):
        units = _unit_ids(int(scope[4:]))
        seats = select(RiwayatJabatan.pegawai_id).join(
            Jabatan, Jabatan.id == RiwayatJabatan.jabatan_id).where(
            Jabatan.unit_id.in_(select(units.c.uid)),
            orgtree.holder_current(period.selesai if period.sub else period.periode.selesai))
        q = q.where(Pegawai.id.in_(seats))
    return db.session.scalars(q.order_by(Pegawai.nama)).all()


class GagalSemua(Exception):
    """Not one rapor of the batch could be rendered."""

    def __init__(self, contoh: str):
        super().__init__(_("Tidak satu pun rapor berhasil dibuat. Contoh kesalahan: %(e)s",
                           e=contoh))


def build_zip(job: Job, progress) -> str:
    """Render each rapor to a file (one failure does not stop the rest), then zip them."""
    params = job.param
    period = services.period_or_404(params["periode"])
    people = rated_in_scope(job.owner_id, params["cakupan"], period)
    progress(done=0, total=len(people))
    folder = Path(current_app.instance_path) / "unduhan" / str(job.id)
    folder.mkdir(parents=True, exist_ok=True)
    names = []
    for i, pegawai in enumerate(people, start=1):
        name = f"rapor-{pegawai.nip}-{period.code}.pdf"
        try:
            penilaian = services.penilaian_of(pegawai.id, period)
            data = render_pdf("pdf/rapor.html",
                              **services.rapor_context(pegawai, period, penilaian))
            (folder / name).write_bytes(data)
            names.append(name)
            progress(done=i)
        except Exception as exc:  # one broken document must not stop the batch
            if type(exc).__name__ == "JobTimeoutException":
                raise  # RQ's job_timeout: the whole job is over, not this document
            db.session.rollback()
            current_app.logger.exception("rapor %s gagal", pegawai.nip)
            progress(done=i, failure=f"{pegawai.nama_lengkap} ({pegawai.nip}): {exc}"[:300])
    if people and not names:  # nothing to put in the ZIP: the job failed, say why
        raise GagalSemua(job.failure_list[-1] if job.failure_list else "")
    zip_name = f"rapor-{period.code}-{job.id}.zip"
    with zipfile.ZipFile(folder / zip_name, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in names:
            archive.write(folder / name, arcname=name)
            (folder / name).unlink()
    return f"unduhan/{job.id}/{zip_name}"
