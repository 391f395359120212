"""Pending imports (kept in the database for every worker), applying them, and the export."""
from __future__ import annotations

import json
import secrets
from datetime import date, datetime

from sqlalchemy import select

from portal import clock
from portal.extensions import db
from portal.impor import berkas, keadaan, rencana, terapkan
from portal.impor.berkas import Baris
from portal.models import ImporPratinjau, Jabatan, Pegawai, RiwayatJabatan
from portal.orgtree import holder_current
from portal.rules.golongan import pangkat_of


def _now() -> datetime:
    return clock.utcnow()


def _lines(pending: ImporPratinjau) -> list[Baris]:
    return [Baris(r["nomor"], r["sel"], r["formula"]) for r in json.loads(pending.baris_json)]


def create_pending(lines: list[Baris], filename: str, pembuat_id: int,
                   today: date) -> ImporPratinjau:
    plan = rencana.build(lines, today)
    pending = ImporPratinjau(
        token=secrets.token_urlsafe(24), pembuat_id=pembuat_id, dibuat=_now(),
        nama_berkas=filename[:200],
        baris_json=json.dumps([{"nomor": b.nomor, "sel": b.sel, "formula": b.formula}
                               for b in lines], ensure_ascii=False),
        ringkasan_json=json.dumps(plan.ringkasan(), ensure_ascii=False))
    db.session.add(pending)
    return pending


def recent(limit: int = 10) -> list[ImporPratinjau]:
    return list(db.session.scalars(select(ImporPratinjau)
                                   .order_by(ImporPratinjau.id.desc()).limit(limit)))


def summary(pending: ImporPratinjau) -> dict:
    return json.loads(pending.ringkasan_json or "{}")


def apply_pending(pending: ImporPratinjau, today: date) -> rencana.Rencana:
    """Recompute the plan against today's database (it may have changed since the preview)
    and write it; the caller commits. Refused (nothing written) when a line is invalid."""
    plan = rencana.build(_lines(pending), today)
    pending.ringkasan_json = json.dumps(plan.ringkasan(), ensure_ascii=False)
    if plan.tidak_valid:
        return plan
    sandi = terapkan.apply(plan, today, pending.nama_berkas)
    pending.status = "diterapkan"
    pending.diterapkan = _now()
    pending.sandi_json = json.dumps(sandi, ensure_ascii=False) if sandi else None
    return plan


def passwords(pending: ImporPratinjau) -> list[dict]:
    return json.loads(pending.sandi_json or "[]")


def take_passwords(pending: ImporPratinjau) -> list[dict]:
    """The one-time passwords, then forgotten (the caller commits)."""
    sandi = json.loads(pending.sandi_json or "[]")
    pending.sandi_json = None
    return sandi


def export_records(today: date) -> list[dict]:
    """Every active person holding a seat, in the import's columns; NIP atasan as the tree
    gives it, so that re-importing the export changes nothing."""
    st = keadaan.load(set(), today)
    rows = db.session.execute(
        select(Pegawai, RiwayatJabatan.jabatan_id)
        .join(RiwayatJabatan, RiwayatJabatan.pegawai_id == Pegawai.id)
        .join(Jabatan, Jabatan.id == RiwayatJabatan.jabatan_id)
        .where(holder_current(today), Pegawai.aktif.is_(True), Jabatan.aktif.is_(True))
        .order_by(Pegawai.nip)).all()
    out = []
    for p, seat_id in rows:
        seat = st.kursi[seat_id]
        atasan = keadaan.acting_nip(seat.atasan_id, st.kursi, st.pemegang, st.plt, p.nip)
        out.append({
            "nip": p.nip, "nama": p.nama, "gelar_depan": p.gelar_depan,
            "gelar_belakang": p.gelar_belakang, "pangkat": pangkat_of(p.status, p.golongan),
            "golongan": p.golongan, "status": p.status, "jabatan": seat.nama,
            "jenis_jabatan": seat.jenis, "eselon": seat.eselon, "unit": " / ".join(seat.unit),
            "nip_atasan": atasan, "fleksibel": "ya" if seat.fleksibel else "tidak"})
    return out


def export_file(fmt: str, today: date) -> bytes:
    records = export_records(today)
    return berkas.write_xlsx(records) if fmt == "xlsx" else berkas.write_csv(records)
