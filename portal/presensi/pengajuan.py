"""Corrections and izin: asked by the employee, decided by the direct supervisor (or Plt) one at
a time or in bulk through the same `putuskan`, fixed by the admin with a reason. Every change of
a day's times is in the audit trail with before and after."""
from __future__ import annotations

import secrets
from datetime import date, datetime, time, timedelta
from pathlib import Path

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from portal import audit, clock, idempotency, orgtree
from portal.extensions import db
from portal.harian import bukti as bukti_files
from portal.models import PengajuanPresensi, Presensi
from portal.models.presensi import JENIS_IZIN, JENIS_KOREKSI
from portal.presensi import kunci_bulan

LABEL = {
    "lupa_datang": _l("Lupa menekan Datang"),
    "lupa_pulang": _l("Lupa menekan Pulang"),
    "mesin_rusak": _l("Mesin presensi rusak"),
    "izin": _l("Izin sehari penuh"),
    "terlambat": _l("Izin datang terlambat"),
    "pulang_cepat": _l("Izin pulang lebih cepat"),
}
MAJU_HARI = 31  # izin may be asked this many days ahead; corrections only for past days


def _jam(text: str | None) -> time | None | str:
    text = (text or "").strip().replace(".", ":")
    if not text:
        return None
    try:
        return time.fromisoformat(text if len(text) > 2 else text + ":00")
    except ValueError:
        return "salah"


def baca(form, files) -> tuple[dict | None, dict[str, str]]:
    """Check an asked correction or izin; (values, {}) or (None, {field: message})."""
    errors: dict[str, str] = {}
    jenis = (form.get("jenis") or "").strip()
    if jenis not in LABEL:
        errors["jenis"] = _("Pilih jenis pengajuan.")
    try:
        tanggal = date.fromisoformat((form.get("tanggal") or "").strip())
    except ValueError:
        tanggal = None
        errors["tanggal"] = _("Isi tanggal dengan format yang benar.")
    today = clock.today()
    if tanggal is not None:
        if tanggal > today + timedelta(days=MAJU_HARI if jenis in JENIS_IZIN else 0):
            errors["tanggal"] = _("Koreksi hanya untuk hari yang sudah lewat atau hari ini; izin "
                                  "paling jauh %(n)s hari ke depan.", n=MAJU_HARI)
        elif tanggal < today - timedelta(days=92):
            errors["tanggal"] = _("Tanggal terlalu lama lewat (lebih dari tiga bulan).")
        elif kunci_bulan.tertutup(tanggal):
            errors["tanggal"] = _("Presensi bulan itu sudah ditutup.")
    datang, pulang = _jam(form.get("jam_datang")), _jam(form.get("jam_pulang"))
    for key, value in (("jam_datang", datang), ("jam_pulang", pulang)):
        if value == "salah":
            errors[key] = _("Isi jam dengan format JJ:MM, misalnya 07:30.")
    if jenis == "lupa_datang" and datang is None:
        errors["jam_datang"] = _("Isi jam datang yang sebenarnya.")
    if jenis == "lupa_pulang" and pulang is None:
        errors["jam_pulang"] = _("Isi jam pulang yang sebenarnya.")
    if jenis == "mesin_rusak" and datang is None and pulang is None:
        errors["jam_datang"] = _("Isi jam datang, jam pulang, atau keduanya.")
    alasan = (form.get("alasan") or "").strip()
    if not alasan:
        errors["alasan"] = _("Tuliskan alasannya.")
    elif len(alasan) > 500:
        errors["alasan"] = _("Alasan paling panjang 500 karakter.")
    upload = files.get("bukti") if files else None
    bukti = None
    if upload is not None and upload.filename:
        data = upload.read(current_app.config.get("BUKTI_MAX_BYTES", bukti_files.DEFAULT_MAX) + 1)
        refused = bukti_files.check(upload.filename, data,
                                    current_app.config.get("BUKTI_MAX_BYTES",
                                                           bukti_files.DEFAULT_MAX))
        if refused:
            errors["bukti"] = refused
        else:
            bukti = (bukti_files.clean_name(upload.filename), data)
    if errors:
        return None, errors
    values = {"jenis": jenis, "tanggal": tanggal, "alasan": alasan, "bukti": bukti,
              "datang": None, "pulang": None}
    if jenis in JENIS_KOREKSI:
        values["datang"] = datetime.combine(tanggal, datang) if isinstance(datang, time) else None
        if isinstance(pulang, time):
            end = datetime.combine(tanggal, pulang)
            if values["datang"] is not None and end <= values["datang"]:
                end += timedelta(days=1)  # a night shift ends the next morning
            values["pulang"] = end
    return values, {}


def ajukan(pegawai_id: int, values: dict, kunci: str | None) -> tuple[PengajuanPresensi, bool]:
    """Save once per idempotency key; a file goes to the storage under a random name."""
    bukti = values.pop("bukti", None)

    def build() -> PengajuanPresensi:
        p = PengajuanPresensi(pegawai_id=pegawai_id, kunci=kunci or secrets.token_urlsafe(16),
                              **values)
        if bukti:
            name, data = bukti
            found = bukti_files.detect(data[:16])
            p.bukti_nama, p.bukti_mime = name, found[0]
            p.bukti_simpan = secrets.token_hex(16) + Path(name).suffix.lower()
            bukti_files.simpan(p.bukti_simpan, data)
        db.session.add(p)
        return p

    return idempotency.once(PengajuanPresensi, "pegawai_id", pegawai_id, kunci, build)


def milik(pegawai_id: int, tahun: int | None = None, bulan: int | None = None):
    q = select(PengajuanPresensi).where(PengajuanPresensi.pegawai_id == pegawai_id)
    if tahun:
        first = date(tahun, bulan, 1)
        q = q.where(PengajuanPresensi.tanggal.between(first, first + timedelta(days=31)))
    return list(db.session.scalars(q.order_by(PengajuanPresensi.tanggal.desc()).limit(100)))


def menunggu_tim(atasan_id: int) -> list[PengajuanPresensi]:
    ids = [p.id for p, _ in orgtree.direct_reports(atasan_id)]
    return list(db.session.scalars(select(PengajuanPresensi).where(
        PengajuanPresensi.pegawai_id.in_(ids), PengajuanPresensi.status == "diajukan")
        .order_by(PengajuanPresensi.tanggal, PengajuanPresensi.id)))


def _hari(pegawai_id: int, tanggal: date) -> Presensi | None:
    return db.session.scalar(select(Presensi).where(Presensi.pegawai_id == pegawai_id,
                                                    Presensi.tanggal == tanggal))


def _snapshot(row: Presensi | None) -> dict | None:
    if row is None:
        return None
    return {"tanggal": row.tanggal, "datang": row.datang, "pulang": row.pulang,
            "sumber_datang": row.sumber_datang, "sumber_pulang": row.sumber_pulang}


def atur_jam(pegawai_id: int, tanggal: date, datang: datetime | None, pulang: datetime | None,
             sumber: str, aksi: str, alasan: str) -> Presensi:
    """Set a day's times (only those given), audited with before and after."""
    row = _hari(pegawai_id, tanggal)
    before = _snapshot(row)
    if row is None:
        row = Presensi(pegawai_id=pegawai_id, tanggal=tanggal)
        db.session.add(row)
    if datang is not None:
        row.datang, row.sumber_datang = datang, sumber
    if pulang is not None:
        row.pulang, row.sumber_pulang = pulang, sumber
    db.session.flush()
    audit.record(aksi, "presensi", row.id, sebelum=before,
                 sesudah=_snapshot(row) | {"pegawai_id": pegawai_id, "alasan": alasan})
    return row


def putuskan(p: PengajuanPresensi, keputusan: str, catatan: str, oleh_id: int) -> str | None:
    """Approve ("setujui") or return ("kembalikan") one request; the reason it cannot be done,
    or None. The caller has checked that `oleh_id` is the direct supervisor (or Plt)."""
    if p.status != "diajukan":
        return _("Pengajuan ini sudah diputuskan.")
    if keputusan not in ("setujui", "kembalikan"):
        return _("Pilih setujui atau kembalikan.")
    if keputusan == "kembalikan" and not catatan.strip():
        return _("Tuliskan catatan mengapa pengajuan dikembalikan.")
    if kunci_bulan.tertutup(p.tanggal):
        return _("Presensi bulan itu sudah ditutup.")
    before = {"status": p.status}
    p.status = "disetujui" if keputusan == "setujui" else "dikembalikan"
    p.catatan = catatan.strip()[:500] or None
    p.diputus_oleh_id, p.diputus_pada = oleh_id, clock.utcnow()
    if p.status == "disetujui" and p.jenis in JENIS_KOREKSI:
        atur_jam(p.pegawai_id, p.tanggal, p.datang, p.pulang, "koreksi", "presensi_koreksi",
                 p.alasan)
    audit.record(f"pengajuan_presensi_{keputusan}", "pengajuan_presensi", p.id, sebelum=before,
                 sesudah={"status": p.status, "jenis": p.jenis, "tanggal": p.tanggal,
                          "catatan": p.catatan})
    return None
