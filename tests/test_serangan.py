"""Defects found when the portal was attacked with every demo persona: an open redirect, a login
that answered deactivated NIPs faster, an unthrottled password change, and query-string dates,
weeks and ids that gave 500s."""
from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import select

from portal.extensions import db
from portal.models import Pegawai

# 7. POST /bahasa follows the Referer only to a path of this site --------------------------------


@pytest.mark.parametrize("referer", [
    "//evil.example/jebakan", "http://localhost//evil.example/jebakan",
    "http://localhost/\\evil.example", "https://evil.example/beranda",
    "javascript:alert(1)", "http://localhost/%0d%0aSet-Cookie:x=1",
])
def test_the_language_switch_never_leaves_the_site(client, referer):
    r = client.post("/bahasa", data={"bahasa": "en"}, headers={"Referer": referer})
    assert r.status_code == 302
    location = r.headers["Location"]
    assert location.startswith("/") and not location.startswith(("//", "/\\"))
    assert "evil.example" not in location


def test_the_language_switch_returns_to_the_page_it_came_from(client):
    r = client.post("/bahasa", data={"bahasa": "id"},
                    headers={"Referer": "http://localhost/harian?lihat=minggu"})
    assert r.headers["Location"] == "/harian"


# 8. Equal work for every failed login ----------------------------------------------------------

@pytest.fixture
def hashes(monkeypatch):
    """Counts the password hashes the login compares (the costly step whose absence showed)."""
    from portal.auth import routes

    calls = []
    real = routes.verify_password

    def counted(password_hash, password):
        calls.append(password_hash)
        return real(password_hash, password)

    monkeypatch.setattr(routes, "verify_password", counted)
    return calls


@pytest.mark.parametrize("case", ["unknown", "deactivated", "deactivated_right_password",
                                  "wrong_password", "no_password"])
def test_every_failed_login_compares_one_password_hash(client, app, demo, hashes, case):
    nip = demo.nip["staf_surv2"]
    with app.app_context():
        p = db.session.scalar(select(Pegawai).where(Pegawai.nip == nip))
        if case.startswith("deactivated"):
            p.aktif = False
        if case == "no_password":
            p.password_hash = None
        db.session.commit()
    password = "rahasia123" if case == "deactivated_right_password" else "salah-sekali"
    r = client.post("/masuk", data={"nip": "199001012015031999" if case == "unknown" else nip,
                                    "password": password})
    assert r.status_code == 422 and "NIP atau kata sandi salah" in r.get_data(as_text=True)
    assert len(hashes) == 1


# 9. The password change is throttled like the login --------------------------------------------

def test_a_stolen_session_cannot_guess_the_current_password_without_limit(client, auth, app):
    auth.login_as("pegawai")
    limit = app.config["LOGIN_MAX_PER_NIP"]
    data = {"lama": "tebakan", "baru": "KataSandiBaru-2026", "ulang": "KataSandiBaru-2026"}
    for _ in range(limit):
        assert client.post("/ganti-sandi", data=data).status_code == 422
    r = client.post("/ganti-sandi", data=data | {"lama": "rahasia123"})
    assert r.status_code == 429 and "Terlalu banyak percobaan" in r.get_data(as_text=True)


def test_a_right_guess_before_the_limit_still_changes_the_password(client, auth, app, demo):
    auth.login_as("pegawai")
    data = {"lama": "tebakan", "baru": "KataSandiBaru-2026", "ulang": "KataSandiBaru-2026"}
    assert client.post("/ganti-sandi", data=data).status_code == 422
    assert client.post("/ganti-sandi", data=data | {"lama": "rahasia123"}).status_code == 302
    with app.app_context():
        stored = db.session.get(Pegawai, demo.persona("pegawai"))
        assert stored.check_password("KataSandiBaru-2026")
        assert not stored.check_password("rahasia123")


# 10. One parser for dates, weeks, years and ids: 400/404 with a message, never a 500 ---------

@pytest.mark.parametrize("persona, url, status, message", [
    ("atasan", "/tim/minggu?minggu=1-W1", 400, "minggu"),
    ("atasan", "/tim/minggu?minggu=0001-W01", 400, "minggu"),
    ("atasan", "/tim/minggu?minggu=2026-W60", 400, "minggu"),
    ("pegawai", "/harian/pegawai/{pegawai}?minggu=9999-W52", 400, "minggu"),
    ("pegawai", "/audit/saya?dari=0001-01-01", 422, "Tanggal tidak valid"),
    ("pegawai", "/audit/saya?sampai=9999-12-31", 422, "Tanggal tidak valid"),
    ("sekda", "/dasbor/daftar?f=skp&v=disetujui&opd=99999999999999999999", 404, "opd"),
    ("sekda", "/dasbor/daftar?f=skp&v=disetujui&opd=satu", 400, "opd"),
    ("pegawai", "/skp/?tahun=99999999999999999999", 400, "tahun"),
])
def test_query_string_dates_weeks_and_ids_answer_with_a_message(client, auth, demo, persona,
                                                                  url, status, message):
    auth.login_as(persona)
    r = client.get(url.format(pegawai=demo.persona("pegawai")))
    assert r.status_code == status
    assert message in r.get_data(as_text=True)


def test_good_parameters_still_work(client, auth, demo):
    auth.login_as("atasan")
    week = client.get("/tim/minggu?minggu=2026-W28")
    assert week.status_code == 200 and "Minggu tim 2026-W28" in week.get_data(as_text=True)
    person = client.get(f"/harian/pegawai/{demo.persona('pegawai')}?minggu=2026-W28")
    assert person.status_code == 200 and "2026-W28" in person.get_data(as_text=True)
    auth.logout()
    auth.login_as("sekda")
    listing = client.get("/dasbor/daftar?f=skp&v=disetujui&opd=")
    assert listing.status_code == 200 and "Daftar pegawai" in listing.get_data(as_text=True)


# 12. A batch ZIP keeps no scope its owner lost ---------------------------------------------------

def _job(app, owner_id, scope, status, nips=()):
    """A ZIP job of `owner_id`: finished with the rapor of `nips`, or failed."""
    import zipfile
    from pathlib import Path

    from portal.models import Job

    with app.app_context():
        job = Job(kind="rapor_zip", params=json.dumps({"periode": "2026-TW1", "cakupan": scope}),
                  owner_id=owner_id, status=status, done=0, total=len(nips))
        db.session.add(job)
        db.session.flush()
        if status == "selesai":
            folder = Path(app.instance_path) / "unduhan" / str(job.id)
            folder.mkdir(parents=True, exist_ok=True)
            with zipfile.ZipFile(folder / "rapor.zip", "w") as archive:
                for nip in nips:
                    archive.writestr(f"rapor-{nip}-2026-TW1.pdf", b"%PDF-1.4")
            job.result_path = f"unduhan/{job.id}/rapor.zip"
        db.session.commit()
        return job.id


def _zip_status(client, job_id) -> int:
    response = client.get(f"/unduhan/{job_id}/zip")
    response.close()  # a sent file stays open until the response is closed
    return response.status_code


def _leave_seat(app, pegawai_id):
    from portal import clock
    from portal.models import RiwayatJabatan

    with app.app_context():
        for r in db.session.scalars(select(RiwayatJabatan).where(
                RiwayatJabatan.pegawai_id == pegawai_id, RiwayatJabatan.selesai.is_(None))):
            r.selesai = clock.today() - timedelta(days=1)
        db.session.commit()


def test_a_sekda_who_moved_neither_retries_nor_downloads_the_province(client, auth, app, demo):
    finished = _job(app, demo["sekda"], "semua", "selesai", [demo.nip["staf_surv1"]])
    failed = _job(app, demo["sekda"], "semua", "gagal")
    auth.login_as("sekda")
    assert _zip_status(client, finished) == 200  # still the Sekda
    _leave_seat(app, demo["sekda"])
    assert _zip_status(client, finished) == 403
    assert client.post(f"/unduhan/{failed}/ulang").status_code == 403
    with app.app_context():
        from portal.models import Job

        assert db.session.get(Job, failed).status == "gagal"  # not queued again


def test_an_atasan_downloads_only_people_still_below_him(client, auth, app, demo):
    below = _job(app, demo["kasi_surv"], "bawahan", "selesai", [demo.nip["staf_surv1"]])
    moved = _job(app, demo["kasi_surv"], "bawahan", "selesai", [demo.nip["staf_surv1"]])
    auth.login_as("atasan")
    assert _zip_status(client, below) == 200
    _leave_seat(app, demo["staf_surv1"])  # the report moved away: not below any more
    assert _zip_status(client, moved) == 403
