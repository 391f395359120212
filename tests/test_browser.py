"""Bytes on the wire, checked without a browser: compression, caching and cookies.
(The measured budgets in a real Chromium are in tests/e2e/.)"""
import gzip
import re

import brotli
import pytest

from portal.web import SessionInterface

pytestmark = pytest.mark.db


def _static(client, html: str, name: str) -> str:
    match = re.search(rf'"(/static/{re.escape(name)}\?v=[0-9a-f]+)"', html)
    assert match, f"{name} tidak ditautkan dengan sidik jari"
    return match.group(1)


def test_pages_are_compressed_with_brotli_or_gzip(client, auth):
    auth.login_as("pegawai")
    r = client.get("/beranda/pegawai", headers={"Accept-Encoding": "gzip, deflate, br, zstd"})
    assert r.headers["Content-Encoding"] == "br"
    assert "Accept-Encoding" in r.headers["Vary"] and "HX-Request" in r.headers["Vary"]
    assert "Identitas saya" in brotli.decompress(r.data).decode()
    r = client.get("/beranda/pegawai", headers={"Accept-Encoding": "gzip"})
    assert r.headers["Content-Encoding"] == "gzip"
    assert "Identitas saya" in gzip.decompress(r.data).decode()
    r = client.get("/beranda/pegawai")
    assert "Content-Encoding" not in r.headers and "Identitas saya" in r.get_data(as_text=True)


def test_static_files_are_compressed_once_and_cached_forever(client, app):
    html = client.get("/masuk").get_data(as_text=True)
    url = _static(client, html, "vendor/htmx.min.js")
    plain = (app.static_folder + "/vendor/htmx.min.js")
    with open(plain, "rb") as f:
        original = f.read()
    r = client.get(url, headers={"Accept-Encoding": "br, gzip"})
    assert r.status_code == 200 and r.headers["Content-Encoding"] == "br"
    assert brotli.decompress(r.data) == original and len(r.data) < len(original) // 3
    assert r.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert "Set-Cookie" not in r.headers
    # Files carry only the short policy, not the page's (the security headers test checks it).
    assert len(r.headers["Content-Security-Policy"]) < 100
    assert "Accept-Encoding" in r.headers["Vary"]
    again = client.get(url, headers={"Accept-Encoding": "br", "If-None-Match": r.headers["ETag"]})
    assert again.status_code == 304
    r = client.get(url, headers={"Accept-Encoding": "gzip"})
    assert r.headers["Content-Encoding"] == "gzip" and gzip.decompress(r.data) == original


def test_favicon_is_fingerprinted_compressed_and_cached(client):
    html = client.get("/masuk").get_data(as_text=True)
    url = _static(client, html, "favicon.ico")
    assert f'<link rel="icon" href="{url}">' in html
    r = client.get(url, headers={"Accept-Encoding": "br"})
    assert r.headers["Content-Encoding"] == "br" and len(r.data) < 200
    assert "immutable" in r.headers["Cache-Control"]
    r = client.get("/favicon.ico", headers={"Accept-Encoding": "gzip"})
    assert r.headers["Content-Encoding"] == "gzip"
    assert r.headers["Cache-Control"] == "public, max-age=604800"


def test_session_cookie_is_not_resent_on_every_page(client, auth):
    auth.login_as("pegawai")
    first = client.get("/beranda/pegawai")
    second = client.get("/beranda/pegawai")
    assert first.status_code == second.status_code == 200
    assert "Set-Cookie" not in second.headers  # renewed at most every five minutes


def test_idle_session_is_renewed_after_five_minutes(client, auth):
    from datetime import timedelta

    from portal import clock

    auth.login_as("pegawai")
    client.get("/beranda/pegawai")
    with clock.frozen(clock.now() + timedelta(seconds=301)):
        r = client.get("/beranda/pegawai")
    assert "session=" in r.headers.get("Set-Cookie", "")
    assert isinstance(client.application.session_interface, SessionInterface)


def test_every_page_has_the_request_indicator(client, auth):
    auth.login_as("atasan")
    html = client.get("/tim/semua").get_data(as_text=True)
    assert 'hx-indicator="#memuat"' in html
    assert 'id="memuat" class="htmx-indicator memuat"' in html
