"""Talent search finds who it should and no one else; shortlists are private."""
import json
from datetime import date

import pytest
from sqlalchemy import delete, select

from portal.extensions import db
from portal.models import DaftarPendek, Penilaian, Periode
from portal.periods import create_periode

Y = date.today().year


@pytest.fixture
def history(app, demo):
    """Annual predikat of three past years for a few Dinkes people."""
    plan = {"staf_surv1": ["sangat_baik", "sangat_baik", "baik"],
            "staf_surv2": ["sangat_baik", "baik", "baik"],
            "staf_pm1": ["baik", "sangat_baik", "sangat_baik"],
            "staf_ekon1": ["sangat_baik", "sangat_baik", "sangat_baik"]}
    with app.app_context():
        for year in (Y - 3, Y - 2):
            if db.session.scalar(select(Periode).where(Periode.tahun == year)) is None:
                create_periode(year)
        periods = {p.tahun: p.id for p in db.session.scalars(select(Periode))}
        # The demo rates last year for everyone: replace those with the history under test.
        db.session.execute(delete(Penilaian).where(Penilaian.kode == "TAHUNAN"))
        for key, predikats in plan.items():
            for year, predikat in zip((Y - 3, Y - 2, Y - 1), predikats, strict=True):
                db.session.add(Penilaian(pegawai_id=demo[key], periode_id=periods[year],
                                         kode="TAHUNAN", hasil_kerja="di_atas",
                                         perilaku_kerja="di_atas", predikat=predikat,
                                         identitas=json.dumps({})))
        db.session.commit()
    return plan


def names(html):
    return {n for n in ("Andi Pratama", "Siti Nurhaliza", "Rizky Maulana", "Ratna Sari")
            if n in html}


def test_sangat_baik_twice_in_the_last_three_years(client, auth, history):
    auth.login_as("sekda")
    html = client.get("/talenta?predikat=sangat_baik&minimal=2&dari_terakhir=3").get_data(
        as_text=True)
    assert names(html) == {"Andi Pratama", "Rizky Maulana", "Ratna Sari"}


def test_only_the_last_two_years_counts(client, auth, history):
    auth.login_as("sekda")
    html = client.get("/talenta?predikat=sangat_baik&minimal=2&dari_terakhir=2").get_data(
        as_text=True)
    assert names(html) == {"Rizky Maulana", "Ratna Sari"}


def test_atasan_searches_only_own_subtree(client, auth, history):
    auth.login_as("atasan_atasan")  # kepala bidang P2P: no Bappeda people
    html = client.get("/talenta?predikat=sangat_baik&minimal=2&dari_terakhir=3").get_data(
        as_text=True)
    assert names(html) == {"Andi Pratama", "Rizky Maulana"}


def test_position_and_golongan_filters(client, auth, demo):
    auth.login_as("sekda")
    html = client.get("/talenta?jenis=struktural&eselon=II").get_data(as_text=True)
    assert "Yunita Dyah Suminar" in html and "Irianto Setiawan" not in html
    html = client.get("/talenta?golongan_min=IV/c&golongan_max=IV/e").get_data(as_text=True)
    assert "Sumarno" in html and "Yunita Dyah Suminar" in html and "Andi Pratama" not in html


def test_impossible_filters_give_a_hint_not_an_error(client, auth, demo):
    auth.login_as("sekda")
    r = client.get("/talenta?golongan_min=IV/a&golongan_max=III/a")
    assert r.status_code == 200 and "Golongan terendah lebih tinggi" in r.get_data(as_text=True)
    r = client.get("/talenta?predikat=baik&minimal=5&dari_terakhir=3")
    assert "melebihi" in r.get_data(as_text=True)
    r = client.get("/talenta?minimal=abc&lama_tahun=-1")
    assert r.status_code == 200 and "Isi angka" in r.get_data(as_text=True)


def test_results_fragment_for_htmx(client, auth, demo):
    auth.login_as("sekda")
    r = client.get("/talenta?jenis=fungsional", headers={"HX-Request": "true"})
    assert "<html" not in r.get_data(as_text=True) and "Andi Pratama" in r.get_data(as_text=True)


def test_shortlist_saved_private_and_deleted(client, auth, app, demo):
    auth.login_as("sekda")
    r = client.post("/talenta/daftar", data={"nama": "Calon Kabid P2P", "catatan": "Rotasi 2027",
                                             "pegawai": [demo["kasi_surv"], demo["kasi_pm"]]})
    assert r.status_code == 302
    with app.app_context():
        daftar = db.session.scalar(select(DaftarPendek))
        assert daftar.nama == "Calon Kabid P2P" and len(daftar.anggota) == 2
        daftar_id = daftar.id
    assert "Bambang Hermanto" in client.get(f"/talenta/daftar/{daftar_id}").get_data(as_text=True)
    other = app.test_client()
    other.post("/masuk", data={"nip": demo.nip["kadinkes"], "password": "rahasia123"})
    assert other.get(f"/talenta/daftar/{daftar_id}").status_code == 404
    assert other.post(f"/talenta/daftar/{daftar_id}/hapus").status_code == 404
    client.post(f"/talenta/daftar/{daftar_id}/hapus")
    with app.app_context():
        assert db.session.scalar(select(DaftarPendek)) is None


def test_shortlist_refuses_people_outside_the_subtree_and_empty_names(client, auth, app, demo):
    auth.login_as("atasan")
    r = client.post("/talenta/daftar", data={"nama": "X", "pegawai": [demo["staf_ekon1"]]})
    assert r.status_code == 302
    client.post("/talenta/daftar", data={"nama": "", "pegawai": [demo["staf_surv1"]]})
    with app.app_context():
        assert db.session.scalar(select(DaftarPendek)) is None


def test_absurd_page_numbers_are_not_errors(client, auth, demo):
    auth.login_as("sekda")
    for url in ("/talenta?jenis=fungsional&hal=99999999999999999999999",
                "/dasbor/daftar?f=skp&v=disetujui&hal=-5", "/dasbor/daftar?f=skp&v=draf&hal=x"):
        assert client.get(url).status_code == 200, url
