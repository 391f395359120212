"""Applying an import plan: a fixed number of bulk statements (one per table and kind of
change, plus one per level of new units), whatever the number of rows, in the caller's
transaction."""
from __future__ import annotations

import secrets
from collections import defaultdict
from datetime import date, timedelta

from flask import current_app
from sqlalchemy import func, insert, select, update
from werkzeug.security import generate_password_hash

from portal import audit
from portal.extensions import db
from portal.impor.rencana import Rencana
from portal.models import Jabatan, Pegawai, RiwayatJabatan, UnitKerja
from portal.models.pegawai import new_session_token

ALFABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
# One-time passwords are long random strings (~70 bits) and must be changed at first login, so
# a light hash is enough for them and keeps a 2,000-account import to seconds, not minutes.
OTP_HASH_METHOD = "pbkdf2:sha256:1000"


def one_time_password() -> str:
    return "".join(secrets.choice(ALFABET) for _ in range(12))


def apply(plan: Rencana, today: date, nama_berkas: str) -> list[dict]:
    """Write the plan; return the one-time passwords of new accounts (NIP, nama, sandi)."""
    st = plan.keadaan
    unit_ids = dict(st.unit_ids)
    _new_units(plan, st.instansi_id, unit_ids)
    seat_ids = {sid: sid for sid in plan.kursi if isinstance(sid, int)}
    new_seats = [sid for sid in plan.kursi_ubah if isinstance(sid, str)]
    if new_seats:
        seat_ids |= _insert_seats(plan, new_seats, unit_ids)
    if plan.kursi_ubah:
        db.session.execute(update(Jabatan), [
            {"id": seat_ids[s], "jenis": plan.kursi[s].jenis, "eselon": plan.kursi[s].eselon,
             "fleksibel": plan.kursi[s].fleksibel,
             "atasan_id": seat_ids.get(plan.kursi[s].atasan_id, plan.kursi[s].atasan_id)}
            for s in plan.kursi_ubah])

    method = current_app.config.get("IMPORT_OTP_HASH_METHOD", OTP_HASH_METHOD)
    sandi, person_ids = [], {nip: p["id"] for nip, p in st.pegawai.items()}
    if plan.baru:
        params = []
        for r in plan.baru:
            d, password = plan.rows[r["nip"]], one_time_password()
            sandi.append({"nip": d["nip"], "nama": d["nama"], "sandi": password})
            params.append(_person(d) | {
                "nip": d["nip"], "aktif": True, "is_admin": False, "wajib_ganti_sandi": True,
                "password_hash": generate_password_hash(password, method=method),
                "sesi_token": new_session_token()})
        db.session.execute(insert(Pegawai.__table__), params)
        person_ids |= dict(db.session.execute(select(Pegawai.nip, Pegawai.id).where(
            Pegawai.nip.in_([r["nip"] for r in plan.baru]))).all())
    if plan.pegawai_ubah:
        db.session.execute(update(Pegawai), [
            _person(plan.rows[nip]) | {"id": person_ids[nip], "aktif": True}
            for nip in plan.pegawai_ubah])

    yesterday = today - timedelta(days=1)
    leaving = [st.pegawai[r["nip"]]["id"] for r in plan.nonaktif]
    moves = [nip for nip, seat in plan.penempatan.items()
             if st.riwayat.get(nip, (None, None))[1] != seat]
    closing = [st.riwayat[nip][0] for nip in moves if nip in st.riwayat]
    closing += [st.riwayat[r["nip"]][0] for r in plan.nonaktif]
    if closing:
        db.session.execute(update(RiwayatJabatan), [
            {"id": rid, "selesai": yesterday} for rid in closing])
    if leaving:
        db.session.execute(update(Pegawai).where(Pegawai.id.in_(leaving)).values(aktif=False))
    if moves:
        db.session.execute(insert(RiwayatJabatan.__table__), [
            {"pegawai_id": person_ids[nip], "jabatan_id": seat_ids[plan.penempatan[nip]],
             "mulai": today, "keterangan": "Impor pegawai"} for nip in moves])

    audit.record("impor", "impor", None, sesudah={
        "berkas": nama_berkas, "opd": plan.opd, "baru": len(plan.baru),
        "diubah": len(plan.ubah), "dinonaktifkan": len(plan.nonaktif),
        "jabatan_baru": len(new_seats)})
    if plan.nonaktif:
        audit.record("impor_nonaktif", "pegawai", None, sesudah={
            "berkas": nama_berkas, "opd": plan.opd,
            "nip": [r["nip"] for r in plan.nonaktif]})
    return sandi


def _person(d: dict) -> dict:
    return {k: d[k] for k in ("nama", "gelar_depan", "gelar_belakang", "status", "golongan")}


def _new_units(plan: Rencana, instansi_id: int | None, unit_ids: dict) -> None:
    """Missing units, one insert per depth level (parents need their ids first)."""
    wanted = set()
    for k in plan.kursi.values():
        for i in range(1, len(k.unit) + 1):
            if k.unit[:i] not in unit_ids:
                wanted.add(k.unit[:i])
    for depth in sorted({len(p) for p in wanted}):
        level = sorted(p for p in wanted if len(p) == depth)
        params = [{"instansi_id": instansi_id, "induk_id": unit_ids.get(p[:-1]),
                   "nama": p[-1], "aktif": True} for p in level]
        db.session.execute(insert(UnitKerja.__table__), params)
        # Read the new ids back by (parent, name): one select per level, no RETURNING (which
        # SQLite would send one row at a time).
        found = db.session.execute(select(UnitKerja.id, UnitKerja.induk_id, UnitKerja.nama)
                                   .where(UnitKerja.nama.in_({p[-1] for p in level}))
                                   .order_by(UnitKerja.id)).all()
        by_key = {(u.induk_id, u.nama): u.id for u in found}
        unit_ids |= {p: by_key[(unit_ids.get(p[:-1]), p[-1])] for p in level}


def _insert_seats(plan: Rencana, new_seats: list[str], unit_ids: dict) -> dict:
    """Insert new seats and map each planned "baru-n" to a real id. Seats of one unit with the
    same name are interchangeable here (their attributes and atasan are set right after)."""
    before = db.session.scalar(select(func.coalesce(func.max(Jabatan.id), 0)))
    params = [{"nama": plan.kursi[s].nama, "jenis": plan.kursi[s].jenis,
               "eselon": plan.kursi[s].eselon, "unit_id": unit_ids[plan.kursi[s].unit],
               "atasan_id": None, "fleksibel": plan.kursi[s].fleksibel, "aktif": True}
              for s in new_seats]
    db.session.execute(insert(Jabatan.__table__), params)
    free = defaultdict(list)
    for seat_id, unit_id, nama in db.session.execute(
            select(Jabatan.id, Jabatan.unit_id, Jabatan.nama)
            .where(Jabatan.id > before, Jabatan.unit_id.in_({p["unit_id"] for p in params}))
            .order_by(Jabatan.id.desc())).all():
        free[(unit_id, nama)].append(seat_id)
    return {s: free[(p["unit_id"], p["nama"])].pop() for s, p in zip(new_seats, params,
                                                                      strict=True)}
