"""Consequential actions ask first, the same with and without JavaScript (portal/konfirmasi.py),
and numbers, dates and periods are written as Indonesians write them (portal/web.py filters)."""
from datetime import date, datetime
from decimal import Decimal

import pytest

from tests.test_penilaian import _kode


def _closed(app, kode: str) -> bool:
    with app.app_context():
        from portal.penilaian import periode

        return periode.kode_closed(periode.parse_kode(kode))


def test_closing_a_period_asks_first_and_does_nothing_before_yes(client, auth, app):
    kode = _kode(app)
    auth.login_as("sekda")
    page = f"/penilaian/organisasi/{kode}"
    html = client.get(page).get_data(as_text=True)
    assert f'action="/penilaian/periode/{kode}/tutup"' in html and "data-konfirmasi=" in html
    assert "hx-confirm" not in html  # never: it does nothing on a plain form nor without JS
    r = client.post(f"/penilaian/periode/{kode}/tutup",
                    headers={"Referer": f"http://localhost{page}"})
    body = r.get_data(as_text=True)
    assert r.status_code == 200 and "<h1>Konfirmasi</h1>" in body and "Tutup periode" in body
    assert 'name="konfirmasi" value="ya"' in body and f'href="{page}">Batal</a>' in body
    assert not _closed(app, kode)
    r = client.post(f"/penilaian/periode/{kode}/tutup", data={"konfirmasi": "ya"})
    assert r.status_code == 303 and _closed(app, kode)


def test_the_confirmation_page_reposts_the_same_fields(client, auth, app, demo):
    kode = _kode(app)
    auth.login_as("atasan")
    r = client.post(f"/penilaian/tim/{kode}/{demo['staf_surv3']}",
                    data={"hasil_kerja": "sesuai", "perilaku_kerja": "di_atas", "catatan": "<b>x"})
    body = r.get_data(as_text=True)
    assert r.status_code == 200 and "Simpan penilaian Dewi Lestari" in body
    for name, value in (("hasil_kerja", "sesuai"), ("perilaku_kerja", "di_atas"),
                        ("catatan", "&lt;b&gt;x")):
        assert f'name="{name}" value="{value}"' in body
    # an invalid rating is refused first: nothing to confirm
    r = client.post(f"/penilaian/tim/{kode}/{demo['staf_surv3']}", data={"hasil_kerja": "x"})
    assert r.status_code == 422


def _count(app, stmt) -> int:
    from sqlalchemy import func, select

    from portal.extensions import db

    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(stmt.subquery()))


def _asks(app, demo):
    """(persona, path, form, what it changes) of the actions that asked with hx-confirm before:
    a plain form never showed that question, so they acted at one tap."""
    from sqlalchemy import select

    from portal import clock
    from portal.extensions import db
    from portal.models import BulanPresensiTutup, PinMesin, ProgresHarian, RencanaAksi, TppCatatan
    from tests.test_verifikasi import _monday, _waiting

    entri = _waiting(app, demo.persona("pegawai_b"))[0]
    with app.app_context():
        pin = db.session.scalar(select(PinMesin.id).order_by(PinMesin.id).limit(1))
        catatan = db.session.scalar(select(TppCatatan.id).limit(1))
        today = clock.today()
        used = select(ProgresHarian.rencana_aksi_id).where(
            ProgresHarian.rencana_aksi_id.is_not(None))
        ra = db.session.scalar(select(RencanaAksi.id).where(
            RencanaAksi.pegawai_id == demo.persona("pegawai"), RencanaAksi.tahun == today.year,
            RencanaAksi.bulan == today.month, RencanaAksi.id.not_in(used)).limit(1))
        last_month = f"{today.year - (today.month == 1)}-{(today.month - 2) % 12 + 1:02d}"
    assert pin and catatan and ra
    waiting = select(ProgresHarian.id).where(ProgresHarian.verifikasi.is_(None),
                                             ProgresHarian.id == entri)
    return [
        ("admin", f"/admin/presensi/pin/{pin}/hapus", {}, select(PinMesin.id)),
        ("admin", "/admin/presensi/bulan", {"bulan": last_month, "aksi": "tutup"},
         select(BulanPresensiTutup.id)),
        ("admin", f"/tpp/catatan/{catatan}/hapus", {}, select(TppCatatan.id)),
        ("pegawai", f"/rencana-aksi/{ra}/hapus", {}, select(RencanaAksi.id)),
        ("atasan", "/verifikasi/minggu", {"minggu": _monday(app, entri)}, waiting),
    ]


def test_each_consequential_action_asks_first_and_changes_nothing_before_yes(client, auth,
                                                                            app, demo):
    for persona, path, form, changed in _asks(app, demo):
        auth.login_as(persona)
        before = _count(app, changed)
        # without JavaScript, and from an htmx request that did not pass through the dialog
        for headers in ({}, {"HX-Request": "true"}):
            r = client.post(path, data=form, headers=headers)
            body = r.get_data(as_text=True)
            assert r.status_code == 200 and 'name="konfirmasi" value="ya"' in body, path
            assert _count(app, changed) == before, path
        r = client.post(path, data={**form, "konfirmasi": "ya"})
        assert r.status_code == 303 and _count(app, changed) != before, path
        auth.logout()


def test_an_unauthorized_post_is_refused_before_any_confirmation(client, auth, app, demo):
    auth.login_as("pegawai")
    r = client.post(f"/penilaian/periode/{_kode(app)}/tutup")
    assert r.status_code == 403


@pytest.mark.parametrize("value,expected", [
    (Decimal("1234.5"), "1.234,5"), (99_999_999_999, "99.999.999.999"), (Decimal("21.50"), "21,5"),
    (52, "52"), (0.1, "0,1"), ("1.234,5", "1.234,5"), (None, "-")])
def test_angka_as_indonesians_write_it(app, value, expected):
    from portal.web import angka

    with app.test_request_context():
        assert angka(value) == expected


def test_dates_times_sizes_and_periods(app):
    from portal import clock
    from portal.web import periode, tanggal_pendek, ukuran, waktu

    with app.test_request_context():
        assert tanggal_pendek(date(2026, 11, 30)) == "30 Nov"  # this year (the frozen clock's)
        assert tanggal_pendek(date(2025, 9, 15)) == "15 Sep 2025"
        assert waktu(datetime(2026, 11, 30, 7, 5)) == "30 Nov 2026 14.05 WIB"  # stored UTC
        try:
            clock.configure("Asia/Makassar")
            assert waktu(datetime(2026, 11, 30, 7, 5)).endswith("15.05 WITA")
            clock.configure("Asia/Jayapura")
            assert waktu(datetime(2026, 11, 30, 7, 5)).endswith("16.05 WIT")
        finally:
            clock.configure("Asia/Jakarta")
        assert ukuran(10 * 1024 * 1024) == "10 MB" and ukuran(2_621_440) == "2,5 MB"
        assert periode("TW4") == "Triwulan IV" and periode("S2") == "Semester II"
