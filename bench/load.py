"""Load test: N clients for S seconds against gunicorn (2 workers) on SQLite in WAL mode.

    python bench/load.py --clients 50 --seconds 60          # starts its own server on a free port
    python bench/load.py --url http://127.0.0.1:5000 ...     # or loads a running portal (demo data)

Each client is a person of the demo province with a cookie jar (stdlib only): it logs in, loads
its pages, switches role and, as a write whose rows can be counted, changes its password from
time to time (each change is one `ganti_sandi` audit row). At the end: every answer by status,
zero 5xx required, and — on a server this script started — the audit rows equal the password
changes the portal acknowledged. Traffic goes to 127.0.0.1 only; loops are bounded in time.
"""
from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PASSWORDS = ("kinerja2026", "kinerja2027")
TOKEN = re.compile(r'name="csrf-token" content="([^"]+)"')
PAGES = ("/", "/audit/saya", "/ganti-sandi")


@dataclass
class Tally:
    statuses: Counter = field(default_factory=Counter)
    errors: Counter = field(default_factory=Counter)
    acknowledged_writes: int = 0
    requests: int = 0
    slowest: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, status: int, seconds: float) -> None:
        with self.lock:
            self.statuses[status] += 1
            self.requests += 1
            self.slowest = max(self.slowest, seconds)

    @property
    def server_errors(self) -> int:
        return sum(n for code, n in self.statuses.items() if code >= 500)


class Client:
    """One person in one browser: a cookie jar, the CSRF token of the last page."""

    def __init__(self, base: str, nip: str, tally: Tally):
        self.base, self.nip, self.tally = base, nip, tally
        self.password = PASSWORDS[0]
        self.token = ""
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def request(self, path: str, data: dict | None = None) -> tuple[int, str]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        started = time.monotonic()
        try:
            with self.opener.open(self.base + path, data=body, timeout=60) as response:
                status, text = response.status, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as exc:
            status, text = exc.code, exc.read().decode("utf-8", "replace")
        except OSError as exc:  # refused, reset, timeout: counted, never a crash of the bench
            with self.tally.lock:
                self.tally.errors[type(exc).__name__] += 1
            return 0, ""
        self.tally.add(status, time.monotonic() - started)
        if match := TOKEN.search(text):
            self.token = match.group(1)
        return status, text

    def login(self) -> bool:
        self.request("/masuk")
        status, text = self.request("/masuk", {"nip": self.nip, "password": self.password,
                                               "csrf_token": self.token})
        return status == 200 and 'name="nip"' not in text

    def logout(self) -> None:
        self.request("/keluar", {"csrf_token": self.token})

    def change_password(self) -> None:
        new = PASSWORDS[1] if self.password == PASSWORDS[0] else PASSWORDS[0]
        self.request("/ganti-sandi")
        status, text = self.request("/ganti-sandi", {
            "lama": self.password, "baru": new, "ulang": new, "csrf_token": self.token})
        if status == 200 and 'name="lama"' not in text:  # redirected home: acknowledged
            self.password = new
            with self.tally.lock:
                self.tally.acknowledged_writes += 1

    def run(self, until: float, writes: bool) -> None:
        if not self.login():
            with self.tally.lock:
                self.tally.errors["login gagal"] += 1
            return
        step = 0
        while time.monotonic() < until:
            step += 1
            self.request(PAGES[step % len(PAGES)])
            self.request("/peran", {"peran": "pegawai", "csrf_token": self.token})
            if writes and step % 8 == 3:
                self.change_password()
            if step % 40 == 0:  # a fresh session now and then: logins are load too
                self.logout()
                self.login()


def demo_nips() -> list[str]:
    sys.path.insert(0, str(ROOT))
    from portal.demo import PEOPLE

    return [p.nip for p in PEOPLE.values()]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """gunicorn with 2 workers on a fresh SQLite (WAL) demo database in a temporary folder."""

    def __init__(self, workers: int = 2):
        self.folder = Path(tempfile.mkdtemp(prefix="portal-load-"))
        self.database = self.folder / "portal.db"
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = os.environ | {
            "INSTANCE_PATH": str(self.folder), "DATABASE_URL": f"sqlite:///{self.database}",
            "SECRET_KEY": "beban-uji", "FLASK_ENV": "development", "PORTAL_ENV": "",
            "LOGIN_MAX_PER_ADDRESS": "100000",
        }
        self.workers = workers
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> Server:
        flask = [sys.executable, "-m", "flask", "--app", "wsgi"]
        for args in (["db", "upgrade"], ["seed-demo", "--password", PASSWORDS[0]]):
            subprocess.run(flask + args, cwd=ROOT, env=self.env, check=True,
                           capture_output=True)
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
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(self.url + "/healthz", timeout=2) as r:
                    if r.status == 200:
                        return self
            except OSError:
                time.sleep(0.2)
        self.__exit__()
        raise RuntimeError("gunicorn tidak siap dalam 60 detik")

    def __exit__(self, *_exc) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()

    def count_password_changes(self) -> int:
        conn = sqlite3.connect(self.database)
        try:
            return conn.execute(
                "SELECT count(*) FROM audit_log WHERE aksi = 'ganti_sandi' AND aktor_id IN "
                "(SELECT id FROM pegawai)").fetchone()[0] - self.baseline
        finally:
            conn.close()

    def remember_baseline(self) -> None:
        self.baseline = 0
        self.baseline = self.count_password_changes()

    def integrity(self) -> str:
        conn = sqlite3.connect(self.database)
        try:
            return conn.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            conn.close()


def load(url: str, clients: int, seconds: float, nips: list[str], writers: int = 2) -> Tally:
    tally = Tally()
    until = time.monotonic() + seconds
    # A password change costs two scrypt hashes: a few clients do them, so that the count of
    # rows can be checked, without the hashing swamping the page loads. Only one client per
    # person changes that person's password (it would log out the others).
    threads = [threading.Thread(target=Client(url, nips[i % len(nips)], tally).run,
                                args=(until, i < min(writers, len(nips))), daemon=True)
               for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(seconds + 120)
    return tally


def run(clients: int = 10, seconds: float = 10, url: str | None = None,
        writers: int = 2) -> dict:
    nips = demo_nips()
    if url:
        tally = load(url, clients, seconds, nips, writers)
        return report(tally, seconds)
    with Server() as server:
        server.remember_baseline()
        tally = load(server.url, clients, seconds, nips, writers)
        result = report(tally, seconds)
        result["rows_written"] = server.count_password_changes()
        result["integrity"] = server.integrity()
        result["server_log"] = str(server.folder / "gunicorn.log")
    if passed(result):
        shutil.rmtree(server.folder, ignore_errors=True)
        result.pop("server_log")
    return result


def passed(result: dict) -> bool:
    ok = result["server_errors"] == 0 and not result["errors"]
    if "rows_written" in result:
        ok = ok and result["rows_written"] == result["acknowledged_writes"] \
            and result["integrity"] == "ok"
    return ok


def report(tally: Tally, seconds: float) -> dict:
    return {"requests": tally.requests, "per_second": round(tally.requests / seconds, 1),
            "statuses": dict(sorted(tally.statuses.items())), "errors": dict(tally.errors),
            "server_errors": tally.server_errors, "acknowledged_writes": tally.acknowledged_writes,
            "slowest_seconds": round(tally.slowest, 3)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--writers", type=int, default=2,
                        help="clients that also change their password (counted rows)")
    parser.add_argument("--url", help="a running portal with the demo data (default: start one)")
    args = parser.parse_args()
    result = run(args.clients, args.seconds, args.url, args.writers)
    print(json.dumps(result, indent=2, ensure_ascii=False))
    return 0 if passed(result) else 1


if __name__ == "__main__":
    sys.exit(main())
