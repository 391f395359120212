"""Admin: people (search, add, edit, deactivate, reset password) and moves between seats."""
import json
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from portal import clock
from portal.extensions import db
from portal.models import (
    Jabatan,
    Pegawai,
    RiwayatJabatan,
)
from tests.conftest import YA
from tests.helpers.admin import HX, NIP_BARU, VACANT, audits, html, one, person, seat

# People ----------------------------------------------------------------------------------------

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
    r = admin.post("/admin/pegawai/baru", data=person())
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
    r = admin.post("/admin/pegawai/baru", data=person(**changes))
    page = html(r)
    assert r.status_code == 422 and message in page
    assert 'value="Jl. Pahlawan 1, Semarang"' in page  # the rest of what was typed stays
    assert one(app, select(func.count()).select_from(Pegawai).where(
        Pegawai.nama == "Budi Santoso")) == 0


def test_person_duplicate_nip_is_refused(admin, app, demo):
    r = admin.post("/admin/pegawai/baru", data=person(nip=demo.nip["staf_surv1"]))
    assert r.status_code == 422 and "NIP ini sudah dipakai pegawai lain." in html(r)
    other = demo.persona("pegawai_b")
    r = admin.post(f"/admin/pegawai/{other}/ubah", data=person(nip=demo.nip["staf_surv1"],
                                                                 nama="Siti Nurhaliza"))
    assert r.status_code == 422 and "sudah dipakai" in html(r)
    assert one(app, select(Pegawai.nip).where(Pegawai.id == other)) == demo.nip["staf_surv2"]


def test_person_inline_edit(admin, app, demo):
    pid = demo.persona("pegawai_b")
    frag = admin.get(f"/admin/pegawai/{pid}/ubah", headers=HX)
    assert frag.status_code == 200 and len(html(frag)) < 2048 and "<html" not in html(frag)
    data = person(nip=demo.nip["staf_surv2"], nama="Siti Nurhaliza Putri",
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
