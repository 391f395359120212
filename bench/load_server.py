"""The portal under load: gunicorn (2 sync workers) on a prepared database, and the checks of
what ended up in that database afterwards.

SQLite: a fresh WAL database in a temporary folder. PostgreSQL: the database named by the URL,
brought to the head revision and seeded (both idempotent); earlier rows do not disturb the
counts, which look only at this run's idempotency keys and at audit rows after a baseline.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import create_engine, text

from bench.common import free_port, stop, wait_ready

ROOT = Path(__file__).resolve().parent.parent
COUNTED = ("realisasi.ajukan", "realisasi.terima", "realisasi.kembalikan", "ganti_sandi")


def _sa_url(url: str) -> str:
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url.removeprefix(prefix)
    return url


class Server:
    def __init__(self, database: str | None = None, workers: int = 2, password: str = ""):
        self.folder = Path(tempfile.mkdtemp(prefix="portal-load-"))
        self.url_db = _sa_url(database) if database else f"sqlite:///{self.folder / 'portal.db'}"
        self.sqlite = self.url_db.startswith("sqlite")
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = os.environ | {
            "INSTANCE_PATH": str(self.folder), "DATABASE_URL": self.url_db,
            "SECRET_KEY": "beban-uji", "FLASK_ENV": "development", "PORTAL_ENV": "",
            "LOGIN_MAX_PER_ADDRESS": "1000000", "LOGIN_MAX_PER_NIP": "1000000",
            "REDIS_URL": "",
        }
        self.workers, self.password = workers, password
        self.process: subprocess.Popen | None = None
        self.engine = create_engine(self.url_db)
        self.killed: list[int] = []

    def __enter__(self) -> Server:
        flask = [sys.executable, "-m", "flask", "--app", "wsgi"]
        for args in (["db", "upgrade"], ["seed-demo", "--password", self.password]):
            subprocess.run(flask + args, cwd=ROOT, env=self.env, check=True, capture_output=True)
        self.baseline = self._max_audit_id()
        self.log = open(self.folder / "gunicorn.log", "wb")  # noqa: SIM115 - closed in __exit__
        gunicorn = [sys.executable, "-m", "gunicorn"]
        extra = []
        if "--no-control-socket" in subprocess.run(gunicorn + ["--help"], capture_output=True,
                                                   text=True).stdout:
            extra = ["--no-control-socket"]  # several benches may run side by side
        self.process = subprocess.Popen(
            [*gunicorn, "--workers", str(self.workers), "--bind", f"127.0.0.1:{self.port}",
             "--timeout", "60", *extra, "wsgi:app"],
            cwd=ROOT, env=self.env, stdout=self.log, stderr=subprocess.STDOUT)
        if not wait_ready(self.url, lambda: len(self.worker_pids()) == self.workers):
            self.__exit__()
            raise RuntimeError("gunicorn tidak siap dalam 60 detik")
        return self

    def __exit__(self, *_exc) -> None:
        stop(self.process, 15)
        self.log.close()
        self.engine.dispose()

    # --- faults ------------------------------------------------------------------------------
    def worker_pids(self) -> list[int]:
        if self.process is None:
            return []
        path = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        try:
            return [int(p) for p in path.read_text().split()]
        except OSError:
            return []

    def kill_a_worker(self) -> int | None:
        """kill -9 one gunicorn worker (the master starts a new one)."""
        pids = self.worker_pids()
        if not pids:
            return None
        os.kill(pids[0], signal.SIGKILL)
        self.killed.append(pids[0])
        return pids[0]

    def respawned(self, seconds: float = 30) -> bool:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            pids = self.worker_pids()
            if len(pids) == self.workers and not set(pids) & set(self.killed):
                return True
            time.sleep(0.2)
        return False

    # --- what is in the database -------------------------------------------------------------
    def _max_audit_id(self) -> int:
        with self.engine.connect() as conn:
            return conn.scalar(text("SELECT coalesce(max(id), 0) FROM audit_log"))

    def rows(self, run_id: str) -> dict:
        """This run's rows: daily-entry keys (and how many rows carry them) and audit rows."""
        with self.engine.connect() as conn:
            keys = conn.execute(text(
                "SELECT kunci, count(*) FROM progres_harian WHERE kunci LIKE :p GROUP BY kunci"),
                {"p": f"{run_id}-%"}).all()
            audit = dict(conn.execute(text(
                "SELECT aksi, count(*) FROM audit_log WHERE id > :b AND aksi IN "
                "('realisasi.ajukan', 'realisasi.terima', 'realisasi.kembalikan', "
                "'ganti_sandi') GROUP BY aksi"), {"b": self.baseline}).all())
        return {"keys": {k for k, _n in keys}, "max_rows_per_key": max((n for _k, n in keys),
                                                                        default=0),
                "audit": {k: audit.get(k, 0) for k in COUNTED}}

    def integrity(self) -> str:
        """SQLite: PRAGMA integrity_check and foreign_key_check. PostgreSQL: the same promises
        checked by counting (no entry without its person or RHK, no key used twice)."""
        with self.engine.connect() as conn:
            if self.sqlite:
                result = conn.scalar(text("PRAGMA integrity_check"))
                broken = conn.execute(text("PRAGMA foreign_key_check")).all()
                return result if not broken else f"foreign keys: {len(broken)} broken"
            orphans = conn.scalar(text(
                "SELECT count(*) FROM progres_harian p LEFT JOIN rhk r ON r.id = p.rhk_id "
                "LEFT JOIN pegawai g ON g.id = p.pegawai_id WHERE r.id IS NULL OR g.id IS NULL"))
            twice = conn.scalar(text(
                "SELECT count(*) FROM (SELECT pegawai_id, kunci FROM progres_harian "
                "GROUP BY pegawai_id, kunci HAVING count(*) > 1) t"))
        problems = [f"{name}: {n}" for name, n in (("orphans", orphans), ("duplicate keys", twice))
                    if n]
        return "ok" if not problems else "; ".join(problems)
