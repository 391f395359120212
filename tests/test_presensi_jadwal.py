"""The admin's working hours as data (portal/presensi/jadwal.py, /admin/presensi): a new version
from a date changes the days from then on and never a past day; a shift is given to a seat from a
date, never backwards; a machine PIN saved on the page is the one the machine file is read by;
the admin's fix of a day is audited with before and after."""
from __future__ import annotations

import io
from datetime import date, datetime, time

from sqlalchemy import func, select

from portal import clock
from portal.extensions import db
from portal.models import AuditLog, JadwalJabatan, JadwalKerja, Presensi, RiwayatJabatan
from portal.presensi.rekap import rekap_bulan
from tests.conftest import YA

HARI_KERJA = {f"masuk{n}": "08:30" for n in range(5)} | {f"pulang{n}": "17:00" for n in range(5)}


def _version(client, mulai: str, **changes):
    data = {"jenis": "reguler", "nama": "Jam kerja Perkada baru", "mulai": mulai,
            "toleransi": "0", "batas": "30,60,90", **HARI_KERJA, **changes}
    return client.post("/admin/presensi/jadwal", data=data)


def _andi_day(app, demo, day: date):
    with app.app_context():
        got = rekap_bulan([demo["staf_surv1"]], day.year, day.month, sampai=day)
    return got[demo["staf_surv1"]][-1]


def test_a_new_version_changes_days_from_its_start_and_never_a_past_day(client, auth, app,
                                                                        demo):
    # The demo's 7 July: Andi in at 08.10 under 07.30 hours, TL2 (40 minutes).
    late = _andi_day(app, demo, date(2026, 7, 7))
    assert (late.status, late.tl, late.menit_terlambat) == ("hadir", "TL2", 40)
    auth.login_as("admin")
    with app.app_context():
        before = db.session.scalar(select(func.count()).select_from(JadwalKerja))
    backdated = _version(client, "2026-07-01")
    assert backdated.status_code == 422
    assert "jadwal tidak boleh mengubah hari yang sudah lewat" in backdated.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(JadwalKerja)) == before
    assert _andi_day(app, demo, date(2026, 7, 7)).tl == "TL2"
    # From tomorrow (16 July): the past stays as it was, the new hours count from that day.
    assert _version(client, "2026-07-16").status_code == 303
    with app.app_context():
        db.session.add(Presensi(pegawai_id=demo["staf_surv1"], tanggal=date(2026, 7, 16),
                                datang=datetime(2026, 7, 16, 8, 40),
                                pulang=datetime(2026, 7, 16, 17, 5), sumber_datang="mesin",
                                sumber_pulang="mesin"))
        db.session.commit()
        log = db.session.scalar(select(AuditLog).where(AuditLog.aksi == "jadwal_kerja_buat"))
        assert "08:30-17:00" in log.sesudah
    same = _andi_day(app, demo, date(2026, 7, 7))
    assert (same.tl, same.menit_terlambat) == ("TL2", 40)
    with clock.frozen(date(2026, 7, 17)):
        new = _andi_day(app, demo, date(2026, 7, 16))
    assert (new.status, new.tl, new.menit_terlambat) == ("hadir", "TL1", 10)


def test_a_shift_is_given_to_a_seat_from_today_on_not_backwards(client, auth, app, demo):
    auth.login_as("admin")
    shift = _version(client, "2026-07-15", jenis="shift", nama="Shift pagi loket",
                     **{f"masuk{n}": "06:00" for n in range(7)},
                     **{f"pulang{n}": "14:00" for n in range(7)})
    assert shift.status_code == 303
    with app.app_context():
        shift_id = db.session.scalar(select(JadwalKerja.id).where(
            JadwalKerja.nama == "Shift pagi loket"))
        seat = db.session.scalar(select(RiwayatJabatan.jabatan_id).where(
            RiwayatJabatan.pegawai_id == demo["staf_surv2"], RiwayatJabatan.selesai.is_(None)))
    back = client.post(f"/admin/presensi/jadwal/{shift_id}/jabatan",
                       data={"jabatan_id": str(seat), "mulai": "2026-06-01"},
                       follow_redirects=True)
    assert "jadwal tidak boleh mengubah hari yang sudah lewat" in back.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(JadwalJabatan.id).where(
            JadwalJabatan.jadwal_id == shift_id)) is None
    client.post(f"/admin/presensi/jadwal/{shift_id}/jabatan",
                data={"jabatan_id": str(seat), "mulai": "2026-07-15"})
    with app.app_context():
        given = db.session.scalar(select(JadwalJabatan).where(
            JadwalJabatan.jadwal_id == shift_id))
        assert (given.jabatan_id, given.mulai) == (seat, date(2026, 7, 15))


def test_a_pin_saved_on_the_page_reads_the_machine_file(client, auth, app, demo):
    auth.login_as("admin")
    nip = demo.nip["staf_pm1"]
    assert client.post("/admin/presensi/pin", data={"pin": "7777", "nip": nip}).status_code == 303
    with clock.frozen(datetime.combine(date(2026, 7, 15), time(10, 0))):
        data = b"PIN,Waktu\n7777,2026-07-15 07:12:00\n"
        r = client.post("/admin/presensi/impor", data={"berkas": (io.BytesIO(data), "m.csv")},
                        content_type="multipart/form-data")
        assert r.status_code == 303
        token = r.headers["Location"].rsplit("/", 1)[1]
        client.post(f"/admin/presensi/impor/{token}/terapkan", data=YA)
    with app.app_context():
        row = db.session.scalar(select(Presensi).where(
            Presensi.pegawai_id == demo["staf_pm1"], Presensi.tanggal == date(2026, 7, 15)))
        assert row.datang == datetime(2026, 7, 15, 7, 12)
        assert db.session.scalar(select(AuditLog.id).where(AuditLog.aksi == "pin_mesin"))


def test_the_admins_fix_keeps_before_and_after_in_the_audit_trail(client, auth, app, demo):
    """Andi's demo 7 July (in at 08.10, TL2) fixed by the admin to 07.25 with a reason."""
    import json

    auth.login_as("admin")
    r = client.post("/admin/presensi/perbaiki", data={
        "nip": demo.nip["staf_surv1"], "tanggal": "2026-07-07", "datang": "07:25",
        "alasan": "Mesin lantai 2 salah jam"})
    assert r.status_code == 303
    with app.app_context():
        log = db.session.scalar(select(AuditLog).where(
            AuditLog.aksi == "presensi_perbaikan_admin"))
        before, after = json.loads(log.sebelum), json.loads(log.sesudah)
    assert before["datang"].startswith("2026-07-07 08:10")
    assert after["datang"].startswith("2026-07-07 07:25")
    assert after["pulang"] == before["pulang"]  # only the time given changes
    assert after["alasan"] == "Mesin lantai 2 salah jam"
    day = _andi_day(app, demo, date(2026, 7, 7))
    assert (day.status, day.tl, day.menit_terlambat) == ("hadir", None, 0)
