"""What the API's view modules share: reading JSON bodies and query dates, and turning the
portal's records into the documented shapes (portal/api/skema.py)."""
from __future__ import annotations

from datetime import date

from flask import abort, request

from portal import orgtree
from portal.models import Pegawai, Penilaian, ProgresHarian


def json_object() -> dict:
    """The request body as a JSON object, or a clear 415/400."""
    if not request.is_json:
        abort(415)
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        abort(400, description="Isi permintaan harus objek JSON yang sah.")
    return body


def tanggal_query(name: str, default: date) -> date:
    value = request.args.get(name)
    if value is None:
        return default
    try:
        return date.fromisoformat(value)
    except ValueError:
        abort(400, description=f"Parameter {name} harus tanggal YYYY-MM-DD.")


def pegawai(p: Pegawai, peran: bool = False) -> dict:
    seat = p.jabatan_aktif()
    out = {"id": p.id, "nip": p.nip, "nama": p.nama_lengkap,
           "jabatan": seat.nama if seat else None, "unit_kerja": seat.unit.nama if seat else None}
    if peran:
        out["peran"] = orgtree.roles_of(p)
    return out


def entri(e: ProgresHarian) -> dict:
    return {"id": e.id, "tanggal": e.tanggal.isoformat(), "uraian": e.uraian,
            "output": None if e.output is None else float(e.output), "rhk_id": e.rhk_id,
            "rencana_aksi_id": e.rencana_aksi_id, "bukti_link": e.bukti_link,
            "verifikasi": e.verifikasi}


def penilaian(n: Penilaian) -> dict:
    return {"id": n.id, "tahun": n.periode.tahun, "kode": n.kode, "hasil_kerja": n.hasil_kerja,
            "perilaku_kerja": n.perilaku_kerja, "predikat": n.predikat}
