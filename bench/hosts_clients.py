"""The client host of bench/hosts.py: real work through the balancer, and the checks that only
hold when nothing lives on one host. Runs inside the client namespace; prints `LOAD <time>`
when the load starts (the orchestrator kills a host halfway), then one JSON result.

Before the load, each through one host and back through the other (directly, not through the
balancer, so which host answers is certain):
- a session made at host a is logged in at host b;
- an evidence file uploaded through host a downloads byte for byte through host b;
- a ZIP of rapor started through host a (built by whichever host's job worker took it)
  downloads through host b.
During the load (bench/load_clients.py's people: logins, daily entries with idempotency keys
and double submits, realization submits, returns and accepts; plus the dashboard and an
evidence upload/download every few seconds through the balancer): every write that got no
answer or a 5xx is retried with the same key. After it:
- the login throttle counts across hosts: failed logins alternate between a and b, and after
  LOGIN_MAX_PER_NIP of them both hosts refuse (429);
- every acknowledged daily-entry key is exactly one row, and no row exists that was not
  acknowledged; realization decisions in the audit trail equal the acknowledged ones.
"""
from __future__ import annotations

import argparse
import http.cookies
import io
import json
import re
import secrets
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sqlalchemy import create_engine, text  # noqa: E402

from bench.load_clients import PASSWORDS, Client, Tally, _NoRedirect  # noqa: E402
from portal import clock  # noqa: E402

PEGAWAI = "199204172019031006"  # Andi Pratama, Seksi Surveilans (the demo's pegawai)
ATASAN = "198003142006042011"  # his supervisor
PDF = b"%PDF-1.4\n% bukti dari host lain\n1 0 obj\n<<>>\nendobj\n%%EOF\n"
SELECTED = re.compile(r'<option value="([^"]+)" selected>')
TOKEN = re.compile(r'name="csrf-token" content="([^"]+)"')


class TimedTally(Tally):
    """Load tally that also keeps when each 5xx came (to tell those cut by the kill)."""

    def __init__(self):
        super().__init__()
        self.errors_at: list[tuple[float, int]] = []

    def add(self, status: int, seconds: float) -> None:
        super().add(status, seconds)
        if status >= 500:
            with self.lock:
                self.errors_at.append((time.time(), status))


class Browser:
    """One person's browser. Its cookies go to every host it talks to, as a browser's go to
    the one address of the balancer whichever host answers behind it."""

    def __init__(self):
        self.cookies: dict[str, str] = {}
        self.opener = urllib.request.build_opener(_NoRedirect())
        self.token = ""

    def get(self, url: str) -> tuple[int, bytes, str]:
        return self._open(url)

    def post(self, url: str, fields: dict, files: dict | None = None) -> tuple[int, bytes, str]:
        fields = fields | {"csrf_token": self.token}
        if files:
            boundary = secrets.token_hex(12)
            body = b"".join(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'
                .encode() for k, v in fields.items())
            for k, (name, data) in files.items():
                body += (f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"; '
                         f'filename="{name}"\r\nContent-Type: application/pdf\r\n\r\n'
                         ).encode() + data + b"\r\n"
            body += f"--{boundary}--\r\n".encode()
            kind = f"multipart/form-data; boundary={boundary}"
        else:
            body = urllib.parse.urlencode(fields).encode()
            kind = "application/x-www-form-urlencoded"
        return self._open(url, body, kind)

    def _open(self, url: str, body: bytes | None = None, kind: str = "",
              hops: int = 5) -> tuple[int, bytes, str]:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if kind:
            headers["Content-Type"] = kind
        req = urllib.request.Request(url, data=body, headers=headers)
        try:
            with self.opener.open(req, timeout=60) as r:
                status, data, answer = r.status, r.read(), r.headers
        except urllib.error.HTTPError as exc:
            status, data, answer = exc.code, exc.read(), exc.headers
        for line in answer.get_all("Set-Cookie") or []:
            for name, morsel in http.cookies.SimpleCookie(line).items():
                if morsel["expires"] and "1970" in morsel["expires"]:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        if status in (301, 302, 303) and hops:
            target = urllib.parse.urljoin(url, answer["Location"])
            return self._open(target, hops=hops - 1)
        if match := TOKEN.search(data.decode("utf-8", "replace")):
            self.token = match.group(1)
        return status, data, url

    def login(self, base: str, nip: str) -> bool:
        self.get(base + "/masuk")
        status, _, final = self.post(base + "/masuk", {"nip": nip, "password": PASSWORDS[0]})
        return status == 200 and "/masuk" not in final


def session_crosses(a: str, b: str) -> bool:
    browser = Browser()
    if not browser.login(a, PEGAWAI):
        return False
    status, _, final = browser.get(b + "/harian")
    return status == 200 and "/masuk" not in final


def _entry_of(engine, nip: str) -> int:
    with engine.connect() as conn:
        return conn.scalar(text(
            "SELECT p.id FROM progres_harian p JOIN pegawai g ON g.id = p.pegawai_id "
            "WHERE g.nip = :nip ORDER BY coalesce(p.verifikasi, '') = 'diterima', p.id DESC "
            "LIMIT 1"), {"nip": nip})


def evidence_crosses(engine, up: str, down: str, browser: Browser | None = None) -> bool:
    """Upload through `up`, download through `down`: the same bytes."""
    if browser is None:
        browser = Browser()
        if not browser.login(up, PEGAWAI):
            return False
    entry = _entry_of(engine, PEGAWAI)
    body = PDF + secrets.token_hex(8).encode()
    browser.get(f"{up}/harian/entri/{entry}/ubah")
    status, _, _ = browser.post(f"{up}/harian/entri/{entry}/bukti", {},
                                {"berkas": ("bukti-lintas-host.pdf", body)})
    if status != 200:
        return False
    with engine.connect() as conn:
        bid = conn.scalar(text("SELECT max(id) FROM bukti_dukung WHERE progres_id = :e"),
                          {"e": entry})
    status, data, _ = browser.get(f"{down}/bukti/{bid}")
    return status == 200 and data == body


def zip_crosses(engine, a: str, b: str, seconds: float = 120) -> dict:
    browser = Browser()
    if not browser.login(a, ATASAN):
        return {"ok": False, "why": "login"}
    _, page, _ = browser.get(a + "/unduhan")
    period = SELECTED.search(page.decode())
    if not period:
        return {"ok": False, "why": "no rated period"}
    status, _, final = browser.post(a + "/unduhan", {"periode": period.group(1),
                                                     "cakupan": "bawahan"})
    if not re.search(r"/unduhan/\d+$", final):
        return {"ok": False, "why": f"POST /unduhan: {status} {period.group(1)}"}
    job = int(final.rsplit("/", 1)[1])
    started, deadline = time.monotonic(), time.monotonic() + seconds
    while time.monotonic() < deadline:
        with engine.connect() as conn:
            state = conn.scalar(text("SELECT status FROM job WHERE id = :j"), {"j": job})
        if state in ("selesai", "gagal"):
            break
        browser.get(f"{b}/unduhan/{job}")  # the progress page, through the other host
        time.sleep(0.5)
    status, data, _ = browser.get(f"{b}/unduhan/{job}/zip")
    names = zipfile.ZipFile(io.BytesIO(data)).namelist() if status == 200 else []
    return {"ok": status == 200 and bool(names), "job": job, "rapor": len(names),
            "seconds": round(time.monotonic() - started, 1)}


def throttle_crosses(a: str, b: str, limit: int = 6) -> bool:
    """Failed logins for one NIP, alternating between the hosts: after `limit` in all, both
    hosts refuse the next attempt (the count lives in the shared database)."""
    nip = "199001012020011" + f"{secrets.randbelow(1000):03d}"
    browser = Browser()
    for i in range(limit):
        base = (a, b)[i % 2]
        browser.get(base + "/masuk")
        status, _, _ = browser.post(base + "/masuk", {"nip": nip, "password": "salah-sekali"})
        if status != 422:
            return False
    answers = []
    for base in (a, b):
        browser.get(base + "/masuk")
        answers.append(browser.post(base + "/masuk", {"nip": nip, "password": "x"})[0])
    return answers == [429, 429]


class Mixed(Client):
    """A load client that also opens the dashboard (supervisors)."""

    def request(self, path, data=None):
        answer = super().request(path, data)
        if path == "/" and self.atasan and self.index % 3 == 0:
            super().request("/dasbor")
        return answer


def evidence_loop(engine, balancer: str, until: float, out: dict) -> None:
    browser = Browser()
    while not browser.login(balancer, PEGAWAI) and time.monotonic() < until:
        time.sleep(1)
    while time.monotonic() < until:
        try:
            ok = evidence_crosses(engine, balancer, balancer, browser)
        except OSError:
            ok = False
        with engine.connect() as conn:  # the portal's connections to PostgreSQL, this instant
            now = conn.scalar(text("SELECT count(*) FROM pg_stat_activity WHERE datname = "
                                   "current_database() AND pid <> pg_backend_pid()"))
        out["max_connections_seen"] = max(out["max_connections_seen"], now)
        if ok:
            out["ok"] += 1
        else:
            out["failed_at"].append(time.time())
        time.sleep(2)


def load(balancer: str, engine, seconds: float, clients: int) -> tuple[TimedTally, dict, str]:
    from portal.demo import PEOPLE

    nips = [p.nip for p in PEOPLE.values()]
    tally, run_id = TimedTally(), "hosts-" + secrets.token_hex(4)
    until = time.monotonic() + seconds
    people = [Mixed(balancer, nips[i % len(nips)], tally, run_id, i,
                    realisasi=i < len(nips), password=False) for i in range(clients)]
    evidence = {"ok": 0, "failed_at": [], "max_connections_seen": 0}
    threads = [threading.Thread(target=c.run, args=(until,), daemon=True) for c in people]
    threads.append(threading.Thread(target=evidence_loop, args=(engine, balancer, until,
                                                                evidence), daemon=True))
    print(f"LOAD {time.time()}", flush=True)
    for t in threads:
        t.start()
    for t in threads:
        t.join(seconds + 180)
    return tally, evidence, run_id


def rows(engine, run_id: str, baseline: int) -> dict:
    with engine.connect() as conn:
        keys = conn.execute(text(
            "SELECT kunci, count(*) FROM progres_harian WHERE kunci LIKE :p GROUP BY kunci"),
            {"p": f"{run_id}-%"}).all()
        audit = dict(conn.execute(text(
            "SELECT aksi, count(*) FROM audit_log WHERE id > :b AND aksi IN "
            "('realisasi.ajukan', 'realisasi.terima', 'realisasi.kembalikan') GROUP BY aksi"),
            {"b": baseline}).all())
    return {"keys": {k for k, _n in keys}, "max_per_key": max((n for _k, n in keys), default=0),
            "audit": audit}


def main() -> int:
    parser = argparse.ArgumentParser()
    for name in ("--database", "--balancer", "--host-a", "--host-b"):
        parser.add_argument(name, required=True)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--clients", type=int, default=20)
    args = parser.parse_args()
    clock.freeze_from_environment()
    engine = create_engine(args.database)
    a, b = args.host_a, args.host_b
    checks: dict[str, bool] = {}
    checks["session_a_to_b"] = session_crosses(a, b)
    checks["evidence_a_to_b"] = evidence_crosses(engine, a, b)
    zipped = zip_crosses(engine, a, b)
    checks["zip_a_to_b"] = zipped["ok"]
    with engine.connect() as conn:
        baseline = conn.scalar(text("SELECT coalesce(max(id), 0) FROM audit_log"))
    started = time.monotonic()
    tally, evidence, run_id = load(args.balancer, engine, args.seconds, args.clients)
    elapsed = time.monotonic() - started
    checks["throttle_across_hosts"] = throttle_crosses(a, b)
    found = rows(engine, run_id, baseline)
    checks["every_acknowledged_entry_once"] = (not tally.keys - found["keys"]
                                               and not found["keys"] - tally.keys
                                               and found["max_per_key"] <= 1)
    checks["decisions_equal_audit"] = all(
        found["audit"].get(k, 0) == tally.acknowledged.get(k, 0)
        for k in ("realisasi.ajukan", "realisasi.terima", "realisasi.kembalikan"))
    checks["evidence_during_load"] = evidence["ok"] > 0  # failures: judged by the kill window
    engine.dispose()
    print(json.dumps({
        "checks": checks, "zip": zipped, "evidence_during_load": evidence,
        "clients": args.clients, "seconds": args.seconds,
        "requests": tally.requests, "per_second": round(tally.requests / elapsed, 1),
        "statuses": dict(sorted(tally.statuses.items())), "errors": dict(tally.errors),
        "server_errors_at": tally.errors_at, "retried": tally.retried,
        "gave_up": tally.gave_up, "relogins": tally.relogins,
        "acknowledged": dict(tally.acknowledged), "entry_rows": len(found["keys"]),
        "double_sent": tally.double_sent, "slowest_seconds": round(tally.slowest, 2)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
