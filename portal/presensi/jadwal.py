"""The admin's data of discipline: working-hours versions, shifts given to seats, machine PINs,
places on record, and the admin's fix of a day (with a reason, audited)."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from portal import audit, clock
from portal.extensions import db
from portal.harian import kalender as harian_kalender
from portal.models import (
    Jabatan,
    JadwalHari,
    JadwalJabatan,
    JadwalKerja,
    Pegawai,
    PinMesin,
    TempatKerja,
)
from portal.presensi import kunci_bulan, pengajuan
from portal.rules.nip import bersihkan
from portal.rules.presensi import parse_batas


def instansi_id() -> int:
    return harian_kalender.instansi().id


HARI = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")


def semua_jadwal() -> list[JadwalKerja]:
    return list(db.session.scalars(select(JadwalKerja).options(selectinload(JadwalKerja.hari))
                                   .order_by(JadwalKerja.jenis, JadwalKerja.mulai.desc())))


def penugasan() -> list[tuple[JadwalJabatan, Jabatan]]:
    return [tuple(r) for r in db.session.execute(
        select(JadwalJabatan, Jabatan).join(Jabatan, Jabatan.id == JadwalJabatan.jabatan_id)
        .order_by(JadwalJabatan.mulai.desc()).limit(200))]


def _tanggal(text: str | None) -> date | None:
    try:
        return date.fromisoformat((text or "").strip())
    except ValueError:
        return None


def _jam(text: str | None) -> time | None:
    try:
        return time.fromisoformat((text or "").strip()[:5])
    except ValueError:
        return None


def _lewat() -> str:
    return _("Mulai hari ini atau sesudahnya: jadwal tidak boleh mengubah hari yang "
             "sudah lewat.")


def buat_jadwal(form) -> tuple[JadwalKerja | None, dict[str, str]]:
    """A new version (regular), a Ramadan schedule or a shift, from the admin's form."""
    errors: dict[str, str] = {}
    jenis = form.get("jenis", "")
    if jenis not in ("reguler", "ramadan", "shift"):
        errors["jenis"] = _("Pilih jenis jadwal.")
    nama = (form.get("nama") or "").strip()[:100]
    if not nama:
        errors["nama"] = _("Beri nama jadwal.")
    mulai, selesai = _tanggal(form.get("mulai")), _tanggal(form.get("selesai"))
    if mulai is None:
        errors["mulai"] = _("Isi tanggal mulai berlaku.")
    elif mulai < clock.today():
        errors["mulai"] = _lewat()
    if jenis == "ramadan" and (selesai is None or (mulai and selesai < mulai)):
        errors["selesai"] = _("Jadwal Ramadan perlu tanggal selesai, tidak sebelum tanggal mulai.")
    tol = (form.get("toleransi") or "0").strip()
    if not tol.isdigit() or int(tol) > 120:
        errors["toleransi"] = _("Toleransi dalam menit, 0 sampai 120.")
    batas_text = (form.get("batas") or "30,60,90").strip()[:30]
    if parse_batas(batas_text) == (30, 60, 90) and batas_text.replace(" ", "") != "30,60,90":
        errors["batas"] = _("Batas tingkat berupa menit naik, dipisah koma, misalnya 30,60,90.")
    hari = []
    for n in range(7):
        masuk, pulang = form.get(f"masuk{n}", ""), form.get(f"pulang{n}", "")
        if not masuk.strip() and not pulang.strip():
            continue
        m, p = _jam(masuk), _jam(pulang)
        if m is None or p is None or m == p:
            errors[f"hari{n}"] = _("Jam %(hari)s tidak benar (JJ:MM, masuk dan pulang).",
                                   hari=HARI[n])
        else:
            hari.append(JadwalHari(hari=n, masuk=m, pulang=p))
    if not hari and "hari0" not in errors:
        errors["hari"] = _("Isi jam kerja untuk minimal satu hari.")
    if errors:
        return None, errors
    jadwal = JadwalKerja(instansi_id=instansi_id(), jenis=jenis, nama=nama, mulai=mulai,
                         selesai=selesai, toleransi_menit=int(tol), batas_tingkat=batas_text,
                         ikut_libur=jenis != "shift" or form.get("ikut_libur") == "ya", hari=hari)
    db.session.add(jadwal)
    db.session.flush()
    audit.record("jadwal_kerja_buat", "jadwal_kerja", jadwal.id, sesudah={
        "jenis": jenis, "nama": nama, "mulai": mulai, "selesai": selesai,
        "hari": {HARI[h.hari]: f"{h.masuk:%H:%M}-{h.pulang:%H:%M}" for h in hari}})
    return jadwal, {}


def tugaskan(jadwal: JadwalKerja, form) -> str | None:
    """Give a shift schedule to a seat from a date."""
    if jadwal.jenis != "shift":
        return _("Hanya jadwal shift yang diberikan ke jabatan.")
    raw = (form.get("jabatan_id") or "").strip()
    seat = db.session.get(Jabatan, int(raw)) if raw.isdigit() and len(raw) < 10 else None
    mulai = _tanggal(form.get("mulai"))
    if seat is None:
        return _("Pilih jabatan.")
    if mulai is None:
        return _("Isi tanggal mulai.")
    if mulai < clock.today():
        return _lewat()
    db.session.add(JadwalJabatan(jabatan_id=seat.id, jadwal_id=jadwal.id, mulai=mulai))
    audit.record("jadwal_jabatan", "jabatan", seat.id,
                 sesudah={"jadwal": jadwal.nama, "mulai": mulai})
    return None


def simpan_pin(form) -> str | None:
    pin = (form.get("pin") or "").strip()[:20]
    nip = bersihkan((form.get("nip") or "")[:40])[:18]
    if not pin or not pin.isalnum():
        return _("PIN berupa angka atau huruf, paling panjang 20.")
    pegawai = db.session.scalar(select(Pegawai).where(Pegawai.nip == nip))
    if pegawai is None:
        return _("NIP tidak dikenal.")
    row = db.session.scalar(select(PinMesin).where(PinMesin.pin == pin))
    before = {"pin": pin, "pegawai_id": row.pegawai_id} if row else None
    if row is None:
        row = PinMesin(pin=pin, pegawai_id=pegawai.id)
        db.session.add(row)
    row.pegawai_id = pegawai.id
    db.session.flush()
    audit.record("pin_mesin", "pegawai", pegawai.id, sebelum=before,
                 sesudah={"pin": pin, "pegawai_id": pegawai.id})
    return None


def hapus_pin(row: PinMesin) -> None:
    audit.record("pin_mesin_hapus", "pegawai", row.pegawai_id,
                 sebelum={"pin": row.pin, "pegawai_id": row.pegawai_id})
    db.session.delete(row)


def daftar_pin() -> list[PinMesin]:
    return list(db.session.scalars(select(PinMesin).order_by(PinMesin.pin).limit(500)))


def simpan_tempat(form) -> str | None:
    nama = (form.get("nama") or "").strip()[:150]
    try:
        lat, lon = Decimal(form.get("lintang", "")), Decimal(form.get("bujur", ""))
        radius = int(form.get("radius") or 500)
    except (InvalidOperation, ValueError):
        return _("Isi lintang, bujur (desimal) dan radius (meter) dengan angka.")
    if not nama or not (lat.is_finite() and lon.is_finite()) \
            or not (-90 <= lat <= 90 and -180 <= lon <= 180 and 50 <= radius <= 50_000):
        return _("Isi nama, lintang -90..90, bujur -180..180 dan radius 50..50.000 meter.")
    nip = bersihkan((form.get("nip") or "")[:40])[:18]
    pegawai_id = None
    if nip:
        pegawai_id = db.session.scalar(select(Pegawai.id).where(Pegawai.nip == nip))
        if pegawai_id is None:
            return _("NIP tidak dikenal.")
    row = TempatKerja(instansi_id=instansi_id(), pegawai_id=pegawai_id, nama=nama,
                      lintang=lat.quantize(Decimal("0.000001")),
                      bujur=lon.quantize(Decimal("0.000001")), radius_m=radius)
    db.session.add(row)
    db.session.flush()
    audit.record("tempat_kerja", "pegawai" if pegawai_id else "instansi", pegawai_id or row.id,
                 sesudah={"nama": nama, "lintang": row.lintang, "bujur": row.bujur})
    return None


def daftar_tempat() -> list[TempatKerja]:
    return list(db.session.scalars(select(TempatKerja).order_by(TempatKerja.nama).limit(200)))


def perbaiki(form) -> str | None:
    """The admin's fix of one day: new times with a reason; audited with before and after."""
    nip = bersihkan((form.get("nip") or "")[:40])[:18]
    pegawai_id = db.session.scalar(select(Pegawai.id).where(Pegawai.nip == nip))
    tanggal = _tanggal(form.get("tanggal"))
    alasan = (form.get("alasan") or "").strip()[:500]
    if pegawai_id is None:
        return _("NIP tidak dikenal.")
    if tanggal is None or not date(2000, 1, 1) <= tanggal <= clock.today():
        return _("Isi tanggal yang sudah lewat dengan format yang benar.")
    if kunci_bulan.tertutup(tanggal):
        return _("Presensi bulan itu sudah ditutup.")
    if not alasan:
        return _("Tuliskan alasan perbaikan.")
    datang, pulang = _jam(form.get("datang")), _jam(form.get("pulang"))
    if datang is None and pulang is None:
        return _("Isi jam datang, jam pulang, atau keduanya (JJ:MM).")
    start = datetime.combine(tanggal, datang) if datang else None
    end = datetime.combine(tanggal, pulang) if pulang else None
    if start and end and end <= start:
        end += timedelta(days=1)  # a night shift ends the next morning
    pengajuan.atur_jam(pegawai_id, tanggal, start, end, "admin", "presensi_perbaikan_admin",
                       alasan)
    return None
