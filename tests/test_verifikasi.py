"""The supervisor's verification of daily entries: one at a time, a whole week in one tap,
returned entries going back with the note, verified ones locked, and who may decide."""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import func, select

from portal import clock
from portal.extensions import db
from portal.models import Instansi, Notifikasi, PengaturanHarian, ProgresHarian
from portal.rules.hari_kerja import label_minggu
from tests.helpers.harian import HX, entry, rencana_of
from tests.helpers.verifikasi import monday_of, waiting_entries


def _status(app, entri_id: int):
    with app.app_context():
        e = db.session.get(ProgresHarian, entri_id)
        return e.verifikasi, e.catatan_verifikasi


def test_week_page_shows_each_report_with_waiting_entries(client, auth, app, demo):
    auth.login_as("atasan")
    html = client.get("/verifikasi").get_data(as_text=True)
    assert "Verifikasi entri harian" in html and "Terima minggu ini" in html
    # Last week of the demo: verified, one returned with its note.
    monday = clock.today() - timedelta(days=clock.today().weekday() + 7)
    html = client.get(f"/verifikasi?minggu={label_minggu(monday)}").get_data(as_text=True)
    assert "Diterima" in html and "Dikembalikan" in html and "Lengkapi dengan jumlah" in html


def test_accept_and_return_one_entry_with_htmx(client, auth, app, demo):
    b = demo.persona("pegawai_b")
    first, second = waiting_entries(app, b)[:2]
    auth.login_as("atasan")
    r = client.post(f"/verifikasi/entri/{first}", data={"keputusan": "terima"}, headers=HX)
    assert r.status_code == 200 and "Diterima" in r.get_data(as_text=True) and len(r.data) < 2048
    assert _status(app, first) == ("diterima", None)
    r = client.post(f"/verifikasi/entri/{second}", data={"keputusan": "kembalikan"}, headers=HX)
    assert r.status_code == 422 and "Tuliskan catatan" in r.get_data(as_text=True)
    assert _status(app, second) == (None, None)
    r = client.post(f"/verifikasi/entri/{second}", headers=HX,
                    data={"keputusan": "kembalikan", "catatan": "Sertakan nama puskesmas."})
    assert r.status_code == 200 and _status(app, second) == ("dikembalikan",
                                                            "Sertakan nama puskesmas.")
    # A second decision on the same entry is refused.
    r = client.post(f"/verifikasi/entri/{first}", data={"keputusan": "kembalikan",
                                                         "catatan": "x"}, headers=HX)
    assert r.status_code == 422 and "sudah diputuskan" in r.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(func.count(Notifikasi.id)).where(
            Notifikasi.penerima_id == b, Notifikasi.jenis == "verifikasi")) >= 1


def test_returned_entry_is_edited_and_waits_again_and_a_verified_one_is_locked(
        client, auth, app, demo):
    b = demo.persona("pegawai_b")
    first, second = waiting_entries(app, b)[:2]
    auth.login_as("atasan")
    client.post(f"/verifikasi/entri/{first}", data={"keputusan": "terima"})
    client.post(f"/verifikasi/entri/{second}", data={"keputusan": "kembalikan",
                                                      "catatan": "Tambah output."})
    auth.logout()
    auth.login_as("pegawai_b")
    home = client.get("/beranda/pegawai").get_data(as_text=True)
    assert "Tambah output." in home and f"/harian/entri/{second}/ubah" in home
    assert client.get(f"/harian/entri/{first}/ubah").status_code == 403
    assert client.post(f"/harian/entri/{first}/hapus").status_code == 403
    with app.app_context():
        e = db.session.get(ProgresHarian, second)
        data = {"rencana": str(rencana_of(app, e.rhk_id, e.tanggal)), "rhk": str(e.rhk_id),
                "uraian": "Diperbaiki dengan output", "output": "4",
                "tanggal": e.tanggal.isoformat(), "mode": "WFO", "kunci": e.kunci}
    r = client.post(f"/harian/entri/{second}/ubah", data=data)
    assert r.status_code == 303, r.get_data(as_text=True)
    assert _status(app, second) == (None, "Tambah output.")  # waits again, the note kept


def test_whole_week_in_one_tap_goes_through_the_same_decision(client, auth, app, demo):
    a, b = demo.persona("pegawai"), demo.persona("pegawai_b")
    waiting_a = waiting_entries(app, a)
    waiting_entries(app, b)
    minggu = monday_of(app, waiting_a[0])
    auth.login_as("atasan")
    r = client.post("/verifikasi/minggu", data={"minggu": minggu, "konfirmasi": "ya"},
                    headers=HX)
    html = r.get_data(as_text=True)
    assert r.status_code == 200 and "entri diterima" in html
    with app.app_context():
        left = db.session.scalar(select(func.count(ProgresHarian.id)).where(
            ProgresHarian.pegawai_id.in_([a, b]), ProgresHarian.verifikasi.is_(None),
            ProgresHarian.tanggal >= date.fromisocalendar(*map(int, minggu.split("-W")), 1),
            ProgresHarian.tanggal <= date.fromisocalendar(*map(int, minggu.split("-W")), 7)))
    assert left == 0


def test_only_the_direct_supervisor_decides_never_on_own_entries(client, auth, app, demo):
    b = demo.persona("pegawai_b")
    entri = waiting_entries(app, b)[0]
    for persona in ("pegawai", "pegawai_b", "atasan_atasan", "atasan_lain", "sekda"):
        auth.login_as(persona)
        r = client.post(f"/verifikasi/entri/{entri}", data={"keputusan": "terima"})
        assert r.status_code == 403, persona
        auth.logout()
    assert _status(app, entri) == (None, None)
    # The atasan's own entries: neither the one-entry path nor the week path accepts them.
    atasan = demo.persona("atasan")
    own = waiting_entries(app, atasan, 1)
    auth.login_as("atasan")
    if own:
        assert client.post(f"/verifikasi/entri/{own[0]}", data={"keputusan": "terima"}
                           ).status_code == 403
        client.post("/verifikasi/minggu", data={"minggu": monday_of(app, own[0]),
                                                "pegawai": str(atasan), "konfirmasi": "ya"})
        assert _status(app, own[0]) == (None, None)


def test_with_verification_off_nothing_is_decided(client, auth, app, demo):
    with app.app_context():
        db.session.get(PengaturanHarian, db.session.scalar(select(Instansi.id))
                       ).verifikasi_aktif = False
        db.session.commit()
    entri = waiting_entries(app, demo.persona("pegawai_b"))[0]
    auth.login_as("atasan")
    assert "tidak diaktifkan" in client.get("/verifikasi").get_data(as_text=True)
    r = client.post(f"/verifikasi/entri/{entri}", data={"keputusan": "terima"}, headers=HX)
    assert r.status_code == 422 and "tidak diaktifkan" in r.get_data(as_text=True)


def test_atasan_home_counts_waiting_entries(client, auth, app, demo):
    auth.login_as("atasan")
    html = client.get("/beranda/atasan").get_data(as_text=True)
    assert "menunggu verifikasi" in html and "/verifikasi?minggu=" in html


def test_an_entry_later_than_the_deadline_is_refused(client, auth, app, demo):
    auth.login_as("pegawai")
    old = clock.today() - timedelta(days=21)
    while old.weekday() >= 5:
        old -= timedelta(days=1)
    r = client.post("/harian/entri", data=entry(app, demo, tanggal=old.isoformat(),
                                                kunci="telat-1"))
    html = r.get_data(as_text=True)
    assert r.status_code == 422
    assert "paling lambat 3 hari kerja" in html or "ditutup" in html or "di luar periode" in html


def test_admin_turns_verification_on_and_off_with_its_deadlines(client, auth, app, demo):
    auth.login_as("admin")
    assert "Pengaturan entri harian" in client.get("/admin/pengaturan-harian").get_data(
        as_text=True)
    r = client.post("/admin/pengaturan-harian", data={
        "batas_telat_entri": "2", "batas_verifikasi": "40", "jam_pengingat": "25"})
    html = r.get_data(as_text=True)
    assert r.status_code == 422 and "Isi 0 sampai 30" in html and "Isi 0 sampai 23" in html
    r = client.post("/admin/pengaturan-harian", data={
        "batas_telat_entri": "2", "batas_verifikasi": "4", "jam_pengingat": "14"})
    assert r.status_code == 303
    with app.app_context():
        row = db.session.scalar(select(PengaturanHarian))
        assert (row.verifikasi_aktif, row.batas_telat_entri, row.batas_verifikasi,
                row.jam_pengingat) == (False, 2, 4, 14)


def test_entries_past_the_deadline_reach_the_supervisors_bell_once_a_day(client, auth, app,
                                                                         demo, runner):
    """The demo left two entries of staf_pm1 from three weeks ago unverified."""
    boss = demo["kasi_pm"]
    with app.app_context():
        made = db.session.scalars(select(Notifikasi).where(
            Notifikasi.penerima_id == boss, Notifikasi.jenis == "verifikasi_telat")).all()
    if clock.today().weekday() + 21 >= clock.today().timetuple().tm_yday:
        return  # three weeks ago was last year: the demo made none
    assert len(made) == 1 and "melewati batas verifikasi" in made[0].teks
    result = runner.invoke(args=["rencana", "pengingat-verifikasi"])
    assert result.exit_code == 0 and "0 pengingat" in result.output
    auth.login_as("kasi_pm")
    html = client.get("/beranda/atasan").get_data(as_text=True)
    assert "melewati batas waktu verifikasi" in html


def test_dashboard_shows_verification_coverage_per_opd(client, auth, app, demo):
    """Last week of the demo: the surveillance team verified (one returned), Dinkes covered in
    part; other OPDs wait."""
    auth.login_as("sekda")
    html = client.get("/dasbor").get_data(as_text=True)
    assert "Verifikasi entri minggu lalu" in html and "Cakupan" in html
    section = html.split("<h2>Verifikasi entri minggu lalu")[1].split("</section>")[0]
    dinkes = section.split("Dinas Kesehatan")[1].split("</tr>")[0]
    cells = [c.split("<")[0] for c in dinkes.split('<td class="num">')[1:]]
    assert int(cells[0]) > 0 and int(cells[1]) == 1 and cells[3].endswith("%")


def test_odd_weeks_and_ids_are_answered_without_error(client, auth, app, demo):
    auth.login_as("atasan")
    with app.app_context():
        before = db.session.execute(select(ProgresHarian.id, ProgresHarian.verifikasi)).all()
    for week in ("9999-W52", "0001-W01", "2026-W99", "x", ""):
        assert client.get(f"/verifikasi?minggu={week}").status_code == 200, week
    r = client.post("/verifikasi/minggu", data={"minggu": "9999-W52", "pegawai": str(10**20),
                                                      "konfirmasi": "ya"})
    assert r.status_code == 303
    page = client.get(r.headers["Location"]).get_data(as_text=True)
    assert "Tidak ada entri yang menunggu pada minggu ini." in page
    with app.app_context():  # nobody's entry was accepted
        assert db.session.execute(select(ProgresHarian.id, ProgresHarian.verifikasi)).all() \
            == before
