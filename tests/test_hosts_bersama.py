"""Nothing lives on one host: two app instances that share only the database (each with its own
`instance/` folder, as two machines have) read each other's evidence files, batch ZIPs,
sessions and static addresses."""
from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import func, select

from portal import create_app
from portal.extensions import db
from portal.models import BuktiDukung, Job, ProgresHarian
from tests.helpers.rapor import rated as _rated
from tests.helpers.rapor import wait as _wait

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n"


def _entry_id(app, demo) -> int:
    """An entry of the pegawai persona that the supervisor has not accepted (those are locked)."""
    with app.app_context():
        return db.session.scalar(select(ProgresHarian.id).where(
            ProgresHarian.pegawai_id == demo.persona("pegawai")).order_by(
            func.coalesce(ProgresHarian.verifikasi, "") == "diterima", ProgresHarian.id).limit(1))


@pytest.fixture
def host_b(app, tmp_path, monkeypatch):
    """A second portal host: the same database and SECRET_KEY, another instance folder."""
    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path / "host-b"))
    other = create_app({key: app.config[key] for key in (
        "TESTING", "SECRET_KEY", "SQLALCHEMY_DATABASE_URI", "WTF_CSRF_ENABLED",
        "PASSWORD_HASH_METHOD", "BABEL_TRANSLATION_DIRECTORIES", "DASHBOARD_CACHE_SECONDS")})
    assert other.instance_path != app.instance_path
    yield other
    with other.app_context():
        db.session.remove()
        db.engine.dispose()


def _same_session(client, other_client) -> None:
    """The browser's cookie, now sent to the other host (the load balancer's choice)."""
    other_client.set_cookie("session", client.get_cookie("session").value)


def test_evidence_uploaded_on_one_host_downloads_on_the_other(client, auth, app, demo, host_b):
    auth.login_as("pegawai")
    eid = _entry_id(app, demo)
    r = client.post(f"/harian/entri/{eid}/bukti",
                    data={"berkas": (io.BytesIO(PDF), "laporan minggu.pdf")},
                    content_type="multipart/form-data")
    assert r.status_code == 303
    with app.app_context():
        bid = db.session.scalar(select(BuktiDukung.id).where(BuktiDukung.progres_id == eid))
    b = host_b.test_client()
    _same_session(client, b)
    r = b.get(f"/bukti/{bid}")
    assert r.status_code == 200 and r.data == PDF  # the session and the file both crossed
    r.close()
    assert not (Path(app.instance_path) / "bukti").exists()  # nothing on host A's disk


def test_a_zip_built_through_one_host_downloads_through_the_other(client, auth, app, demo,
                                                                    host_b):
    code, _ = _rated(app, demo["staf_surv1"])
    auth.login_as("atasan")
    r = client.post("/unduhan", data={"periode": code, "cakupan": "bawahan"})
    assert r.status_code == 303
    job_id = int(r.headers["Location"].rsplit("/", 1)[1])
    job = _wait(app, job_id)
    assert job.status == "selesai" and job.failure_list == [], (job.error, job.failure_list)
    b = host_b.test_client()
    _same_session(client, b)
    r = b.get(f"/unduhan/{job_id}/zip")
    assert r.status_code == 200 and r.mimetype == "application/zip"
    assert len(zipfile.ZipFile(io.BytesIO(r.data)).namelist()) == job.total > 0
    r.close()
    with app.app_context():
        assert db.session.get(Job, job_id).result_path.startswith(f"unduhan/{job_id}/")


def test_static_addresses_agree_between_hosts(client, app, host_b):
    """Fingerprints are the SHA-256 of each file's bytes: two hosts with the same release give
    the same addresses, with no manifest to copy (a rolling deploy serves either address from
    either host only once both hold the same files)."""
    from portal.web import static_url

    names = ["css/portal.css", "js/portal.js", "vendor/htmx.min.js", "favicon.ico"]
    with app.test_request_context():
        here = [static_url(n) for n in names]
    with host_b.test_request_context():
        there = [static_url(n) for n in names]
    assert here == there and all("?v=" in url for url in here)
    page_a = client.get("/masuk").get_data(as_text=True)
    page_b = host_b.test_client().get("/masuk").get_data(as_text=True)
    for url in here[:2]:
        assert url in page_a and url in page_b


def test_files_an_older_release_left_on_one_host_move_into_the_storage(app, runner):
    from portal.dokumen.storage import storage
    from portal.harian import bukti

    old = Path(app.instance_path) / "bukti"
    old.mkdir(parents=True, exist_ok=True)
    (old / "abc123.pdf").write_bytes(PDF)
    zips = Path(app.instance_path) / "unduhan" / "7"
    zips.mkdir(parents=True, exist_ok=True)
    (zips / "rapor-2026-TW1-7.zip").write_bytes(b"PK\x05\x06" + bytes(18))
    with app.app_context():
        assert bukti.baca("abc123.pdf") == PDF  # still read where it was
    out = runner.invoke(args=["dokumen", "pindahkan-berkas"])
    # At least these two: the session's instance folder may hold what earlier tests left there.
    moved = re.search(r"(\d+) berkas dipindahkan", out.output)
    assert out.exit_code == 0 and moved and int(moved.group(1)) >= 2, out.output
    again = runner.invoke(args=["dokumen", "pindahkan-berkas"])
    assert again.exit_code == 0 and "0 berkas dipindahkan" in again.output  # once per host
    assert not (old / "abc123.pdf").exists() and not (zips / "rapor-2026-TW1-7.zip").exists()
    with app.app_context():
        assert storage().get("bukti/abc123.pdf") == PDF
        assert storage().get("unduhan/7/rapor-2026-TW1-7.zip").startswith(b"PK")
        assert bukti.baca("abc123.pdf") == PDF


def test_a_presensi_file_previewed_on_one_host_is_applied_on_the_other(client, auth, app, demo,
                                                                       host_b):
    from datetime import datetime

    from sqlalchemy import delete

    from portal import ROOT, clock
    from portal.models import Presensi

    with app.app_context():
        db.session.execute(delete(Presensi))
        db.session.commit()
    clock.freeze(datetime(2026, 11, 20, 10, 0))
    auth.login_as("admin")
    sample = ROOT / "docs" / "contoh-presensi-mesin.csv"
    r = client.post("/admin/presensi/impor", data={"berkas": (io.BytesIO(sample.read_bytes()),
                                                              sample.name)},
                    content_type="multipart/form-data")
    assert r.status_code == 303
    token = r.headers["Location"].rsplit("/", 1)[1]
    b = host_b.test_client()
    _same_session(client, b)
    assert not (Path(host_b.instance_path) / "presensi-impor" / token).exists()
    r = b.post(f"/admin/presensi/impor/{token}/terapkan", data={"konfirmasi": "ya"})
    assert r.status_code == 303
    assert "17 baris dipakai" in b.get(f"/admin/presensi/impor/{token}").get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(func.count(Presensi.id))) > 0
