"""Continuous feedback (umpan balik berkelanjutan): threads on an RHK or a BerAKHLAK value."""
from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from portal.extensions import db
from portal.harian.notif import notify
from portal.harian.realisasi import skp_aktif
from portal.idempotency import once
from portal.models import Pegawai, Rhk, UmpanBalik
from portal.rules.berakhlak import KODE, LABEL


def topics(pegawai_id: int) -> list[tuple[str, str]]:
    """Choices: every RHK of the approved SKP ("rhk:<id>") and each BerAKHLAK value."""
    skp = skp_aktif(pegawai_id)
    out = [(f"rhk:{r.id}", _("RHK: %(t)s", t=r.teks[:70])) for r in (skp.rhk if skp else [])]
    return out + [(f"nilai:{k}", _("Perilaku: %(t)s", t=LABEL[k])) for k in KODE]


def threads(pegawai_id: int) -> list[UmpanBalik]:
    return list(db.session.scalars(
        select(UmpanBalik).where(UmpanBalik.pegawai_id == pegawai_id,
                                 UmpanBalik.induk_id.is_(None))
        .options(selectinload(UmpanBalik.penulis),
                 selectinload(UmpanBalik.balasan).selectinload(UmpanBalik.penulis))
        .order_by(UmpanBalik.waktu.desc())))


def topic_label(thread: UmpanBalik, labels: dict[str, str]) -> str:
    key = f"rhk:{thread.rhk_id}" if thread.rhk_id else f"nilai:{thread.nilai_perilaku}"
    return labels.get(key, "-")


def start(report: Pegawai, author_id: int, topik: str, teks: str,
          kunci: str | None = None) -> UmpanBalik:
    """A new thread; a second send of the same form (same `kunci`) makes none."""
    kind, _sep, value = topik.partition(":")

    def build() -> UmpanBalik:
        thread = UmpanBalik(pegawai_id=report.id, penulis_id=author_id, teks=teks, kunci=kunci,
                            rhk_id=int(value) if kind == "rhk" else None,
                            nilai_perilaku=value if kind == "nilai" else None)
        db.session.add(thread)
        notify(report.id, "umpan_balik", _("%(a)s memberi umpan balik tentang %(t)s.",
                                           a=_nama(author_id), t=_topik(thread)),
               ("harian.umpan_balik", {"pegawai_id": report.id}))
        return thread

    return once(UmpanBalik, "penulis_id", author_id, kunci, build)[0]


def reply(thread: UmpanBalik, author_id: int, teks: str, kunci: str | None = None) -> None:
    def build() -> UmpanBalik:
        answer = UmpanBalik(pegawai_id=thread.pegawai_id, penulis_id=author_id, kunci=kunci,
                            induk_id=thread.id, teks=teks, rhk_id=thread.rhk_id,
                            nilai_perilaku=thread.nilai_perilaku)
        db.session.add(answer)
        other = thread.penulis_id if author_id == thread.pegawai_id else thread.pegawai_id
        if other != author_id:
            notify(other, "umpan_balik", _("%(a)s membalas umpan balik tentang %(t)s.",
                                           a=_nama(author_id), t=_topik(thread)),
                   ("harian.umpan_balik", {"pegawai_id": thread.pegawai_id}))
        return answer

    once(UmpanBalik, "penulis_id", author_id, kunci, build)


def _nama(pegawai_id: int) -> str:
    return db.session.get(Pegawai, pegawai_id).nama


def _topik(thread: UmpanBalik) -> str:
    """What a thread is about, in a notification: the RHK's words or the BerAKHLAK value."""
    if thread.rhk_id:
        teks = db.session.get(Rhk, thread.rhk_id).teks
        return f"\u201c{teks[:80]}{'…' if len(teks) > 80 else ''}\u201d"
    return str(LABEL.get(thread.nilai_perilaku, thread.nilai_perilaku or "-"))
