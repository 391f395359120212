"""Background jobs behind one small interface: `enqueue(kind, params, owner_id) -> Job`.

Two backends:
- default, nothing to install: a pool of worker processes (one per core), each job in a fresh
  process (`max_tasks_per_child`) so memory stays flat whatever was rendered before;
- RQ on Redis when `REDIS_URL` is set; `flask --app wsgi worker` runs the worker (RQ forks a work
  horse per job, with the same effect on memory).

State and progress live in the `job` table, so every web worker sees them. A job whose worker
died stops touching its heartbeat; `mark_stale` fails it after JOB_STALE_SECONDS and `retry`
queues it again. Handlers are named in HANDLERS as "module:function(job, progress)".
"""
from __future__ import annotations

import json
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from datetime import timedelta
from importlib import import_module
from threading import Lock

import click
from flask import current_app, has_app_context
from flask.cli import with_appcontext
from sqlalchemy import update

from portal.extensions import db
from portal.models import Job
from portal.models.audit import utcnow

HANDLERS = {"rapor_zip": "portal.rapor.batch:build_zip"}
QUEUE = "portal"
_POOL: dict[str, ProcessPoolExecutor] = {}
_POOL_LOCK = Lock()
_IMPORT_PID = os.getpid()


def enqueue(kind: str, params: dict, owner_id: int) -> Job:
    if kind not in HANDLERS:
        raise ValueError(f"unknown job kind {kind}")
    job = Job(kind=kind, params=json.dumps(params), owner_id=owner_id, status="antre",
              heartbeat=utcnow())
    db.session.add(job)
    db.session.commit()
    _submit(job.id)
    return job


def retry(job: Job) -> None:
    job.status, job.done, job.failures, job.error = "antre", 0, "[]", None
    job.result_path, job.worker_pid, job.heartbeat = None, None, utcnow()
    db.session.commit()
    _submit(job.id)


def mark_stale() -> int:
    """Fail the jobs whose worker stopped reporting (died, machine restarted)."""
    limit = utcnow() - timedelta(seconds=current_app.config.get("JOB_STALE_SECONDS", 300))
    result = db.session.execute(
        update(Job).where(Job.status.in_(("antre", "berjalan")), Job.heartbeat < limit)
        .values(status="gagal", error="Pekerja latar berhenti; silakan ulangi."))
    db.session.commit()
    return result.rowcount or 0


def _submit(job_id: int) -> None:
    url = current_app.config.get("REDIS_URL")
    if url:
        from redis import Redis
        from rq import Queue

        Queue(QUEUE, connection=Redis.from_url(url)).enqueue(
            "portal.jobs.run_job", job_id, job_timeout=6 * 3600, result_ttl=3600)
        return
    overrides = {"SQLALCHEMY_DATABASE_URI": current_app.config["SQLALCHEMY_DATABASE_URI"],
                 "SECRET_KEY": current_app.config["SECRET_KEY"],
                 "_instance": current_app.instance_path}
    try:
        _pool().submit(run_job, job_id, overrides)
    except BrokenProcessPool:  # a worker was killed: start a fresh pool and try once more
        _pool(fresh=True).submit(run_job, job_id, overrides)


def _pool(fresh: bool = False) -> ProcessPoolExecutor:
    with _POOL_LOCK:
        if fresh and "pool" in _POOL:
            _POOL.pop("pool").shutdown(wait=False, cancel_futures=True)
        if "pool" not in _POOL:
            # spawn: a clean interpreter per worker (no inherited sockets or engine pool).
            _POOL["pool"] = ProcessPoolExecutor(
                max_workers=os.cpu_count() or 1, mp_context=multiprocessing.get_context("spawn"),
                max_tasks_per_child=1)
        return _POOL["pool"]


_APPS: dict = {}


def _app_for(overrides: dict):
    key = overrides["SQLALCHEMY_DATABASE_URI"]
    if key not in _APPS:
        os.environ.setdefault("INSTANCE_PATH", overrides["_instance"])
        from portal import create_app

        _APPS[key] = create_app({k: v for k, v in overrides.items() if not k.startswith("_")})
    return _APPS[key]


def run_job(job_id: int, overrides: dict | None = None) -> None:
    """Entry point in the worker process: its own app context, then the job's handler."""
    if overrides is None and has_app_context():
        if os.getpid() != _IMPORT_PID:
            # A forked RQ work horse must not use the connections of its parent worker.
            db.engine.dispose(close=False)
        _run(job_id)
        return
    app = _app_for(overrides or {})
    with app.app_context():
        _run(job_id)


def _run(job_id: int) -> None:
    job = db.session.get(Job, job_id)
    if job is None or job.status not in ("antre",):
        return
    job.status, job.worker_pid, job.heartbeat = "berjalan", os.getpid(), utcnow()
    db.session.commit()
    module, _, func = HANDLERS[job.kind].partition(":")
    handler = getattr(import_module(module), func)

    def progress(done: int | None = None, total: int | None = None,
                 failure: str | None = None) -> None:
        if total is not None:
            job.total = total
        if done is not None:
            job.done = done
        if failure:
            job.failures = json.dumps(job.failure_list + [failure], ensure_ascii=False)
        job.heartbeat = utcnow()
        db.session.commit()

    try:
        job.result_path = handler(job, progress)
        job.status, job.heartbeat = "selesai", utcnow()
    except Exception as exc:  # the job fails, the worker lives on
        db.session.rollback()
        current_app.logger.exception("job %s gagal", job_id)
        job.status, job.error = "gagal", str(exc)[:500]
    db.session.commit()
    db.session.remove()


@click.command("worker")
@with_appcontext
@click.option("--burst", is_flag=True, help="Berhenti bila antrean kosong.")
def worker_command(burst: bool) -> None:
    """Run an RQ worker for background jobs (needs REDIS_URL)."""
    url = current_app.config.get("REDIS_URL")
    if not url:
        raise click.UsageError("REDIS_URL belum diisi; tanpa Redis pekerjaan berjalan di "
                               "kumpulan proses server web.")
    from redis import Redis
    from rq import Worker

    Worker([QUEUE], connection=Redis.from_url(url)).work(burst=burst)
