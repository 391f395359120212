"""Queries behind the home pages; each is a fixed number of SQL statements."""
from __future__ import annotations

from datetime import date

from sqlalchemy import and_, case, exists, func, literal, select
from sqlalchemy.orm import joinedload

from portal import clock, orgtree
from portal.db_setup import planner
from portal.extensions import db
from portal.models import Jabatan, Pegawai, Periode, RiwayatJabatan, UnitKerja


def unit_opd_map():
    """CTE mapping every unit to its top unit (the OPD it belongs to)."""
    top = select(UnitKerja.id.label("unit_id"), UnitKerja.id.label("opd_id")).where(
        UnitKerja.induk_id.is_(None)).cte("unit_opd", recursive=True)
    return top.union_all(
        select(UnitKerja.id, top.c.opd_id).join(top, UnitKerja.induk_id == top.c.unit_id))


def opd_summary(on: date | None = None) -> list[dict]:
    """Per OPD: seats, people holding them, vacant seats — one statement. Seats are counted
    per unit first (a hash aggregate over the seats), then summed per OPD: counting distinct
    seats and people per OPD sorted all 50,000 seats of a province (110 ms → 31 ms)."""
    on = on or clock.today()
    uo = unit_opd_map()
    held = and_(RiwayatJabatan.jabatan_id == Jabatan.id, orgtree.holder_current(on))
    per_unit = (select(Jabatan.unit_id, func.count().label("kursi"),
                       func.count(RiwayatJabatan.pegawai_id).label("pegawai"))
                .outerjoin(RiwayatJabatan, held).where(Jabatan.aktif)
                .group_by(Jabatan.unit_id).subquery("per_unit"))
    rows = db.session.execute(
        select(UnitKerja.id, UnitKerja.nama,
               func.sum(per_unit.c.kursi).label("kursi"),
               func.sum(per_unit.c.pegawai).label("pegawai"))
        .select_from(UnitKerja)
        .join(uo, uo.c.opd_id == UnitKerja.id)
        .join(per_unit, per_unit.c.unit_id == uo.c.unit_id)
        .group_by(UnitKerja.id, UnitKerja.nama)
        .order_by(UnitKerja.nama)
    ).all()
    return [{"id": r.id, "nama": r.nama, "kursi": int(r.kursi), "pegawai": int(r.pegawai),
             "kosong": int(r.kursi) - int(r.pegawai)} for r in rows]


def vacant_seats(on: date | None = None) -> list[Jabatan]:
    on = on or clock.today()
    held = exists().where(RiwayatJabatan.jabatan_id == Jabatan.id, orgtree.holder_current(on))
    # The page prints each seat's unit path: load the units up to the OPD with the seats
    # (seksi → bidang → OPD) instead of one lookup per unit.
    units = joinedload(Jabatan.unit).selectinload(UnitKerja.induk).selectinload(UnitKerja.induk)
    return list(db.session.scalars(
        select(Jabatan).options(units.selectinload(UnitKerja.induk))
        .where(Jabatan.aktif, ~held).order_by(Jabatan.id)))


def active_periode() -> Periode | None:
    return db.session.scalar(select(Periode).where(Periode.aktif))


def subtree_page(pegawai_id: int, page: int, per_page: int = 50, q: str = ""):
    """Everyone below a person, paginated, with their seats and units. One statement: the
    walk down the seats is evaluated once and the total comes with the page (a window
    count); a count of its own runs only for a page past the end."""
    on = clock.today()
    down = orgtree.subtree_seats(pegawai_id, on)
    where = [RiwayatJabatan.jabatan_id.in_(select(down.c.jid)), orgtree.holder_current(on),
             RiwayatJabatan.pegawai_id != pegawai_id, Pegawai.aktif]
    if q:
        like = f"%{q.lower()}%"
        where.append(func.lower(Pegawai.nama).like(like) | Pegawai.nip.like(like))
    stmt = (select(Pegawai, Jabatan, func.count().over().label("total"))
            .select_from(RiwayatJabatan)
            .join(Pegawai, Pegawai.id == RiwayatJabatan.pegawai_id)
            .join(Jabatan, Jabatan.id == RiwayatJabatan.jabatan_id)
            .where(*where))
    with index_walk():
        found = db.session.execute(
            stmt.order_by(case((Jabatan.eselon.is_(None), literal(1)), else_=literal(0)),
                          Jabatan.eselon, Pegawai.nama)
            .limit(per_page).offset((page - 1) * per_page)).all()
    if found:
        return [(r[0], r[1]) for r in found], found[0][2]
    total = db.session.scalar(select(func.count()).select_from(
        stmt.with_only_columns(Pegawai.id, maintain_column_froms=True).subquery()))
    return [], total


def index_walk():
    """PostgreSQL guesses a recursive walk down the seats at ~60,000 rows whatever the
    subtree, and then hashes the whole seat and people tables (~45 ms at 50,000 people) to
    join a team of a thousand; index probes per seat are what the walk really needs."""
    return planner(enable_hashjoin="off", enable_mergejoin="off")
