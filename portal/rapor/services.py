"""Queries that gather a rapor, a Dokumen SKP and a track record (a bounded number of statements
each, whatever the number of RHK or periods)."""
from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass

from flask import abort
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from portal import clock
from portal.extensions import db
from portal.models import (
    Instansi,
    Pegawai,
    Penilaian,
    Periode,
    Prestasi,
    RatingOrganisasi,
    Realisasi,
    RealisasiPeriode,
    Rhk,
    RiwayatJabatan,
    Skp,
    SubPeriode,
    UmpanBalik,
)
from portal.rules import berakhlak, periode_kode
from portal.rules.tanggal import tanggal_indonesia

RATING_LABEL = {"di_atas": "Di Atas Ekspektasi", "sesuai": "Sesuai Ekspektasi",
                "di_bawah": "Di Bawah Ekspektasi"}
PREDIKAT_LABEL = {"sangat_baik": "Sangat Baik", "baik": "Baik",
                  "butuh_perbaikan": "Butuh Perbaikan", "kurang": "Kurang/Misconduct",
                  "sangat_kurang": "Sangat Kurang"}
ORG_LABEL = {"istimewa": "Istimewa", "baik": "Baik", "butuh_perbaikan": "Butuh Perbaikan",
             "kurang": "Kurang", "sangat_kurang": "Sangat Kurang"}


@dataclass
class Period:
    """A resolved URL period: the year's Periode, the kode and its sub-period (None: annual)."""

    periode: Periode
    kode: str
    sub: SubPeriode | None

    @property
    def code(self) -> str:
        return periode_kode.url_code(self.periode.tahun, self.kode)

    @property
    def mulai(self):
        return self.sub.mulai if self.sub else self.periode.mulai

    @property
    def selesai(self):
        return self.sub.selesai if self.sub else self.periode.selesai


def period_or_404(code: str) -> Period:
    parsed = periode_kode.parse(code)
    if parsed is None:
        abort(404)
    tahun, kode = parsed
    periode = db.session.scalar(select(Periode).where(Periode.tahun == tahun))
    if periode is None:
        abort(404)
    sub = None
    if kode != periode_kode.TAHUNAN:
        sub = next((s for s in periode.sub_periode if s.kode == kode), None)
        if sub is None:
            abort(404)
    return Period(periode, kode, sub)


def penilaian_of(pegawai_id: int, period: Period) -> Penilaian | None:
    return db.session.scalar(select(Penilaian).where(
        Penilaian.pegawai_id == pegawai_id, Penilaian.periode_id == period.periode.id,
        Penilaian.kode == period.kode))


def instansi() -> Instansi | None:
    return db.session.scalar(select(Instansi).limit(1))


def approved_skp(pegawai_id: int, periode_id: int, skp_id: int | None = None) -> Skp | None:
    q = (select(Skp).options(
        selectinload(Skp.rhk).selectinload(Rhk.iki),
        selectinload(Skp.rhk).selectinload(Rhk.rhk_atasan),
        selectinload(Skp.ekspektasi))
        .where(Skp.pegawai_id == pegawai_id, Skp.periode_id == periode_id))
    q = q.where(Skp.id == skp_id) if skp_id else q.where(Skp.status == "disetujui")
    return db.session.scalars(q.order_by(Skp.mulai.desc())).first()


def _realisasi(skp: Skp, period: Period) -> dict[int, Realisasi]:
    """Realized value per IKI: that sub-period's, or for the year the latest one given."""
    q = (select(Realisasi, SubPeriode.nomor)
         .join(RealisasiPeriode, Realisasi.realisasi_periode_id == RealisasiPeriode.id)
         .join(SubPeriode, SubPeriode.id == RealisasiPeriode.sub_periode_id)
         .where(RealisasiPeriode.skp_id == skp.id))
    if period.sub is not None:
        q = q.where(RealisasiPeriode.sub_periode_id == period.sub.id)
    out: dict[int, Realisasi] = {}
    for real, _nomor in db.session.execute(q.order_by(SubPeriode.nomor)).all():
        if real.nilai is not None or real.iki_id not in out:
            out[real.iki_id] = real
    return out


def _umpan_balik(pegawai_id: int, skp: Skp, period: Period):
    """The supervisor's feedback threads (roots) of the period, per RHK and per value."""
    q = select(UmpanBalik).where(UmpanBalik.pegawai_id == pegawai_id,
                                 UmpanBalik.induk_id.is_(None))
    if period.sub is not None:
        q = q.where((UmpanBalik.sub_periode_id == period.sub.id)
                    | UmpanBalik.sub_periode_id.is_(None))
    per_rhk, per_nilai = defaultdict(list), defaultdict(list)
    rhk_ids = {r.id for r in skp.rhk}
    for ub in db.session.scalars(q.order_by(UmpanBalik.waktu)):
        if ub.rhk_id in rhk_ids:
            per_rhk[ub.rhk_id].append(ub.teks)
        elif ub.nilai_perilaku:
            per_nilai[ub.nilai_perilaku].append(ub.teks)
    return per_rhk, per_nilai


def capaian_organisasi(penilaian: Penilaian, skp: Skp | None) -> str:
    """The org rating on the rating itself, else the OPD's, else the instansi's."""
    if penilaian.capaian_organisasi:
        return ORG_LABEL.get(penilaian.capaian_organisasi, penilaian.capaian_organisasi)
    ratings = db.session.scalars(select(RatingOrganisasi).where(
        RatingOrganisasi.periode_id == penilaian.periode_id,
        RatingOrganisasi.kode == penilaian.kode)).all()
    opd_id = skp.jabatan.unit.path()[0].id if skp else None
    chosen = next((r for r in ratings if r.unit_id == opd_id and opd_id), None) \
        or next((r for r in ratings if r.unit_id is None), None)
    return ORG_LABEL.get(chosen.rating, chosen.rating) if chosen else "Belum ditetapkan"


def skp_rows(skp: Skp, realisasi: dict | None = None, per_rhk: dict | None = None) -> list[dict]:
    rows = []
    for rhk in (r for r in skp.rhk if not r.diarsipkan):
        rows.append({"rhk": rhk, "atasan": rhk.rhk_atasan.teks if rhk.rhk_atasan else "",
                     "iki": [(iki, (realisasi or {}).get(iki.id)) for iki in rhk.iki],
                     "umpan_balik": (per_rhk or {}).get(rhk.id, [])})
    return rows


def perilaku_rows(skp: Skp | None, per_nilai: dict | None = None) -> list[dict]:
    khusus = {e.nilai: e.teks for e in (skp.ekspektasi if skp else [])}
    return [{"label": label, "pedoman": guides, "ekspektasi": khusus.get(kode, ""),
             "umpan_balik": (per_nilai or {}).get(kode, [])}
            for kode, label, guides in berakhlak.NILAI]


def rapor_context(pegawai: Pegawai, period: Period, penilaian: Penilaian) -> dict:
    skp = approved_skp(pegawai.id, period.periode.id, penilaian.skp_id)
    realisasi, per_rhk, per_nilai = {}, {}, {}
    if skp is not None:
        realisasi = _realisasi(skp, period)
        per_rhk, per_nilai = _umpan_balik(pegawai.id, skp, period)
    place = instansi()
    return {
        "instansi": place, "period": period, "penilaian": penilaian,
        "identitas": json.loads(penilaian.identitas or "{}"),
        "periode_label": periode_kode.label(period.kode),
        "mulai": tanggal_indonesia(period.mulai), "selesai": tanggal_indonesia(period.selesai),
        "tanggal_ttd": tanggal_indonesia(period.selesai),
        "capaian": capaian_organisasi(penilaian, skp),
        "predikat": PREDIKAT_LABEL.get(penilaian.predikat, penilaian.predikat),
        "hasil_kerja": RATING_LABEL.get(penilaian.hasil_kerja, penilaian.hasil_kerja),
        "perilaku_kerja": RATING_LABEL.get(penilaian.perilaku_kerja, penilaian.perilaku_kerja),
        "rhk_rows": skp_rows(skp, realisasi, per_rhk) if skp else [],
        "perilaku": perilaku_rows(skp, per_nilai), "nip": pegawai.nip,
    }


def skp_context(pegawai: Pegawai, skp: Skp) -> dict:
    from portal.rapor.identitas import block, snapshot

    ident = snapshot(pegawai, skp.jabatan)
    ident["pegawai"] = block(pegawai, skp.jabatan)
    return {"instansi": instansi(), "skp": skp, "identitas": ident, "nip": pegawai.nip,
            "mulai": tanggal_indonesia(skp.mulai), "selesai": tanggal_indonesia(skp.selesai),
            "tanggal_ttd": tanggal_indonesia(skp.disetujui_pada.date() if skp.disetujui_pada
                                             else skp.mulai),
            "rhk_rows": skp_rows(skp), "perilaku": perilaku_rows(skp)}


def riwayat_context(pegawai: Pegawai) -> dict:
    ratings = db.session.execute(
        select(Penilaian, Periode.tahun).join(Periode, Periode.id == Penilaian.periode_id)
        .where(Penilaian.pegawai_id == pegawai.id)
        .order_by(Periode.tahun, Penilaian.kode)).all()
    rows = [{"code": periode_kode.url_code(tahun, p.kode),
             "label": f"{periode_kode.judul(p.kode)} {tahun}",
             "hasil_kerja": RATING_LABEL.get(p.hasil_kerja, p.hasil_kerja),
             "perilaku_kerja": RATING_LABEL.get(p.perilaku_kerja, p.perilaku_kerja),
             "predikat": PREDIKAT_LABEL.get(p.predikat, p.predikat), "kode": p.predikat}
            for p, tahun in ratings]
    jabatan = db.session.scalars(
        select(RiwayatJabatan).where(RiwayatJabatan.pegawai_id == pegawai.id)
        .order_by(RiwayatJabatan.mulai)).all()
    prestasi = db.session.scalars(
        select(Prestasi).where(Prestasi.pegawai_id == pegawai.id,
                               Prestasi.status == "diverifikasi")
        .order_by(Prestasi.tanggal.desc())).all()
    skp_tahun = db.session.scalars(
        select(Periode.tahun).join(Skp, Skp.periode_id == Periode.id)
        .where(Skp.pegawai_id == pegawai.id, Skp.status == "disetujui")
        .distinct().order_by(Periode.tahun.desc())).all()
    return {"pegawai": pegawai, "ratings": rows, "jabatan": jabatan, "prestasi": prestasi,
            "skp_tahun": skp_tahun,
            "timeline": timeline(jabatan), "instansi": instansi(), "nip": pegawai.nip}


def timeline(jabatan: list[RiwayatJabatan], width: int = 600) -> list[dict]:
    """Bars of an SVG timeline (x and width in SVG units) for the positions held."""

    if not jabatan:
        return []
    start = min(r.mulai for r in jabatan)
    end = max((r.selesai or clock.today()) for r in jabatan)
    span = max((end - start).days, 1)
    bars = []
    for i, r in enumerate(jabatan):
        x = round((r.mulai - start).days / span * width)
        w = max(round(((r.selesai or clock.today()) - r.mulai).days / span * width), 2)
        bars.append({"x": x, "y": 4 + i * 22, "w": w, "label": r.jabatan.nama,
                     "tahun": r.mulai.year})
    return bars

