"""What the province benchmarks share: a gunicorn server on a given database, a logged-in
client (stdlib only), personas of the synthetic province, percentiles and the machine.

Traffic goes to 127.0.0.1 only.
"""
from __future__ import annotations

import http.cookiejar
import os
import platform
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "kinerja2026"  # noqa: S105 - the synthetic province's demo password
TOKEN = re.compile(r'name="csrf-token" content="([^"]+)"')
DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/portal_bench"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def flask(args: list[str], database: str, instance: str, **kw) -> subprocess.CompletedProcess:
    env = os.environ | {"DATABASE_URL": database, "INSTANCE_PATH": instance,
                        "SECRET_KEY": "bench", "PORTAL_ENV": "", "FLASK_ENV": "development"}
    return subprocess.run([sys.executable, "-m", "flask", "--app", "wsgi", *args], cwd=ROOT,
                          env=env, check=True, **kw)


def ensure_province(database: str, employees: int, instance: str) -> str:
    """Migrate, and seed the synthetic province when the database has nobody yet. Returns a
    line that says what was done (with the seed's own timing)."""
    from sqlalchemy import create_engine, text

    if database.startswith("postgresql"):
        _create_pg_database(database)
    flask(["db", "upgrade"], database, instance, capture_output=True)
    engine = create_engine(database)
    with engine.connect() as conn:
        have = conn.execute(text("SELECT count(*) FROM pegawai")).scalar()
    engine.dispose()
    if have:
        return f"ada {have} pegawai; tidak di-seed ulang"
    out = flask(["seed-synthetic", "--employees", str(employees)], database, instance,
                capture_output=True, text=True)
    return out.stdout.strip().splitlines()[-1]


def _create_pg_database(url: str) -> None:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    u = make_url(url)
    admin = create_engine(u.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        if not conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :d"),
                            {"d": u.database}).scalar():
            conn.execute(text(f'CREATE DATABASE "{u.database}"'))
    admin.dispose()


def wait_ready(url: str, ready=lambda: True, seconds: float = 60) -> bool:
    """Poll a starting portal until /healthz answers 200 and `ready()` holds (or time is up)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=2) as r:
                if r.status == 200 and ready():
                    return True
        except OSError:
            pass
        time.sleep(0.2)
    return False


def stop(process: subprocess.Popen | None, seconds: float = 20) -> None:
    """Stop a server politely (SIGTERM lets gunicorn finish its requests), then for good."""
    if process and process.poll() is None:
        process.terminate()
        try:
            process.wait(seconds)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class Server:
    """gunicorn (sync workers) on `database`; `hello=True` adds the benchmark hello endpoint."""

    def __init__(self, database: str, workers: int = 2, hello: bool = False,
                 target: str | None = None):
        self.folder = Path(tempfile.mkdtemp(prefix="portal-bench-"))
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = os.environ | {
            "INSTANCE_PATH": str(self.folder), "DATABASE_URL": database,
            "SECRET_KEY": "bench", "FLASK_ENV": "development", "PORTAL_ENV": "",
            "LOGIN_MAX_PER_ADDRESS": "1000000", "LOGIN_MAX_PER_NIP": "1000000"}
        self.target = target or ("bench.hello:create_bench_app()" if hello else "wsgi:app")
        self.workers = workers
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> Server:
        self.log = open(self.folder / "gunicorn.log", "wb")  # noqa: SIM115 - closed in __exit__
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--workers", str(self.workers), "--bind",
             f"127.0.0.1:{self.port}", "--timeout", "120", "--backlog", "2048", self.target],
            cwd=ROOT, env=self.env, stdout=self.log, stderr=subprocess.STDOUT)
        if not wait_ready(self.url):
            self.__exit__()
            raise RuntimeError("gunicorn tidak siap dalam 60 detik")
        return self

    def __exit__(self, *_exc) -> None:
        stop(self.process)
        self.log.close()


class Client:
    """One person's browser: a cookie jar, the CSRF token of the last page."""

    def __init__(self, base: str, user_agent: str | None = None):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        if user_agent:  # the session is bound to it (flask-login's session protection)
            self.opener.addheaders = [("User-Agent", user_agent)]
        self.token = ""

    def cookie_header(self) -> str:
        return "; ".join(f"{c.name}={c.value}" for c in self.jar)

    def get(self, path: str, headers: dict | None = None) -> tuple[int, str]:
        req = urllib.request.Request(self.base + path, headers=headers or {})
        try:
            with self.opener.open(req, timeout=120) as r:
                body = r.read().decode()
                status = r.status
        except urllib.error.HTTPError as e:
            body, status = e.read().decode(errors="replace"), e.code
        if m := TOKEN.search(body):
            self.token = m.group(1)
        return status, body

    def post(self, path: str, data: dict, headers: dict | None = None) -> tuple[int, str]:
        form = urllib.parse.urlencode({"csrf_token": self.token, **data}).encode()
        req = urllib.request.Request(self.base + path, data=form,
                                     headers={"X-CSRFToken": self.token, **(headers or {})})
        try:
            with self.opener.open(req, timeout=120) as r:
                return r.status, r.read().decode()
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode(errors="replace")

    def login(self, nip: str, role: str | None = None) -> Client:
        self.get("/masuk")
        status, body = self.post("/masuk", {"nip": nip, "password": PASSWORD})
        if status >= 400:
            raise RuntimeError(f"login {nip} gagal: {status}")
        self.get("/")
        if role:
            self.post("/peran", {"peran": role})
        return self


def personas(database: str) -> dict[str, str]:
    """NIPs of one person per role in the synthetic province (largest teams for atasan)."""
    from sqlalchemy import create_engine, text

    q = {
        "sekda": "SELECT p.nip FROM pegawai p JOIN riwayat_jabatan r ON r.pegawai_id = p.id "
                 "JOIN jabatan j ON j.id = r.jabatan_id WHERE j.atasan_id IS NULL",
        "admin": "SELECT nip FROM pegawai WHERE is_admin ORDER BY id LIMIT 1",
        "kepala": "SELECT p.nip FROM pegawai p JOIN riwayat_jabatan r ON r.pegawai_id = p.id "
                  "JOIN jabatan j ON j.id = r.jabatan_id WHERE j.eselon = 'II' "
                  "ORDER BY p.id LIMIT 1",
        "kasi": "SELECT p.nip FROM pegawai p JOIN riwayat_jabatan r ON r.pegawai_id = p.id "
                "JOIN jabatan j ON j.id = r.jabatan_id WHERE j.eselon = 'IV' "
                "ORDER BY p.id LIMIT 1",
    }
    engine = create_engine(database)
    with engine.connect() as conn:
        out = {k: conn.execute(text(v)).scalar() for k, v in q.items()}
        out["staf"] = conn.execute(text(
            "SELECT p.nip FROM pegawai p JOIN riwayat_jabatan r ON r.pegawai_id = p.id "
            "JOIN jabatan j ON j.id = r.jabatan_id WHERE j.eselon IS NULL AND NOT p.is_admin "
            "AND j.atasan_id IS NOT NULL ORDER BY p.id DESC LIMIT 1")).scalar()
    engine.dispose()
    return out


def staff_nips(database: str, count: int) -> list[str]:
    from sqlalchemy import create_engine, text

    engine = create_engine(database)
    with engine.connect() as conn:
        rows = conn.execute(text(
            "SELECT p.nip FROM pegawai p JOIN riwayat_jabatan r ON r.pegawai_id = p.id "
            "JOIN jabatan j ON j.id = r.jabatan_id WHERE j.eselon IS NULL AND NOT p.is_admin "
            # OFFSET 1: the newest staff member is the `staf` persona of bench/pages.py,
            # whose home and week list would otherwise grow with every entry benchmark.
            "AND j.atasan_id IS NOT NULL ORDER BY p.id DESC LIMIT :n OFFSET 1"),
            {"n": count}).all()
    engine.dispose()
    return [r[0] for r in rows]


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    s = sorted(values)
    k = min(len(s) - 1, max(0, round(p / 100 * (len(s) - 1))))
    return s[k]


def machine() -> dict:
    mem = "?"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    versions = {"python": platform.python_version()}
    for name in ("flask", "sqlalchemy", "weasyprint", "gunicorn", "psycopg"):
        try:
            from importlib.metadata import version
            versions[name] = version(name)
        except Exception:  # noqa: BLE001, S110 - a missing package is just not listed
            pass
    try:
        pg = subprocess.run(["psql", "--version"], capture_output=True, text=True).stdout.strip()
        found = re.search(r"\) (\d+(?:\.\d+)*)", pg)
        versions["postgresql"] = found.group(1) if found else "?"
    except OSError:
        pass
    import sqlite3
    versions["sqlite"] = sqlite3.sqlite_version
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"nproc": os.cpu_count(), "memory": mem, "cpu": cpu, "versions": versions}


class PgCpu:
    """CPU seconds (user + system) of the PostgreSQL server processes that serve `database` on
    this machine while the block runs, read from /proc: the part of a benchmark's work that
    the client's own CPU time does not show. Backends are found in pg_stat_activity and sampled
    every `every` seconds (a backend that exits between two samples loses at most that
    interval's time); what a backend had used before the block is subtracted, and the sampler's
    own backend is left out. `seconds` is None when /proc of the server is not readable
    (another machine, another user)."""

    def __init__(self, database: str, every: float = 0.2):
        import threading

        from sqlalchemy import create_engine
        from sqlalchemy.engine import make_url

        url = make_url(database)
        self.name, self.every = url.database, every
        self._engine = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
        self._used: dict[tuple[int, int], float] = {}
        self._before: dict[tuple[int, int], float] = {}
        self._unreadable = False
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self.seconds: float | None = None

    def __enter__(self) -> PgCpu:
        self._conn = self._engine.connect()
        self._sample()
        self._before = dict(self._used)
        self._thread.start()
        return self

    def __exit__(self, *_exc) -> None:
        self._stop.set()
        self._thread.join()
        self._sample()
        self._conn.close()
        self._engine.dispose()
        if not self._unreadable:
            self.seconds = round(sum(v - self._before.get(k, 0.0)
                                     for k, v in self._used.items()), 1)

    def _loop(self) -> None:
        while not self._stop.wait(self.every):
            self._sample()

    def _sample(self) -> None:
        from sqlalchemy import text

        tick = os.sysconf("SC_CLK_TCK")
        for (pid,) in self._conn.execute(text(
                "SELECT pid FROM pg_stat_activity WHERE datname = :d "
                "AND pid <> pg_backend_pid()"), {"d": self.name}):
            try:
                with open(f"/proc/{pid}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
            except FileNotFoundError:
                continue  # exited meanwhile
            except OSError:
                self._unreadable = True
                continue
            # (pid, start time): a pid reused by a new backend is another process
            self._used[(pid, int(fields[19]))] = (int(fields[11]) + int(fields[12])) / tick
