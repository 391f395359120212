"""Kelas jabatan per seat (with optional criteria) and the per-person TPP facts (sentences,
LHKPN, long and study leave): the admin's data entry, each change audited."""
from __future__ import annotations

import json
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import func, select

from portal import audit
from portal.extensions import db
from portal.models import Jabatan, Pegawai, TppCatatan, TppJabatan, UnitKerja
from portal.models.tpp import JENIS_CATATAN
from portal.rules.nip import bersihkan
from portal.rules.tpp_aturan import HUKUMAN

PER_HALAMAN = 50
CATATAN_FIELDS = ("nip", "jenis", "tingkat", "nomor", "mulai", "selesai", "bulan", "keterangan")


def pegawai_by_nip(nip: str | None) -> Pegawai | None:
    nip = bersihkan((nip or "")[:40])[:18]
    if not nip:
        return None
    return db.session.scalar(select(Pegawai).where(Pegawai.nip == nip, Pegawai.aktif))


def _query(q: str):
    stmt = (select(Jabatan.id, Jabatan.nama, UnitKerja.nama, TppJabatan.kelas,
                   TppJabatan.kriteria)
            .join(UnitKerja, UnitKerja.id == Jabatan.unit_id)
            .outerjoin(TppJabatan, TppJabatan.jabatan_id == Jabatan.id)
            .where(Jabatan.aktif))
    if q:
        stmt = stmt.where(Jabatan.nama.ilike(f"%{q}%") | UnitKerja.nama.ilike(f"%{q}%"))
    return stmt


def daftar(q: str, hal: int) -> tuple[list[dict], int]:
    """Seats without a kelas first, then by unit and name: two statements."""
    stmt = _query(q)
    total = db.session.scalar(select(func.count()).select_from(stmt.subquery()))
    rows = db.session.execute(stmt.order_by(TppJabatan.kelas.is_not(None), UnitKerja.nama,
                                            Jabatan.nama, Jabatan.id)
                              .limit(PER_HALAMAN).offset((hal - 1) * PER_HALAMAN)).all()
    return [_row(r) for r in rows], total


def _row(r) -> dict:
    kriteria = json.loads(r[4] or "[]")
    return {"id": r[0], "nama": r[1], "unit": r[2], "kelas": r[3],
            "kriteria": "; ".join(_kriteria_text(k) for k in kriteria)}


def _kriteria_text(k: dict) -> str:
    return f"{k['nama']}:{k['persen']}%" if k.get("persen") else f"{k['nama']}:{k['jumlah']}"


def satu(jabatan: Jabatan) -> dict:
    return _row(db.session.execute(_query("").where(Jabatan.id == jabatan.id)).one())


def _baca_kriteria(text: str) -> list[dict] | None:
    """"tempat bertugas:10%; kelangkaan profesi:500000" -> criteria, or None when unreadable."""
    out = []
    for part in (text or "").split(";"):
        if not part.strip():
            continue
        nama, _sep, nilai = part.partition(":")
        nilai = nilai.strip().replace(".", "")
        try:
            if nilai.endswith("%"):
                persen = float(nilai[:-1].replace(",", "."))  # validated, then kept as text
                if not 0 <= persen <= 100:
                    return None
                out.append({"nama": nama.strip()[:60], "persen": nilai[:-1].replace(",", ".")})
            else:
                jumlah = int(nilai)
                if jumlah < 0:
                    return None
                out.append({"nama": nama.strip()[:60], "jumlah": jumlah})
        except ValueError:
            return None
        if not nama.strip():
            return None
    return out


def simpan(jabatan: Jabatan, kelas_text: str | None, kriteria_text: str | None) -> str | None:
    kelas_text = (kelas_text or "").strip()
    if kelas_text and (not kelas_text.isdigit() or not 1 <= int(kelas_text) <= 17):
        return _("Kelas jabatan harus bilangan 1 sampai 17.")
    kriteria = _baca_kriteria((kriteria_text or "")[:500])
    if kriteria is None:
        return _("Kriteria tidak terbaca: tulis 'nama:jumlah' atau 'nama:persen%', dipisah "
                 "titik koma; tidak boleh negatif.")
    row = db.session.get(TppJabatan, jabatan.id) or TppJabatan(jabatan_id=jabatan.id)
    before = {"kelas": row.kelas, "kriteria": row.kriteria}
    row.kelas = int(kelas_text) if kelas_text else None
    row.kriteria = json.dumps(kriteria, ensure_ascii=False)
    db.session.add(row)
    audit.record("tpp_kelas", "jabatan", jabatan.id, sebelum=before,
                 sesudah={"kelas": row.kelas, "kriteria": row.kriteria})
    return None


def catatan() -> list[TppCatatan]:
    return db.session.scalars(select(TppCatatan).order_by(TppCatatan.mulai.desc(),
                                                          TppCatatan.id.desc())
                              .limit(200)).all()


def _tanggal(text: str) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def tambah_catatan(v: dict) -> dict[str, str]:
    errors = {}
    person = pegawai_by_nip(v["nip"])
    if person is None:
        errors["nip"] = _("Tidak ada pegawai aktif dengan NIP ini.")
    if v["jenis"] not in JENIS_CATATAN:
        errors["jenis"] = _("Pilihan tidak valid.")
    if v["jenis"] == "hukuman" and v["tingkat"] not in HUKUMAN:
        errors["tingkat"] = _("Pilih tingkat hukuman.")
    mulai, selesai = _tanggal(v["mulai"]), _tanggal(v["selesai"])
    if mulai is None:
        errors["mulai"] = _("Tanggal tidak valid (format TTTT-BB-HH).")
    if v["selesai"] and selesai is None:
        errors["selesai"] = _("Tanggal tidak valid (format TTTT-BB-HH).")
    elif mulai and selesai and selesai < mulai:
        errors["selesai"] = _("Tanggal selesai sebelum tanggal mulai.")
    bulan = None
    if v["jenis"] == "hukuman":
        if not v["bulan"].isdigit() or not 1 <= int(v["bulan"]) <= 36:
            errors["bulan"] = _("Lama hukuman 1 sampai 36 bulan.")
        else:
            bulan = int(v["bulan"])
    if errors:
        return errors
    if bulan:
        mulai = mulai.replace(day=1)
        k = mulai.year * 12 + mulai.month - 1 + bulan
        selesai = date(k // 12, k % 12 + 1, 1).replace(day=1)
        selesai = date.fromordinal(selesai.toordinal() - 1)
    row = TppCatatan(pegawai_id=person.id, jenis=v["jenis"],
                     tingkat=v["tingkat"] if v["jenis"] == "hukuman" else None,
                     nomor=v["nomor"][:100] or None, mulai=mulai, selesai=selesai, bulan=bulan,
                     keterangan=v["keterangan"][:200] or None)
    db.session.add(row)
    db.session.flush()
    audit.record("tpp_catatan", "pegawai", person.id,
                 sesudah={"jenis": row.jenis, "tingkat": row.tingkat, "mulai": mulai,
                          "selesai": selesai})
    return {}


def hapus_catatan(row: TppCatatan) -> None:
    audit.record("tpp_catatan_hapus", "pegawai", row.pegawai_id,
                 sebelum={"jenis": row.jenis, "mulai": row.mulai, "selesai": row.selesai})
    db.session.delete(row)
