"""Prestasi and inovasi of a person (what the riwayat kinerja lists once verified): recording
one once per form, the supervisor's queue, and the decision as a compare-and-set."""
from __future__ import annotations

from sqlalchemy import select, update

from portal import orgtree
from portal.extensions import db
from portal.idempotency import once
from portal.models import Pegawai, Prestasi
from portal.models.audit import utcnow


def of(pegawai_id: int) -> list[Prestasi]:
    return db.session.scalars(select(Prestasi).where(Prestasi.pegawai_id == pegawai_id)
                              .order_by(Prestasi.tanggal.desc())).all()


def record(pegawai_id: int, form) -> Prestasi:
    """One prestasi per form (its idempotency key): a double submit records it once."""
    def build() -> Prestasi:
        item = Prestasi(pegawai_id=pegawai_id)
        form.populate_obj(item)
        item.kunci = form.posted_key()
        db.session.add(item)
        return item

    item, _created = once(Prestasi, "pegawai_id", pegawai_id, form.posted_key(), build)
    return item


def waiting(atasan_id: int) -> list:
    """(Prestasi, Pegawai) of the direct reports, still waiting for a decision."""
    reports = orgtree.direct_reports_query(atasan_id).with_only_columns(Pegawai.id)
    return db.session.execute(
        select(Prestasi, Pegawai).join(Pegawai, Pegawai.id == Prestasi.pegawai_id)
        .where(Prestasi.pegawai_id.in_(reports.scalar_subquery()),
               Prestasi.status == "menunggu")
        .order_by(Prestasi.dibuat_pada)).all()


def decide(item: Prestasi, keputusan: str, catatan: str | None, verifikator_id: int) -> bool:
    """Verify or reject, then commit. A compare-and-set on the status: only a prestasi still
    waiting is decided, so a second decision (another tab, a Plt) never overwrites the first.
    False when someone decided first; `item` then holds what is stored."""
    done = db.session.execute(
        update(Prestasi).where(Prestasi.id == item.id, Prestasi.status == "menunggu")
        .values(status=keputusan, catatan_verifikator=catatan or None,
                diverifikasi_oleh_id=verifikator_id, diverifikasi_pada=utcnow())
        .execution_options(synchronize_session=False)).rowcount
    db.session.commit()
    db.session.refresh(item)
    return bool(done)
