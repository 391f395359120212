"""Prestasi and inovasi: recorded by the employee, verified or rejected by the direct atasan."""
from __future__ import annotations

from sqlalchemy import select

from portal.extensions import db
from portal.models import (
    Prestasi,
)
from tests.helpers.rapor import surveilans_rated  # noqa: F401  (an autouse fixture)

# --- prestasi -------------------------------------------------------------------------------

def test_prestasi_recorded_and_verified(client, auth, demo, app):
    auth.login_as("pegawai_b")
    r = client.post("/prestasi", data={"jenis": "prestasi", "judul": "Pegawai teladan",
                                       "tanggal": "2026-05-02", "uraian": "Dinkes",
                                       "bukti_url": "https://contoh.go.id/sk"})
    assert r.status_code == 303
    with app.app_context():
        item = db.session.scalar(select(Prestasi).where(Prestasi.judul == "Pegawai teladan"))
        assert item.status == "menunggu" and item.pegawai_id == demo["staf_surv2"]
        pid = item.id
    auth.logout()
    auth.login_as("atasan_lain")
    assert client.post(f"/prestasi/{pid}/verifikasi",
                       data={"keputusan": "diverifikasi"}).status_code == 403
    auth.logout()
    auth.login_as("atasan")
    page = client.get("/prestasi/verifikasi").get_data(as_text=True)
    assert "Pegawai teladan" in page
    r = client.post(f"/prestasi/{pid}/verifikasi", data={"keputusan": "diverifikasi",
                                                         "catatan": "Sesuai SK."})
    assert r.status_code == 303
    with app.app_context():
        item = db.session.get(Prestasi, pid)
        assert item.status == "diverifikasi" and item.diverifikasi_oleh_id == demo["kasi_surv"]
    assert "Pegawai teladan" in client.get(f"/riwayat/{demo.nip['staf_surv2']}").get_data(
        as_text=True)


def test_prestasi_invalid_input_is_422_and_nothing_saved(client, auth, demo, app):
    auth.login_as("pegawai")
    r = client.post("/prestasi", data={"jenis": "lain", "judul": "Judul saya",
                                       "tanggal": "kemarin", "bukti_url": "bukan url"},
                    headers={"HX-Request": "true"})
    assert r.status_code == 422
    html = r.get_data(as_text=True)
    assert "Tanggal tidak valid" in html and "Not a valid" not in html
    assert "Tautan bukti harus alamat web" in html
    assert 'value="Judul saya"' in html
    assert len(r.data) < 4000 and "<html" not in html
    r = client.post("/prestasi", data={"jenis": "prestasi", "judul": "Nanti",
                                       "tanggal": "2999-01-01"})
    assert r.status_code == 422 and "masa depan" in r.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(Prestasi).where(
            Prestasi.judul.in_(("Judul saya", "Nanti")))) is None


def test_verifikasi_without_choice_is_422(client, auth, demo, app):
    with app.app_context():
        pid = db.session.scalar(select(Prestasi.id).where(Prestasi.status == "menunggu"))
    auth.login_as("atasan")
    r = client.post(f"/prestasi/{pid}/verifikasi", data={"catatan": "x"})
    assert r.status_code == 422 and "Pilih verifikasi atau tolak." in r.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Prestasi, pid).status == "menunggu"
