"""The token API: a token made on the token page creates a daily entry that the person's home
then shows; expired, revoked and under-scoped tokens, bad bodies and the rate limit are each a
clear JSON answer."""
from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from portal import clock
from portal.extensions import db
from portal.json_errors import PESAN
from portal.models import ApiToken, AuditLog, ProgresHarian
from tests.conftest import PERSONAS, YA


def make_token(client, *scopes, hari="90", nama="Aplikasi uji") -> str:
    response = client.post("/token", data={"nama": nama, "cakupan": list(scopes), "hari": hari})
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    match = re.search(r'<code class="token">(pka_[^<]+)</code>', response.text)
    assert match, "token baru tidak ditampilkan"
    return match.group(1)


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def token(client, auth):
    auth.login_as("pegawai")
    secret = make_token(client, "harian:baca", "harian:tulis", "pegawai:baca")
    auth.logout()
    return secret


def rencana_id(client, token) -> int:
    rows = client.get("/api/v1/rhk", headers=bearer(token)).get_json()["data"]
    return next(a["id"] for r in rows for a in r["rencana_aksi"])


def test_token_from_the_page_creates_an_entry_shown_on_the_home(client, auth, token, app):
    api = app.test_client()  # no session cookie at all
    body = {"uraian": "Rekap kasus DBD lewat API", "rencana_aksi_id": rencana_id(api, token),
            "output": 2.5}
    response = api.post("/api/v1/harian", json=body,
                        headers=bearer(token) | {"Idempotency-Key": "api-uji-1"})
    assert response.status_code == 201, response.get_json()
    assert response.get_json()["output"] == 2.5
    assert "Set-Cookie" not in response.headers
    again = api.post("/api/v1/harian", json=body,
                     headers=bearer(token) | {"Idempotency-Key": "api-uji-1"})
    assert again.status_code == 200 and again.get_json()["id"] == response.get_json()["id"]
    with app.app_context():
        assert db.session.scalar(select(func.count(ProgresHarian.id)).where(
            ProgresHarian.uraian == body["uraian"])) == 1
    auth.login_as("pegawai")
    assert "Rekap kasus DBD lewat API" in client.get("/beranda/pegawai").text


def test_token_is_stored_as_a_hash_and_audited(client, token, app):
    with app.app_context():
        row = db.session.scalar(select(ApiToken).where(ApiToken.nama == "Aplikasi uji"))
        assert token not in (row.sidik, row.tampak) and len(row.sidik) == 64
        assert token.startswith(row.tampak)
        assert db.session.scalar(select(AuditLog.aksi).where(AuditLog.objek_jenis == "api_token"))


def test_the_form_rules_answer_per_field(app, token):
    api = app.test_client()
    response = api.post("/api/v1/harian", json={"uraian": "", "tanggal": "2099-01-01",
                                                 "rencana_aksi_id": 999999},
                        headers=bearer(token))
    assert response.status_code == 422
    errors = response.get_json()["kesalahan"]
    assert "uraian" in errors and "tanggal" in errors
    assert api.post("/api/v1/harian", json={"uraian": 5}, headers=bearer(token)
                    ).get_json()["kesalahan"] == {"uraian": ["Harus berupa teks."]}


@pytest.mark.parametrize(("data", "headers", "code"), [
    (b"{bukan json", {"Content-Type": "application/json"}, 400),
    (b"[1, 2]", {"Content-Type": "application/json"}, 400),
    (b"uraian=x", {"Content-Type": "application/x-www-form-urlencoded"}, 415),
])
def test_malformed_bodies_are_refused_in_indonesian(app, token, data, headers, code):
    response = app.test_client().post("/api/v1/harian", data=data,
                                      headers=bearer(token) | headers)
    assert response.status_code == code
    assert response.is_json and response.get_json()["pesan"]


def test_expired_revoked_unknown_and_missing_tokens(app, client, auth, token):
    api = app.test_client()
    assert api.get("/api/v1/saya").get_json()["pesan"].startswith("Sertakan token")
    assert api.get("/api/v1/saya", headers=bearer("pka_" + "x" * 40)).status_code == 401
    with clock.frozen(clock.now() + timedelta(days=91)):
        answer = api.get("/api/v1/saya", headers=bearer(token))
        assert answer.status_code == 401 and "kedaluwarsa" in answer.get_json()["pesan"]
    assert api.get("/api/v1/saya", headers=bearer(token)).status_code == 200
    auth.login_as("pegawai")
    with app.app_context():
        token_id = db.session.scalar(select(ApiToken.id).where(ApiToken.nama == "Aplikasi uji"))
    assert client.post(f"/token/{token_id}/cabut", data=YA).status_code == 303
    answer = api.get("/api/v1/saya", headers=bearer(token))
    assert answer.status_code == 401 and "dicabut" in answer.get_json()["pesan"]


def test_another_persons_token_cannot_be_revoked(client, auth, token, app):
    with app.app_context():
        token_id = db.session.scalar(select(ApiToken.id).where(ApiToken.nama == "Aplikasi uji"))
    auth.login_as("pegawai_b")
    assert client.post(f"/token/{token_id}/cabut", data=YA).status_code == 404
    with app.app_context():
        assert db.session.get(ApiToken, token_id).dicabut_pada is None
    assert app.test_client().get("/api/v1/saya", headers=bearer(token)).status_code == 200


def test_object_level_checks_are_the_pages_own(app, token, demo):
    api = app.test_client()
    own = api.get(f"/api/v1/pegawai/{demo.persona('pegawai')}", headers=bearer(token))
    assert own.status_code == 200 and own.get_json()["nip"] == demo.nip[PERSONAS["pegawai"]]
    other = api.get(f"/api/v1/pegawai/{demo.persona('pegawai_b')}", headers=bearer(token))
    assert other.status_code == 403 and other.get_json()["pesan"]
    assert api.get("/api/v1/pegawai/999999", headers=bearer(token)).status_code == 404


def test_rate_limit_per_token(app, token):
    app.config["API_MAX_PER_MENIT"] = 3
    try:
        api = app.test_client()
        codes = [api.get("/api/v1/saya", headers=bearer(token)).status_code for _ in range(4)]
        assert codes == [200, 200, 200, 429]
        with clock.frozen(clock.now() + timedelta(minutes=2)):
            assert api.get("/api/v1/saya", headers=bearer(token)).status_code == 200
    finally:
        app.config.pop("API_MAX_PER_MENIT")


def test_unknown_api_paths_answer_json(app):
    response = app.test_client().get("/api/v1/tidak-ada")
    assert response.status_code == 404 and response.get_json()["pesan"]


def test_service_tokens_are_the_admins(client, auth):
    auth.login_as("pegawai")
    response = client.post("/token", data={"nama": "SIMPEG", "cakupan": ["pegawai:baca"],
                                           "hari": "30", "jenis": "layanan"})
    assert response.status_code == 403
    auth.logout()
    auth.login_as("admin")
    response = client.post("/token", data={"nama": "SIMPEG", "cakupan": ["pegawai:baca"],
                                           "hari": "30", "jenis": "layanan"})
    assert response.status_code == 200 and "pka_" in response.text


def test_openapi_document_is_3_1_and_public(app):
    doc = app.test_client().get("/api/v1/openapi.json").get_json()
    assert doc["openapi"] == "3.1.0"
    assert doc["components"]["securitySchemes"]["token"]["scheme"] == "bearer"
    post = doc["paths"]["/api/v1/harian"]["post"]
    assert post["security"] == [{"token": ["harian:tulis"]}]
    assert post["requestBody"]["content"]["application/json"]["schema"]["$ref"].endswith(
        "/EntriBaru")
    assert post["responses"]["422"]["content"]["application/json"]["schema"]["$ref"].endswith(
        "/Galat")
    assert doc["paths"]["/api/v1/openapi.json"]["get"]["security"] == []


def test_every_api_route_is_documented_with_its_scope(app):
    """spectree's strict mode documents only declared views: none may be left out, and the
    scope a token needs is both the security requirement and words in the description."""
    doc = app.test_client().get("/api/v1/openapi.json").get_json()
    documented = {(m.upper(), p) for p, ops in doc["paths"].items() for m in ops}
    routes = {(m, rule.rule.replace("<int:", "{").replace("<", "{").replace(">", "}"))
              for rule in app.url_map.iter_rules() if rule.endpoint.startswith("api.")
              for m in rule.methods - {"HEAD", "OPTIONS"}}
    assert routes == documented
    for path, ops in doc["paths"].items():
        for op in ops.values():
            assert op["summary"], path
            for scope in (op["security"] or [{"token": []}])[0]["token"]:
                assert f"`{scope}`" in op["description"], path


@pytest.mark.parametrize(("body", "field", "message"), [
    ({"uraian": "x", "output": -1}, "output", "Paling kecil 0."),
    ({"uraian": "x", "mode": "WFX"}, "mode", "Pilih salah satu: 'WFO', 'WFH' atau 'WFA'."),
    ({"uraian": "x", "rhk_id": "3"}, "rhk_id", "Harus berupa bilangan bulat."),
    ({"uraian": "x", "tanggal": "kemarin"}, "tanggal", "Harus tanggal YYYY-MM-DD."),
    ({}, "uraian", "Wajib diisi."),
])
def test_invalid_bodies_answer_the_portals_shape_in_indonesian(app, token, body, field,
                                                               message):
    response = app.test_client().post("/api/v1/harian", json=body, headers=bearer(token))
    assert response.status_code == 422
    answer = response.get_json()
    assert answer["kode"] == 422 and answer["pesan"] == "Isian tidak dapat diterima."
    assert answer["kesalahan"] == {field: [message]}


def test_a_bad_query_parameter_is_a_400_in_indonesian(app, token):
    response = app.test_client().get("/api/v1/harian?dari=kemarin", headers=bearer(token))
    assert response.status_code == 400
    assert response.get_json() == {"kode": 400, "pesan": "Parameter tidak valid: dari.",
                                   "kesalahan": {"dari": ["Harus tanggal YYYY-MM-DD."]}}


def test_the_demo_token_of_the_readme_works(app, demo):
    from portal.tokenapi.demo import DEMO_TOKEN

    response = app.test_client().get("/api/v1/rhk", headers=bearer(DEMO_TOKEN))
    assert response.status_code == 200 and response.get_json()["data"]


@pytest.mark.parametrize("data", [{"nama": "x", "cakupan": ["root"], "hari": "90"},
                                  {"nama": "x", "cakupan": ["harian:baca"], "hari": "9999"},
                                  {"nama": "x", "cakupan": ["harian:baca"], "jenis": "dewa"},
                                  {"nama": "", "cakupan": []}])
def test_bad_token_forms_answer_in_indonesian(client, auth, data):
    auth.login_as("pegawai")
    response = client.post("/token", data=data)
    assert response.status_code == 422
    assert "Pilih dari daftar" in response.text or "Beri nama" in response.text
    assert "not a valid" not in response.text


def test_admin_lists_every_token_and_revokes_one_after_asking(client, auth, token, app, demo):
    with app.app_context():
        token_id = db.session.scalar(select(ApiToken.id).where(ApiToken.nama == "Aplikasi uji"))
    api = app.test_client()
    assert api.get("/api/v1/saya", headers=bearer(token)).status_code == 200
    auth.login_as("admin")
    page = client.get("/admin/token").text
    assert "Aplikasi uji" in page and "Aplikasi demo" in page  # personal tokens of others
    assert demo.nip[PERSONAS["pegawai"]] in page and "harian:tulis" in page
    assert token not in page  # the secret is never shown again
    assert 'data-konfirmasi="Cabut token Aplikasi uji milik' in page
    asked = client.post(f"/admin/token/{token_id}/cabut")  # without the answer: asked first
    assert asked.status_code == 200 and "Cabut token Aplikasi uji" in asked.text
    assert api.get("/api/v1/saya", headers=bearer(token)).status_code == 200
    assert client.post(f"/admin/token/{token_id}/cabut", data=YA).status_code == 303
    answer = api.get("/api/v1/saya", headers=bearer(token))
    assert answer.status_code == 401 and "dicabut" in answer.get_json()["pesan"]
    with app.app_context():
        entry = db.session.scalar(select(AuditLog).where(AuditLog.aksi == "token.cabut"))
        assert entry.objek_id == token_id and entry.aktor_id == demo.persona("admin")
    assert "Dicabut" in client.get("/admin/token").text


def test_an_answer_that_breaks_the_document_is_a_logged_server_error(app, token, monkeypatch,
                                                                     caplog):
    from portal.api import common

    monkeypatch.setattr(common, "pegawai", lambda p, peran=False: {"id": "bukan angka"})
    response = app.test_client().get("/api/v1/saya", headers=bearer(token))
    assert response.status_code == 500
    assert response.get_json() == {"kode": 500, "pesan": PESAN[500]}
    assert "Jawaban API tidak sesuai dokumen" in caplog.text
