"""'Perlu tindakan' first on every home: counts from a fixed number of statements, one tap to the
task, gone once the task is done; notifications that name the person and the thing, and clear
when the task they announce is done."""
import re
from datetime import timedelta

from sqlalchemy import select

from portal.extensions import db
from portal.models import Notifikasi, RealisasiPeriode, Skp
from tests.conftest import QueryCounter


def _waiting_rp(app, pegawai_id):
    with app.app_context():
        return db.session.scalar(select(RealisasiPeriode.id).join(Skp).where(
            Skp.pegawai_id == pegawai_id, RealisasiPeriode.status == "diajukan"))


def _tindakan(html: str) -> str:
    match = re.search(r'<section class="card tindakan".*?</section>', html, re.S)
    assert match, "beranda tanpa 'Perlu tindakan'"
    return match.group(0)


def test_every_home_starts_with_perlu_tindakan(client, auth):
    for persona, home in (("pegawai", "/beranda/pegawai"), ("atasan", "/beranda/atasan"),
                          ("sekda", "/beranda/sekda"), ("admin", "/admin/")):
        auth.login_as(persona)
        html = client.get(home).get_data(as_text=True)
        main = html[html.index('<main id="isi">'):]
        assert main.index('class="card tindakan"') < main.index("</section>"), persona
        assert '<h1 id="tindakan">Perlu tindakan</h1>' in html
        auth.logout()


def test_atasan_sees_what_waits_and_it_clears_when_done(client, auth, app, demo):
    rp_id = _waiting_rp(app, demo["staf_surv3"])
    assert rp_id, "data demo: Dewi mengajukan realisasi"
    auth.login_as("atasan")
    box = _tindakan(client.get("/beranda/atasan").get_data(as_text=True))
    assert 'href="/tim/realisasi"><span class="jumlah">1</span> <span>realisasi bawahan ' \
           'menunggu tinjauan' in box
    with app.app_context():
        engine = db.engine
    with QueryCounter(engine) as before:
        client.get("/beranda/atasan")
    r = client.post("/tim/realisasi/terima", data={"rp": [str(rp_id)], "konfirmasi": "ya"})
    assert r.status_code == 303
    with QueryCounter(engine) as after:
        html = client.get("/beranda/atasan").get_data(as_text=True)
    assert "realisasi bawahan menunggu tinjauan" not in _tindakan(html)
    assert after.count == before.count  # the same grouped statements, whatever the counts
    with app.app_context():
        mine = db.session.scalars(select(Notifikasi).where(
            Notifikasi.tautan == f"/tim/realisasi/{rp_id}")).all()
        assert mine and all(n.dibaca for n in mine)  # the task is done: no longer "Baru"
        told = db.session.scalars(select(Notifikasi.teks).where(
            Notifikasi.penerima_id == demo["staf_surv3"])).all()
    assert any("Retno Wulandari" in t and "menerima realisasi Triwulan" in t for t in told), told


def test_pegawai_without_todays_entry_is_reminded(client, auth, app, demo):
    from portal import clock
    from portal.models import ProgresHarian

    auth.login_as("pegawai")
    with app.app_context():
        for e in db.session.scalars(select(ProgresHarian).where(
                ProgresHarian.pegawai_id == demo["staf_surv1"],
                ProgresHarian.tanggal == clock.today())):
            db.session.delete(e)
        db.session.commit()
    box = _tindakan(client.get("/beranda/pegawai").get_data(as_text=True))
    assert clock.today().weekday() < 5  # the frozen day of the tests is a working day
    assert "hari kerja ini belum ada entri progres" in box


def test_feedback_notifications_name_the_person_and_the_thing(client, auth, app, demo):
    auth.login_as("atasan")
    page = client.get(f"/umpan-balik/{demo['staf_surv1']}").get_data(as_text=True)
    topik = re.search(r'<option value="(rhk:\d+)"', page).group(1)
    r = client.post(f"/umpan-balik/{demo['staf_surv1']}",
                    data={"topik": topik, "teks": "Laporan minggu ini sudah lengkap."})
    assert r.status_code in (200, 303)
    with app.app_context():
        teks = db.session.scalar(select(Notifikasi.teks).where(
            Notifikasi.penerima_id == demo["staf_surv1"]).order_by(Notifikasi.id.desc()))
    assert teks.startswith("Retno Wulandari") and "memberi umpan balik tentang \u201c" in teks


def _count_of(box: str, words: str) -> int | None:
    match = re.search(r'<span class="jumlah">([\d.]+)</span> <span>' + re.escape(words), box)
    return int(match.group(1).replace(".", "")) if match else None


def test_sekda_is_told_of_open_periods_and_runs_to_approve(client, auth, app):
    auth.login_as("sekda")
    box = _tindakan(client.get("/beranda/sekda").get_data(as_text=True))
    assert _count_of(box, "perhitungan TPP menunggu persetujuan Anda") == 1
    open_ = _count_of(box, "periode sudah berakhir dan belum ditutup")
    oldest = re.search(r'href="/penilaian/organisasi/([^"]+)"><span class="jumlah">'
                       f'{open_}</span> <span>periode sudah', box).group(1)
    with app.app_context():
        engine = db.engine
    with QueryCounter(engine) as before:
        client.get("/beranda/sekda")
    r = client.post(f"/penilaian/periode/{oldest}/tutup", data={"konfirmasi": "ya"})
    assert r.status_code == 303
    with QueryCounter(engine) as after:
        box = _tindakan(client.get("/beranda/sekda").get_data(as_text=True))
    assert _count_of(box, "periode sudah berakhir dan belum ditutup") == (open_ - 1 or None)
    assert after.count == before.count


def test_atasan_is_told_of_entries_to_verify_and_presensi_requests(client, auth):
    auth.login_as("atasan")
    box = _tindakan(client.get("/beranda/atasan").get_data(as_text=True))
    assert _count_of(box, "entri harian bawahan menunggu verifikasi")
    assert re.search(r'href="/verifikasi\?minggu=\d{4}-W\d\d"><span class="jumlah">', box)
    assert _count_of(box, "koreksi dan izin presensi bawahan menunggu keputusan") == 1


def test_admin_is_told_last_months_presensi_is_still_open(client, auth):
    from portal import clock

    auth.login_as("admin")
    words = "belum ditutup; TPP bulan itu menunggunya"
    assert words in _tindakan(client.get("/admin/").get_data(as_text=True))
    last = clock.today().replace(day=1) - timedelta(days=1)
    r = client.post("/admin/presensi/bulan", data={"bulan": f"{last:%Y-%m}", "aksi": "tutup",
                                                  "konfirmasi": "ya"})
    assert r.status_code == 303
    assert words not in _tindakan(client.get("/admin/").get_data(as_text=True))
