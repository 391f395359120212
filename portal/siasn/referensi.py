"""SIASN's reference codes, cached in the database (table `referensi_siasn`), so every worker
and every host shares one copy and SIASN's reference endpoints are asked once a day, not once
per process. A refresh replaces one address's rows in the caller's transaction; two senders
refreshing at once both write the same answer (the loser's insert is dropped by the unique
key and it reads the winner's rows)."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError

from portal import clock
from portal.extensions import db
from portal.models import ReferensiSiasn

UMUR = timedelta(days=1)


def tersimpan(alamat: str) -> dict[str, dict[str, str]] | None:
    """{list: {name: id}} kept for this SIASN address, or None when missing or older than a
    day."""
    oldest = db.session.scalar(select(func.min(ReferensiSiasn.diambil_pada))
                               .where(ReferensiSiasn.alamat == alamat))
    if oldest is None or oldest < clock.utcnow() - UMUR:
        return None
    lists: dict[str, dict[str, str]] = {}
    for daftar, nama, kode in db.session.execute(
            select(ReferensiSiasn.daftar, ReferensiSiasn.nama, ReferensiSiasn.kode)
            .where(ReferensiSiasn.alamat == alamat)):
        lists.setdefault(daftar, {})[nama] = kode
    return lists


def simpan(alamat: str, lists: dict[str, dict[str, str]]) -> None:
    now = clock.utcnow()
    try:
        with db.session.begin_nested():
            db.session.execute(delete(ReferensiSiasn).where(ReferensiSiasn.alamat == alamat))
            db.session.add_all(ReferensiSiasn(alamat=alamat, daftar=daftar[:20], nama=nama[:200],
                                              kode=str(kode)[:50], diambil_pada=now)
                               for daftar, names in lists.items() for nama, kode in names.items())
    except IntegrityError:  # another sender stored the same answer first
        pass


def ambil(client) -> dict[str, dict[str, str]]:
    """The reference lists for the client's SIASN: from the database while fresh, else fetched
    from SIASN and stored (the caller commits)."""
    lists = tersimpan(client.base)
    if lists is None:
        lists = client.referensi()
        simpan(client.base, lists)
    return lists


def lupakan() -> None:
    db.session.execute(delete(ReferensiSiasn))
    db.session.commit()
