"""Login by NIP, throttling, forced password change, logout and session invalidation."""
from sqlalchemy import select

from portal.extensions import db
from portal.models import LoginGagal, Pegawai
from tests.conftest import csrf_token


def test_login_page_has_fields_and_csrf_meta(client, app):
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        html = client.get("/masuk").get_data(as_text=True)
    finally:
        app.config["WTF_CSRF_ENABLED"] = False
    assert 'name="nip"' in html and 'name="password"' in html
    assert csrf_token(html)


def test_login_and_home_redirect(client, auth, demo):
    response = auth.login(demo.nip["staf_surv1"])
    assert response.status_code == 302
    home = client.get("/")
    assert home.status_code == 302 and home.headers["Location"].endswith("/beranda/pegawai")
    page = client.get("/beranda/pegawai").get_data(as_text=True)
    assert "Andi Pratama" in page and demo.nip["staf_surv1"] in page


def test_wrong_password_and_unknown_nip_get_the_same_message(client, demo):
    wrong = client.post("/masuk", data={"nip": demo.nip["staf_surv1"], "password": "salahsekali"})
    unknown = client.post("/masuk", data={"nip": "199001012015031001", "password": "salahsekali"})
    for response in (wrong, unknown):
        assert response.status_code == 422
        assert "NIP atau kata sandi salah." in response.get_data(as_text=True)
    # What was typed stays in the form.
    assert demo.nip["staf_surv1"] in wrong.get_data(as_text=True)


def test_empty_fields_are_explained(client, demo):
    page = client.post("/masuk", data={"nip": "", "password": ""}).get_data(as_text=True)
    assert "NIP wajib diisi." in page and "Kata sandi wajib diisi." in page


def test_ten_failures_block_that_nip_from_that_address(client, app, demo):
    nip = demo.nip["staf_surv1"]
    for _ in range(10):
        client.post("/masuk", data={"nip": nip, "password": "salahsekali"})
    blocked = client.post("/masuk", data={"nip": nip, "password": "rahasia123"})
    assert blocked.status_code == 429
    assert "Terlalu banyak percobaan" in blocked.get_data(as_text=True)
    # Another address (the proxy-fixed client address) is not blocked for the same NIP.
    other = client.post("/masuk", data={"nip": nip, "password": "rahasia123"},
                        environ_base={"REMOTE_ADDR": "10.0.0.9"})
    assert other.status_code == 302
    with app.app_context():
        assert db.session.query(LoginGagal).count() == 10


def test_address_cap_is_much_higher_than_the_nip_cap(client, app, demo):
    app.config["LOGIN_MAX_PER_ADDRESS"] = 15
    try:
        for i in range(15):
            client.post("/masuk", data={"nip": f"1990010120150310{i:02d}", "password": "x" * 9})
        response = client.post("/masuk", data={"nip": demo.nip["kasi_surv"],
                                               "password": "rahasia123"})
        assert response.status_code == 429
        assert "Terlalu banyak percobaan" in response.get_data(as_text=True)
        assert "/masuk" in client.get("/beranda/atasan").headers["Location"]  # not logged in
    finally:
        app.config["LOGIN_MAX_PER_ADDRESS"] = 200


def test_proxy_fix_reads_the_forwarded_client(demo, tmp_path, monkeypatch):
    from portal import create_app

    monkeypatch.setenv("PROXY_FIX_HOPS", "1")
    # Built on the same database as the session app would be overkill; check the address only.
    app = create_app({"TESTING": True, "SECRET_KEY": "x",
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'p.db'}"})

    @app.get("/_alamat")
    def alamat():
        from flask import request

        return request.remote_addr

    # The route is added after start-up only for this check; give it a rule like any other.
    app.view_functions["alamat"].access_rule = "public"
    seen = app.test_client().get("/_alamat", headers={"X-Forwarded-For": "203.0.113.7"},
                                 environ_base={"REMOTE_ADDR": "127.0.0.1"})
    assert seen.get_data(as_text=True) == "203.0.113.7"


def test_forced_password_change_on_first_login(client, app, demo):
    with app.app_context():
        p = db.session.get(Pegawai, demo["staf_surv2"])
        p.set_password("sementara1", wajib_ganti=True)
        db.session.commit()
    client.post("/masuk", data={"nip": demo.nip["staf_surv2"], "password": "sementara1"})
    response = client.get("/beranda/pegawai")
    assert response.status_code == 302 and "/ganti-sandi" in response.headers["Location"]
    short = client.post("/ganti-sandi", data={"lama": "sementara1", "baru": "abc", "ulang": "abc"})
    assert "minimal 8 karakter" in short.get_data(as_text=True)
    ok = client.post("/ganti-sandi", data={"lama": "sementara1", "baru": "sandiBaru99",
                                           "ulang": "sandiBaru99"})
    assert ok.status_code == 302
    assert client.get("/beranda/pegawai").status_code == 200


def test_logout_invalidates_the_old_cookie(client, auth, demo):
    auth.login_as("pegawai")
    cookie = client.get_cookie("session").value
    auth.logout()
    client.set_cookie("session", cookie)
    response = client.get("/beranda/pegawai")
    assert response.status_code == 302 and "/masuk" in response.headers["Location"]


def test_password_change_invalidates_other_sessions(app, demo):
    a, b = app.test_client(), app.test_client()
    for c in (a, b):
        c.post("/masuk", data={"nip": demo.nip["kasi_surv"], "password": "rahasia123"})
    a.post("/ganti-sandi", data={"lama": "rahasia123", "baru": "sandiBaru99",
                                 "ulang": "sandiBaru99"})
    assert a.get("/beranda/atasan").status_code == 200
    other = b.get("/beranda/atasan")
    assert other.status_code == 302 and "/masuk" in other.headers["Location"]
    fresh = app.test_client()
    old = fresh.post("/masuk", data={"nip": demo.nip["kasi_surv"], "password": "rahasia123"})
    assert old.status_code == 422  # the change was stored: the old password is refused
    new = fresh.post("/masuk", data={"nip": demo.nip["kasi_surv"], "password": "sandiBaru99"})
    assert new.status_code == 302 and "/masuk" not in new.headers["Location"]


def test_session_renewed_at_login(client, demo):
    client.get("/masuk")
    with client.session_transaction() as s:
        s["jejak"] = "sebelum-login"
    client.post("/masuk", data={"nip": demo.nip["staf_surv1"], "password": "rahasia123"})
    with client.session_transaction() as s:
        assert "jejak" not in s


def test_htmx_request_without_session_gets_hx_redirect(client, demo):
    response = client.get("/tim/semua", headers={"HX-Request": "true",
                                                 "HX-Current-URL": "http://localhost/tim/semua"})
    assert response.status_code == 401
    assert response.headers["HX-Redirect"].startswith("/masuk?next=")


def test_open_redirect_is_refused(client, demo):
    response = client.post("/masuk?next=//evil.example/x",
                           data={"nip": demo.nip["staf_surv1"], "password": "rahasia123"})
    assert response.headers["Location"] == "/"


def test_inactive_account_cannot_log_in(client, app, demo):
    with app.app_context():
        db.session.scalar(select(Pegawai).where(Pegawai.id == demo["staf_surv1"])).aktif = False
        db.session.commit()
    response = client.post("/masuk", data={"nip": demo.nip["staf_surv1"], "password": "rahasia123"})
    assert response.status_code == 422
    with client.session_transaction() as s:
        assert "_user_id" not in s  # nobody is logged in
    assert client.get("/beranda/pegawai").status_code == 302


def test_csrf_is_required_on_login_post(client, app, demo):
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        response = client.post("/masuk", data={"nip": demo.nip["staf_surv1"],
                                               "password": "rahasia123"})
    finally:
        app.config["WTF_CSRF_ENABLED"] = False
    assert response.status_code == 400
    with client.session_transaction() as s:
        assert "_user_id" not in s  # the login did not happen
