"""Pelaksanaan: quick daily entry, flexible work, evidence, realization, feedback, notifications."""
from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from portal.extensions import db
from portal.models import (
    Ketidakhadiran,
    ModeKerja,
    ProgresHarian,
    SubPeriode,
)
from tests.conftest import ON_DATES, YA
from tests.helpers.harian import HX, count_entries, entry, rhk_of, workdays

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def test_home_has_quick_entry(client, auth, app):
    auth.login_as("pegawai")
    html = client.get("/beranda/pegawai").get_data(as_text=True)
    assert 'id="entri-form"' in html and 'hx-post="/harian/entri"' in html
    assert 'name="kunci"' in html and "autofocus" in html
    assert 'id="hari-ini"' in html


@ON_DATES
def test_quick_entry_htmx_answers_row_and_fresh_form(client, auth, app, demo):
    auth.login_as("pegawai")
    before = count_entries(app)
    r = client.post("/harian/entri", data=entry(app, demo, mode="WFH"), headers=HX)
    assert r.status_code == 200
    assert len(r.data) < 2048
    html = r.get_data(as_text=True)
    assert 'hx-swap-oob="afterbegin:#hari-ini"' in html
    assert "Rekap laporan PD3I minggu 48" in html and "autofocus" in html
    assert 'value="kunci-uji-1"' not in html  # the fresh form carries a new key
    assert "<html" not in html
    assert count_entries(app) == before + 1
    with app.app_context():
        e = db.session.scalar(select(ProgresHarian).where(ProgresHarian.kunci == "kunci-uji-1"))
        assert e.pegawai_id == demo.persona("pegawai") and e.output == 3
        assert db.session.scalar(select(ModeKerja.mode).where(
            ModeKerja.pegawai_id == e.pegawai_id, ModeKerja.tanggal == e.tanggal)) == "WFH"


def test_quick_entry_without_js_redirects(client, auth, app, demo):
    auth.login_as("pegawai")
    r = client.post("/harian/entri", data=entry(app, demo, uraian="Tanpa JavaScript"))
    assert r.status_code == 303 and r.headers["Location"].endswith("/beranda/pegawai")
    page = client.get("/harian").get_data(as_text=True)
    assert "Tanpa JavaScript" in page


def test_double_submit_makes_one_entry(client, auth, app, demo):
    auth.login_as("pegawai")
    before = count_entries(app)
    first = client.post("/harian/entri", data=entry(app, demo), headers=HX)
    second = client.post("/harian/entri", data=entry(app, demo), headers=HX)
    assert first.status_code == second.status_code == 200
    assert count_entries(app) == before + 1
    row = re.search(r'id="entri-(\d+)"', first.get_data(as_text=True)).group(1)
    assert f'id="entri-{row}"' in second.get_data(as_text=True)


@pytest.mark.parametrize("field, value, message", [
    ("uraian", "", "Tuliskan apa yang dikerjakan"),
    ("uraian", "x" * 501, "Paling banyak 500 karakter"),
    ("output", "banyak", "Isi dengan angka 0 atau lebih"),
    ("output", "-2", "Isi dengan angka 0 atau lebih"),
    ("output", "NaN", "Isi dengan angka 0 atau lebih"),
    ("rencana", "999999", "Pilih salah satu rencana aksi Anda"),
    ("rencana", "abc", "Pilih salah satu rencana aksi Anda"),
    ("tanggal", "kemarin", "format yang benar"),
    ("tanggal", "2026-12-31", "masa depan"),
    ("tanggal", "2001-01-01", "di luar periode"),
    ("bukti_link", "javascript:alert(1)", "http:// atau https://"),
    ("mode", "WFX", "Pilih WFO, WFH atau WFA"),
])
def test_bad_entry_is_refused_and_text_kept(client, auth, app, demo, field, value, message):
    auth.login_as("pegawai")
    before = count_entries(app)
    data = entry(app, demo, **{field: value})
    data["uraian"] = data["uraian"] if field == "uraian" else "Teks yang tidak boleh hilang"
    r = client.post("/harian/entri", data=data, headers=HX)
    assert r.status_code == 422
    html = r.get_data(as_text=True)
    assert message in html
    if field != "uraian":
        assert 'value="Teks yang tidak boleh hilang"' in html
    assert count_entries(app) == before


def test_rencana_aksi_or_rhk_of_another_person_is_refused(client, auth, app, demo):
    auth.login_as("pegawai")
    before = count_entries(app)
    other = rhk_of(app, demo.persona("pegawai_b"))
    r = client.post("/harian/entri", data=entry(app, demo, rhk=str(other)))
    assert r.status_code == 422 and "Pilih salah satu rencana aksi Anda" in r.get_data(as_text=True)
    # Naming the RHK alone is not enough when the month has rencana aksi.
    r = client.post("/harian/entri", data=entry(app, demo, rhk=str(other), rencana=""))
    assert r.status_code == 422 and "Pilih rencana aksi yang dikerjakan" in r.get_data(as_text=True)
    assert count_entries(app) == before


@ON_DATES
def test_day_off_closed_subperiod_and_leave(client, auth, app, demo, today):
    auth.login_as("pegawai")
    d = workdays(app)[0]
    saturday = today - timedelta(days=(today.weekday() - 5) % 7)  # the last one passed
    expected = "Sabtu atau Minggu" if saturday.year == today.year else "di luar periode"
    r = client.post("/harian/entri", data=entry(app, demo, tanggal=saturday.isoformat()))
    assert r.status_code == 422 and expected in r.get_data(as_text=True)
    r = client.post("/harian/entri", data=entry(app, demo, tanggal="2026-01-01"))
    assert r.status_code == 422 and "hari libur" in r.get_data(as_text=True)
    with app.app_context():
        db.session.add(Ketidakhadiran(pegawai_id=demo.persona("pegawai"), jenis="sakit",
                                      mulai=d, selesai=d))
        db.session.commit()
    r = client.post("/harian/entri", data=entry(app, demo))
    assert r.status_code == 422 and "cuti, sakit atau dinas luar" in r.get_data(as_text=True)
    with app.app_context():
        db.session.execute(Ketidakhadiran.__table__.delete().where(
            Ketidakhadiran.pegawai_id == demo.persona("pegawai")))
        for sub in db.session.scalars(select(SubPeriode)):
            sub.ditutup = True
        db.session.commit()
    before = count_entries(app)
    r = client.post("/harian/entri", data=entry(app, demo))
    assert r.status_code == 422 and "sudah ditutup" in r.get_data(as_text=True)
    assert count_entries(app) == before


def _week_modes(app, pid, d, modes):
    """Set modes on other weekdays of d's week, replacing what the demo recorded."""
    monday = d - timedelta(days=d.weekday())
    others = [monday + timedelta(days=i) for i in range(5) if monday + timedelta(days=i) != d]
    with app.app_context():
        db.session.execute(ModeKerja.__table__.delete().where(ModeKerja.pegawai_id == pid))
        for day, mode in zip(others, modes, strict=False):
            db.session.add(ModeKerja(pegawai_id=pid, tanggal=day, mode=mode))
        db.session.commit()


@ON_DATES
def test_flexible_cap(client, auth, app, demo):
    auth.login_as("pegawai")  # Epidemiolog seat: fleksibel
    pid, d = demo.persona("pegawai"), workdays(app)[0]
    _week_modes(app, pid, d, ["WFH"])
    r = client.post("/harian/entri", data=entry(app, demo, mode="WFA", kunci="k-2"))
    assert r.status_code == 303  # second flexible day of the week: allowed
    _week_modes(app, pid, d, ["WFH", "WFA"])
    before = count_entries(app)
    r = client.post("/harian/entri", data=entry(app, demo, mode="WFH", kunci="k-3"))
    html = r.get_data(as_text=True)
    assert r.status_code == 422 and "Batas 2 hari kerja fleksibel" in html
    assert count_entries(app) == before


def test_non_flexible_seat_refused_wfh(client, auth, app, demo):
    auth.login_as("staf_surv3")  # the second epidemiolog seat is not fleksibel
    data = entry(app, demo, mode="WFH", rhk=str(rhk_of(app, demo["staf_surv3"])))
    r = client.post("/harian/entri", data=data)
    assert r.status_code == 422
    assert "tidak termasuk jabatan yang boleh bekerja fleksibel" in r.get_data(as_text=True)


def test_expired_session_keeps_entry_and_sends_after_login(client, auth, app, demo):
    data = entry(app, demo, uraian="Dikirim setelah masuk lagi", kunci="k-tertunda")
    r = client.post("/harian/entri", data=data)
    assert r.status_code == 302 and "/masuk" in r.headers["Location"]
    assert "entri_tertunda=" in r.headers.get("Set-Cookie", "")
    r = client.post("/harian/entri", data=data, headers=HX)
    assert r.status_code == 401 and "/masuk" in r.headers["HX-Redirect"]
    before = count_entries(app, demo.persona("pegawai"))
    auth.login_as("pegawai")
    assert count_entries(app, demo.persona("pegawai")) == before + 1
    page = client.get("/beranda/pegawai").get_data(as_text=True)
    assert "Entri yang tertunda saat sesi Anda berakhir sudah dikirim" in page
    assert "Dikirim setelah masuk lagi" in page
    auth.logout()
    auth.login_as("pegawai")  # the cookie is gone: nothing is sent twice
    assert count_entries(app, demo.persona("pegawai")) == before + 1


def test_expired_csrf_keeps_text(client, auth, app, demo):
    auth.login_as("pegawai")
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        data = entry(app, demo, uraian="Token kedaluwarsa", csrf_token="basi")
        r = client.post("/harian/entri", data=data, headers=HX)
        html = r.get_data(as_text=True)
        assert r.status_code == 422 and "Sesi formulir sudah kedaluwarsa" in html
        assert 'value="Token kedaluwarsa"' in html
        r = client.post("/harian/entri", data=data, headers={"Origin": "https://jahat.example"})
        assert r.status_code == 400
        anon = app.test_client()
        r = anon.post("/harian/entri", data=data)
        assert r.status_code == 302 and "entri_tertunda=" in r.headers.get("Set-Cookie", "")
    finally:
        app.config["WTF_CSRF_ENABLED"] = False


def _own_entry(app, demo, persona="pegawai"):
    with app.app_context():
        # One not yet verified when there is one (a verified entry is locked).
        return db.session.scalar(select(ProgresHarian.id).where(
            ProgresHarian.pegawai_id == demo.persona(persona))
            .order_by(func.coalesce(ProgresHarian.verifikasi, "") == "diterima",
                      ProgresHarian.id).limit(1))


def test_edit_and_delete_own_entry(client, auth, app, demo):
    auth.login_as("pegawai")
    eid = _own_entry(app, demo)
    assert client.get(f"/harian/entri/{eid}/ubah").status_code == 200
    with app.app_context():
        e = db.session.get(ProgresHarian, eid)
        data = {"rencana": str(e.rencana_aksi_id), "uraian": "Teks diperbaiki", "output": "5",
                "tanggal": e.tanggal.isoformat(), "mode": "WFO", "kunci": e.kunci}
    r = client.post(f"/harian/entri/{eid}/ubah", data=data)
    assert r.status_code == 303
    r = client.post(f"/harian/entri/{eid}/ubah", data={**data, "uraian": ""})
    assert r.status_code == 422
    with app.app_context():
        assert db.session.get(ProgresHarian, eid).uraian == "Teks diperbaiki"
    other = _own_entry(app, demo, "pegawai_b")
    assert client.get(f"/harian/entri/{other}/ubah").status_code == 403
    assert client.post(f"/harian/entri/{other}/hapus", data=YA).status_code == 403
    r = client.post(f"/harian/entri/{eid}/hapus", data=YA, headers=HX)
    assert r.status_code == 200 and r.data == b""
    with app.app_context():
        assert db.session.get(ProgresHarian, eid) is None


@ON_DATES
def test_closed_subperiod_locks_entries(client, auth, app, demo):
    auth.login_as("pegawai")
    eid = _own_entry(app, demo)
    with app.app_context():
        for sub in db.session.scalars(select(SubPeriode)):
            sub.ditutup = True
        db.session.commit()
    before = count_entries(app)
    assert client.get(f"/harian/entri/{eid}/ubah").status_code == 403
    assert client.post(f"/harian/entri/{eid}/hapus", data=YA).status_code == 403
    assert client.post(f"/harian/entri/{eid}/ubah", data={"uraian": "Diubah"}).status_code == 403
    assert count_entries(app) == before
    with app.app_context():
        assert db.session.get(ProgresHarian, eid).uraian != "Diubah"


@ON_DATES
def test_views_today_week_rhk(client, auth, app, demo, today):
    auth.login_as("pegawai")
    client.post("/harian/entri", data=entry(app, demo, uraian="Entri untuk tampilan"))
    for view in ("hari", "minggu", "rhk"):
        html = client.get(f"/harian?lihat={view}").get_data(as_text=True)
        if view != "hari" or workdays(app)[0] == today:
            assert "Entri untuk tampilan" in html, view
    assert "Jumlah output" in client.get("/harian?lihat=rhk&rhk=abc").get_data(as_text=True)
