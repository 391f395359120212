"""Security guarantees walked over the whole url_map: CSRF on every write, security headers on
every kind of response, session cookies and idle timeout, logged denials."""
from __future__ import annotations

import hashlib
import logging

import pytest
from sqlalchemy import select

from portal.extensions import db
from tests.conftest import PERSONAS, csrf_token
from tests.urlwalk import WRITE_METHODS, build, page_urls, rules

WALKERS = ("pegawai", "atasan", "sekda", "admin")
# Files the portal generates are downloaded, never rendered in the page's origin.
DOWNLOAD_TYPES = {"application/pdf", "text/csv",
                  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


@pytest.fixture
def csrf_on(app):
    app.config["WTF_CSRF_ENABLED"] = True
    yield
    app.config["WTF_CSRF_ENABLED"] = False


def logged_in(app, demo, persona: str):
    c = app.test_client()
    csrf = app.config["WTF_CSRF_ENABLED"]
    app.config["WTF_CSRF_ENABLED"] = False
    try:
        r = c.post("/masuk", data={"nip": demo.nip[PERSONAS[persona]], "password": "rahasia123"})
    finally:
        app.config["WTF_CSRF_ENABLED"] = csrf
    assert r.status_code == 302, persona
    return c


def database_digest(app) -> str:
    """A fingerprint of every row of every table."""
    h = hashlib.sha256()
    with app.app_context():
        for table in db.metadata.sorted_tables:
            order = list(table.primary_key.columns) or list(table.c)
            for row in db.session.execute(select(table).order_by(*order)):
                h.update(repr(tuple(row)).encode())
        db.session.remove()
    return h.hexdigest()


# --- CSRF -------------------------------------------------------------------------------------

def test_there_are_write_routes_to_walk(app):
    assert len(list(rules(app, WRITE_METHODS))) >= 4


@pytest.mark.parametrize("persona", WALKERS)
def test_every_write_route_refuses_a_request_without_a_valid_token(app, demo, csrf_on, persona):
    c = logged_in(app, demo, persona)
    other = logged_in(app, demo, "pegawai_b")
    foreign_token = csrf_token(other.get("/ganti-sandi").get_data(as_text=True))
    c.get("/ganti-sandi")  # the session now holds its own token, which is never sent below
    before = database_digest(app)
    with c.session_transaction() as s:
        session_before = dict(s)
    checked = []
    for rule in rules(app, WRITE_METHODS):
        url = build(app, rule)
        for method in sorted(rule.methods & WRITE_METHODS):
            for label, kwargs in (
                ("tanpa token", {"data": {"peran": "admin", "catatan": "x"}}),
                ("token salah", {"data": {"csrf_token": "palsu"},
                                 "headers": {"X-CSRFToken": "palsu", "HX-Request": "true"}}),
                ("token sesi lain", {"data": {"csrf_token": foreign_token}}),
            ):
                response = c.open(url, method=method, **kwargs)
                if url.startswith("/api/"):
                    # The token API takes no session (so no CSRF): a logged-in browser's cookie
                    # alone opens nothing there.
                    assert response.status_code == 401, f"{method} {url} {label}"
                    continue
                # 400, or 422 where the form comes back with the typed text kept and says the
                # token expired (the daily entry must never lose what was typed).
                kept = response.status_code == 422 and "kedaluwarsa" in response.get_data(
                    as_text=True)
                assert response.status_code == 400 or kept, f"{method} {url} {label}"
                checked.append(url)
    assert checked
    assert database_digest(app) == before
    with c.session_transaction() as s:
        assert dict(s) == session_before  # e.g. no role switch
    # Still logged in: the refused POST /keluar did not log anybody out.
    assert c.get("/ganti-sandi").status_code == 200


def test_a_valid_token_is_accepted(app, demo, csrf_on):
    c = logged_in(app, demo, "sekda")
    token = csrf_token(c.get("/ganti-sandi").get_data(as_text=True))
    assert c.post("/peran", data={"peran": "pegawai", "csrf_token": token}).status_code == 302
    with c.session_transaction() as session:
        assert session["peran"] == "pegawai"  # the form's token let the switch through
        session["peran"] = "sekda"
    assert c.post("/peran", data={"peran": "pegawai"},
                  headers={"X-CSRFToken": token}).status_code == 302
    with c.session_transaction() as session:
        assert session["peran"] == "pegawai"  # and so did the header's


# --- headers ----------------------------------------------------------------------------------

def assert_security_headers(response, https: bool = False, where: str = ""):
    h = response.headers
    csp = h.get("Content-Security-Policy", "")
    assert csp, where
    assert "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp, where
    assert "frame-ancestors 'none'" in csp, where
    assert "script-src 'self'" in csp and "object-src 'none'" in csp, where
    assert h.get("X-Content-Type-Options") == "nosniff", where
    assert h.get("Referrer-Policy") in {"same-origin", "no-referrer",
                                        "strict-origin-when-cross-origin"}, where
    assert h.get("X-Frame-Options") == "DENY", where
    if https:
        assert "max-age=" in h.get("Strict-Transport-Security", ""), where
    else:
        assert "Strict-Transport-Security" not in h, where
    if response.status_code == 200 and response.mimetype in DOWNLOAD_TYPES:
        disposition = h.get("Content-Disposition", "")
        allowed = ("attachment", "inline") if response.mimetype == "application/pdf" \
            else ("attachment",)
        assert disposition.startswith(allowed) and "filename" in disposition, where


def every_response(app, demo, https: bool):
    """(label, response) for every GET route as several personas, as page and as fragment,
    plus error pages, static files and every PDF the routes serve."""
    base = "https://localhost" if https else "http://localhost"
    clients = {"anon": app.test_client()} | {p: logged_in(app, demo, p) for p in WALKERS}
    urls = page_urls(app, downloads=True)  # PDFs, CSVs and whatever else a route serves
    for persona, c in clients.items():
        for url in urls:
            for headers in ({}, {"HX-Request": "true"}):
                r = c.get(url, base_url=base, headers=headers)
                yield f"{persona} {url} {headers}", r
    c = clients["pegawai"]
    yield "404", c.get("/tidak-ada", base_url=base)
    yield "403", c.get("/beranda/sekda", base_url=base)
    yield "403 fragment", c.get("/beranda/sekda", base_url=base, headers={"HX-Request": "true"})
    yield "405", c.delete("/ganti-sandi", base_url=base)
    yield "static", c.get("/static/css/portal.css", base_url=base)
    yield "static versioned", c.get("/static/js/portal.js?v=1", base_url=base)
    yield "favicon", c.get("/favicon.ico", base_url=base)
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        yield "400 csrf", c.post("/peran", base_url=base)
    finally:
        app.config["WTF_CSRF_ENABLED"] = False


@pytest.mark.parametrize("https", [False, True], ids=["http", "https"])
def test_security_headers_on_every_kind_of_response(app, demo, https):
    seen = set()
    for label, response in every_response(app, demo, https):
        assert_security_headers(response, https=https, where=label)
        seen.add(response.status_code)
        seen.add(response.mimetype)
        response.close()
    assert {200, 302, 403, 404, 405, 400, "text/css", "text/html", "text/csv"} <= seen


def test_500_page_has_the_headers_too(tmp_path):
    from portal import create_app

    app = create_app({"TESTING": False, "SECRET_KEY": "x",
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'e.db'}"})

    @app.get("/_rusak")
    def rusak():
        raise RuntimeError("uji")

    app.view_functions["rusak"].access_rule = "public"
    response = app.test_client().get("/_rusak", base_url="https://localhost")
    assert response.status_code == 500
    assert_security_headers(response, https=True, where="500")
    assert "Terjadi kesalahan" in response.get_data(as_text=True)


# --- sessions ---------------------------------------------------------------------------------

def _session_cookie(response) -> str:
    cookies = [v for v in response.headers.getlist("Set-Cookie") if v.startswith("session=")]
    assert cookies
    return cookies[-1]


def test_session_cookie_flags(client, demo, app):
    cookie = _session_cookie(client.post("/masuk", data={"nip": demo.nip["staf_surv1"],
                                                         "password": "rahasia123"}))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Secure" not in cookie
    app.config["SESSION_COOKIE_SECURE"] = True
    try:
        secure = _session_cookie(app.test_client().post(
            "/masuk", data={"nip": demo.nip["staf_surv1"], "password": "rahasia123"},
            base_url="https://localhost"))
    finally:
        app.config["SESSION_COOKIE_SECURE"] = False
    assert "Secure" in secure and "HttpOnly" in secure


def test_idle_timeout_comes_from_the_environment(monkeypatch, tmp_path):
    from portal.config import load

    monkeypatch.setenv("IDLE_TIMEOUT_MINUTES", "15")
    monkeypatch.setenv("SECRET_KEY", "x")
    assert load(str(tmp_path))["PERMANENT_SESSION_LIFETIME"] == 15 * 60


def test_idle_session_past_the_timeout_is_refused(client, auth, app, monkeypatch):
    from itsdangerous.timed import TimestampSigner

    auth.login_as("atasan")
    assert client.get("/beranda/atasan").status_code == 200
    lifetime = int(app.permanent_session_lifetime.total_seconds())
    real = TimestampSigner.get_timestamp
    # Each request renews the cookie; a request just inside the timeout keeps the session.
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda s: real(s) + lifetime - 60)
    # (the cookie was signed "now"; verifying happens at now + lifetime - 60)
    assert client.get("/beranda/atasan").status_code == 200
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda s: real(s) + 2 * lifetime + 5)
    response = client.get("/beranda/atasan")
    assert response.status_code == 302 and "/masuk" in response.headers["Location"]


def test_login_does_not_reveal_whether_a_nip_exists(client, demo):
    known, unknown = demo.nip["staf_surv1"], "199001012015031001"
    a = client.post("/masuk", data={"nip": known, "password": "salahsekali"})
    b = client.post("/masuk", data={"nip": unknown, "password": "salahsekali"})
    assert a.status_code == b.status_code == 422
    assert a.get_data(as_text=True).replace(known, "N") == \
        b.get_data(as_text=True).replace(unknown, "N")


# --- denials are logged -----------------------------------------------------------------------

def test_every_403_is_logged_with_actor_endpoint_and_path(client, auth, demo, caplog):
    auth.login_as("pegawai")
    caplog.set_level(logging.WARNING)
    refused = {
        "/beranda/sekda": "home.sekda",                   # role decorator
        f"/pegawai/{demo['kabid_p2p']}": "home.profil",  # object lookup
        "/admin/": "admin.index",
    }
    for path, endpoint in refused.items():
        caplog.clear()
        assert client.get(path).status_code == 403
        lines = [r.getMessage() for r in caplog.records if "akses ditolak" in r.getMessage()]
        assert len(lines) == 1, path  # logged once, by the 403 handler
        assert "akses ditolak: aktor=" in lines[0]
        assert demo.nip["staf_surv1"] in lines[0]
        assert f"endpoint={endpoint}" in lines[0] and f"path={path}" in lines[0]


def test_an_allowed_request_logs_no_denial(client, auth, caplog):
    auth.login_as("pegawai")
    caplog.set_level(logging.WARNING)
    assert client.get("/beranda/pegawai").status_code == 200
    assert not [r for r in caplog.records if "akses ditolak" in r.getMessage()]


def test_nul_characters_never_reach_the_database(client, auth, app, demo):
    assert client.post("/masuk", data={"nip": "1992\x00", "password": "x\x00"}).status_code == 422
    auth.login_as("sekda")
    response = client.get("/tim/semua?q=%00Andi")
    assert response.status_code == 200 and "Andi Pratama" in response.get_data(as_text=True)
    assert client.get("/audit?aksi=%00&nip=%00").status_code == 200
