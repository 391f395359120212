"""The identity blocks of a rapor, frozen when a rating is given.

`snapshot(pegawai, jabatan)` returns the JSON-ready dict stored in `Penilaian.identitas`:

    {"pegawai": {...}, "penilai": {...}, "atasan_penilai": {...}}

each block with the keys nama, nip, pangkat_golongan, jabatan, unit_kerja, plus status
("PNS"/"PPPK"), pangkat (empty for PPPK) and golongan. The penilai and atasan penilai are the
chain above the person today (`orgtree.atasan_chain_ids`); where the chain ends (an OPD head's
atasan penilai, the Sekda's penilai) the kepala daerah of the instansi stands in. A later move
or promotion does not change a stored snapshot.
"""
from __future__ import annotations

from sqlalchemy import select

from portal import orgtree
from portal.extensions import db
from portal.models import Instansi, Jabatan, Pegawai

FIELDS = ("nama", "nip", "pangkat_golongan", "jabatan", "unit_kerja")


def block(pegawai: Pegawai | None, jabatan: Jabatan | None) -> dict:
    if pegawai is None:
        return dict.fromkeys(FIELDS, "") | {"status": "", "pangkat": "", "golongan": ""}
    pppk = pegawai.status == "PPPK"
    return {
        "nama": pegawai.nama_lengkap,
        "nip": pegawai.nip,
        "status": pegawai.status,
        "pangkat": "" if pppk else (pegawai.pangkat or ""),
        "golongan": (f"{pegawai.golongan} (PPPK)" if pppk else pegawai.golongan) or "",
        "pangkat_golongan": pegawai.pangkat_golongan,
        "jabatan": jabatan.nama if jabatan else "",
        "unit_kerja": jabatan.unit.path_text if jabatan else "",
    }


def kepala_daerah() -> dict:
    instansi = db.session.scalar(select(Instansi).limit(1))
    if instansi is None:
        return block(None, None)
    return {"nama": instansi.kepala_daerah_nama, "nip": instansi.kepala_daerah_nip or "",
            "status": "", "pangkat": "", "golongan": "", "pangkat_golongan": "",
            "jabatan": instansi.kepala_daerah_jabatan, "unit_kerja": instansi.nama}


def snapshot(pegawai: Pegawai, jabatan: Jabatan | None) -> dict:
    chain = orgtree.atasan_chain_ids(pegawai)[:2]
    blocks = []
    for pid in chain:
        person = db.session.get(Pegawai, pid)
        blocks.append(block(person, orgtree.current_seat(pid)))
    while len(blocks) < 2:
        blocks.append(kepala_daerah())
        if len(blocks) < 2:
            blocks.append(block(None, None))
    return {"pegawai": block(pegawai, jabatan), "penilai": blocks[0],
            "atasan_penilai": blocks[1]}
