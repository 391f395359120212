"""The storage interface of issued documents: the database, a directory and an S3-compatible
bucket (moto's server on 127.0.0.1) keep and return the same bytes; keys cannot escape."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from sqlalchemy import select

from portal.dokumen.storage import DatabaseStorage, DirectoryStorage, KunciTidakSah, S3Storage
from portal.extensions import db
from portal.models import Dokumen, Periode

DATA = b"%PDF-1.7\n" + bytes(range(256)) * 40


def _roundtrip(store):
    store.put("dokumen/2026/abc.pdf", DATA)
    assert store.get("dokumen/2026/abc.pdf") == DATA
    store.put("dokumen/2026/abc.pdf", b"%PDF-baru")
    assert store.get("dokumen/2026/abc.pdf") == b"%PDF-baru"
    assert store.get("dokumen/2026/tidak-ada.pdf") is None
    store.delete("dokumen/2026/abc.pdf")
    assert store.get("dokumen/2026/abc.pdf") is None
    store.delete("dokumen/2026/abc.pdf")  # deleting twice is no error


@pytest.mark.parametrize("key", ["../rahasia", "/etc/passwd", "a/../../b", "a\\b", "", "a//b",
                                 "a/", "x" * 201, "dokumen/\x00.pdf"])
def test_keys_that_could_escape_are_refused(tmp_path, key):
    with pytest.raises(KunciTidakSah):
        DirectoryStorage(tmp_path).put(key, DATA)


def test_directory_storage(tmp_path):
    store = DirectoryStorage(tmp_path / "berkas")
    _roundtrip(store)
    store.put("a/b.pdf", DATA)
    assert sorted(p.name for p in (tmp_path / "berkas" / "a").iterdir()) == ["b.pdf"]  # no temp


@pytest.mark.db
def test_database_storage(app):
    with app.app_context():
        store = DatabaseStorage()
        _roundtrip(store)
        db.session.commit()


def test_s3_storage_against_a_local_stand_in(monkeypatch):
    pytest.importorskip("boto3")
    server_module = pytest.importorskip("moto.server")
    for name, value in (("AWS_ACCESS_KEY_ID", "uji"), ("AWS_SECRET_ACCESS_KEY", "uji"),
                        ("AWS_DEFAULT_REGION", "us-east-1")):
        monkeypatch.setenv(name, value)
    server = server_module.ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    try:
        host, port = server.get_host_and_port()
        endpoint = f"http://{host}:{port}"
        store = S3Storage("dokumen-uji", endpoint, prefix="portal")
        store.client.create_bucket(Bucket="dokumen-uji")
        _roundtrip(store)
        store.put("x.pdf", DATA)
        names = [o["Key"] for o in store.client.list_objects_v2(Bucket="dokumen-uji")["Contents"]]
        assert names == ["portal/x.pdf"]
    finally:
        server.stop()


@pytest.mark.db
def test_sealed_rapor_in_a_directory_and_tampered_bytes_are_not_served(client, auth, demo, app,
                                                                      tmp_path, monkeypatch):
    monkeypatch.setitem(app.config, "DOKUMEN_STORAGE", "direktori")
    monkeypatch.setitem(app.config, "DOKUMEN_STORAGE_DIR", str(tmp_path / "berkas"))
    with app.app_context():
        tahun = db.session.scalar(select(Periode.tahun).order_by(Periode.tahun).limit(1))
    auth.login_as("pegawai")
    url = f"/rapor/{demo.nip['staf_surv1']}/{tahun}.pdf"
    first = client.get(url).data
    with app.app_context():
        row = db.session.scalar(select(Dokumen))
        path = Path(tmp_path / "berkas" / row.kunci_berkas)
    assert path.read_bytes() == first and hashlib.sha256(first).hexdigest() == row.sha256
    assert client.get(url).data == first
    path.write_bytes(first.replace(b"%%EOF", b"%%EOX", 1))  # someone changed the kept file
    again = client.get(url)
    assert again.status_code == 200 and hashlib.sha256(again.data).hexdigest() != row.sha256
    with app.app_context():
        statuses = db.session.scalars(select(Dokumen.status).order_by(Dokumen.id)).all()
    assert statuses == ["diganti", "berlaku"]  # re-issued under a new number, never served
