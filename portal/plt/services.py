"""Plt/Plh appointments and their second step.

An admin appoints, never herself. An appointment to a seat with reports (a seat that decides
other people's cases) waits, `menunggu`, until a second person confirms it: the Sekda, or for
the Sekda's own seat another admin (portal.rules.keputusan). Until then it acts for nothing
(`orgtree.plt_current` asks for `berlaku`). Each step is in the audit trail: plt.tunjuk,
plt.konfirmasi, plt.tolak.
"""
from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import exists, select

from portal import audit, clock, idempotency, orgtree
from portal.extensions import db
from portal.harian.notif import notify
from portal.models import Jabatan, Pegawai, PltJabatan, RiwayatJabatan
from portal.models.org import PLT_BERLAKU, PLT_MENUNGGU
from portal.rules import keputusan

FIELDS = ("jabatan_id", "pegawai_id", "jenis", "nomor_sk", "mulai", "selesai", "status")


def snapshot(plt: PltJabatan) -> dict:
    return {name: getattr(plt, name) for name in FIELDS}


def seat_has_reports(jabatan_id: int) -> bool:
    return bool(db.session.scalar(select(exists().where(Jabatan.atasan_id == jabatan_id,
                                                        Jabatan.aktif))))


def may_appoint(actor: Pegawai, appointee_id: int) -> bool:
    return keputusan.may_appoint(actor.id, bool(actor.is_admin), appointee_id)


def build(actor: Pegawai, **fields) -> PltJabatan:
    """A new appointment, waiting for confirmation where the seat has reports (audited)."""
    waits = keputusan.needs_confirmation(seat_has_reports(fields["jabatan_id"]))
    plt = PltJabatan(status=PLT_MENUNGGU if waits else PLT_BERLAKU,
                     diusulkan_oleh_id=actor.id, **fields)
    db.session.add(plt)
    db.session.flush()
    audit.record("plt.tunjuk", "plt_jabatan", plt.id, sesudah=snapshot(plt))
    if waits:
        for pid in confirmers(plt):
            notify(pid, "plt", _("%(j)s %(n)s untuk %(s)s menunggu konfirmasi Anda.",
                                 j=plt.jenis, n=plt.pegawai.nama, s=plt.jabatan.nama),
                   ("plt.konfirmasi_list", {}))
    return plt


def appoint_once(actor: Pegawai, kunci: str, **fields) -> PltJabatan:
    """`build` once per form (its idempotency key): a double submit answers the first one."""
    plt, _created = idempotency.once(PltJabatan, "jabatan_id", fields["jabatan_id"], kunci,
                                     lambda: build(actor, kunci=kunci, **fields))
    return plt


def _sekda_ids() -> frozenset[int]:
    on = clock.today()
    return frozenset(db.session.scalars(
        select(RiwayatJabatan.pegawai_id).join(Jabatan, Jabatan.id == RiwayatJabatan.jabatan_id)
        .where(Jabatan.atasan_id.is_(None), orgtree.holder_current(on))))


def may_confirm(actor: Pegawai, plt: PltJabatan) -> bool:
    return plt.status == PLT_MENUNGGU and keputusan.may_confirm(
        actor.id, actor_is_admin=bool(actor.is_admin),
        actor_is_sekda=orgtree.acts_for_root(actor.id), appointed_by_id=plt.diusulkan_oleh_id,
        appointee_id=plt.pegawai_id, seat_is_root=plt.jabatan.atasan_id is None,
        sekda_ids=_sekda_ids())


def confirmers(plt: PltJabatan) -> list[int]:
    """Who is told that the appointment waits: the Sekda, or the other admins."""
    if plt.jabatan.atasan_id is None:
        candidates = db.session.scalars(select(Pegawai).where(Pegawai.is_admin, Pegawai.aktif))
    else:
        candidates = db.session.scalars(select(Pegawai).where(Pegawai.id.in_(_sekda_ids())))
    return [p.id for p in candidates if may_confirm(p, plt)]


def waiting_for(actor: Pegawai) -> list[PltJabatan]:
    """Appointments this person may confirm today."""
    rows = db.session.scalars(select(PltJabatan).where(PltJabatan.status == PLT_MENUNGGU,
                                                       PltJabatan.selesai >= clock.today())
                              .order_by(PltJabatan.mulai))
    return [plt for plt in rows if may_confirm(actor, plt)]


def confirm(plt: PltJabatan, actor: Pegawai) -> None:
    before = snapshot(plt)
    plt.status, plt.dikonfirmasi_oleh_id = PLT_BERLAKU, actor.id
    plt.dikonfirmasi_pada = clock.utcnow()
    audit.record("plt.konfirmasi", "plt_jabatan", plt.id, sebelum=before, sesudah=snapshot(plt))


def refuse(plt: PltJabatan) -> None:
    audit.record("plt.tolak", "plt_jabatan", plt.id, sebelum=snapshot(plt))
    db.session.delete(plt)
