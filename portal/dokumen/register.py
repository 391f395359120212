"""The register of issued documents: numbers, public codes, rows and their status.

A number is drawn from the counter of its prefix (portal/rules/nomor_dokumen.py) with one
`UPDATE … SET terakhir = terakhir + 1 RETURNING terakhir` on the counter's row: PostgreSQL
holds that row locked until the drawing transaction commits, so two workers never draw the same
number; SQLite serializes writers anyway. A transaction that rolls back gives its number back.
"""
from __future__ import annotations

import secrets

from sqlalchemy import or_, select, update

from portal import clock
from portal.extensions import db
from portal.models import Berkas, Dokumen, Instansi, NomorUrut
from portal.rules import nomor_dokumen

# Public codes: 12 characters from an alphabet without look-alikes (0/O, 1/l/I), about 70 bits.
KODE_ALFABET = "23456789abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ"
KODE_PANJANG = 12


def new_kode() -> str:
    return "".join(secrets.choice(KODE_ALFABET) for _ in range(KODE_PANJANG))


def kode_wellformed(kode: str) -> bool:
    return len(kode) == KODE_PANJANG and all(c in KODE_ALFABET for c in kode)


def instansi() -> Instansi | None:
    return db.session.scalar(select(Instansi).limit(1))


def instansi_nama() -> str:
    found = instansi()
    return found.nama if found else "Instansi"


def pola() -> str:
    found = instansi()
    return (found.pola_nomor_dokumen if found else None) or nomor_dokumen.BAWAAN


def draw_number(jenis: str) -> str:
    """The next number of this kind of document, in the admin's pattern (see module doc)."""
    today = clock.today()
    pattern = pola()
    prefix = nomor_dokumen.awalan(pattern, jenis, today.year, today.month)[:120]
    # The counter's row is made the first time (a no-op afterwards), then counted up: two
    # statements whatever came before, and no failed insert to roll back on PostgreSQL.
    if db.session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    db.session.execute(insert(NomorUrut).values(awalan=prefix, terakhir=0)
                       .on_conflict_do_nothing(index_elements=["awalan"]))
    urut = db.session.execute(
        update(NomorUrut).where(NomorUrut.awalan == prefix)
        .values(terakhir=NomorUrut.terakhir + 1).returning(NomorUrut.terakhir)).scalar_one()
    return nomor_dokumen.nomor(pattern, jenis, today.year, today.month, urut)


def take_number(jenis: str) -> str:
    """A number drawn and committed in a short writing transaction of its own (the caller's
    open transaction is committed first): nothing stays locked while a document renders."""
    from portal.db_setup import writing

    db.session.commit()
    with writing():
        nomor = draw_number(jenis)
        db.session.commit()
    return nomor


def by_kode(kode: str) -> Dokumen | None:
    if not kode_wellformed(kode):
        return None
    return db.session.scalar(select(Dokumen).where(Dokumen.kode == kode))


def valid_of(seri: str) -> Dokumen | None:
    return db.session.scalar(select(Dokumen).where(Dokumen.seri == seri,
                                                   Dokumen.status == "berlaku"))


def valid_with_bytes(seri: str) -> tuple[Dokumen | None, bytes | None]:
    """The valid row of `seri` and its stored bytes in one statement, when the bytes live in
    the database (the default storage; None for the bytes otherwise: read them from storage)."""
    from flask import current_app

    if current_app.config.get("DOKUMEN_STORAGE", "database") != "database":
        return valid_of(seri), None
    row = db.session.execute(
        select(Dokumen, Berkas.isi).outerjoin(Berkas, Berkas.kunci == Dokumen.kunci_berkas)
        .where(Dokumen.seri == seri, Dokumen.status == "berlaku")).first()
    return (row[0], row[1]) if row else (None, None)


def supersede(rows: list[Dokumen], alasan: str, by: Dokumen | None = None) -> None:
    for row in rows:
        row.status, row.status_pada, row.alasan_status = "diganti", clock.utcnow(), alasan
        if by is not None:
            row.diganti_oleh_id = by.id
    db.session.flush()


def point_to_successor(seri: str, successor: Dokumen) -> None:
    """Rows of the seri superseded without a successor yet (a reopened period) now name it."""
    db.session.execute(update(Dokumen).where(
        Dokumen.seri == seri, Dokumen.status == "diganti", Dokumen.diganti_oleh_id.is_(None),
        Dokumen.id != successor.id).values(diganti_oleh_id=successor.id))


def supersede_period(period_code: str, alasan: str) -> int:
    """Reopening a period supersedes its sealed rapor and Format Penetapan (seri
    "<jenis>:<period code>:…"); the next final rating issues a new number. Returns how many."""
    prefixes = [f"{jenis}:{period_code}:" for jenis in ("rapor", "penetapan")]
    rows = list(db.session.scalars(select(Dokumen).where(
        or_(*[Dokumen.seri.startswith(p, autoescape=True) for p in prefixes]),
        Dokumen.status == "berlaku")))
    supersede(rows, alasan)
    return len(rows)


def withdraw(row: Dokumen, alasan: str) -> None:
    row.status, row.status_pada, row.alasan_status = "dicabut", clock.utcnow(), alasan
    db.session.flush()


ALASAN_MAKS = 1000


def cabut(row: Dokumen, alasan: str, aktor_id: int | None = None) -> bool:
    """Withdraw an issued document with its reason, audited in the same transaction (the caller
    commits). False when it was already withdrawn (nothing changes)."""
    from portal import audit

    if row.status == "dicabut":
        return False
    before = row.status
    withdraw(row, alasan.strip()[:ALASAN_MAKS])
    audit.record("dokumen.cabut", "dokumen", row.id, sebelum={"status": before},
                 sesudah={"status": "dicabut", "alasan": row.alasan_status}, aktor_id=aktor_id)
    return True


def daftar(q: str = "", jenis: str = "", page: int = 1, per_page: int = 25):
    """Issued documents, newest first, found by number, NIP or subject: (rows, total)."""
    from sqlalchemy import func

    query = select(Dokumen)
    if q:
        like = f"%{q}%"
        query = query.where(or_(Dokumen.nomor.ilike(like), Dokumen.subjek_nip == q,
                                Dokumen.subjek_nama.ilike(like)))
    if jenis:
        query = query.where(Dokumen.jenis == jenis)
    total = db.session.scalar(select(func.count()).select_from(query.subquery()))
    rows = db.session.scalars(query.order_by(Dokumen.id.desc())
                              .offset((page - 1) * per_page).limit(per_page)).all()
    return rows, total
