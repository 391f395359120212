"""A day's check-in never comes after its check-out: a stale "Pulang" tap early in the morning
(an old page of yesterday) followed by "Datang" would make a day that ends before it begins.
Such a day goes to a correction, and a day whose correction waits is not offered a second."""
from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import select

from portal import clock
from portal.extensions import db
from portal.models import Presensi
from portal.presensi import catat

HX = {"HX-Request": "true"}
THU = date(2031, 3, 6)  # a Thursday far from the demo's own days


def _at(h: int, m: int) -> None:
    clock.freeze(datetime.combine(THU, time(h, m)))  # the suite's fixture puts the clock back


def _row(app, pid):
    with app.app_context():
        return db.session.scalar(select(Presensi).where(Presensi.pegawai_id == pid,
                                                        Presensi.tanggal == THU))


def test_check_in_after_the_days_check_out_is_refused_and_the_check_out_kept(client, auth,
                                                                              demo, app):
    auth.login_as("pegawai")
    pid = demo.persona("pegawai")
    _at(6, 50)
    client.post("/presensi/pulang", data={"kunci": "lama"}, headers=HX)
    _at(7, 20)
    home = client.get("/beranda/pegawai").get_data(as_text=True)
    assert ">Datang</button>" not in home and "Saya baru datang" not in home
    assert "Jam datang belum ada: ajukan koreksi" in home
    assert f"tanggal={THU.isoformat()}&amp;jenis=lupa_datang" in home
    r = client.post("/presensi/datang", data={"mode": "WFO", "kunci": "baru"}, headers=HX)
    assert r.status_code == 422
    body = r.get_data(as_text=True)
    assert "sudah tercatat jam pulang pukul 06.50" in body and "ajukan koreksi" in body
    row = _row(app, pid)
    assert row.datang is None and row.pulang == datetime(2031, 3, 6, 6, 50)  # nothing lost
    _at(16, 5)  # the real check-out still moves jam pulang later
    assert client.post("/presensi/pulang", data={"kunci": "sore"}, headers=HX).status_code == 200
    row = _row(app, pid)
    assert row.datang is None and row.pulang == datetime(2031, 3, 6, 16, 5)


def test_check_out_earlier_than_the_check_in_is_refused(demo, app):
    pid = demo.persona("pegawai")
    with app.app_context():
        db.session.add(Presensi(pegawai_id=pid, tanggal=THU, datang=datetime(2031, 3, 6, 9, 0),
                                sumber_datang="admin"))
        db.session.commit()
        hasil = catat.pulang(pid, {"kunci": "k"}, now=datetime(2031, 3, 6, 8, 30))
        assert hasil.ditolak and "lebih awal dari jam datang (09.00)" in hasil.pesan
    row = _row(app, pid)
    assert row.pulang is None and row.datang == datetime(2031, 3, 6, 9, 0)


def test_a_day_whose_correction_waits_is_not_offered_a_second_one(client, auth, demo):
    auth.login_as("pegawai")
    _at(6, 50)
    client.post("/presensi/pulang", data={"kunci": "lama"}, headers=HX)
    _at(9, 0)
    r = client.post("/presensi/pengajuan/baru", content_type="multipart/form-data", data={
        "jenis": "lupa_datang", "tanggal": THU.isoformat(), "jam_datang": "07:20",
        "alasan": "Lupa menekan Datang", "kunci": "q"})
    assert r.status_code == 303
    home = client.get("/beranda/pegawai").get_data(as_text=True)
    assert "Koreksi jam datang sudah diajukan dan menunggu atasan." in home
    assert "jenis=lupa_datang" not in home
