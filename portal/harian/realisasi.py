"""Realization per IKI per sub-period: the person's values, the hint from the daily log, the
submit, and the supervisor's decision."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from flask_babel import format_decimal
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from portal import audit, keputusan, orgtree
from portal.extensions import db
from portal.harian.forms import parse_angka
from portal.harian.notif import clear, notify
from portal.models import (
    BuktiDukung,
    Iki,
    Pegawai,
    Periode,
    ProgresHarian,
    Realisasi,
    RealisasiPeriode,
    Rhk,
    Skp,
    SubPeriode,
)
from portal.models.audit import utcnow
from portal.rules import angka, periode_kode

EDITABLE = ("draf", "dikembalikan")
STATUS_LABEL = {"draf": _l("Draf"), "diajukan": _l("Diajukan"), "diterima": _l("Diterima"),
                "dikembalikan": _l("Dikembalikan")}


def skp_aktif(pegawai_id: int) -> Skp | None:
    return db.session.scalar(
        select(Skp).join(Periode, Periode.id == Skp.periode_id)
        .where(Skp.pegawai_id == pegawai_id, Skp.status == "disetujui", Periode.aktif)
        .options(selectinload(Skp.rhk).selectinload(Rhk.iki)).order_by(Skp.id.desc()).limit(1))


def get_rp(skp: Skp, sub: SubPeriode) -> RealisasiPeriode | None:
    return db.session.scalar(select(RealisasiPeriode).where(
        RealisasiPeriode.skp_id == skp.id, RealisasiPeriode.sub_periode_id == sub.id)
        .options(selectinload(RealisasiPeriode.nilai)))


def output_sums(pegawai_id: int, mulai: date, selesai: date) -> dict[int, Decimal]:
    """Sum of the daily entries' outputs per RHK in a date range (one statement)."""
    rows = db.session.execute(
        select(ProgresHarian.rhk_id, func.coalesce(func.sum(ProgresHarian.output), 0))
        .where(ProgresHarian.pegawai_id == pegawai_id, ProgresHarian.tanggal >= mulai,
               ProgresHarian.tanggal <= selesai).group_by(ProgresHarian.rhk_id)).all()
    return {r[0]: Decimal(r[1]) for r in rows}


def bukti_of(rp: RealisasiPeriode | None) -> list[BuktiDukung]:
    if rp is None:
        return []
    return list(db.session.scalars(select(BuktiDukung).where(
        BuktiDukung.realisasi_periode_id == rp.id).order_by(BuktiDukung.id)))


def read_values(skp: Skp, form) -> tuple[dict[int, tuple], dict[int, str]]:
    """{iki id: (value, note)} from the posted fields, and {iki id: error message}."""
    values, errors = {}, {}
    for rhk in skp.rhk:
        for iki in rhk.iki:
            raw = form.get(f"nilai-{iki.id}", "")
            note = form.get(f"catatan-{iki.id}", "").strip()[:2000] or None
            try:
                value = parse_angka(raw)
            except ValueError:
                values[iki.id] = (raw, note)
                errors[iki.id] = _("Isi dengan angka 0 atau lebih, misalnya 12 atau 2,5.")
                continue
            values[iki.id] = (value, note)
            limit = angka.batas_realisasi(iki.target)
            if value is not None and limit is not None and value > limit:
                values[iki.id] = (raw, note)
                errors[iki.id] = _(
                    "Realisasi %(n)s lebih dari tiga kali target (%(t)s %(s)s); periksa "
                    "angkanya.", n=format_decimal(value), t=format_decimal(iki.target),
                    s=iki.satuan)
    return values, errors


def same_values(rp: RealisasiPeriode, values: dict[int, tuple]) -> bool:
    """The posted values are what is stored (a second send of the same form)."""
    stored = {r.iki_id: (r.nilai, r.catatan) for r in rp.nilai}
    return all(stored.get(k) == v for k, v in values.items())


def ensure_rp(skp: Skp, sub: SubPeriode) -> RealisasiPeriode:
    rp = get_rp(skp, sub)
    if rp is None:
        rp = RealisasiPeriode(skp_id=skp.id, sub_periode_id=sub.id, status="draf")
        db.session.add(rp)
        db.session.flush()
    return rp


def save(skp: Skp, sub: SubPeriode, values: dict[int, tuple], ajukan: bool) -> RealisasiPeriode:
    rp = ensure_rp(skp, sub)
    by_iki = {r.iki_id: r for r in rp.nilai}
    for iki_id, (nilai, catatan) in values.items():
        row = by_iki.get(iki_id)
        if row is None:
            rp.nilai.append(Realisasi(iki_id=iki_id, nilai=nilai, catatan=catatan))
        else:
            row.nilai, row.catatan = nilai, catatan
    if ajukan:
        rp.status, rp.diajukan_pada = "diajukan", utcnow()
        audit.record("realisasi.ajukan", "realisasi_periode", rp.id,
                     sesudah={"sub": sub.kode, "status": "diajukan"})
        boss = orgtree.atasan_of(skp.pegawai)
        if boss is not None:
            notify(boss.id, "realisasi", _("%(n)s mengajukan realisasi %(s)s untuk ditinjau.",
                                           n=skp.pegawai.nama, s=periode_kode.judul(sub.kode)),
                   ("harian.tinjau", {"rp_id": rp.id}))
    db.session.commit()
    return rp


def decide(rp: RealisasiPeriode, decider_id: int, terima: bool, catatan: str | None) -> None:
    """Accept or return; the caller commits (a concurrent decision fails the version check)."""
    audit.record("realisasi.terima" if terima else "realisasi.kembalikan", "realisasi_periode",
                 rp.id, sebelum={"status": rp.status},
                 sesudah={"status": "diterima" if terima else "dikembalikan",
                          "catatan": catatan})
    rp.status = "diterima" if terima else "dikembalikan"
    rp.catatan_atasan = None if terima else catatan
    rp.diputuskan_pada, rp.diputuskan_oleh_id = utcnow(), decider_id
    nama = db.session.get(Pegawai, decider_id).nama
    sub = periode_kode.judul(rp.sub_periode.kode)
    text = _("%(a)s menerima realisasi %(s)s Anda.", a=nama, s=sub) if terima else \
        _("%(a)s mengembalikan realisasi %(s)s Anda untuk diperbaiki.", a=nama, s=sub)
    clear("harian.tinjau", {"rp_id": rp.id})
    notify(rp.skp.pegawai_id, "realisasi", text,
           ("harian.realisasi", {"sub": rp.sub_periode_id}))


def may_decide(rp: RealisasiPeriode, actor: Pegawai) -> bool:
    """May `actor` accept or return this realization today: asked by the single route, the
    bulk route and the review queue alike (portal.keputusan)."""
    return keputusan.boleh_atasan(rp.skp.pegawai, actor)


def queue(actor: Pegawai) -> list[RealisasiPeriode]:
    """Submitted realizations this person may decide today."""
    ids = [p.id for p, _j in orgtree.direct_reports(actor.id)]
    return [rp for rp in waiting_for(ids) if may_decide(rp, actor)]


def waiting_for(pegawai_ids: list[int]) -> list[RealisasiPeriode]:
    """Submitted realizations of these people (for the review list)."""
    if not pegawai_ids:
        return []
    return list(db.session.scalars(
        select(RealisasiPeriode).join(Skp).where(Skp.pegawai_id.in_(pegawai_ids),
                                                 RealisasiPeriode.status == "diajukan")
        .options(selectinload(RealisasiPeriode.skp).selectinload(Skp.pegawai),
                 selectinload(RealisasiPeriode.sub_periode))
        .order_by(RealisasiPeriode.diajukan_pada)))


def review_rows(rp: RealisasiPeriode) -> list[tuple[Rhk, Iki, Realisasi | None]]:
    skp = db.session.scalar(select(Skp).where(Skp.id == rp.skp_id)
                            .options(selectinload(Skp.rhk).selectinload(Rhk.iki)))
    by_iki = {r.iki_id: r for r in rp.nilai}
    return [(rhk, iki, by_iki.get(iki.id)) for rhk in skp.rhk for iki in rhk.iki]
