"""Queries on the org tree: supervisors, direct reports and whole subtrees.

Each answer is one SQL statement (recursive CTEs work the same on SQLite and PostgreSQL), so no
page ever loads the whole tree into Python. The decision of who acts for a seat lives in
`portal.rules.atasan`.
"""
from __future__ import annotations

from datetime import date
from functools import cache

from flask import g, has_request_context
from sqlalchemy import Date, and_, bindparam, exists, literal, or_, select, union

from portal import clock
from portal.extensions import db
from portal.models import Jabatan, Pegawai, PltJabatan, RiwayatJabatan
from portal.models.org import PLT_BERLAKU
from portal.rules.atasan import SeatState, resolve_atasan, resolve_chain


def _today(on: date | None) -> date:
    return on or clock.today()


def holder_current(on: date):
    """Condition on RiwayatJabatan: the assignment is in force on `on`."""
    return and_(RiwayatJabatan.mulai <= on,
                or_(RiwayatJabatan.selesai.is_(None), RiwayatJabatan.selesai >= on))


def plt_current(on: date):
    """Condition on PltJabatan: the appointment acts on `on` (confirmed, within its dates)."""
    return and_(PltJabatan.mulai <= on, PltJabatan.selesai >= on,
                PltJabatan.status == PLT_BERLAKU)


def seat_has_actor(seat_col, on: date):
    """SQL condition: the seat has a holder or an acting Plt/Plh today."""
    held = exists().where(RiwayatJabatan.jabatan_id == seat_col, holder_current(on))
    plt = exists().where(PltJabatan.jabatan_id == seat_col, plt_current(on))
    return or_(held, plt)


def acting_seat_ids(pegawai_id: int, on: date | None = None, reading: bool = False):
    """Subquery: seats this person acts for today: as their Plt/Plh, or as their holder while
    nobody else is appointed to act for the seat (a Plh acts for an absent holder, so the holder
    decides nothing meanwhile: the same answer `portal.rules.atasan` gives from below). With
    `reading`, a held seat counts even then (the holder still reads down the chain)."""
    on = _today(on)
    held = select(RiwayatJabatan.jabatan_id.label("jid")).where(
        RiwayatJabatan.pegawai_id == pegawai_id, holder_current(on))
    if not reading:
        held = held.where(~exists().where(PltJabatan.jabatan_id == RiwayatJabatan.jabatan_id,
                                          plt_current(on), PltJabatan.pegawai_id != pegawai_id))
    plt = select(PltJabatan.jabatan_id.label("jid")).where(
        PltJabatan.pegawai_id == pegawai_id, plt_current(on))
    return union(held, plt)


def current_seat(pegawai_id: int, on: date | None = None) -> Jabatan | None:
    on = _today(on)
    return db.session.scalar(
        select(Jabatan).join(RiwayatJabatan, RiwayatJabatan.jabatan_id == Jabatan.id)
        .where(RiwayatJabatan.pegawai_id == pegawai_id, holder_current(on)))


def ancestor_states(jabatan_id: int, on: date | None = None) -> list[SeatState]:
    """The seats above `jabatan_id`, nearest first, with holder and Plt: one statement."""
    on = _today(on)
    up = select(Jabatan.atasan_id.label("jid"), literal(1).label("depth")).where(
        Jabatan.id == jabatan_id).cte("up", recursive=True)
    up = up.union_all(
        select(Jabatan.atasan_id, up.c.depth + 1).join(up, Jabatan.id == up.c.jid)
        .where(up.c.jid.is_not(None)))
    holder = (select(RiwayatJabatan.pegawai_id).where(
        RiwayatJabatan.jabatan_id == up.c.jid, holder_current(on)).limit(1).scalar_subquery())
    plt = (select(PltJabatan.pegawai_id).where(
        PltJabatan.jabatan_id == up.c.jid, plt_current(on))
        .order_by(PltJabatan.mulai.desc()).limit(1).scalar_subquery())
    rows = db.session.execute(
        select(up.c.jid, holder, plt).where(up.c.jid.is_not(None)).order_by(up.c.depth)).all()
    return [SeatState(r[0], r[1], r[2]) for r in rows]


def atasan_chain_ids(pegawai: Pegawai, on: date | None = None) -> list[int]:
    """[pejabat penilai, atasan pejabat penilai, …] as pegawai ids."""
    seat = current_seat(pegawai.id, on)
    if seat is None:
        return []
    return resolve_chain(ancestor_states(seat.id, on), exclude=pegawai.id)


def atasan_of(pegawai: Pegawai, on: date | None = None) -> Pegawai | None:
    seat = current_seat(pegawai.id, on)
    if seat is None:
        return None
    pid = resolve_atasan(ancestor_states(seat.id, on), exclude=pegawai.id)
    return db.session.get(Pegawai, pid) if pid else None


def _report_seats(pegawai_id: int, on: date):
    """CTE of seats whose supervisor is this person: children of the seats they act for,
    passing through seats that nobody holds or acts for."""
    acting = acting_seat_ids(pegawai_id, on).subquery()
    walk = select(Jabatan.id.label("jid")).where(
        Jabatan.atasan_id.in_(select(acting.c.jid)), Jabatan.aktif).cte("walk", recursive=True)
    walk = walk.union_all(
        select(Jabatan.id).join(walk, Jabatan.atasan_id == walk.c.jid)
        .where(~seat_has_actor(walk.c.jid, on), Jabatan.aktif))
    return walk


def direct_reports_query(pegawai_id: int, on: date | None = None):
    """Select of (Pegawai, Jabatan) for the direct reports, ordered by seat: the holders of
    the seats this person supervises, and whoever acts (Plt/Plh) for such a seat while holding
    a seat right under it (no one is their own supervisor: `resolve_atasan` skips them to the
    next seat up, which is this person)."""
    on = _today(on)
    walk = _report_seats(pegawai_id, on)
    own_supervisor_seat = exists().where(PltJabatan.jabatan_id == Jabatan.atasan_id,
                                         PltJabatan.pegawai_id == Pegawai.id, plt_current(on))
    return (select(Pegawai, Jabatan)
            .join(RiwayatJabatan, RiwayatJabatan.pegawai_id == Pegawai.id)
            .join(Jabatan, Jabatan.id == RiwayatJabatan.jabatan_id)
            .where(or_(RiwayatJabatan.jabatan_id.in_(select(walk.c.jid)),
                       and_(Jabatan.atasan_id.in_(select(walk.c.jid)), own_supervisor_seat)),
                   holder_current(on), Pegawai.id != pegawai_id, Pegawai.aktif)
            .order_by(Jabatan.eselon.is_(None), Jabatan.eselon, Jabatan.id))


def direct_reports(pegawai_id: int, on: date | None = None) -> list[tuple[Pegawai, Jabatan]]:
    return [tuple(r) for r in db.session.execute(direct_reports_query(pegawai_id, on)).all()]


def has_direct_reports(pegawai_id: int, on: date | None = None) -> bool:
    """Asked on every page (roles). A held seat right below is the common answer and one
    indexed lookup; only without one is the walk through vacant seats needed."""
    on = _today(on)
    acting = acting_seat_ids(pegawai_id, on).subquery()
    near = (select(RiwayatJabatan.pegawai_id)
            .join(Jabatan, Jabatan.id == RiwayatJabatan.jabatan_id)
            .join(Pegawai, Pegawai.id == RiwayatJabatan.pegawai_id)
            .where(Jabatan.atasan_id.in_(select(acting.c.jid)), Jabatan.aktif,
                   holder_current(on), RiwayatJabatan.pegawai_id != pegawai_id, Pegawai.aktif)
            .limit(1))
    if db.session.scalar(near) is not None:
        return True
    q = (direct_reports_query(pegawai_id, on).with_only_columns(Pegawai.id).order_by(None)
         .limit(1))
    return db.session.scalar(q) is not None


def subtree_seats(pegawai_id: int, on: date | None = None):
    """CTE of every seat below the seats this person acts for (the whole chain)."""
    on = _today(on)
    acting = acting_seat_ids(pegawai_id, on, reading=True).subquery()
    down = select(Jabatan.id.label("jid")).where(
        Jabatan.atasan_id.in_(select(acting.c.jid))).cte("down", recursive=True)
    return down.union_all(select(Jabatan.id).join(down, Jabatan.atasan_id == down.c.jid))


def subtree_pegawai_ids(pegawai_id: int, on: date | None = None):
    """Select of the ids of everyone below this person, down the whole chain."""
    on = _today(on)
    down = subtree_seats(pegawai_id, on)
    return (select(RiwayatJabatan.pegawai_id)
            .where(RiwayatJabatan.jabatan_id.in_(select(down.c.jid)), holder_current(on),
                   RiwayatJabatan.pegawai_id != pegawai_id))


def is_below(viewer_id: int, target_id: int, on: date | None = None) -> bool:
    """True when the target sits anywhere under a seat the viewer holds or acts for."""
    q = subtree_pegawai_ids(viewer_id, on).where(RiwayatJabatan.pegawai_id == target_id).limit(1)
    return db.session.scalar(q) is not None


def is_direct_supervisor(viewer_id: int, target: Pegawai, on: date | None = None) -> bool:
    boss = atasan_of(target, on)
    return boss is not None and boss.id == viewer_id


def acts_for_root(pegawai_id: int, on: date | None = None) -> bool:
    """Sekda: holds (or acts for) the root seat of the tree."""
    on = _today(on)
    acting = acting_seat_ids(pegawai_id, on).subquery()
    q = select(Jabatan.id).where(Jabatan.id.in_(select(acting.c.jid)),
                                 Jabatan.atasan_id.is_(None)).limit(1)
    return db.session.scalar(q) is not None


@cache
def _person_with_seat():
    """Built once per process (every request runs it): only the values change."""
    on = bindparam("on", type_=Date)
    return (select(Pegawai, Jabatan)
            .outerjoin(RiwayatJabatan, and_(RiwayatJabatan.pegawai_id == Pegawai.id,
                                            holder_current(on)))
            .outerjoin(Jabatan, Jabatan.id == RiwayatJabatan.jabatan_id)
            .where(Pegawai.sesi_token == bindparam("token")).limit(1))


def person_with_seat(sesi_token: str) -> Pegawai | None:
    """The logged-in person by their session token, with today's seat, in one statement:
    every request loads the person and nearly every one asks for the seat next (the role
    check). The seat is remembered for this request only, like `seat_today`'s answer."""
    row = db.session.execute(_person_with_seat(),
                             {"token": sesi_token, "on": clock.today()}).first()
    if row is None:
        return None
    if has_request_context():
        g.setdefault("_seat", {})[row[0].id] = row[1]
    return row[0]


def seat_today(pegawai_id: int) -> Jabatan | None:
    """`current_seat` for today, asked once per request (the role check and the daily entry's
    flexible-work rule both need it)."""
    if not has_request_context():
        return current_seat(pegawai_id)
    cache = g.setdefault("_seat", {})
    if pegawai_id not in cache:
        cache[pegawai_id] = current_seat(pegawai_id)
    return cache[pegawai_id]


ROLE_CHECKS = {
    "pegawai": lambda p: seat_today(p.id) is not None,
    "atasan": lambda p: has_direct_reports(p.id),
    "sekda": lambda p: acts_for_root(p.id),
    "admin": lambda p: bool(p.is_admin),
}


def has_role(pegawai: Pegawai, name: str) -> bool:
    """One role, cached for the request: a view that needs only "pegawai" asks only for the
    seat (one statement), not for the walk below it. An unknown name (typed into the role
    switcher) is no role."""
    if name not in ROLE_CHECKS:
        return False
    cache = g.setdefault("_roles", {}) if has_request_context() else {}
    key = (pegawai.id, name)
    if key not in cache:
        cache[key] = ROLE_CHECKS[name](pegawai)
    return cache[key]


def roles_of(pegawai: Pegawai) -> list[str]:
    """The roles a person has today, cached for the request: pegawai, atasan, sekda, admin."""
    return [name for name in ROLE_CHECKS if has_role(pegawai, name)]
