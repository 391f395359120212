"""Queries and state changes of the plan (SKP): creation, the recorded transition, what may no
longer change. Submitting, approving, returning and revising are in pengajuan.py.

Views stay short; every rule that touches more than one row lives here.
"""
from __future__ import annotations

from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from portal import audit, orgtree
from portal.extensions import db
from portal.models import (
    Iki,
    Jabatan,
    Pegawai,
    Penilaian,
    Periode,
    ProgramPrioritas,
    ProgresHarian,
    Realisasi,
    Rhk,
    Skp,
    SkpTransisi,
    UmpanBalik,
)
from portal.models.audit import utcnow
from portal.models.penilaian import TAHUNAN

EDITABLE = ("draf", "dikembalikan")


def periode_of_year(tahun: int | None) -> Periode | None:
    if tahun:
        if not 1900 <= tahun <= 9999:  # no such period; and the database could not hold it
            return None
        return db.session.scalar(select(Periode).where(Periode.tahun == tahun))
    return db.session.scalar(select(Periode).where(Periode.aktif))


def all_periode() -> list[Periode]:
    return list(db.session.scalars(select(Periode).order_by(Periode.tahun.desc())))


def skp_of(pegawai_id: int, periode_id: int) -> Skp | None:
    """The person's latest SKP of a period (after a move, the one of the new seat)."""
    return db.session.scalar(
        select(Skp).where(Skp.pegawai_id == pegawai_id, Skp.periode_id == periode_id)
        .order_by(Skp.mulai.desc(), Skp.id.desc()).limit(1))


def load_skp(skp_id: int) -> Skp | None:
    return db.session.scalar(
        select(Skp).where(Skp.id == skp_id).options(
            selectinload(Skp.rhk).selectinload(Rhk.iki),
            selectinload(Skp.rhk).selectinload(Rhk.program),
            selectinload(Skp.rhk).selectinload(Rhk.kolaborator),
            selectinload(Skp.rhk).selectinload(Rhk.rhk_atasan),
            selectinload(Skp.ekspektasi)))


def is_top(seat: Jabatan | None) -> bool:
    """The Sekda's seat: its RHK serve priority programs instead of an atasan's RHK."""
    return seat is not None and seat.atasan_id is None


def has_perspektif(seat: Jabatan | None) -> bool:
    """JPT (eselon II heads and the Sekda) give their RHK a perspektif."""
    return seat is not None and (seat.atasan_id is None or seat.eselon in ("I", "II"))


def atasan_skp(pegawai: Pegawai, periode: Periode) -> tuple[Pegawai | None, Skp | None]:
    boss = orgtree.atasan_of(pegawai)
    if boss is None:
        return None, None
    return boss, skp_of(boss.id, periode.id)


def parent_rhk_choices(skp: Skp) -> list[Rhk]:
    """The supervisor's approved, active RHK of the same period: what an RHK may intervene."""
    boss = orgtree.atasan_of(skp.pegawai)
    if boss is None:
        return []
    return list(db.session.scalars(
        select(Rhk).join(Skp, Skp.id == Rhk.skp_id)
        .where(Skp.pegawai_id == boss.id, Skp.periode_id == skp.periode_id,
               Skp.status == "disetujui", Rhk.diarsipkan.is_(False))
        .order_by(Rhk.urutan, Rhk.id)))


def programs_of(tahun: int, only_active: bool = True) -> list[ProgramPrioritas]:
    q = select(ProgramPrioritas).where(ProgramPrioritas.tahun == tahun)
    if only_active:
        q = q.where(ProgramPrioritas.aktif)
    return list(db.session.scalars(q.order_by(ProgramPrioritas.urutan, ProgramPrioritas.id)))


def why_cannot_create(pegawai: Pegawai, periode: Periode) -> str | None:
    """None when the person may start an SKP; otherwise the reason, naming who is waited for."""
    if skp_of(pegawai.id, periode.id) is not None:
        return _("SKP periode %(t)s sudah ada; satu pegawai hanya punya satu SKP per periode.",
                 t=periode.tahun)
    seat = orgtree.current_seat(pegawai.id)
    if seat is None:
        return _("Anda tidak memegang jabatan, sehingga belum dapat menyusun SKP.")
    if is_top(seat):
        return None
    boss, boss_skp = atasan_skp(pegawai, periode)
    if boss is None:
        return None
    if boss_skp is None or boss_skp.status != "disetujui":
        return _("SKP atasan Anda, %(nama)s, untuk periode %(t)s belum disetujui. Anda menunggu "
                 "SKP atasan disetujui sebelum dapat menyusun SKP.", nama=boss.nama_lengkap,
                 t=periode.tahun)
    return None


def create_skp(pegawai: Pegawai, periode: Periode, copy_last: bool = False) -> Skp:
    seat = orgtree.current_seat(pegawai.id)
    skp = Skp(pegawai_id=pegawai.id, periode_id=periode.id, jabatan_id=seat.id, status="draf",
              mulai=periode.mulai, selesai=periode.selesai)
    if copy_last:
        last = db.session.scalar(
            select(Skp).join(Periode, Periode.id == Skp.periode_id)
            .where(Skp.pegawai_id == pegawai.id, Periode.tahun < periode.tahun)
            .order_by(Periode.tahun.desc(), Skp.mulai.desc()).limit(1))
        if last is not None:
            _copy_into(skp, load_skp(last.id))
    db.session.add(skp)
    db.session.flush()
    # Stored notes are records, written once in the portal's language (not translated per reader).
    transition(skp, None, "draf", "Disalin dari SKP periode lalu" if copy_last else None)
    return skp


def _copy_into(skp: Skp, source: Skp) -> None:
    """Copy text rows; links to last year's RHK atasan are not valid this year and are dropped."""
    for name in ("lampiran_sumber_daya", "lampiran_skema", "lampiran_konsekuensi"):
        setattr(skp, name, getattr(source, name))
    for rhk in source.rhk:
        if rhk.diarsipkan:
            continue
        new = Rhk(jenis=rhk.jenis, teks=rhk.teks, perspektif=rhk.perspektif, urutan=rhk.urutan)
        for iki in rhk.iki:
            new.iki.append(Iki(aspek=iki.aspek, indikator=iki.indikator, target=iki.target,
                               satuan=iki.satuan, urutan=iki.urutan))
        skp.rhk.append(new)


def transition(skp: Skp, dari: str | None, ke: str, catatan: str | None = None,
                atas_nama: str | None = None, oleh_id: int | None = None) -> None:
    from flask import has_request_context
    from flask_login import current_user

    if oleh_id is None and has_request_context() and current_user.is_authenticated:
        oleh_id = current_user.id
    db.session.add(SkpTransisi(skp_id=skp.id, dari=dari, ke=ke, oleh_id=oleh_id,
                               atas_nama=atas_nama, catatan=catatan))
    audit.record(f"skp.{ke}", "skp", skp.id, sebelum={"status": dari},
                 sesudah={"status": ke, "catatan": catatan}, atas_nama=atas_nama,
                 aktor_id=oleh_id)


def locked_reason(skp: Skp) -> str | None:
    """Why this SKP may no longer change at all (None: it may): its year is closed, or the
    owner's annual rating of that year is given (the rapor shows the approved SKP for good)."""
    if skp.periode.is_closed:
        return _("Tahun %(t)s sudah ditutup; SKP-nya tidak dapat diubah atau direvisi.",
                 t=skp.periode.tahun)
    final = db.session.scalar(select(Penilaian.id).where(
        Penilaian.pegawai_id == skp.pegawai_id, Penilaian.periode_id == skp.periode_id,
        Penilaian.kode == TAHUNAN).limit(1))
    if final is not None:
        return _("Penilaian tahunan %(t)s sudah diberikan; SKP-nya tidak dapat diubah atau "
                 "direvisi.", t=skp.periode.tahun)
    return None


def rhk_in_use(rhk_ids) -> set[int]:
    """RHK that already have entries (daily entries, realisasi of their IKI, umpan balik, or an
    RHK of a report that intervenes it): never deleted, only retired."""
    ids = list(rhk_ids)
    if not ids:
        return set()
    used = set(db.session.scalars(
        select(Iki.rhk_id).join(Realisasi, Realisasi.iki_id == Iki.id)
        .where(Iki.rhk_id.in_(ids)).distinct()))
    used |= set(db.session.scalars(
        select(UmpanBalik.rhk_id).where(UmpanBalik.rhk_id.in_(ids)).distinct()))
    used |= set(db.session.scalars(
        select(ProgresHarian.rhk_id).where(ProgresHarian.rhk_id.in_(ids)).distinct()))
    used |= set(db.session.scalars(
        select(Rhk.rhk_atasan_id).where(Rhk.rhk_atasan_id.in_(ids)).distinct()))
    return used


def shared_rhk(pegawai_id: int, periode_id: int) -> list[Rhk]:
    """RHK of others on which this person is a kolaborator."""
    from portal.models import RhkKolaborator

    return list(db.session.scalars(
        select(Rhk).join(RhkKolaborator, RhkKolaborator.rhk_id == Rhk.id)
        .join(Skp, Skp.id == Rhk.skp_id)
        .where(RhkKolaborator.pegawai_id == pegawai_id, Skp.periode_id == periode_id,
               Rhk.diarsipkan.is_(False))
        .options(selectinload(Rhk.iki), selectinload(Rhk.skp).selectinload(Skp.pegawai))))


def find_pegawai(q: str) -> list[Pegawai]:
    """People matching an exact NIP, or a part of the name (at most a few, to ask for the NIP)."""
    q = (q or "").strip()
    if not q:
        return []
    if q.isdigit():
        return list(db.session.scalars(select(Pegawai).where(Pegawai.nip == q, Pegawai.aktif)))
    pattern = "%" + q.lower().replace("\\", "").replace("%", "").replace("_", "") + "%"
    return list(db.session.scalars(select(Pegawai).where(
        func.lower(Pegawai.nama).like(pattern), Pegawai.aktif).order_by(Pegawai.nama).limit(6)))


def sekda_skp(periode: Periode | None) -> Skp | None:
    """The SKP of whoever holds the root seat, for the period."""
    if periode is None:
        return None
    return db.session.scalar(
        select(Skp).join(Jabatan, Jabatan.id == Skp.jabatan_id)
        .where(Jabatan.atasan_id.is_(None), Skp.periode_id == periode.id)
        .order_by(Skp.mulai.desc()).limit(1))


def now() -> datetime:
    return utcnow()
