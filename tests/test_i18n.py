"""Bahasa Indonesia by default, English on request, remembered per user."""
from portal.extensions import db
from portal.models import Pegawai


def test_indonesian_is_the_default(client, auth):
    assert "Masuk" in client.get("/masuk").get_data(as_text=True)
    auth.login_as("pegawai")
    html = client.get("/beranda/pegawai").get_data(as_text=True)
    assert 'lang="id"' in html and "Keluar" in html and "Sign out" not in html


def test_switch_to_english_is_remembered_per_user(client, auth, app, demo):
    auth.login_as("pegawai")
    r = client.post("/bahasa", data={"bahasa": "en"},
                    headers={"Referer": "http://localhost/beranda/pegawai"})
    assert r.status_code == 302 and r.headers["Location"] == "/beranda/pegawai"
    html = client.get("/beranda/pegawai").get_data(as_text=True)
    assert 'lang="en"' in html and "Sign out" in html and "My identity" in html
    with app.app_context():
        assert db.session.get(Pegawai, demo["staf_surv1"]).bahasa == "en"
    other = app.test_client()  # another device: the choice follows the person
    other.post("/masuk", data={"nip": demo.nip["staf_surv1"], "password": "rahasia123"})
    assert "Sign out" in other.get("/beranda/pegawai").get_data(as_text=True)
    client.post("/bahasa", data={"bahasa": "id"})
    assert "Keluar" in client.get("/beranda/pegawai").get_data(as_text=True)


def test_anonymous_switch_and_unknown_language(client):
    client.post("/bahasa", data={"bahasa": "en"})
    assert "Sign in" in client.get("/masuk").get_data(as_text=True)
    client.post("/bahasa", data={"bahasa": "xx"})  # ignored
    assert "Sign in" in client.get("/masuk").get_data(as_text=True)


def test_dates_follow_the_locale(app):
    from datetime import date

    from portal.web import tanggal

    with app.test_request_context():
        assert tanggal(date(2026, 6, 30)) == "30 Juni 2026"


def test_offsite_referrer_is_not_followed(client):
    r = client.post("/bahasa", data={"bahasa": "en"},
                    headers={"Referer": "https://evil.example/x"})
    assert r.headers["Location"] == "/"
