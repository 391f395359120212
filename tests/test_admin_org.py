"""Admin: the unit tree and the seats (jabatan) — add, edit in place, refusals, deactivation."""
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from portal import clock
from portal.extensions import db
from portal.models import (
    Jabatan,
    Pegawai,
    PltJabatan,
    UnitKerja,
)
from tests.conftest import YA, QueryCounter
from tests.helpers.admin import HX, VACANT, audits, html, one, seat, unit

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
