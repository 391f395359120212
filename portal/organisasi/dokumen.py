"""The printed shortlist (daftar pendek talenta): who is on it, where they sit today and their
predikat history. A fixed number of statements whatever the number of members."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select

from portal import orgtree
from portal.extensions import db
from portal.models import Instansi, Jabatan, Pegawai, Penilaian, Periode, RiwayatJabatan
from portal.models.penilaian import TAHUNAN
from portal.organisasi.ekspor import unit_paths
from portal.rules.predikat import PREDIKAT_LABEL
from portal.rules.tanggal import tanggal_indonesia


def riwayat_predikat(ids: list[int]) -> dict[int, list[str]]:
    """Per person, every predikat on record, oldest first: "2025 Tahunan: Baik"."""
    rows = db.session.execute(
        select(Penilaian.pegawai_id, Periode.tahun, Penilaian.kode, Penilaian.predikat)
        .join(Periode, Periode.id == Penilaian.periode_id)
        .where(Penilaian.pegawai_id.in_(ids))).all()
    # Within a year the sub-periods come before the annual rating.
    rows.sort(key=lambda r: (r.tahun, r.kode == TAHUNAN, r.kode))
    out: dict[int, list[str]] = {}
    for r in rows:
        kode = "Tahunan" if r.kode == TAHUNAN else r.kode
        out.setdefault(r.pegawai_id, []).append(
            f"{r.tahun} {kode}: {PREDIKAT_LABEL.get(r.predikat, r.predikat)}")
    return out


def kursi(ids: list[int], today: date) -> dict[int, tuple[str, int]]:
    """Per person, the seat held today: (jabatan, unit id)."""
    rows = db.session.execute(
        select(RiwayatJabatan.pegawai_id, Jabatan.nama, Jabatan.unit_id)
        .join(Jabatan, Jabatan.id == RiwayatJabatan.jabatan_id)
        .where(RiwayatJabatan.pegawai_id.in_(ids), orgtree.holder_current(today))).all()
    return {r.pegawai_id: (r.nama, r.unit_id) for r in rows}


def context(daftar, today: date) -> dict:
    members = [a.pegawai for a in daftar.anggota]
    ids = [p.id for p in members]
    seats, history, paths = kursi(ids, today), riwayat_predikat(ids), unit_paths()
    rows = []
    for p in members:
        jabatan, unit_id = seats.get(p.id, ("", None))
        rows.append({"nama": p.nama_lengkap, "nip": p.nip, "jabatan": jabatan,
                     "unit": paths.get(unit_id, "") if unit_id else "",
                     "golongan": p.pangkat_golongan or "-", "riwayat": history.get(p.id, [])})
    pembuat = db.session.get(Pegawai, daftar.pemilik_id)
    instansi = db.session.scalar(select(Instansi).limit(1))
    return {"daftar": daftar, "rows": rows, "pembuat": pembuat, "instansi": instansi,
            "dibuat": tanggal_indonesia(daftar.dibuat_pada.date()),
            "dicetak": tanggal_indonesia(today)}
