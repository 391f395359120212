"""The API's resources beyond the daily log: people and org data, SKP status, ratings and TPP
read with the pages' rights; a document's register row by its code (what /v/<kode> shows);
punches pushed by attendance machines under the machine-file rules (idempotent, closed months
refused). Scopes and rights per route are in test_access_matrix_api.py."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from portal import clock
from portal.extensions import db
from portal.models import AuditLog, Dokumen, Pegawai, Periode, Presensi
from portal.presensi import kunci_bulan
from portal.rules.nomor_dokumen import samarkan_nip
from portal.rules.token import CAKUPAN
from portal.tokenapi import services

pytestmark = pytest.mark.db


def _token(app, demo, persona: str, scopes=None) -> dict:
    with app.app_context():
        _t, secret = services.buat(db.session.get(Pegawai, demo.persona(persona)), persona,
                                   scopes or list(CAKUPAN), 30)
        db.session.commit()
    return {"Authorization": f"Bearer {secret}"}


def test_people_list_is_oneself_and_the_chain_below(app, demo):
    client = app.test_client()
    own = client.get("/api/v1/pegawai", headers=_token(app, demo, "pegawai")).get_json()
    assert [p["id"] for p in own["data"]] == [demo.persona("pegawai")]
    boss = client.get("/api/v1/pegawai?batas=100",
                      headers=_token(app, demo, "atasan")).get_json()
    ids = {p["id"] for p in boss["data"]}
    assert {demo.persona("pegawai"), demo.persona("pegawai_b"), demo.persona("atasan")} <= ids
    assert demo.persona("atasan_atasan") not in ids and boss["jumlah"] == len(ids)
    sekda = client.get("/api/v1/pegawai?batas=1&mulai=1",
                       headers=_token(app, demo, "sekda")).get_json()
    assert len(sekda["data"]) == 1 and sekda["jumlah"] > len(ids)


def test_direct_reports_are_the_org_chart(app, demo):
    client = app.test_client()
    data = client.get(f"/api/v1/pegawai/{demo.persona('atasan')}/bawahan",
                      headers=_token(app, demo, "atasan_atasan")).get_json()["data"]
    assert demo.persona("atasan") not in {p["id"] for p in data}
    data = client.get(f"/api/v1/pegawai/{demo.persona('atasan')}/bawahan",
                      headers=_token(app, demo, "atasan")).get_json()["data"]
    assert {demo.persona("pegawai"), demo.persona("pegawai_b")} <= {p["id"] for p in data}


def test_supervisor_reads_skp_status_ratings_and_tpp_of_a_report(app, demo):
    client = app.test_client()
    headers = _token(app, demo, "atasan")
    pid = demo.persona("pegawai")
    skp = client.get(f"/api/v1/pegawai/{pid}/skp", headers=headers).get_json()["data"]
    assert skp and all(s["status"] for s in skp)
    for path in ("penilaian", "tpp"):
        response = client.get(f"/api/v1/pegawai/{pid}/{path}", headers=headers)
        assert response.status_code == 200 and isinstance(response.get_json()["data"], list)
    refused = client.get(f"/api/v1/pegawai/{demo.persona('atasan')}/tpp",
                         headers=_token(app, demo, "pegawai"))
    assert refused.status_code == 403 and refused.get_json()["pesan"]


def test_document_answer_is_the_public_page_row(app, demo, client, auth):
    with app.app_context():
        tahun = db.session.scalar(select(Periode.tahun).order_by(Periode.tahun).limit(1))
    auth.login_as("pegawai")
    assert client.get(f"/rapor/{demo.nip['staf_surv1']}/{tahun}.pdf").status_code == 200
    auth.logout()
    with app.app_context():
        d = db.session.scalar(select(Dokumen))
        kode, nomor, sha = d.kode, d.nomor, d.sha256
    api = app.test_client()
    body = api.get(f"/api/v1/dokumen/{kode}", headers=_token(app, demo, "admin",
                                                             ["dokumen:baca"])).get_json()
    assert (body["kode"], body["nomor"], body["sha256"], body["status"]) == (
        kode, nomor, sha, "berlaku")
    assert body["nip"] == samarkan_nip(demo.nip["staf_surv1"])
    assert demo.nip["staf_surv1"] not in str(body)  # no more than /v/<kode> shows
    page = client.get(f"/v/{kode}").get_data(as_text=True)
    assert nomor in page and body["nip"] in page
    missing = api.get("/api/v1/dokumen/bukan-kode", headers=_token(app, demo, "admin"))
    assert missing.status_code == 404 and missing.get_json()["pesan"] == (
        "Dokumen dengan kode ini tidak ada.")


def _punch(app, demo, minutes_ago: int) -> dict:
    with app.app_context():
        waktu = clock.now().replace(tzinfo=None) - timedelta(minutes=minutes_ago)
    return {"pin": demo.nip["staf_surv1"], "waktu": waktu.strftime("%Y-%m-%d %H:%M:%S")}


def _days(app, demo):
    with app.app_context():
        return db.session.execute(select(Presensi.tanggal, Presensi.datang, Presensi.pulang)
                                  .where(Presensi.pegawai_id == demo.persona("pegawai"))
                                  .order_by(Presensi.tanggal)).all()


def test_presensi_push_is_idempotent_and_audited(app, demo):
    client = app.test_client()
    headers = _token(app, demo, "admin", ["presensi:tulis"])
    body = {"rekaman": [_punch(app, demo, 5), {"pin": "tidak-ada", "waktu": "kemarin"}]}
    first = client.post("/api/v1/presensi", json=body, headers=headers)
    assert first.status_code == 200, first.get_json()
    answer = first.get_json()
    assert (answer["baris"], answer["dipakai"]) == (2, 1)
    assert answer["ditolak"] == [{"rekaman": 2, "pesan": "PIN atau NIP tidak dikenal: tidak-ada."}]
    after = _days(app, demo)
    again = client.post("/api/v1/presensi", json=body, headers=headers).get_json()
    assert again["diubah"] == 0 and _days(app, demo) == after  # the same punch: nothing changes
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(AuditLog).where(
            AuditLog.aksi == "presensi.api")) == 2


def test_presensi_push_into_a_closed_month_is_refused(app, demo):
    with app.app_context():
        today = clock.today()
        kunci_bulan.tutup(today.year, today.month, demo.persona("admin"))
        db.session.commit()
    before = _days(app, demo)
    response = app.test_client().post(
        "/api/v1/presensi", json={"rekaman": [_punch(app, demo, 5)]},
        headers=_token(app, demo, "admin", ["presensi:tulis"]))
    assert response.status_code == 422
    answer = response.get_json()
    assert answer["pesan"] == "Bulan presensinya sudah ditutup; rekaman tidak dipakai."
    bulan = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
             "September", "Oktober", "November", "Desember")[today.month - 1]
    assert answer["kesalahan"]["rekaman.1"] == [
        f"Bulan {bulan} {today.year} sudah ditutup; baris tidak dipakai."]
    assert _days(app, demo) == before


@pytest.mark.parametrize("body", [{"rekaman": []}, {"rekaman": [{"pin": 1, "waktu": "x"}]},
                                  {"rekaman": "x"}, {"rekaman": [{"pin": "1\n2", "waktu": "x"}]}])
def test_presensi_push_bad_bodies(app, demo, body):
    response = app.test_client().post("/api/v1/presensi", json=body,
                                      headers=_token(app, demo, "admin", ["presensi:tulis"]))
    assert response.status_code == 422 and response.get_json()["kesalahan"]
