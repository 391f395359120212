"""What the API's view modules share: the portal's records in the documented shapes
(portal/api/skema.py)."""
from __future__ import annotations

from portal import orgtree
from portal.models import Pegawai, Penilaian, ProgresHarian


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
