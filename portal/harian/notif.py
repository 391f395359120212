"""In-app notifications: created beside the change they announce (same transaction)."""
from __future__ import annotations

from flask import url_for
from flask_login import current_user
from sqlalchemy import func, select, update

from portal.extensions import db
from portal.models import Notifikasi


def notify(penerima_id: int, jenis: str, teks: str, link: tuple[str, dict]) -> None:
    endpoint, values = link
    db.session.add(Notifikasi(penerima_id=penerima_id, jenis=jenis, teks=teks[:300],
                              tautan=url_for(endpoint, **values)))


def clear(endpoint: str, values: dict) -> None:
    """The task a notification announced is done (the realization decided, the thread read):
    every notification pointing at it stops being new, whoever received it (a Plt too)."""
    db.session.execute(update(Notifikasi).where(
        Notifikasi.tautan == url_for(endpoint, **values), Notifikasi.dibaca.is_(False))
        .values(dibaca=True))


def unread_count() -> int:
    """One cheap statement for the badge in the top bar."""
    if not current_user.is_authenticated:
        return 0
    return db.session.scalar(select(func.count(Notifikasi.id)).where(
        Notifikasi.penerima_id == current_user.id, Notifikasi.dibaca.is_(False))) or 0


def latest(pegawai_id: int, limit: int = 50) -> list[Notifikasi]:
    return list(db.session.scalars(select(Notifikasi).where(Notifikasi.penerima_id == pegawai_id)
                                   .order_by(Notifikasi.dibuat_pada.desc(), Notifikasi.id.desc())
                                   .limit(limit)))


def mark_all_read(pegawai_id: int) -> None:
    db.session.execute(update(Notifikasi).where(Notifikasi.penerima_id == pegawai_id,
                                                Notifikasi.dibaca.is_(False)).values(dibaca=True))
    db.session.commit()
