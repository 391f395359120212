"""The alignment view: per priority program, the cascade of RHK serving it down to the staff.

One recursive CTE walks from the RHK that name a program down through `rhk_atasan_id`; another
finds each unit's OPD (its top unit). The nested list is built in Python from those rows only.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from sqlalchemy import literal, select

from portal import orgtree
from portal.extensions import db
from portal.models import Jabatan, Pegawai, Rhk, RhkProgram, Skp, UnitKerja


@dataclass
class Node:
    rhk_id: int
    teks: str
    nama: str
    jabatan: str
    opd: str
    status: str
    children: list = field(default_factory=list)


def _opd_cte():
    """unit id -> name of its top unit (the OPD)."""
    up = select(UnitKerja.id.label("uid"), UnitKerja.id.label("top"),
                UnitKerja.induk_id.label("parent")).cte("opd_up", recursive=True)
    return up.union_all(
        select(up.c.uid, UnitKerja.id, UnitKerja.induk_id)
        .join(up, UnitKerja.id == up.c.parent))


def _rhk_rows(periode_id: int):
    """Every active RHK of the period with owner, seat and OPD: one statement."""
    up = _opd_cte()
    top = UnitKerja.__table__.alias("top_unit")
    return select(Rhk.id, Rhk.teks, Rhk.rhk_atasan_id, Skp.pegawai_id, Skp.status,
                  Pegawai.nama, Jabatan.nama.label("jabatan"), top.c.nama.label("opd")) \
        .join(Skp, Skp.id == Rhk.skp_id).join(Pegawai, Pegawai.id == Skp.pegawai_id) \
        .join(Jabatan, Jabatan.id == Skp.jabatan_id) \
        .join(up, (up.c.uid == Jabatan.unit_id) & up.c.parent.is_(None)) \
        .join(top, top.c.id == up.c.top) \
        .where(Skp.periode_id == periode_id, Rhk.diarsipkan.is_(False))


def _cascade(periode_id: int):
    """(program_id, rhk_id) of every RHK reachable downward from a program: one recursive CTE."""
    active = select(Rhk.id, Rhk.rhk_atasan_id).join(Skp, Skp.id == Rhk.skp_id).where(
        Skp.periode_id == periode_id, Rhk.diarsipkan.is_(False)).subquery()
    down = select(RhkProgram.program_id.label("pid"), active.c.id.label("rid"),
                  literal(0).label("depth")) \
        .join(active, active.c.id == RhkProgram.rhk_id).cte("turun", recursive=True)
    down = down.union_all(
        select(down.c.pid, active.c.id, down.c.depth + 1)
        .join(active, active.c.rhk_atasan_id == down.c.rid).where(down.c.depth < 20))
    return db.session.execute(select(down.c.pid, down.c.rid).distinct()).all()


def alignment(periode_id: int, programs, viewer_id: int | None):
    """For each program: (program, roots, counts per OPD); plus RHK that reach no program.
    `viewer_id` None = whole region; otherwise the viewer and their subtree only."""
    scope = None
    if viewer_id is not None:
        scope = set(db.session.scalars(orgtree.subtree_pegawai_ids(viewer_id))) | {viewer_id}
    rows = {r.id: r for r in db.session.execute(_rhk_rows(periode_id)).all()
            if scope is None or r.pegawai_id in scope}
    by_program = defaultdict(set)
    for pid, rid in _cascade(periode_id):
        if rid in rows:
            by_program[pid].add(rid)
    reached = set().union(*by_program.values()) if by_program else set()
    out = []
    for program in programs:
        ids = by_program.get(program.id, set())
        nodes = {rid: _node(rows[rid]) for rid in ids}
        roots = []
        for rid in sorted(ids):
            parent = rows[rid].rhk_atasan_id
            (nodes[parent].children if parent in nodes else roots).append(nodes[rid])
        counts = Counter(rows[rid].opd for rid in ids)
        out.append((program, roots, sorted(counts.items())))
    orphans = [_node(r) for rid, r in sorted(rows.items()) if rid not in reached]
    return out, orphans


def _node(r) -> Node:
    return Node(r.id, r.teks, r.nama, r.jabatan, r.opd, r.status)
