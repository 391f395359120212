"""Presensi as a user meets it: check-in and check-out on the home, the supervisor's decisions,
the admin's fix and closed months. Machine files are in test_presensi_mesin.py."""
from __future__ import annotations

import io
import json
from datetime import date, datetime, time

import pytest
from sqlalchemy import select

from portal import clock
from portal.extensions import db
from portal.models import AuditLog, ModeKerja, PengajuanPresensi, Presensi

HX = {"HX-Request": "true"}
WED = date(2031, 3, 5)  # a Wednesday far from the demo's own days


@pytest.fixture
def jam():
    """Freeze the portal's clock; `jam(h, m)` moves it on WED (or another day)."""
    def set_(h: int, m: int, day: date = WED):
        clock.freeze(datetime.combine(day, time(h, m)))
    return set_  # the suite's own fixture puts the clock back after the test


def _row(app, pid, day=WED):
    with app.app_context():
        return db.session.scalar(select(Presensi).where(Presensi.pegawai_id == pid,
                                                        Presensi.tanggal == day))


def test_check_in_and_out_with_one_tap_each(client, auth, demo, app, jam):
    auth.login_as("pegawai")
    jam(7, 21)
    home = client.get("/beranda/pegawai").get_data(as_text=True)
    assert 'action="/presensi/datang"' in home and ">Datang</button>" in home
    r = client.post("/presensi/datang", data={"mode": "WFO", "kunci": "k-datang"}, headers=HX)
    assert r.status_code == 200 and len(r.data) <= 1024
    body = r.get_data(as_text=True)
    assert "Datang tercatat pukul 07.21" in body and ">Pulang</button>" in body
    row = _row(app, demo.persona("pegawai"))
    assert row.datang == datetime(2031, 3, 5, 7, 21) and row.sumber_datang == "portal"
    with app.app_context():  # the day's mode is the daily log's own record
        assert db.session.scalar(select(ModeKerja.mode).where(
            ModeKerja.pegawai_id == demo.persona("pegawai"), ModeKerja.tanggal == WED)) == "WFO"
    jam(16, 5)
    r = client.post("/presensi/pulang", data={"kunci": "k-pulang"}, headers=HX)
    assert r.status_code == 200 and len(r.data) <= 1024
    assert "Pulang tercatat pukul 16.05" in r.get_data(as_text=True)
    assert _row(app, demo.persona("pegawai")).pulang == datetime(2031, 3, 5, 16, 5)


def test_double_tap_makes_one_record_and_a_second_check_in_changes_nothing(client, auth, demo,
                                                                          app, jam):
    auth.login_as("pegawai")
    jam(7, 21)
    first = client.post("/presensi/datang", data={"mode": "WFO", "kunci": "sama"}, headers=HX)
    jam(7, 22)
    twin = client.post("/presensi/datang", data={"mode": "WFO", "kunci": "sama"}, headers=HX)
    assert twin.status_code == 200 and "07.21" in twin.get_data(as_text=True)
    again = client.post("/presensi/datang", data={"mode": "WFO", "kunci": "lain"}, headers=HX)
    assert again.status_code == 422
    assert "sudah tercatat datang pukul 07.21" in again.get_data(as_text=True)
    assert first.status_code == 200
    with app.app_context():
        rows = db.session.scalars(select(Presensi).where(
            Presensi.pegawai_id == demo.persona("pegawai"), Presensi.tanggal == WED)).all()
    assert len(rows) == 1 and rows[0].datang == datetime(2031, 3, 5, 7, 21)


def test_plain_form_without_javascript_goes_back_home_with_the_message(client, auth, jam):
    auth.login_as("pegawai")
    jam(7, 0)
    r = client.post("/presensi/datang", data={"mode": "WFO", "kunci": "nojs"})
    assert r.status_code == 303 and r.headers["Location"].endswith("/beranda/pegawai")
    assert "Datang tercatat pukul 07.00" in client.get("/beranda/pegawai").get_data(as_text=True)


def test_check_out_without_check_in_is_kept_and_says_what_to_do(client, auth, demo, app, jam):
    auth.login_as("pegawai")
    jam(15, 0)  # past half of the hours: the button is Pulang
    assert ">Pulang</button>" in client.get("/beranda/pegawai").get_data(as_text=True)
    r = client.post("/presensi/pulang", data={"kunci": "p"}, headers=HX)
    body = r.get_data(as_text=True)
    assert r.status_code == 200 and "Jam datang hari ini belum ada" in body
    row = _row(app, demo.persona("pegawai"))
    assert row.datang is None and row.pulang == datetime(2031, 3, 5, 15, 0)


def test_check_out_the_next_morning_is_a_new_day_and_yesterday_asks_a_correction(
        client, auth, demo, app, jam):
    auth.login_as("pegawai")
    jam(7, 25)
    client.post("/presensi/datang", data={"mode": "WFO", "kunci": "a"}, headers=HX)
    jam(6, 50, date(2031, 3, 6))
    home = client.get("/beranda/pegawai").get_data(as_text=True)
    assert ">Datang</button>" in home
    assert "Jam pulang 5 Maret 2031 belum ada: ajukan koreksi" in home
    assert _row(app, demo.persona("pegawai")).datang == datetime(2031, 3, 5, 7, 25)  # kept


def test_flexible_work_mode_rules_and_location(client, auth, demo, app, jam):
    from portal.models import TempatKerja

    # staf_surv3's seat may not work flexibly: WFH is refused and nothing is recorded.
    auth.login(demo.nip["staf_surv3"])
    jam(7, 10)
    r = client.post("/presensi/datang", data={"mode": "WFH", "kunci": "x"}, headers=HX)
    assert r.status_code == 422 and "pilih WFO" in r.get_data(as_text=True)
    assert _row(app, demo["staf_surv3"]) is None
    auth.logout()
    # The pegawai persona may: a location far from home and office is flagged.
    auth.login_as("pegawai")
    r = client.post("/presensi/datang", headers=HX, data={
        "mode": "WFH", "kunci": "y", "lokasi": "diberikan", "lintang": "-6.2", "bujur": "106.8"})
    assert r.status_code == 200
    row = _row(app, demo.persona("pegawai"))
    assert row.lokasi == "diberikan" and row.jauh is True
    with app.app_context():
        assert db.session.scalar(select(TempatKerja.id).limit(1)) is not None
    auth.logout()
    auth.login_as("atasan")
    client.post("/peran", data={"peran": "atasan"})
    jam(9, 0)
    board = client.get("/presensi/tim/hari-ini").get_data(as_text=True)
    assert "jauh dari tempat tercatat" in board


def test_location_refusal_is_recorded_never_blocks_and_is_not_shown(client, auth, demo, app,
                                                                     jam):
    auth.login_as("pegawai")
    jam(7, 10)
    r = client.post("/presensi/datang", headers=HX,
                    data={"mode": "WFH", "kunci": "z", "lokasi": "ditolak"})
    assert r.status_code == 200
    assert _row(app, demo.persona("pegawai")).lokasi == "ditolak"
    auth.logout()
    auth.login_as("atasan")
    client.post("/peran", data={"peran": "atasan"})
    board = client.get("/presensi/tim/hari-ini").get_data(as_text=True)
    assert "ditolak" not in board and "jauh dari" not in board


def test_night_shift_check_out_next_morning_closes_the_shift(client, auth, demo, app, jam):
    nurse = demo["staf_rujukan1"]
    auth.login(demo.nip["staf_rujukan1"])
    jam(20, 55, date(2031, 3, 4))  # Tuesday night (the demo's shift: Sunday–Thursday nights)
    assert client.post("/presensi/datang", data={"mode": "WFO", "kunci": "n1"},
                       headers=HX).status_code == 200
    jam(7, 3, date(2031, 3, 5))
    r = client.post("/presensi/pulang", data={"kunci": "n2"}, headers=HX)
    assert "Presensi · 4 Maret 2031" in r.get_data(as_text=True)
    row = _row(app, nurse, date(2031, 3, 4))
    assert (row.datang, row.pulang) == (datetime(2031, 3, 4, 20, 55), datetime(2031, 3, 5, 7, 3))
    assert _row(app, nurse, WED) is None


PDF = b"%PDF-1.4\n%bukti\n"


def _ask(client, **fields):
    data = {"jenis": "lupa_pulang", "tanggal": "2031-03-04", "jam_pulang": "16:10",
            "alasan": "Rapat sampai sore", "kunci": fields.pop("kunci", "q1")} | fields
    return client.post("/presensi/pengajuan/baru", data=data, content_type="multipart/form-data")


def test_correction_asked_with_evidence_then_approved_in_bulk(client, auth, demo, app, jam):
    auth.login_as("pegawai")
    jam(9, 0)
    r = _ask(client, bukti=(io.BytesIO(PDF), "surat.pdf"))
    assert r.status_code == 303
    assert _ask(client).status_code == 303  # the same key again: still one request
    r = _ask(client, kunci="q2", jenis="izin", tanggal="2031-03-06", alasan="Mengantar orang tua")
    assert r.status_code == 303
    with app.app_context():
        mine = db.session.scalars(select(PengajuanPresensi).where(
            PengajuanPresensi.pegawai_id == demo.persona("pegawai"),
            PengajuanPresensi.tanggal >= date(2031, 1, 1))).all()
    assert len(mine) == 2
    ids = [str(p.id) for p in mine]
    auth.logout()
    # Another OPD's atasan may not decide (nothing changes for anyone).
    auth.login_as("atasan_lain")
    r = client.post("/presensi/tim/pengajuan", data={"pilih": ids, "keputusan": "setujui"})
    assert r.status_code == 403
    auth.logout()
    auth.login_as("atasan")
    queue = client.get("/presensi/tim/pengajuan").get_data(as_text=True)
    assert "Rapat sampai sore" in queue and "/bukti" in queue
    download = client.get(f"/presensi/pengajuan/{ids[0]}/bukti")
    assert download.data == PDF
    download.close()
    r = client.post("/presensi/tim/pengajuan", data={"pilih": ids, "keputusan": "setujui"})
    assert r.status_code == 200 and "Setujui 2 pengajuan yang dipilih?" in r.get_data(as_text=True)
    assert _row(app, demo.persona("pegawai"), date(2031, 3, 4)) is None  # nothing before "Ya"
    r = client.post("/presensi/tim/pengajuan", data={"pilih": ids, "keputusan": "setujui",
                                                     "konfirmasi": "ya"})
    assert r.status_code == 303
    row = _row(app, demo.persona("pegawai"), date(2031, 3, 4))
    assert row.pulang == datetime(2031, 3, 4, 16, 10) and row.sumber_pulang == "koreksi"
    with app.app_context():
        log = db.session.scalar(select(AuditLog).where(AuditLog.aksi == "presensi_koreksi"))
        assert json.loads(log.sesudah)["pulang"].startswith("2031-03-04 16:10")
        assert log.sebelum is None  # there was no record of that day before
        from portal.presensi.rekap import rekap_bulan

        month = rekap_bulan([demo.persona("pegawai")], 2031, 3, sampai=date(2031, 3, 6))
        assert month[demo.persona("pegawai")][5].status == "izin"


def test_returning_needs_a_note_and_a_decided_request_stays_decided(client, auth, demo, app,
                                                                    jam):
    auth.login_as("pegawai")
    jam(9, 0)
    _ask(client)
    with app.app_context():
        pid = db.session.scalar(select(PengajuanPresensi.id).where(
            PengajuanPresensi.kunci == "q1"))
    auth.logout()
    auth.login_as("atasan")
    client.post(f"/presensi/pengajuan/{pid}/keputusan", data={"keputusan": "kembalikan"})
    page = client.get("/presensi/tim/pengajuan").get_data(as_text=True)
    assert "Tuliskan catatan mengapa pengajuan dikembalikan." in page
    client.post(f"/presensi/pengajuan/{pid}/keputusan",
                data={"keputusan": "kembalikan", "catatan": "Lampirkan undangan rapat"})
    client.post(f"/presensi/pengajuan/{pid}/keputusan", data={"keputusan": "setujui"})
    with app.app_context():
        p = db.session.get(PengajuanPresensi, pid)
        assert (p.status, p.catatan) == ("dikembalikan", "Lampirkan undangan rapat")
    assert _row(app, demo.persona("pegawai"), date(2031, 3, 4)) is None


def test_bad_requests_get_one_message_per_field(client, auth, jam):
    auth.login_as("pegawai")
    jam(9, 0)
    r = _ask(client, jenis="lupa_datang", tanggal="2031-03-09", jam_pulang="", alasan="",
             bukti=(io.BytesIO(b"MZ not a pdf"), "surat.pdf"))
    body = r.get_data(as_text=True)
    assert r.status_code == 422
    for message in ("Koreksi hanya untuk hari yang sudah lewat", "Isi jam datang yang sebenarnya",
                    "Tuliskan alasannya", "Jenis berkas tidak didukung"):
        assert message in body


def test_admin_fix_is_audited_and_a_closed_month_is_locked(client, auth, demo, app, jam):
    auth.login_as("admin")
    jam(9, 0)
    nip = demo.nip["staf_surv2"]
    r = client.post("/admin/presensi/perbaiki", data={
        "nip": nip, "tanggal": "2031-03-04", "datang": "07:15", "pulang": "16:00", "alasan": ""})
    assert r.status_code == 422 and "Tuliskan alasan perbaikan" in r.get_data(as_text=True)
    spaced = f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"  # typed for reading: still known
    r = client.post("/admin/presensi/perbaiki", data={
        "nip": spaced, "tanggal": "2031-03-04", "datang": "07:15", "pulang": "16:00",
        "alasan": "Mesin lantai 2 mati, daftar hadir manual"})
    assert r.status_code == 303
    with app.app_context():
        log = db.session.scalar(select(AuditLog).where(
            AuditLog.aksi == "presensi_perbaikan_admin"))
        assert "Mesin lantai 2 mati" in log.sesudah
    assert client.post("/admin/presensi/bulan", data={"bulan": "2031-03", "aksi": "tutup",
                                                       "konfirmasi": "ya"}
                       ).status_code == 303
    r = client.post("/admin/presensi/perbaiki", data={
        "nip": nip, "tanggal": "2031-03-04", "datang": "07:00", "alasan": "lagi"})
    assert "sudah ditutup" in r.get_data(as_text=True)
    auth.logout()
    auth.login_as("pegawai")
    r = client.post("/presensi/datang", data={"mode": "WFO", "kunci": "t"}, headers=HX)
    assert r.status_code == 422 and "sudah ditutup" in r.get_data(as_text=True)
    assert _row(app, demo.persona("pegawai")) is None


def test_reopening_a_month_is_its_own_decision_with_a_reason(client, auth, app):
    from portal.presensi import kunci_bulan

    year = clock.today().year - 1
    month = f"{year}-05"

    def closed() -> bool:
        with app.app_context():
            return kunci_bulan.tertutup(date(year, 5, 1))

    auth.login_as("admin")
    client.post("/admin/presensi/bulan", data={"bulan": month, "aksi": "tutup",
                                               "konfirmasi": "ya"})
    assert closed()
    r = client.post("/admin/presensi/bulan", data={"bulan": month, "aksi": "buka"},
                    follow_redirects=True)
    assert "Tuliskan alasan membuka kembali" in r.get_data(as_text=True) and closed()
    asked = client.post("/admin/presensi/bulan", data={"bulan": month, "aksi": "buka",
                                                       "alasan": "Rekap salah kirim"})
    assert f"Buka kembali presensi Mei {year}?" in asked.get_data(as_text=True) and closed()
    client.post("/admin/presensi/bulan", data={"bulan": month, "aksi": "buka",
                                               "alasan": "Rekap salah kirim", "konfirmasi": "ya"})
    assert not closed()
    with app.app_context():
        log = db.session.scalar(select(AuditLog).where(AuditLog.aksi == "presensi_bulan_buka"))
        assert "Rekap salah kirim" in log.sesudah
