"""JSON Schemas (2020-12, as OpenAPI 3.1 takes them) of what the API sends and receives."""
from __future__ import annotations

REF = "#/components/schemas/"


def ref(name: str) -> dict:
    return {"$ref": REF + name}


def daftar(name: str) -> dict:
    return {"type": "object", "required": ["data"],
            "properties": {"data": {"type": "array", "items": ref(name)}}}


TANGGAL = {"type": "string", "format": "date"}
KETERANGAN_GALAT = {
    400: "Parameter atau isi tidak valid",
    401: "Token tidak ada, tidak dikenal, kedaluwarsa atau dicabut",
    403: "Cakupan token atau hak pemiliknya tidak cukup",
    404: "Data tidak ditemukan",
    413: "Isi terlalu besar",
    415: "Isi bukan JSON",
    422: "Isian ditolak (pesan per isian di `kesalahan`)",
    429: "Batas permintaan per menit terlampaui",
}

KOMPONEN = {
    "Galat": {
        "type": "object", "required": ["kode", "pesan"],
        "properties": {
            "kode": {"type": "integer"},
            "pesan": {"type": "string"},
            "kesalahan": {"type": "object",
                          "additionalProperties": {"type": "array",
                                                   "items": {"type": "string"}}},
        },
    },
    "Pegawai": {
        "type": "object", "required": ["id", "nip", "nama", "jabatan", "unit_kerja"],
        "properties": {
            "id": {"type": "integer"},
            "nip": {"type": "string"},
            "nama": {"type": "string"},
            "jabatan": {"type": ["string", "null"]},
            "unit_kerja": {"type": ["string", "null"]},
            "peran": {"type": "array", "items": {"type": "string"}},
        },
    },
    "RencanaAksi": {
        "type": "object", "required": ["id", "teks", "tahun", "bulan"],
        "properties": {"id": {"type": "integer"}, "teks": {"type": "string"},
                       "tahun": {"type": "integer"}, "bulan": {"type": "integer"}},
    },
    "Rhk": {
        "type": "object", "required": ["id", "teks", "satuan", "rencana_aksi"],
        "properties": {"id": {"type": "integer"}, "teks": {"type": "string"},
                       "satuan": {"type": "string"},
                       "rencana_aksi": {"type": "array", "items": ref("RencanaAksi")}},
    },
    "Entri": {
        "type": "object",
        "required": ["id", "tanggal", "uraian", "output", "rhk_id", "rencana_aksi_id",
                     "bukti_link", "verifikasi"],
        "properties": {
            "id": {"type": "integer"}, "tanggal": TANGGAL, "uraian": {"type": "string"},
            "output": {"type": ["number", "null"]}, "rhk_id": {"type": "integer"},
            "rencana_aksi_id": {"type": ["integer", "null"]},
            "bukti_link": {"type": ["string", "null"]},
            "verifikasi": {"type": ["string", "null"]},
        },
    },
    "EntriBaru": {
        "type": "object", "required": ["uraian"],
        "properties": {
            "uraian": {"type": "string", "description": "Yang dikerjakan (paling banyak 500)"},
            "rencana_aksi_id": {"type": "integer", "description": "Rencana aksi bulan itu"},
            "rhk_id": {"type": "integer",
                       "description": "Hanya bila tidak ada rencana aksi bulan itu"},
            "tanggal": {**TANGGAL, "description": "Bawaan: hari ini"},
            "output": {"type": ["number", "null"], "minimum": 0},
            "bukti_link": {"type": ["string", "null"]},
            "mode": {"enum": ["WFO", "WFH", "WFA"]},
        },
    },
    "Penilaian": {
        "type": "object",
        "required": ["id", "tahun", "kode", "hasil_kerja", "perilaku_kerja", "predikat"],
        "properties": {
            "id": {"type": "integer"}, "tahun": {"type": "integer"}, "kode": {"type": "string"},
            "hasil_kerja": {"enum": ["di_atas", "sesuai", "di_bawah"]},
            "perilaku_kerja": {"enum": ["di_atas", "sesuai", "di_bawah"]},
            "predikat": {"type": "string"},
        },
    },
}
