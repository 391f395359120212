"""Penilaian seen by the employee: acknowledging it, objections and their decision."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from portal.extensions import db
from portal.models import AuditLog, Keberatan, Penilaian
from tests.conftest import YA
from tests.helpers.penilaian import penilaian_of

# --- the employee and objections --------------------------------------------------------------

def test_employee_sees_and_acknowledges(client, auth, demo, app):
    auth.login_as("pegawai_b")
    html = client.get("/penilaian/").get_data(as_text=True)
    assert "Keberatan diproses" in html
    with app.app_context():
        n = db.session.scalar(select(Penilaian).where(Penilaian.pegawai_id == demo["staf_pm2"],
                                                      Penilaian.kode.startswith("TW")))
    auth.logout()
    client.post("/masuk", data={"nip": demo.nip["staf_pm2"], "password": "rahasia123"})
    page = client.get(f"/penilaian/{n.id}").get_data(as_text=True)
    assert "Terima penilaian" in page and "Ajukan keberatan" in page
    r = client.post(f"/penilaian/{n.id}/terima", data=YA)
    assert r.status_code == 303
    assert penilaian_of(app, demo["staf_pm2"]).diterima_pada is not None


def test_objection_after_deadline_is_refused(client, auth, demo, app):
    with app.app_context():
        n = db.session.scalar(select(Penilaian).where(Penilaian.pegawai_id == demo["staf_pm2"],
                                                      Penilaian.kode.startswith("TW")))
        n.dinilai_pada = n.dinilai_pada - timedelta(days=30)
        db.session.commit()
        nid = n.id
    client.post("/masuk", data={"nip": demo.nip["staf_pm2"], "password": "rahasia123"})
    r = client.post(f"/penilaian/{nid}/keberatan",
                    data={**YA, "alasan": "Saya tidak setuju sama sekali."})
    assert r.status_code == 409
    assert "Batas waktu keberatan" in r.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(Keberatan).where(Keberatan.penilaian_id == nid)) is None


def test_objection_flow_explain_and_decide(client, auth, demo, app):
    with app.app_context():
        n = db.session.scalar(select(Penilaian).where(Penilaian.pegawai_id == demo["staf_pm2"],
                                                      Penilaian.kode.startswith("TW")))
        nid = n.id
    client.post("/masuk", data={"nip": demo.nip["staf_pm2"], "password": "rahasia123"})
    r = client.post(f"/penilaian/{nid}/keberatan", data={**YA, "alasan": "pendek"})
    assert r.status_code == 422
    r = client.post(f"/penilaian/{nid}/keberatan",
                    data={**YA, "alasan": "Kelas edukasi melampaui target triwulan."})
    assert r.status_code == 303
    client.post("/keluar")
    with app.app_context():
        kid = db.session.scalar(select(Keberatan.id).where(Keberatan.penilaian_id == nid))
    client.post("/masuk", data={"nip": demo.nip["kasi_pm"], "password": "rahasia123"})
    assert client.post(f"/penilaian/keberatan/{kid}/putusan", data=YA).status_code == 403
    r = client.post(f"/penilaian/keberatan/{kid}/penjelasan",
                    data={"penjelasan": "Target kelas tercapai, tidak melampaui."})
    assert r.status_code == 303
    client.post("/keluar")
    auth.login_as("atasan_atasan")
    assert "Memutus" in client.get("/penilaian/keberatan").get_data(as_text=True)
    r = client.post(f"/penilaian/keberatan/{kid}/putusan",
                    data={**YA, "keputusan": "ubah", "pertimbangan": "Bukti kelas tambahan sah."})
    assert r.status_code == 422  # new ratings missing
    r = client.post(f"/penilaian/keberatan/{kid}/putusan",
                    data={**YA, "keputusan": "ubah", "hasil_kerja": "di_atas",
                          "perilaku_kerja": "di_atas", "predikat": "sangat_kurang",
                          "pertimbangan": "Bukti kelas tambahan sah."})
    assert r.status_code == 303
    with app.app_context():
        k = db.session.get(Keberatan, kid)
        assert (k.keputusan, k.predikat_baru, k.atas_nama) == ("ubah", "sangat_baik", None)
        assert k.penilaian.predikat == "sangat_baik"
        assert db.session.scalar(select(func.count()).select_from(AuditLog).where(
            AuditLog.aksi == "keberatan.putus")) == 1


def test_objection_of_opd_head_decided_by_admin_for_kepala_daerah(client, auth, demo, app):
    with app.app_context():
        n = db.session.scalar(select(Penilaian).where(Penilaian.pegawai_id == demo["kadinkes"],
                                                      Penilaian.kode.startswith("TW")))
        db.session.add(Keberatan(penilaian_id=n.id, alasan="Mohon ditinjau kembali."))
        db.session.commit()
        kid = db.session.scalar(select(Keberatan.id).where(Keberatan.penilaian_id == n.id))
    auth.login_as("sekda")  # the penilai explains but does not decide
    assert client.post(f"/penilaian/keberatan/{kid}/putusan",
                       data={**YA, "keputusan": "tetap", "pertimbangan": "x"}).status_code == 403
    client.post("/keluar")
    auth.login_as("admin")
    assert "atas nama Kepala Daerah" in client.get("/penilaian/keberatan").get_data(as_text=True)
    r = client.post(f"/penilaian/keberatan/{kid}/putusan",
                    data={**YA, "keputusan": "tetap", "pertimbangan": "Sesuai capaian OPD."})
    assert r.status_code == 303
    with app.app_context():
        k = db.session.get(Keberatan, kid)
        assert (k.keputusan, k.atas_nama, k.diputuskan_oleh_id) == (
            "tetap", "Kepala Daerah", demo["admin"])
        log = db.session.scalar(select(AuditLog).where(AuditLog.aksi == "keberatan.putus"))
        assert log.atas_nama == "Kepala Daerah"
