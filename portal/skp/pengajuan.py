"""An SKP's way to approval: submitted by its owner, approved or returned by whoever may decide
it today (portal.keputusan), reopened as a revision after approval; the inbox of the one who
decides and the history of transitions and approved revisions."""
from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from portal import keputusan, orgtree
from portal.extensions import db
from portal.models import Pegawai, Rhk, Skp, SkpRevisi, SkpTransisi
from portal.models.audit import utcnow
from portal.skp import services
from portal.skp.revisi import diff, snapshot


def submit(skp: Skp) -> None:
    dari = skp.status
    skp.status = "diajukan"
    skp.diajukan_pada = utcnow()
    services.transition(skp, dari, "diajukan")


def approve(skp: Skp, approver_id: int, atas_nama: str | None = None) -> None:
    skp.status = "disetujui"
    skp.disetujui_pada = utcnow()
    skp.disetujui_oleh_id = approver_id
    skp.catatan_kembali = None
    full = services.load_skp(skp.id)
    snap = snapshot(full)
    previous = db.session.scalar(select(SkpRevisi).where(
        SkpRevisi.skp_id == skp.id).order_by(SkpRevisi.revisi.desc()).limit(1))
    changes = diff(json.loads(previous.snapshot), snap) if previous else None
    existing = db.session.scalar(select(SkpRevisi).where(
        SkpRevisi.skp_id == skp.id, SkpRevisi.revisi == skp.revisi))
    if existing is None:
        db.session.add(SkpRevisi(skp_id=skp.id, revisi=skp.revisi,
                                 snapshot=json.dumps(snap, ensure_ascii=False),
                                 perubahan=json.dumps(changes, ensure_ascii=False)
                                 if changes is not None else None))
    services.transition(skp, "diajukan", "disetujui", atas_nama=atas_nama, oleh_id=approver_id)


def give_back(skp: Skp, catatan: str, atas_nama: str | None = None) -> None:
    skp.status = "dikembalikan"
    skp.catatan_kembali = catatan
    services.transition(skp, "diajukan", "dikembalikan", catatan, atas_nama=atas_nama)


def open_revision(skp: Skp) -> None:
    """Reopen an approved SKP as revision n+1; the approved version stays as a snapshot."""
    full = services.load_skp(skp.id)
    if db.session.scalar(select(SkpRevisi.id).where(SkpRevisi.skp_id == skp.id,
                                                     SkpRevisi.revisi == skp.revisi)) is None:
        db.session.add(SkpRevisi(skp_id=skp.id, revisi=skp.revisi,
                                 snapshot=json.dumps(snapshot(full), ensure_ascii=False),
                                 disetujui_pada=skp.disetujui_pada or utcnow()))
    skp.revisi += 1
    skp.status = "draf"
    services.transition(skp, "disetujui", "draf", f"Revisi ke-{skp.revisi} dibuka")


def may_decide(skp: Skp, actor: Pegawai) -> bool:
    """May `actor` approve or return this SKP today: asked by the single route, the bulk route
    and the inbox alike (portal.keputusan)."""
    return keputusan.boleh_atasan(skp.pegawai, actor)


def inbox(actor: Pegawai) -> list[Skp]:
    """Submitted SKPs this person may decide today (of the direct reports), RHK and their
    parents loaded in a few statements."""
    reports = orgtree.direct_reports_query(actor.id).with_only_columns(Pegawai.id).subquery()
    candidates = db.session.scalars(
        select(Skp).where(Skp.status == "diajukan", Skp.pegawai_id.in_(select(reports.c.id)))
        .options(selectinload(Skp.pegawai), selectinload(Skp.rhk).selectinload(Rhk.iki),
                 selectinload(Skp.rhk).selectinload(Rhk.rhk_atasan))
        .order_by(Skp.diajukan_pada))
    return [skp for skp in candidates if may_decide(skp, actor)]


def history(skp_id: int):
    transisi = list(db.session.scalars(
        select(SkpTransisi).where(SkpTransisi.skp_id == skp_id)
        .options(selectinload(SkpTransisi.oleh)).order_by(SkpTransisi.waktu, SkpTransisi.id)))
    revisi = list(db.session.scalars(
        select(SkpRevisi).where(SkpRevisi.skp_id == skp_id).order_by(SkpRevisi.revisi)))
    return transisi, [(r, json.loads(r.perubahan) if r.perubahan else []) for r in revisi]
