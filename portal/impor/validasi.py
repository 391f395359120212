"""Checks of one import line on its own (no database): NIP, golongan for the status, jabatan,
unit path. Answers the normalized values, or the reasons the line is invalid (Indonesian)."""
from __future__ import annotations

from portal.models.org import ESELON, JENIS_JABATAN
from portal.rules.golongan import STATUS, golongan_valid, pangkat_of
from portal.rules.nip import nip_error

YA = {"ya", "y", "1", "true", "benar"}
TIDAK = {"", "tidak", "t", "n", "0", "false", "salah"}
BATAS = {"nama": 150, "gelar_depan": 50, "gelar_belakang": 80, "jabatan": 200}


def split_path(text: str) -> tuple[str, ...] | None:
    """'Dinas Kesehatan / Bidang P2P' -> ('Dinas Kesehatan', 'Bidang P2P'); None when a part
    is empty."""
    parts = tuple(" ".join(p.split()) for p in text.split("/"))
    if not text.strip() or any(not p or len(p) > 200 for p in parts):
        return None
    return parts


def check_row(sel: dict[str, str], formula: list[str]) -> tuple[dict | None, list[str]]:
    reasons: list[str] = []
    if formula:
        reasons.append("Sel berisi rumus (tidak dijalankan): " + ", ".join(formula) + ".")
    nip = sel["nip"].strip()
    if error := nip_error(nip):
        reasons.append(error)
    nama = " ".join(sel["nama"].split())
    if not nama:
        reasons.append("Nama kosong.")
    for key, limit in BATAS.items():
        if len(sel[key]) > limit:
            reasons.append(f"Isian {key.replace('_', ' ')} terlalu panjang (maks. {limit}).")
    status = sel["status"].strip().upper()
    golongan = sel["golongan"].strip()
    if status not in STATUS:
        reasons.append("Status harus PNS atau PPPK.")
    elif not golongan_valid(status, golongan):
        reasons.append(f"Golongan '{golongan}' tidak dikenal untuk {status}.")
    elif sel["pangkat"].strip() and sel["pangkat"].strip() != (pangkat_of(status, golongan)
                                                                or ""):
        reasons.append("Pangkat tidak sesuai golongan.")
    jabatan = " ".join(sel["jabatan"].split())
    if not jabatan:
        reasons.append("Jabatan kosong.")
    jenis = sel["jenis_jabatan"].strip().lower()
    eselon = sel["eselon"].strip().upper().removeprefix("ESELON").strip() or None
    if jenis not in JENIS_JABATAN:
        reasons.append("Jenis jabatan harus struktural, fungsional atau pelaksana.")
    elif jenis == "struktural" and eselon not in ESELON:
        reasons.append("Jabatan struktural perlu eselon I, II, III atau IV.")
    elif jenis != "struktural" and eselon:
        reasons.append("Eselon hanya untuk jabatan struktural.")
    path = split_path(sel["unit"])
    if not sel["unit"].strip():
        reasons.append("Unit kerja kosong.")
    elif path is None:
        reasons.append("Path unit kerja tidak valid (bagian kosong di antara '/').")
    atasan = sel["nip_atasan"].strip()
    if atasan and nip_error(atasan):
        reasons.append("NIP atasan tidak valid.")
    fleks = sel["fleksibel"].strip().lower()
    if fleks not in YA | TIDAK:
        reasons.append("Fleksibel harus 'ya' atau 'tidak'.")
    if reasons:
        return None, reasons
    return {
        "nip": nip, "nama": nama,
        "gelar_depan": sel["gelar_depan"].strip() or None,
        "gelar_belakang": sel["gelar_belakang"].strip() or None,
        "status": status, "golongan": golongan, "jabatan": jabatan, "jenis": jenis,
        "eselon": eselon if jenis == "struktural" else None, "unit": list(path),
        "nip_atasan": atasan or None, "fleksibel": fleks in YA,
    }, []
