"""Batch ZIPs of rapor as background jobs: the process pool, RQ, scopes, stale and killed
workers."""
from __future__ import annotations

import io
import os
import zipfile
from datetime import timedelta

from sqlalchemy import func, select

from portal import clock, orgtree
from portal.extensions import db
from portal.models import (
    Job,
    Penilaian,
)
from tests.conftest import redis_or_skip
from tests.helpers.rapor import (
    rated,
    surveilans_rated,  # noqa: F401  (an autouse fixture)
    wait,
)

# --- batch ZIP jobs -------------------------------------------------------------------------

def _check_zip(client, app, job_id, demo, code):
    job = wait(app, job_id)
    assert job.status == "selesai", job.error
    assert job.done == job.total == 3 and job.failure_list == []
    page = client.get(f"/unduhan/{job_id}").get_data(as_text=True)
    assert "<progress" in page and 'value="3"' in page and "every 2s" not in page
    r = client.get(f"/unduhan/{job_id}/zip")
    assert r.status_code == 200 and r.mimetype == "application/zip"
    names = sorted(zipfile.ZipFile(io.BytesIO(r.data)).namelist())
    r.close()
    assert names == sorted(f"rapor-{demo.nip[k]}-{code}.pdf"
                           for k in ("staf_surv1", "staf_surv2", "staf_surv3"))


def test_batch_zip_with_process_pool(client, auth, demo, app):
    code, _ = rated(app, demo["staf_surv1"])
    auth.login_as("atasan")
    r = client.post("/unduhan", data={"periode": code, "cakupan": "bawahan"})
    assert r.status_code == 303
    job_id = int(r.headers["Location"].rsplit("/", 1)[1])
    page = client.get(f"/unduhan/{job_id}", headers={"HX-Request": "true"})
    assert page.status_code == 200 and "<progress" in page.get_data(as_text=True)
    _check_zip(client, app, job_id, demo, code)
    assert "unduhan" in client.get("/unduhan").get_data(as_text=True)
    auth.logout()
    auth.login_as("sekda")
    r = client.get(f"/unduhan/{job_id}/zip")
    assert r.status_code == 404
    r.close()


def test_batch_zip_with_rq(client, auth, demo, app, monkeypatch):
    from rq import Queue, SimpleWorker
    url = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/14")
    connection = redis_or_skip(url)
    monkeypatch.setitem(app.config, "REDIS_URL", url)
    code, _ = rated(app, demo["staf_surv1"])
    auth.login_as("atasan")
    r = client.post("/unduhan", data={"periode": code, "cakupan": "bawahan"})
    assert r.status_code == 303
    job_id = int(r.headers["Location"].rsplit("/", 1)[1])
    with app.app_context():
        assert db.session.get(Job, job_id).status == "antre"
        queue = Queue("portal", connection=connection)
        assert queue.count == 1
        SimpleWorker([queue], connection=connection).work(burst=True)
    _check_zip(client, app, job_id, demo, code)
    connection.flushdb()


def test_sekda_scopes_and_atasan_limits(client, auth, demo, app, monkeypatch):
    from portal import jobs

    started = []
    monkeypatch.setattr(jobs, "_submit", started.append)
    code, _ = rated(app, demo["staf_surv1"])
    auth.login_as("atasan")
    r = client.post("/unduhan", data={"periode": code, "cakupan": "semua"})
    assert r.status_code == 422
    r = client.post("/unduhan", data={"periode": "2026-TW9", "cakupan": "bawahan"})
    assert r.status_code == 422 and "Periode tidak dikenal." in r.get_data(as_text=True)
    assert started == []
    auth.logout()
    auth.login_as("sekda")
    page = client.get("/unduhan").get_data(as_text=True)
    assert "Dinas Kesehatan" in page and "Seluruh instansi" in page
    with app.app_context():
        from portal.models import UnitKerja

        dinkes = db.session.scalar(select(UnitKerja.id).where(UnitKerja.nama == "Dinas Kesehatan"))
    r = client.post("/unduhan", data={"periode": code, "cakupan": f"opd:{dinkes}"})
    assert r.status_code == 303 and len(started) == 1
    with app.app_context():
        from portal.rapor import batch, services

        owner = demo["sekda"]
        period = services.period_or_404(code)
        rated_dinkes = len(batch.rated_in_scope(owner, f"opd:{dinkes}", period))
        assert rated_dinkes >= 3
        assert rated_dinkes == db.session.scalar(select(func.count(Penilaian.id)).where(
            Penilaian.periode_id == period.periode.id, Penilaian.kode == period.kode,
            Penilaian.pegawai_id.in_(orgtree.subtree_pegawai_ids(demo["kadinkes"]))
            | (Penilaian.pegawai_id == demo["kadinkes"])))
        # An atasan of another OPD gets only their own subtree, never Dinas Kesehatan.
        theirs = {p.id for p in batch.rated_in_scope(demo["kasubid_ekon"], "bawahan", period)}
        assert theirs <= {demo["staf_ekon1"], demo["staf_ekon2"]}
        assert demo["staf_surv1"] not in theirs


def test_stale_job_is_failed_and_can_be_retried(client, auth, demo, app, monkeypatch):
    from portal import jobs

    started = []
    monkeypatch.setattr(jobs, "_submit", started.append)
    with app.app_context():
        job = Job(kind="rapor_zip", params='{"periode": "2026-TW1", "cakupan": "bawahan"}',
                  owner_id=demo["kasi_surv"], status="berjalan", total=10, done=4,
                  worker_pid=999999, heartbeat=clock.utcnow() - timedelta(hours=1))
        db.session.add(job)
        db.session.commit()
        job_id = job.id
    auth.login_as("atasan")
    html = client.get(f"/unduhan/{job_id}").get_data(as_text=True)
    assert "gagal" in html and "Ulangi" in html and "every 2s" not in html
    r = client.post(f"/unduhan/{job_id}/ulang")
    assert r.status_code == 303 and started == [job_id]
    with app.app_context():
        job = db.session.get(Job, job_id)
        assert job.status == "antre" and job.done == 0
    html = client.get(f"/unduhan/{job_id}").get_data(as_text=True)
    assert 'hx-trigger="every 2s"' in html and "Muat ulang" in html


def test_pool_recovers_after_a_worker_was_killed(app, demo, monkeypatch):
    """A killed worker breaks a ProcessPoolExecutor; the next job gets a fresh pool."""
    from concurrent.futures.process import BrokenProcessPool

    from portal import jobs

    class Broken:
        def submit(self, *args):
            raise BrokenProcessPool("worker killed")

        def shutdown(self, **kwargs):
            pass

    submitted = []

    class Fresh:
        def submit(self, fn, *args):
            submitted.append(args[0])

    monkeypatch.setitem(jobs._POOL, "pool", Broken())
    real_pool = jobs._pool

    def fake_pool(fresh=False):
        if fresh:
            jobs._POOL["pool"] = Fresh()
        return real_pool(fresh=False)

    monkeypatch.setattr(jobs, "_pool", fake_pool)
    with app.app_context():
        job = jobs.enqueue("rapor_zip", {"periode": "2026", "cakupan": "bawahan"},
                           demo["kasi_surv"])
        assert submitted == [job.id]
    jobs._POOL.pop("pool", None)


def test_worker_command_needs_redis(runner, app, monkeypatch):
    monkeypatch.setitem(app.config, "REDIS_URL", None)
    result = runner.invoke(args=["worker", "--burst"])
    assert result.exit_code != 0 and "REDIS_URL" in result.output
