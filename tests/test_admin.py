"""Admin (BKPSDM operator): the org tree, seats, people, moves, Plt/Plh, periods, the calendar
and the instansi — each rule, its bad input, its audit entry and its htmx fragments."""
import json
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from portal import clock
from portal.extensions import db
from portal.models import (
    AuditLog,
    HariLibur,
    Instansi,
    Jabatan,
    Ketidakhadiran,
    Pegawai,
    Periode,
    PltJabatan,
    RiwayatJabatan,
    UnitKerja,
)
from portal.rules.organisasi import creates_cycle, eselon_error, range_error
from tests.conftest import TODAY, YA, QueryCounter

HX = {"HX-Request": "true"}
NIP_BARU = "199001012015031001"
VACANT = "Kepala Subbidang Sosial Budaya"


@pytest.fixture
def admin(client, auth):
    auth.login_as("admin")
    return client


def one(app, stmt):
    with app.app_context():
        return db.session.scalar(stmt)


def seat(app, nama):
    return one(app, select(Jabatan.id).where(Jabatan.nama == nama).order_by(Jabatan.id).limit(1))


def unit(app, nama):
    return one(app, select(UnitKerja.id).where(UnitKerja.nama == nama))


def audits(app, aksi):
    with app.app_context():
        return [(json.loads(a.sebelum or "null"), json.loads(a.sesudah or "null"))
                for a in db.session.scalars(select(AuditLog).where(AuditLog.aksi == aksi)
                                            .order_by(AuditLog.id))]


def html(response):
    return response.get_data(as_text=True)


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


# Units -----------------------------------------------------------------------------------------

def test_unit_tree_lists_opd_then_bidang_then_seksi(admin):
    page = html(admin.get("/admin/unit"))
    opd = page.index("Dinas Kesehatan")
    bidang = page.index("Bidang Pencegahan dan Pengendalian Penyakit")
    seksi = page.index("Seksi Surveilans dan Imunisasi")
    assert opd < bidang < seksi
    assert 'class="d2">Seksi Surveilans' in page and 'class="d0">Dinas Kesehatan' in page


def test_unit_add_full_page_without_javascript(admin, app):
    induk = unit(app, "Dinas Kesehatan")
    r = admin.post("/admin/unit/baru", data={"nama": "Bidang Kesehatan Masyarakat",
                                             "induk_id": induk})
    assert r.status_code == 303 and r.headers["Location"].endswith("/admin/unit")
    assert one(app, select(UnitKerja.induk_id).where(
        UnitKerja.nama == "Bidang Kesehatan Masyarakat")) == induk
    assert audits(app, "unit.buat")[0][1]["nama"] == "Bidang Kesehatan Masyarakat"
    assert "Bidang Kesehatan Masyarakat ditambahkan" in html(admin.get("/admin/unit"))


def test_unit_inline_edit_swaps_the_row(admin, app):
    uid = unit(app, "Seksi Surveilans dan Imunisasi")
    form = admin.get(f"/admin/unit/{uid}/ubah", headers=HX)
    body = html(form)
    assert form.status_code == 200 and "<html" not in body and len(body) < 2048
    assert f'id="unit-{uid}"' in body and 'hx-post="/admin/unit/' in body and "Batal" in body
    batal = admin.get(f"/admin/unit/{uid}", headers=HX)
    assert 'name="nama"' not in html(batal) and ">Ubah</a>" in html(batal)
    induk = unit(app, "Bidang Pencegahan dan Pengendalian Penyakit")
    r = admin.post(f"/admin/unit/{uid}/ubah", data={"nama": "Seksi Surveilans", "induk_id": induk},
                   headers=HX | {"HX-Target": f"unit-{uid}"})
    row = html(r)
    assert r.status_code == 200 and row.lstrip().startswith("<tr")
    assert "Seksi Surveilans<" in row and "<html" not in row
    before, after = audits(app, "unit.ubah")[0]
    assert before["nama"] == "Seksi Surveilans dan Imunisasi"
    assert after["nama"] == "Seksi Surveilans"


def test_unit_parent_cycle_is_refused_and_nothing_saved(admin, app):
    opd = unit(app, "Dinas Kesehatan")
    seksi = unit(app, "Seksi Surveilans dan Imunisasi")
    r = admin.post(f"/admin/unit/{opd}/ubah", data={"nama": "Dinas Kesehatan Baru",
                                                    "induk_id": seksi})
    page = html(r)
    assert r.status_code == 422 and "lingkaran" in page
    assert 'value="Dinas Kesehatan Baru"' in page  # what was typed stays
    assert one(app, select(UnitKerja.induk_id).where(UnitKerja.id == opd)) is None
    assert audits(app, "unit.ubah") == []


def test_unit_bad_parent_and_empty_name(admin, app):
    r = admin.post("/admin/unit/baru", data={"nama": "", "induk_id": "abc"})
    page = html(r)
    assert r.status_code == 422 and "Nama unit wajib diisi." in page
    assert "Pilihan tidak valid" in page
    assert admin.get("/admin/unit/abc").status_code == 404
    assert admin.get("/admin/unit/99999999999999").status_code == 404


def test_unit_deactivate_only_when_empty(admin, app):
    busy = unit(app, "Seksi Surveilans dan Imunisasi")
    r = admin.post(f"/admin/unit/{busy}/nonaktif", data=YA)
    assert r.status_code == 303
    assert "masih memiliki jabatan aktif" in html(admin.get("/admin/unit"))
    assert one(app, select(UnitKerja.aktif).where(UnitKerja.id == busy))
    admin.post("/admin/unit/baru", data={"nama": "Seksi Baru", "induk_id": 0})
    empty = unit(app, "Seksi Baru")
    r = admin.post(f"/admin/unit/{empty}/nonaktif", data=YA,
                   headers=HX | {"HX-Target": f"unit-{empty}"})
    assert r.status_code == 200 and "Nonaktif" in html(r)
    assert not one(app, select(UnitKerja.aktif).where(UnitKerja.id == empty))
    assert audits(app, "unit.nonaktif") == [({"aktif": True}, {"aktif": False})]


# Seats -----------------------------------------------------------------------------------------

def test_seat_list_filters_by_unit_subtree_and_shows_holder_vacant(admin, app):
    bappeda = unit(app, "Badan Perencanaan Pembangunan Daerah")
    page = html(admin.get(f"/admin/jabatan?unit={bappeda}"))
    assert "Kepala Bappeda" in page and "Statistisi Ahli Pertama" in page  # sub-units too
    assert "Kepala Dinas Kesehatan" not in page
    assert "Joko Susilo" in page and "Kosong" in page
    found = html(admin.get("/admin/jabatan?q=statistisi", headers=HX))
    assert "Statistisi" in found and "Kepala Bappeda" not in found and "<html" not in found
    assert admin.get("/admin/jabatan?unit=abc&hal=x").status_code == 200


def test_seat_shows_current_plt(admin, app):
    jid = seat(app, VACANT)
    with app.app_context():
        p = db.session.scalar(select(Pegawai).where(Pegawai.nama == "Suryo Handoko"))
        db.session.add(PltJabatan(jabatan_id=jid, pegawai_id=p.id, jenis="Plt", nomor_sk="1/2",
                                  mulai=clock.today(), selesai=clock.today() + timedelta(days=30)))
        db.session.commit()
    row = html(admin.get(f"/admin/jabatan/{jid}", headers=HX))
    assert "Kosong" in row and "Plt Suryo Handoko" in row


def _seat_form(app, **changes):
    data = {"nama": "Analis Data", "jenis": "fungsional", "eselon": "",
            "unit_id": unit(app, "Dinas Kesehatan"),
            "atasan_id": seat(app, "Kepala Dinas Kesehatan"), "fleksibel": "y"}
    return data | changes


def test_seat_add_with_flexible_flag(admin, app):
    r = admin.post("/admin/jabatan/baru", data=_seat_form(app))
    assert r.status_code == 303
    with app.app_context():
        j = db.session.scalar(select(Jabatan).where(Jabatan.nama == "Analis Data"))
        assert j.fleksibel and j.eselon is None and j.jenis == "fungsional"
    assert audits(app, "jabatan.buat")[0][1]["fleksibel"] is True


@pytest.mark.parametrize("changes, message", [
    ({"jenis": "fungsional", "eselon": "III"}, "Eselon hanya untuk jabatan struktural."),
    ({"jenis": "struktural", "eselon": ""}, "wajib memiliki eselon"),
    ({"atasan_id": 0}, "Sudah ada jabatan puncak"),
    ({"atasan_id": "x"}, "Pilihan tidak valid"),
    ({"nama": ""}, "Nama jabatan wajib diisi."),
])
def test_seat_bad_input(admin, app, changes, message):
    r = admin.post("/admin/jabatan/baru", data=_seat_form(app, **changes))
    assert r.status_code == 422 and message in html(r)
    assert one(app, select(func.count()).select_from(Jabatan).where(
        Jabatan.nama.in_(["Analis Data", ""]))) == 0


def test_seat_cycle_is_refused(admin, app):
    top = seat(app, "Kepala Dinas Kesehatan")
    below = seat(app, "Kepala Seksi Surveilans dan Imunisasi")
    data = _seat_form(app, nama="Kepala Dinas Kesehatan", jenis="struktural", eselon="II",
                      atasan_id=below)
    r = admin.post(f"/admin/jabatan/{top}/ubah", data=data)
    assert r.status_code == 422 and "lingkaran" in html(r)
    assert one(app, select(Jabatan.atasan_id).where(Jabatan.id == top)) == seat(app,
                                                                                "Sekretaris Daerah")


def test_seat_inline_edit_and_second_root(admin, app):
    jid = seat(app, "Statistisi Ahli Pertama")
    frag = admin.get(f"/admin/jabatan/{jid}/ubah", headers=HX)
    assert frag.status_code == 200 and len(html(frag)) < 2048 and "<html" not in html(frag)
    data = _seat_form(app, nama="Statistisi Ahli Muda", unit_id=unit(app, "Subbidang Perekonomian"),
                      atasan_id=seat(app, "Kepala Subbidang Perekonomian"))
    r = admin.post(f"/admin/jabatan/{jid}/ubah", data=data,
                   headers=HX | {"HX-Target": f"jabatan-{jid}"})
    assert r.status_code == 200 and "Statistisi Ahli Muda" in html(r) and "Fajar Nugroho" in html(r)
    root = seat(app, "Sekretaris Daerah")
    r = admin.post(f"/admin/jabatan/{jid}/ubah", data=data | {"atasan_id": 0})
    assert r.status_code == 422 and "Sudah ada jabatan puncak" in html(r)
    assert root  # the Sekda's seat stays the only root
    assert one(app, select(func.count()).where(Jabatan.atasan_id.is_(None))) == 1


def test_seat_deactivate_only_when_vacant(admin, app):
    held = seat(app, "Statistisi Ahli Pertama")
    admin.post(f"/admin/jabatan/{held}/nonaktif", data=YA)
    assert one(app, select(Jabatan.aktif).where(Jabatan.id == held))
    assert "masih diduduki" in html(admin.get("/admin/jabatan"))
    admin.post("/admin/jabatan/baru", data=_seat_form(app))
    free = seat(app, "Analis Data")
    r = admin.post(f"/admin/jabatan/{free}/nonaktif", data=YA,
                   headers=HX | {"HX-Target": f"jabatan-{free}"})
    assert r.status_code == 200 and "Nonaktif" in html(r)
    assert not one(app, select(Jabatan.aktif).where(Jabatan.id == free))


def test_seat_list_statement_count_does_not_grow_with_rows(admin, app):
    with app.app_context():
        engine = db.engine
    with QueryCounter(engine) as few:
        admin.get("/admin/jabatan?q=statistisi")
    with QueryCounter(engine) as many:
        admin.get("/admin/jabatan")
    assert many.count == few.count
    with QueryCounter(engine) as few:
        admin.get("/admin/pegawai?q=andi")
    with QueryCounter(engine) as many:
        admin.get("/admin/pegawai")
    assert many.count == few.count


# People ----------------------------------------------------------------------------------------

def _person(**changes):
    return {"nip": NIP_BARU, "nama": "Budi Santoso", "gelar_depan": "", "gelar_belakang": "S.T.",
            "status": "PNS", "golongan": "III/a", "alamat": "Jl. Pahlawan 1, Semarang"} | changes


def test_people_list_searches_by_name_and_nip_and_pages(admin, app, demo):
    page = html(admin.get("/admin/pegawai"))
    assert "Andi Pratama" in page and "Rina Oktaviani" in page
    by_name = html(admin.get("/admin/pegawai?q=andi", headers=HX))
    assert "Andi Pratama" in by_name and "Siti Nurhaliza" not in by_name and "<html" not in by_name
    by_nip = html(admin.get(f"/admin/pegawai?q={demo.nip['staf_surv2']}"))
    assert "Siti Nurhaliza" in by_nip and "Andi Pratama" not in by_nip
    with app.app_context():
        for i in range(30):
            db.session.add(Pegawai(nip=f"1990010120150310{i:02d}", nama=f"Zaenal {i:02d}"))
        db.session.commit()
    first = html(admin.get("/admin/pegawai"))
    assert "Halaman 1 dari 2" in first and "Zaenal 29" not in first
    second = html(admin.get("/admin/pegawai?hal=2"))
    assert "Zaenal 29" in second and "Andi Pratama" not in second
    assert admin.get("/admin/pegawai?hal=abc").status_code == 200


def test_person_add_full_page(admin, app):
    r = admin.post("/admin/pegawai/baru", data=_person())
    assert r.status_code == 303
    with app.app_context():
        p = db.session.scalar(select(Pegawai).where(Pegawai.nip == NIP_BARU))
        assert p.nama_lengkap == "Budi Santoso, S.T." and p.golongan == "III/a" and p.aktif
        assert p.password_hash is None  # no login until the admin sets a one-time password
    assert r.headers["Location"].endswith(f"/admin/pegawai/{p.id}")
    assert audits(app, "pegawai.buat")[0][1]["nip"] == NIP_BARU


@pytest.mark.parametrize("changes, message", [
    ({"nip": "19900101201503100"}, "NIP harus 18 digit angka."),
    ({"nip": "199013012015031001"}, "tanggal lahir"),
    ({"nip": "199001012015033001"}, "ke-15"),
    ({"status": "PPPK", "golongan": "III/a"}, "Golongan III/a tidak dikenal untuk status PPPK."),
    ({"golongan": "V/z"}, "Golongan V/z tidak dikenal"),
    ({"status": "Honorer"}, "Pilihan tidak valid"),
    ({"nama": ""}, "Nama wajib diisi."),
])
def test_person_bad_input_is_shown_next_to_the_field(admin, app, changes, message):
    r = admin.post("/admin/pegawai/baru", data=_person(**changes))
    page = html(r)
    assert r.status_code == 422 and message in page
    assert 'value="Jl. Pahlawan 1, Semarang"' in page  # the rest of what was typed stays
    assert one(app, select(func.count()).select_from(Pegawai).where(
        Pegawai.nama == "Budi Santoso")) == 0


def test_person_duplicate_nip_is_refused(admin, app, demo):
    r = admin.post("/admin/pegawai/baru", data=_person(nip=demo.nip["staf_surv1"]))
    assert r.status_code == 422 and "NIP ini sudah dipakai pegawai lain." in html(r)
    other = demo.persona("pegawai_b")
    r = admin.post(f"/admin/pegawai/{other}/ubah", data=_person(nip=demo.nip["staf_surv1"],
                                                                 nama="Siti Nurhaliza"))
    assert r.status_code == 422 and "sudah dipakai" in html(r)
    assert one(app, select(Pegawai.nip).where(Pegawai.id == other)) == demo.nip["staf_surv2"]


def test_person_inline_edit(admin, app, demo):
    pid = demo.persona("pegawai_b")
    frag = admin.get(f"/admin/pegawai/{pid}/ubah", headers=HX)
    assert frag.status_code == 200 and len(html(frag)) < 2048 and "<html" not in html(frag)
    data = _person(nip=demo.nip["staf_surv2"], nama="Siti Nurhaliza Putri",
                   gelar_belakang="A.Md.Kes.", golongan="II/c")
    bad = admin.post(f"/admin/pegawai/{pid}/ubah", data=data | {"nama": ""},
                     headers=HX | {"HX-Target": f"pegawai-{pid}"})
    assert bad.status_code == 422 and "<html" not in html(bad) and "Nama wajib diisi." in html(bad)
    r = admin.post(f"/admin/pegawai/{pid}/ubah", data=data,
                   headers=HX | {"HX-Target": f"pegawai-{pid}"})
    assert r.status_code == 200 and "Siti Nurhaliza Putri" in html(r) and "<html" not in html(r)
    before, after = audits(app, "pegawai.ubah")[0]
    assert before["nama"] == "Siti Nurhaliza" and after["nama"] == "Siti Nurhaliza Putri"
    restore = admin.get(f"/admin/pegawai/{pid}/baris", headers=HX)
    assert "Siti Nurhaliza Putri" in html(restore) and 'name="nama"' not in html(restore)


def test_person_deactivate_signs_out_and_reactivate(admin, app, demo):
    pid = demo.persona("pegawai_b")
    other = app.test_client()
    other.post("/masuk", data={"nip": demo.nip["staf_surv2"], "password": "rahasia123"})
    assert other.get("/beranda/pegawai").status_code == 200
    r = admin.post(f"/admin/pegawai/{pid}/nonaktif", data=YA)
    assert r.status_code == 303 and r.headers["Location"].endswith(f"/admin/pegawai/{pid}")
    assert other.get("/beranda/pegawai").status_code == 302
    refused = other.post("/masuk", data={"nip": demo.nip["staf_surv2"], "password": "rahasia123"})
    assert refused.status_code == 422
    admin.post(f"/admin/pegawai/{pid}/aktifkan", data=YA)
    assert one(app, select(Pegawai.aktif).where(Pegawai.id == pid))
    assert audits(app, "pegawai.nonaktif") == [({"aktif": True}, {"aktif": False})]
    assert audits(app, "pegawai.aktifkan") == [({"aktif": False}, {"aktif": True})]


def test_reset_password_shows_it_once_and_ends_sessions(admin, app, demo):
    pid = demo.persona("pegawai_b")
    other = app.test_client()
    other.post("/masuk", data={"nip": demo.nip["staf_surv2"], "password": "rahasia123"})
    r = admin.post(f"/admin/pegawai/{pid}/reset-sandi", data=YA, headers=HX)
    body = html(r)
    assert r.status_code == 200 and "Hanya ditampilkan sekali" in body and "<html" not in body
    assert r.headers["Cache-Control"] == "no-store"
    sandi = body.split('<code class="sandi">')[1].split("</code>")[0]
    assert len(sandi) >= 10
    assert sandi not in html(admin.get(f"/admin/pegawai/{pid}"))  # never shown again
    assert other.get("/beranda/pegawai").status_code == 302  # old session ended
    with app.app_context():
        p = db.session.get(Pegawai, pid)
        assert p.wajib_ganti_sandi and p.check_password(sandi)
        assert not p.check_password("rahasia123")
    fresh = app.test_client()
    login = fresh.post("/masuk", data={"nip": demo.nip["staf_surv2"], "password": sandi})
    assert login.headers["Location"].endswith("/ganti-sandi")
    assert audits(app, "pegawai.reset_sandi") == [(None, {"wajib_ganti_sandi": True})]
    assert sandi not in json.dumps(audits(app, "pegawai.reset_sandi"))


# Moves -----------------------------------------------------------------------------------------

def test_move_ends_old_assignment_the_day_before(admin, app, demo):
    pid, target = demo.persona("pegawai"), seat(app, VACANT)
    day = clock.today() + timedelta(days=10)
    r = admin.post(f"/admin/pegawai/{pid}/pindah",
                   data={"jabatan_id": target, "tanggal": day.isoformat(), "keterangan": "SK 1"})
    assert r.status_code == 303
    with app.app_context():
        rows = db.session.scalars(select(RiwayatJabatan).where(RiwayatJabatan.pegawai_id == pid)
                                  .order_by(RiwayatJabatan.mulai)).all()
        assert [(r.selesai, r.mulai) for r in rows][-2:][0][0] == day - timedelta(days=1)
        assert rows[-1].jabatan_id == target and rows[-1].mulai == day and rows[-1].selesai is None
    page = html(admin.get(f"/admin/pegawai/{pid}"))
    assert VACANT in page and "Epidemiolog Kesehatan Ahli Pertama" in page and "SK 1" in page
    before, after = audits(app, "pegawai.pindah")[0]
    assert before["jabatan"] == "Epidemiolog Kesehatan Ahli Pertama" and after["jabatan"] == VACANT


@pytest.mark.parametrize("target, when, message", [
    ("Pengelola Data Imunisasi", 5, "Jabatan tujuan tidak kosong pada tanggal itu."),
    (VACANT, -4000, "harus setelah awal jabatan"),
    ("Epidemiolog Kesehatan Ahli Pertama", 5, "sudah menduduki"),
])
def test_move_refusals(admin, app, demo, target, when, message):
    pid = demo.persona("pegawai")
    day = (clock.today() + timedelta(days=when)).isoformat()
    r = admin.post(f"/admin/pegawai/{pid}/pindah", data={"jabatan_id": seat(app, target),
                                                         "tanggal": day, "keterangan": "SK 9"})
    assert r.status_code == 422 and message in html(r) and 'value="SK 9"' in html(r)
    assert one(app, select(func.count()).where(RiwayatJabatan.pegawai_id == pid)) == 1
    assert audits(app, "pegawai.pindah") == []


def test_move_bad_input(admin, app, demo):
    pid = demo.persona("pegawai")
    r = admin.post(f"/admin/pegawai/{pid}/pindah", data={"jabatan_id": "abc", "tanggal": "kemarin"})
    assert r.status_code == 422
    assert "Pilihan tidak valid." in html(r) and "Tanggal tidak valid" in html(r)


def test_move_service_on_a_person_without_seat(app, demo):
    from portal.admin.services import move_pegawai

    with app.app_context():
        p = Pegawai(nip=NIP_BARU, nama="Baru")
        db.session.add(p)
        db.session.flush()
        new = move_pegawai(p, db.session.get(Jabatan, seat(app, VACANT)), date(2026, 1, 5))
        db.session.commit()
        assert new.mulai == date(2026, 1, 5) and new.selesai is None


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
    data = _person(nip=demo.nip["admin"], nama="Rina Oktaviani", golongan="III/b")  # no is_admin
    r = admin.post(f"/admin/pegawai/{me}/ubah", data=data)
    assert r.status_code == 422 and "hak admin Anda sendiri" in html(r)
    assert one(app, select(Pegawai.is_admin).where(Pegawai.id == me))
