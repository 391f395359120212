"""Queries of the audit trail: scope per reader, filters, one page, and a streamed export."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask import current_app
from sqlalchemy import Select, func, select

from portal import audit, orgtree
from portal.extensions import db
from portal.models import AuditLog, Pegawai

PER_PAGE = 50
CSV_HEADER = ("waktu_utc", "aktor_nip", "aktor_nama", "atas_nama", "aksi", "objek_jenis",
              "objek_id", "sebelum", "sesudah", "alamat_ip")


@dataclass
class Filter:
    aksi: str = ""
    nip: str = ""
    objek_jenis: str = ""
    dari: date | None = None
    sampai: date | None = None


def scoped(reader: Pegawai, own_only: bool) -> Select:
    """What `reader` may read: own actions; or the Sekda all; or the admin the admin kinds."""
    stmt = select(AuditLog)
    if own_only:
        return stmt.where(AuditLog.aktor_id == reader.id)
    if "sekda" in orgtree.roles_of(reader):
        return stmt
    return stmt.where(AuditLog.objek_jenis.in_(sorted(audit.ADMIN_OBJEK_JENIS)))


def _utc_start(day: date) -> datetime:
    """Midnight of `day` in the portal's time zone, as the naive UTC time stored in the table."""
    zone = ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])
    return datetime.combine(day, time.min, zone).astimezone(UTC).replace(tzinfo=None)


def filtered(stmt: Select, f: Filter) -> Select:
    if f.aksi:
        stmt = stmt.where(AuditLog.aksi == f.aksi)
    if f.objek_jenis:
        stmt = stmt.where(AuditLog.objek_jenis == f.objek_jenis)
    if f.nip:
        stmt = stmt.where(AuditLog.aktor_id.in_(select(Pegawai.id).where(Pegawai.nip == f.nip)))
    if f.dari:
        stmt = stmt.where(AuditLog.waktu >= _utc_start(f.dari))
    if f.sampai:
        stmt = stmt.where(AuditLog.waktu < _utc_start(f.sampai + timedelta(days=1)))
    return stmt


def choices(stmt: Select) -> tuple[list[str], list[str]]:
    """The actions and object kinds that occur within the reader's scope (for the filter)."""
    sub = stmt.subquery()
    aksi = db.session.scalars(select(sub.c.aksi).distinct().order_by(sub.c.aksi)).all()
    jenis = db.session.scalars(
        select(sub.c.objek_jenis).distinct().order_by(sub.c.objek_jenis)).all()
    return list(aksi), list(jenis)


def page(stmt: Select, number: int) -> tuple[list[AuditLog], int]:
    total = db.session.scalar(select(func.count()).select_from(stmt.subquery()))
    rows = db.session.scalars(
        stmt.order_by(AuditLog.waktu.desc(), AuditLog.id.desc())
        .limit(PER_PAGE).offset((number - 1) * PER_PAGE)).unique().all()
    return list(rows), total


def export_rows(stmt: Select):
    """Every row in the scope and filter, oldest first, read in batches (never all at once)."""
    query = (select(AuditLog.waktu, Pegawai.nip, Pegawai.nama, AuditLog.atas_nama, AuditLog.aksi,
                    AuditLog.objek_jenis, AuditLog.objek_id, AuditLog.sebelum, AuditLog.sesudah,
                    AuditLog.alamat_ip)
             .outerjoin(Pegawai, Pegawai.id == AuditLog.aktor_id)
             .where(AuditLog.id.in_(stmt.with_only_columns(AuditLog.id)))
             .order_by(AuditLog.waktu, AuditLog.id)
             .execution_options(yield_per=500))
    for r in db.session.execute(query):
        yield (r.waktu.isoformat(sep=" ", timespec="seconds"), *tuple(r)[1:])
