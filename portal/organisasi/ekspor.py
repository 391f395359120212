"""Exports for other systems: periods, ratings (penilaian) and the rapor index.

Each export is one aggregate statement read in batches (plus the unit names and the year
closures, one statement each), whatever the number of rows. Ratings and the rapor index cover
everyone for the Sekda (`viewer_id` None) and the subtree for an atasan, as the rights table
of docs/domain.md gives read access to ratings and rapor down the whole chain; periods are org data
(Sekda and admin).
"""
from __future__ import annotations

import json
from collections.abc import Iterator

from sqlalchemy import case, select

from portal import orgtree
from portal.extensions import db
from portal.models import (
    Keberatan,
    Pegawai,
    Penilaian,
    Periode,
    SubPeriode,
    UnitKerja,
)
from portal.rules import periode_kode
from portal.rules.predikat import PREDIKAT_LABEL, RATING_LABEL

BATCH = 500

PERIODE_HEADER = ["Kode", "Tahun", "Jenis", "Nomor", "Mulai", "Selesai", "Periode Aktif",
                  "Ditutup"]
PENILAIAN_HEADER = ["NIP", "Nama", "Unit Kerja", "Jabatan", "Periode", "Hasil Kerja",
                    "Perilaku Kerja", "Predikat", "Status", "Dinilai Pada", "Diterima Pada"]
RAPOR_HEADER = ["NIP", "Nama", "Unit Kerja", "Periode", "Label Periode", "Predikat",
                "Dinilai Pada", "URL Rapor"]


def unit_paths() -> dict[int, str]:
    """Every unit's path from its OPD ("Dinas Kesehatan / Bidang P2P / …"), one statement."""
    units = {u.id: u for u in db.session.execute(
        select(UnitKerja.id, UnitKerja.induk_id, UnitKerja.nama)).all()}
    paths: dict[int, str] = {}

    def path(uid: int, depth: int = 0) -> str:
        if uid not in paths:
            u = units[uid]
            above = path(u.induk_id, depth + 1) if u.induk_id in units and depth < 50 else ""
            paths[uid] = f"{above} / {u.nama}" if above else u.nama
        return paths[uid]

    for uid in units:
        path(uid)
    return paths


def nama_lengkap(gelar_depan: str | None, nama: str, gelar_belakang: str | None) -> str:
    """As `Pegawai.nama_lengkap`, from plain columns (no entity loaded per row)."""
    depan = f"{gelar_depan} " if gelar_depan else ""
    belakang = f", {gelar_belakang}" if gelar_belakang else ""
    return f"{depan}{nama}{belakang}"


def _ya(flag: bool) -> str:
    return "ya" if flag else "tidak"


def periode_rows() -> Iterator[list]:
    """One row per year (kode = the year, the annual rating) and one per sub-period."""
    periodes = db.session.scalars(select(Periode).order_by(Periode.tahun)).all()
    subs = _subs_by_periode()
    for p in periodes:
        year_closed = p.is_closed
        yield [str(p.tahun), p.tahun, "tahunan", 0, p.mulai.isoformat(), p.selesai.isoformat(),
               _ya(p.aktif), _ya(year_closed)]
        for s in subs.get(p.id, []):
            yield [periode_kode.url_code(p.tahun, s.kode), p.tahun, p.jenis_sub, s.nomor,
                   s.mulai.isoformat(), s.selesai.isoformat(), _ya(p.aktif),
                   _ya(s.ditutup or year_closed)]


def _subs_by_periode() -> dict[int, list]:
    out: dict[int, list] = {}
    for s in db.session.scalars(select(SubPeriode).order_by(SubPeriode.periode_id,
                                                            SubPeriode.nomor)):
        out.setdefault(s.periode_id, []).append(s)
    return out


def _status():
    """The rating's state: an objection decided or pending, acknowledged, or waiting."""
    return case(
        (Keberatan.keputusan.is_not(None), "keberatan diputuskan (" + Keberatan.keputusan + ")"),
        (Keberatan.id.is_not(None), "keberatan diajukan"),
        (Penilaian.diterima_pada.is_not(None), "diterima"),
        else_="menunggu tanggapan")


def _ratings(viewer_id: int | None, tahun: int | None):
    q = (select(Pegawai.nip, Pegawai.gelar_depan, Pegawai.nama, Pegawai.gelar_belakang,
                Periode.tahun, Penilaian.kode, Penilaian.hasil_kerja, Penilaian.perilaku_kerja,
                Penilaian.predikat, _status().label("status"), Penilaian.dinilai_pada,
                Penilaian.diterima_pada, Penilaian.identitas)
         .join(Pegawai, Pegawai.id == Penilaian.pegawai_id)
         .join(Periode, Periode.id == Penilaian.periode_id)
         .outerjoin(Keberatan, Keberatan.penilaian_id == Penilaian.id))
    if viewer_id is not None:
        q = q.where(Penilaian.pegawai_id.in_(orgtree.subtree_pegawai_ids(viewer_id)))
    if tahun is not None:
        q = q.where(Periode.tahun == tahun)
    return db.session.execute(q.order_by(Periode.tahun, Penilaian.kode, Pegawai.nip)
                              .execution_options(yield_per=BATCH))


def _frozen(identitas: str | None) -> dict:
    """The person's identity block frozen on the rating (unit and jabatan as rated)."""
    try:
        data = json.loads(identitas or "{}")
    except ValueError:
        return {}
    block = data.get("pegawai") if isinstance(data, dict) else None
    return block if isinstance(block, dict) else {}


def _when(value) -> str:
    return value.isoformat(sep=" ", timespec="minutes") if value else ""


def penilaian_rows(viewer_id: int | None, tahun: int | None = None) -> Iterator[list]:
    for r in _ratings(viewer_id, tahun):
        frozen = _frozen(r.identitas)
        yield [r.nip, nama_lengkap(r.gelar_depan, r.nama, r.gelar_belakang),
               frozen.get("unit_kerja", ""), frozen.get("jabatan", ""),
               periode_kode.url_code(r.tahun, r.kode),
               RATING_LABEL.get(r.hasil_kerja, r.hasil_kerja),
               RATING_LABEL.get(r.perilaku_kerja, r.perilaku_kerja),
               PREDIKAT_LABEL.get(r.predikat, r.predikat), r.status, _when(r.dinilai_pada),
               _when(r.diterima_pada)]


def rapor_rows(viewer_id: int | None, tahun: int | None = None) -> Iterator[list]:
    """A rapor exists for every rating given; its stable URL is /rapor/<nip>/<period>.pdf."""
    for r in _ratings(viewer_id, tahun):
        code = periode_kode.url_code(r.tahun, r.kode)
        label = periode_kode.label(r.kode)
        yield [r.nip, nama_lengkap(r.gelar_depan, r.nama, r.gelar_belakang),
               _frozen(r.identitas).get("unit_kerja", ""), code, f"{label} {r.tahun}",
               PREDIKAT_LABEL.get(r.predikat, r.predikat), _when(r.dinilai_pada),
               f"/rapor/{r.nip}/{code}.pdf"]


def years() -> list[int]:
    return list(db.session.scalars(select(Periode.tahun).order_by(Periode.tahun.desc())))
