"""The app-wide body size limit: Werkzeug refuses an oversize body from its Content-Length before
reading it, and the portal answers a clear Indonesian 413 (a fragment for htmx), never a 500.
The per-upload limits below it keep their own, more specific messages."""
import io

import pytest


@pytest.fixture
def small_limit(app):
    before = app.config["MAX_CONTENT_LENGTH"]
    app.config["MAX_CONTENT_LENGTH"] = 64 * 1024
    yield 64 * 1024
    app.config["MAX_CONTENT_LENGTH"] = before


def test_the_default_limit_sits_above_the_largest_upload(app):
    assert app.config["MAX_CONTENT_LENGTH"] > app.config["IMPORT_MAX_BYTES"]


def test_an_oversize_body_is_refused_with_a_clear_page(client, auth, small_limit):
    auth.login_as("pegawai")
    r = client.post("/harian/entri", data={"uraian": "x" * (small_limit + 10)})
    assert r.status_code == 413
    text = r.get_data(as_text=True)
    assert "terlalu besar" in text and "0,1 MB" in text and "<html" in text.lower()


def test_an_oversize_htmx_body_gets_a_fragment(client, auth, small_limit):
    auth.login_as("pegawai")
    r = client.post("/harian/entri", data={"uraian": "x" * (small_limit + 10)},
                    headers={"HX-Request": "true"})
    assert r.status_code == 413
    text = r.get_data(as_text=True)
    assert "terlalu besar" in text and "<html" not in text.lower()


def test_an_oversize_body_is_refused_before_login_too(client, demo, small_limit):
    r = client.post("/masuk", data={"nip": "1" * (small_limit + 10), "password": "x"})
    assert r.status_code == 413 and "terlalu besar" in r.get_data(as_text=True)


def test_the_body_is_not_read(client, auth, small_limit):
    """The refusal comes from the header alone: a stream that explodes when read is never read."""
    auth.login_as("pegawai")

    class Exploding(io.BytesIO):
        def read(self, *a):
            raise AssertionError("body was read")

        readline = read

    r = client.post("/harian/entri", content_type="application/x-www-form-urlencoded",
                    environ_overrides={"CONTENT_LENGTH": str(small_limit + 1),
                                       "wsgi.input": Exploding(b"")})
    assert r.status_code == 413


def test_evidence_keeps_its_own_message_under_the_app_limit(client, auth, demo, app,
                                                           monkeypatch):
    """A file over the evidence limit but under the app-wide one gets the evidence form's own
    message (limits scaled down so the body stays in memory)."""
    monkeypatch.setitem(app.config, "BUKTI_MAX_BYTES", 100 * 1024)
    from portal.extensions import db
    from portal.models import ProgresHarian

    with app.app_context():
        entri = db.session.query(ProgresHarian).filter_by(
            pegawai_id=demo.persona("pegawai")).order_by(ProgresHarian.tanggal.desc()).first()
        entri_id = entri.id
    auth.login_as("pegawai")
    data = {"berkas": (io.BytesIO(b"%PDF-1.4\n" + b"0" * (200 * 1024)), "b.pdf")}
    r = client.post(f"/harian/entri/{entri_id}/bukti", data=data,
                    content_type="multipart/form-data")
    assert r.status_code == 422
    assert "Berkas terlalu besar: paling besar" in r.get_data(as_text=True)
