"""Background jobs behind one small interface: `enqueue(kind, params, owner_id) -> Job`.

Two backends:
- default, nothing to install: a pool of worker processes (one per core), each job in a fresh
  process (`max_tasks_per_child`) so memory stays flat whatever was rendered before;
- RQ on Redis when `REDIS_URL` is set; `flask --app wsgi worker` runs the worker (RQ forks a work
  horse per job, with the same effect on memory).

State and progress live in the `job` table, so every web worker sees them. A job whose worker
died stops touching its heartbeat (in the pool, `_watch` fails it at once); `mark_stale` fails
it after JOB_STALE_SECONDS and `retry` queues it again.

Time limits: each PDF render stops after PDF_TIME_LIMIT seconds inside the job
(portal/timeout.py); a whole job after JOB_TIME_LIMIT (RQ's job_timeout, or the pool's
watchdog, which kills the stuck process and replaces the pool). Web workers never run a job, so
neither limit ever touches them. Handlers are named in HANDLERS as
"module:function(job, progress)".
"""
from __future__ import annotations

import json
import multiprocessing
import os
import signal
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from contextlib import suppress
from datetime import timedelta
from importlib import import_module
from threading import Lock, Thread

import click
from flask import current_app, has_app_context
from flask.cli import with_appcontext
from flask_babel import gettext as _
from sqlalchemy import select, update

from portal.extensions import db
from portal.models import Job
from portal.models.audit import utcnow

HANDLERS = {"rapor_zip": "portal.rapor.batch:build_zip", "tpp_run": "portal.tpp.run:hitung_job"}
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
            "portal.jobs.run_job", job_id, job_timeout=_time_limit(), result_ttl=3600)
        return
    overrides = {"SQLALCHEMY_DATABASE_URI": current_app.config["SQLALCHEMY_DATABASE_URI"],
                 "SECRET_KEY": current_app.config["SECRET_KEY"],
                 "_instance": current_app.instance_path}
    try:
        future = _pool().submit(run_job, job_id, overrides)
    except BrokenProcessPool:  # a worker was killed: start a fresh pool and try once more
        future = _pool(fresh=True).submit(run_job, job_id, overrides)
    if isinstance(future, Future):
        Thread(target=_watch, args=(current_app._get_current_object(), job_id, future,
                                    _time_limit()), daemon=True).start()


def _time_limit() -> int:
    return int(current_app.config.get("JOB_TIME_LIMIT", 6 * 3600))


def _watch(app, job_id: int, future: Future, limit: float) -> None:
    """The pool's backstop for a job stuck where no in-process limit reaches it (C code that
    ignores signals): past JOB_TIME_LIMIT its process is killed, the pool replaced and the job
    failed. A job whose process died any other way is failed at once, not after
    JOB_STALE_SECONDS."""
    try:
        future.result(timeout=limit)
        return
    except FutureTimeout:
        error = pesan_waktu_habis(limit)
        with app.app_context():
            pid = db.session.scalar(select(Job.worker_pid).where(Job.id == job_id))
            db.session.remove()
        if pid:
            with suppress(OSError):
                os.kill(pid, signal.SIGKILL)
        with _POOL_LOCK:
            pool = _POOL.pop("pool", None)
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)
    except Exception:  # noqa: BLE001 - BrokenProcessPool and the like: the process is gone
        error = "Pekerja latar berhenti; silakan ulangi."
    try:
        with app.app_context():
            _fail_unfinished(job_id, error)
    except Exception:  # noqa: BLE001 - the database went away (shutdown): mark_stale will do it
        app.logger.exception("job %s: status gagal tidak dapat dicatat", job_id)


def _fail_unfinished(job_id: int, error: str) -> None:
    db.session.execute(update(Job).where(Job.id == job_id, Job.status.in_(("antre", "berjalan")))
                       .values(status="gagal", error=error))
    db.session.commit()
    db.session.remove()


def pesan_waktu_habis(seconds: float) -> str:
    return _("Waktu habis: pekerjaan berjalan lebih dari %(n)s detik dan dihentikan. Silakan "
             "ulangi; bila terus terjadi, perkecil cakupannya.", n=f"{seconds:g}")


def _pool(fresh: bool = False) -> ProcessPoolExecutor:
    with _POOL_LOCK:
        if fresh and "pool" in _POOL:
            _POOL.pop("pool").shutdown(wait=False, cancel_futures=True)
        if "pool" not in _POOL:
            # spawn: a clean interpreter per worker (no inherited sockets or engine pool).
            _POOL["pool"] = ProcessPoolExecutor(
                max_workers=os.cpu_count() or 1, mp_context=multiprocessing.get_context("spawn"),
                # Exactly 1: CPython 3.11's worker replacement deadlocks for values above 1
                # (gh-115634); with one task per process no stale idle token can arise.
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
        job.status, job.error = "gagal", _pesan(exc)[:500]
    db.session.commit()
    db.session.remove()


def _pesan(exc: Exception) -> str:
    """What the owner reads on the job page: our messages as they are, RQ's timeout in words."""
    if type(exc).__name__ == "JobTimeoutException":  # rq.timeouts, raised by job_timeout
        return pesan_waktu_habis(_time_limit())
    return str(exc) or _("Pekerjaan gagal karena kesalahan tak terduga; silakan ulangi.")


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

    # The scheduler runs retries booked for later (the SIASN outbox's backoff).
    Worker([QUEUE], connection=Redis.from_url(url)).work(burst=burst, with_scheduler=True)
