"""Admin (BKPSDM operator): the org rules, the home, Plt/Plh, periods, the calendar and the
instansi — each rule, its bad input, its audit entry and its htmx fragments. Units and seats:
test_admin_org.py; people and moves: test_admin_pegawai.py."""
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from portal import clock
from portal.extensions import db
from portal.models import (
    HariLibur,
    Instansi,
    Ketidakhadiran,
    Pegawai,
    Periode,
    PltJabatan,
)
from portal.rules.organisasi import creates_cycle, eselon_error, range_error
from tests.conftest import TODAY, YA
from tests.helpers.admin import VACANT, audits, html, one, person, seat

# Rules -----------------------------------------------------------------------------------------

def test_rules_cycle_eselon_and_range():
    assert creates_cycle(5, 5, [])
    assert creates_cycle(5, 9, [7, 5, 1])  # 9 sits below 5
    assert not creates_cycle(5, 9, [7, 1])
    assert not creates_cycle(None, 9, [])
    assert eselon_error("struktural", None) and eselon_error("struktural", "V")
    assert eselon_error("struktural", "III") is None
    assert "hanya untuk" in eselon_error("fungsional", "IV")
    assert eselon_error("pelaksana", None) is None
    assert range_error(date(2026, 2, 1), date(2026, 1, 31))
    assert range_error(date(2026, 2, 1), date(2026, 2, 1)) is None


# Home ------------------------------------------------------------------------------------------

def test_home_shows_counts_links_and_search(admin, app):
    page = html(admin.get("/admin/"))
    n_pegawai = one(app, select(func.count()).select_from(Pegawai).where(Pegawai.aktif))
    assert f'<span class="jumlah">{n_pegawai}</span> <span>Pegawai aktif</span>' in page
    assert 'action="/admin/pegawai"' in page and 'name="q"' in page
    for link in ("/admin/unit", "/admin/jabatan", "/admin/periode", "/admin/plt"):
        assert f'href="{link}"' in page
    assert str(clock.today().year) in page
    assert "predikat" not in page.lower()  # the admin sees no ratings


# Plt/Plh ---------------------------------------------------------------------------------------

def _plt(app, demo, **changes):
    today = clock.today()
    return {"jabatan_id": seat(app, VACANT), "jenis": "Plt", "nip": demo.nip["kabid_pemsos"],
            "nomor_sk": "800/45/2026", "mulai": today.isoformat(),
            "selesai": (today + timedelta(days=60)).isoformat()} | changes


def test_plt_appoint_list_and_end_early(admin, app, demo):
    r = admin.post("/admin/plt/baru", data=_plt(app, demo))
    assert r.status_code == 303
    page = html(admin.get("/admin/plt"))
    assert "Plt Suryo Handoko" in page and "800/45/2026" in page
    assert "Plh Rizky Maulana" in page  # the demo's upcoming Plh
    plt_id = one(app, select(PltJabatan.id).where(PltJabatan.nomor_sk == "800/45/2026"))
    assert audits(app, "plt.tunjuk")[-1][1]["nomor_sk"] == "800/45/2026"
    overlap = admin.post("/admin/plt/baru", data=_plt(app, demo, nomor_sk="800/46/2026"))
    assert overlap.status_code == 422 and "Sudah ada Plt/Plh" in html(overlap)
    admin.post(f"/admin/plt/{plt_id}/akhiri", data=YA)
    assert one(app, select(func.count()).where(PltJabatan.id == plt_id)) == 0  # began today
    assert "800/45/2026" not in html(admin.get("/admin/plt"))
    assert len(audits(app, "plt.akhiri")) == 1


def test_plt_started_earlier_ends_yesterday(admin, app, demo):
    start = clock.today() - timedelta(days=10)
    admin.post("/admin/plt/baru", data=_plt(app, demo, mulai=start.isoformat()))
    plt_id = one(app, select(PltJabatan.id).where(PltJabatan.nomor_sk == "800/45/2026"))
    admin.post(f"/admin/plt/{plt_id}/akhiri", data=YA)
    assert one(app, select(PltJabatan.selesai).where(PltJabatan.id == plt_id)) == \
        clock.today() - timedelta(days=1)


@pytest.mark.parametrize("changes, message", [
    ({"selesai": (TODAY - timedelta(days=1)).isoformat()},
     "Tanggal selesai tidak boleh sebelum tanggal mulai."),
    ({"nip": "199001012015031001"}, "Tidak ada pegawai aktif dengan NIP ini."),
    ({"nip": "123"}, "NIP harus 18 digit angka."),
    ({"jenis": "Kepala"}, "Pilihan tidak valid."),
    ({"mulai": "31-12-2026"}, "Tanggal tidak valid"),
    ({"nomor_sk": ""}, "Nomor SK wajib diisi."),
])
def test_plt_bad_input(admin, app, demo, changes, message):
    r = admin.post("/admin/plt/baru", data=_plt(app, demo, **changes))
    assert r.status_code == 422 and message in html(r)
    assert one(app, select(func.count()).select_from(PltJabatan).where(
        PltJabatan.pegawai_id == demo["kabid_pemsos"])) == 0


# Periods ---------------------------------------------------------------------------------------

def test_periods_create_next_year_and_set_active(admin, app):
    year = clock.today().year
    page = html(admin.get("/admin/periode"))
    assert f"{year}" in page and "Triwulan IV" in page and f"Buat periode {year + 1}" in page
    r = admin.post("/admin/periode/baru", data={"jenis": "bulanan"})
    assert r.status_code == 303
    with app.app_context():
        nxt = db.session.scalar(select(Periode).where(Periode.tahun == year + 1))
        assert [s.kode for s in nxt.sub_periode][:2] == ["B01", "B02"]
        assert len(nxt.sub_periode) == 12 and not nxt.aktif
        nxt_id = nxt.id
    admin.post(f"/admin/periode/{nxt_id}/aktif", data=YA)
    assert one(app, select(Periode.tahun).where(Periode.aktif)) == year + 1
    assert one(app, select(func.count()).select_from(Periode).where(Periode.aktif)) == 1
    assert audits(app, "periode.buat")[0][1] == {"tahun": year + 1, "jenis_sub": "bulanan"}
    assert audits(app, "periode.aktif")[0] == ({"tahun_aktif": year}, {"tahun_aktif": year + 1})
    bad = admin.post("/admin/periode/baru", data={"jenis": "mingguan"})
    assert bad.status_code == 422 and "Pilihan tidak valid." in html(bad)


# Calendar --------------------------------------------------------------------------------------

def test_holidays_add_duplicate_and_delete(admin, app):
    data = {"tanggal": "2026-02-17", "jenis": "libur_nasional", "nama": "Tahun Baru Imlek"}
    r = admin.post("/admin/kalender/libur", data=data)
    assert r.status_code == 303
    assert "Tahun Baru Imlek" in html(admin.get("/admin/kalender?tahun=2026"))
    dup = admin.post("/admin/kalender/libur", data={"tanggal": "2026-02-17", "nama": "Lagi",
                                                    "jenis": "cuti_bersama"})
    assert dup.status_code == 422 and "sudah tercatat" in html(dup) and 'value="Lagi"' in html(dup)
    hid = one(app, select(HariLibur.id).where(HariLibur.nama == "Tahun Baru Imlek"))
    admin.post(f"/admin/kalender/libur/{hid}/hapus", data=YA)
    assert one(app, select(func.count()).where(HariLibur.id == hid)) == 0
    assert len(audits(app, "libur.tambah")) == len(audits(app, "libur.hapus")) == 1
    bad = admin.post("/admin/kalender/libur", data={"tanggal": "2026-02-30", "nama": "X",
                                                    "jenis": "libur_nasional"})
    assert bad.status_code == 422 and "Tanggal tidak valid" in html(bad)
    assert admin.get("/admin/kalender?tahun=abcd").status_code == 200


def test_absence_add_refuse_and_delete(admin, app, demo):
    data = {"nip": demo.nip["staf_surv1"], "jenis": "dinas_luar", "mulai": "2026-03-02",
            "selesai": "2026-03-04", "keterangan": "Rakor Surabaya"}
    bad = admin.post("/admin/kalender/ketidakhadiran", data=data | {"selesai": "2026-03-01"})
    assert bad.status_code == 422 and "tidak boleh sebelum" in html(bad)
    assert 'value="Rakor Surabaya"' in html(bad)
    assert admin.post("/admin/kalender/ketidakhadiran", data=data).status_code == 303
    with app.app_context():
        k = db.session.scalar(select(Ketidakhadiran).where(
            Ketidakhadiran.keterangan == "Rakor Surabaya"))
        assert k.pegawai_id == demo.persona("pegawai") and k.jenis == "dinas_luar"
        kid = k.id
    admin.post(f"/admin/kalender/ketidakhadiran/{kid}/hapus", data=YA)
    assert one(app, select(func.count()).where(Ketidakhadiran.id == kid)) == 0


# Instansi --------------------------------------------------------------------------------------

def _instansi(**changes):
    return {"nama": "Pemerintah Provinsi Jawa Tengah", "tempat": "Semarang",
            "kepala_daerah_nama": "H. Ahmad Luthfi", "kepala_daerah_nip": "",
            "kepala_daerah_jabatan": "Gubernur Jawa Tengah", "batas_hari_fleksibel": "3"} | changes


def test_instansi_settings(admin, app):
    assert admin.post("/admin/instansi", data=_instansi()).status_code == 303
    assert one(app, select(Instansi.batas_hari_fleksibel)) == 3
    before, after = audits(app, "instansi.ubah")[0]
    assert before["batas_hari_fleksibel"] == 2 and after["batas_hari_fleksibel"] == 3


@pytest.mark.parametrize("changes, message", [
    ({"batas_hari_fleksibel": "6"}, "Harus antara 0 dan 5."),
    ({"batas_hari_fleksibel": "dua"}, "Harus berupa bilangan bulat."),
    ({"kepala_daerah_nip": "12345"}, "NIP harus 18 digit angka."),
    ({"tempat": ""}, "Tempat wajib diisi."),
])
def test_instansi_bad_input(admin, app, changes, message):
    r = admin.post("/admin/instansi", data=_instansi(**changes))
    assert r.status_code == 422 and message in html(r)
    assert one(app, select(Instansi.batas_hari_fleksibel)) == 2


def test_admin_cannot_lock_themself_out(admin, app, demo):
    me = demo["admin"]
    admin.post(f"/admin/pegawai/{me}/nonaktif", data=YA)
    assert one(app, select(Pegawai.aktif).where(Pegawai.id == me))
    data = person(nip=demo.nip["admin"], nama="Rina Oktaviani", golongan="III/b")  # no is_admin
    r = admin.post(f"/admin/pegawai/{me}/ubah", data=data)
    assert r.status_code == 422 and "hak admin Anda sendiri" in html(r)
    assert one(app, select(Pegawai.is_admin).where(Pegawai.id == me))
