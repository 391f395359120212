"""Penilaian by the atasan: the team list, rating a report, periods, the predikat preview."""
from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import func, select

from portal.extensions import db
from portal.models import AuditLog, Penilaian
from tests.conftest import ON_DATES, YA, QueryCounter
from tests.helpers.penilaian import engine_of, kode_aktif, penilaian_of

# --- rating ----------------------------------------------------------------------------------

def test_team_list_shows_status(client, auth, demo, app):
    auth.login_as("atasan")
    r = client.get(f"/penilaian/tim/{kode_aktif(app)}")
    html = r.get_data(as_text=True)
    assert r.status_code == 200
    assert "Dewi Lestari" in html and "Belum dinilai" in html  # staf_surv3, not yet rated
    assert "Keberatan" in html  # staf_surv2 objected
    assert "Rizky Maulana" not in html  # another seksi


def test_team_page_statements_do_not_grow_with_ratings(client, auth, demo, app):
    auth.login_as("atasan")
    url = f"/penilaian/tim/{kode_aktif(app)}"
    with QueryCounter(engine_of(app)) as before:
        client.get(url)
    client.post(f"{url}/{demo['staf_surv3']}", data={"hasil_kerja": "sesuai",
                                                      "perilaku_kerja": "sesuai"})
    with QueryCounter(engine_of(app)) as after:
        client.get(url)
    assert after.count == before.count


def test_rate_a_report_freezes_identity_and_ignores_client_predikat(client, auth, demo, app):
    auth.login_as("atasan")
    url = f"/penilaian/tim/{kode_aktif(app)}/{demo['staf_surv3']}"
    page = client.get(url).get_data(as_text=True)
    assert "Rating hasil kerja" in page and "Laporan penyelidikan epidemiologi" in page
    r = client.post(url, data={**YA, "hasil_kerja": "di_atas", "perilaku_kerja": "di_bawah",
                               "catatan": "Perlu perbaikan sikap.", "predikat": "sangat_baik"})
    assert r.status_code == 303
    assert r.headers["Location"].endswith(f"/penilaian/tim/{kode_aktif(app)}")
    n = penilaian_of(app, demo["staf_surv3"])
    assert n.predikat == "kurang"  # the matrix, never the client
    ident = json.loads(n.identitas)
    assert ident["pegawai"]["nip"] == demo.nip["staf_surv3"]
    assert ident["pegawai"]["pangkat"] == ""  # PPPK: no pangkat
    assert ident["penilai"]["nip"] == demo.nip["kasi_surv"]
    assert ident["atasan_penilai"]["nip"] == demo.nip["kabid_p2p"]
    assert n.penilai_id == demo["kasi_surv"] and n.atasan_penilai_id == demo["kabid_p2p"]
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(AuditLog).where(
            AuditLog.aksi == "penilaian.nilai", AuditLog.objek_id == n.id)) == 1


def test_missing_rating_is_422_and_nothing_saved(client, auth, demo, app):
    auth.login_as("atasan")
    url = f"/penilaian/tim/{kode_aktif(app)}/{demo['staf_surv3']}"
    r = client.post(url, data={"hasil_kerja": "sesuai", "catatan": "tetap ketik"})
    assert r.status_code == 422
    html = r.get_data(as_text=True)
    assert "Pilih salah satu rating." in html and "tetap ketik" in html
    assert penilaian_of(app, demo["staf_surv3"]) is None


def test_bad_rating_value_is_422(client, auth, demo, app):
    auth.login_as("atasan")
    r = client.post(f"/penilaian/tim/{kode_aktif(app)}/{demo['staf_surv3']}",
                    data={**YA, "hasil_kerja": "luar_biasa", "perilaku_kerja": "sesuai"})
    assert r.status_code == 422
    assert penilaian_of(app, demo["staf_surv3"]) is None


def test_rating_someone_not_yours_is_403(client, auth, demo, app):
    auth.login_as("atasan")
    r = client.post(f"/penilaian/tim/{kode_aktif(app)}/{demo['staf_pm2']}",
                    data={**YA, "hasil_kerja": "sesuai", "perilaku_kerja": "sesuai"})
    assert r.status_code == 403
    auth.logout()
    auth.login_as("atasan_atasan")  # the chain above reads but does not rate
    r = client.post(f"/penilaian/tim/{kode_aktif(app)}/{demo['staf_surv3']}",
                    data={**YA, "hasil_kerja": "sesuai", "perilaku_kerja": "sesuai"})
    assert r.status_code == 403
    assert penilaian_of(app, demo["staf_surv3"]) is None


@pytest.mark.parametrize("kode", ["2026-TW9", "abc", "1999", "2026-XX1", "2026-tw1"])
def test_unknown_period_code_is_404(client, auth, app, demo, kode):
    auth.login_as("atasan")
    with app.app_context():
        before = db.session.scalar(select(func.count(Penilaian.id)))
    assert client.get(f"/penilaian/tim/{kode}").status_code == 404
    assert client.post(f"/penilaian/tim/{kode}/{demo['staf_surv3']}",
                       data={**YA, "hasil_kerja": "sesuai", "perilaku_kerja": "sesuai"}
                       ).status_code == 404
    with app.app_context():
        assert db.session.scalar(select(func.count(Penilaian.id))) == before  # no rating made


@ON_DATES
def test_closed_and_unstarted_periods_refuse(client, auth, demo, app, today):
    auth.login_as("atasan")
    last_year = today.year - 1
    r = client.post(f"/penilaian/tim/{last_year}-TW2/{demo['staf_surv3']}",
                    data={**YA, "hasil_kerja": "sesuai", "perilaku_kerja": "sesuai"})
    assert r.status_code == 409
    assert "sudah ditutup" in r.get_data(as_text=True)
    year = today.year
    future = next((f"{year}-TW{i}" for i in range(1, 5)
                   if date(year, 3 * i - 2, 1) > today), None)
    if future:  # none at the end of the year
        r = client.post(f"/penilaian/tim/{future}/{demo['staf_surv3']}",
                        data={**YA, "hasil_kerja": "sesuai", "perilaku_kerja": "sesuai"})
        assert r.status_code == 409
        assert "belum dimulai" in r.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Penilaian).where(
            Penilaian.pegawai_id == demo["staf_surv3"])) == 1  # only last year's annual


def test_acknowledged_rating_cannot_be_changed(client, auth, demo, app):
    auth.login_as("atasan")
    r = client.post(f"/penilaian/tim/{kode_aktif(app)}/{demo['staf_surv1']}",
                    data={**YA, "hasil_kerja": "di_bawah", "perilaku_kerja": "di_bawah"})
    assert r.status_code == 409
    assert penilaian_of(app, demo["staf_surv1"]).predikat == "baik"


def test_preview_computes_predikat(client, auth, demo):
    auth.login_as("atasan")
    r = client.post("/penilaian/pratinjau", data={"hasil_kerja": "di_bawah",
                                                  "perilaku_kerja": "di_atas"},
                    headers={"HX-Request": "true"})
    html = r.get_data(as_text=True)
    assert r.status_code == 200 and "Butuh Perbaikan" in html and "<html" not in html
    assert len(r.data) < 2000
    r = client.post("/penilaian/pratinjau", data={"hasil_kerja": "di_bawah"},
                    headers={"HX-Request": "true"})
    assert "setelah kedua rating dipilih" in r.get_data(as_text=True)


def test_unit_head_gets_hasil_kerja_from_org_rating(client, auth, demo, app):
    """Kepala Bappeda heads an OPD rated Istimewa: hasil kerja is Di Atas, whatever is sent."""
    n = penilaian_of(app, demo["kabappeda"])
    assert n.hasil_kerja == "di_atas" and n.capaian_organisasi == "istimewa"
    with app.app_context():
        db.session.delete(db.session.get(Penilaian, n.id))
        db.session.commit()
    auth.login_as("sekda")
    url = f"/penilaian/tim/{kode_aktif(app)}/{demo['kabappeda']}"
    assert "capaian organisasi" in client.get(url).get_data(as_text=True)
    r = client.post(url, data={**YA, "hasil_kerja": "di_bawah", "perilaku_kerja": "sesuai"})
    assert r.status_code == 303
    n = penilaian_of(app, demo["kabappeda"])
    assert (n.hasil_kerja, n.predikat) == ("di_atas", "baik")
    ident = json.loads(n.identitas)
    assert ident["atasan_penilai"]["jabatan"] == "Gubernur Jawa Tengah"  # the kepala daerah
    assert n.atasan_penilai_id is None
