"""The people of the load test: each a browser with a cookie jar (stdlib only) doing real work.

- every client loads its pages and makes daily entries (progres harian) with its own
  idempotency key; every fourth entry is sent twice with the same key (a double submit), and a
  write that got no answer or a 5xx is retried with the same key until the portal acknowledges
  it — so a key acknowledged is exactly one row;
- the first client of each person also submits its realization of the current sub-period, and
  the first client of each supervisor decides the realizations waiting for it: it returns them
  with a note (so they come back) and accepts every fourth;
- a few clients change their password (one audit row each).

A write counts as acknowledged when the portal answers it with its redirect (303/302).
"""
from __future__ import annotations

import http.client
import http.cookiejar
import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta

from portal import clock

PASSWORDS = ("kinerja2026", "kinerja2027")
TOKEN = re.compile(r'name="csrf-token" content="([^"]+)"')
RHK_SELECT = re.compile(r'<select[^>]*name="rhk"[^>]*>(.*?)</select>', re.S)
# The quick entry names a rencana aksi of the month when the person planned some (the RHK
# follows from it); only without one does it name an RHK.
RENCANA_SELECT = re.compile(r'<select[^>]*name="rencana"[^>]*>(.*?)</select>', re.S)
OPTION = re.compile(r'value="(\d+)"')
NILAI = re.compile(r'name="(nilai-\d+)"(?![^>]*disabled)')
VERSION = re.compile(r'name="version" value="(\d*)"')
SUB_ACTION = re.compile(r'action="/realisasi/(\d+)"')
TINJAU = re.compile(r'href="/tim/realisasi/(\d+)"')
PAGES = ("/", "/harian", "/audit/saya", "/realisasi")
ACK = (302, 303)
RETRIES = 12


@dataclass
class Tally:
    statuses: Counter = field(default_factory=Counter)
    errors: Counter = field(default_factory=Counter)
    acknowledged: Counter = field(default_factory=Counter)
    keys: set = field(default_factory=set)  # idempotency keys the portal acknowledged
    double_sent: int = 0  # keys sent twice on purpose (both acknowledged)
    retried: int = 0  # writes sent again after no answer or a 5xx
    gave_up: int = 0  # writes never acknowledged despite the retries
    conflicts: int = 0  # 409: someone else was first (not a write)
    relogins: int = 0
    requests: int = 0
    slowest: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, status: int, seconds: float) -> None:
        with self.lock:
            self.statuses[status] += 1
            self.requests += 1
            self.slowest = max(self.slowest, seconds)

    def ack(self, kind: str, key: str | None = None) -> None:
        with self.lock:
            self.acknowledged[kind] += 1
            if key:
                self.keys.add(key)

    def count(self, name: str, n: int = 1) -> None:
        with self.lock:
            setattr(self, name, getattr(self, name) + n)

    @property
    def server_errors(self) -> int:
        return sum(n for code, n in self.statuses.items() if code >= 500)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirect is the acknowledgement of a write: keep it as the answer."""

    def redirect_request(self, *args, **kwargs):
        return None


class Client:
    def __init__(self, base: str, nip: str, tally: Tally, run_id: str, index: int, *,
                 realisasi: bool, password: bool):
        self.base, self.nip, self.tally = base, nip, tally
        self.run_id, self.index = run_id, index
        self.does_realisasi, self.does_password = realisasi, password
        self.password = PASSWORDS[0]
        self.token, self.rhk, self.location = "", None, ""
        self.day, self.entries, self.decisions = clock.today(), 0, 0
        self.harian_off, self.atasan = False, True
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), _NoRedirect())

    # --- HTTP --------------------------------------------------------------------------------
    def request(self, path: str, data: dict | None = None) -> tuple[int, str]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        self.location = ""
        started = time.monotonic()
        try:
            status, text = self._open(path, body)
        except (OSError, http.client.HTTPException) as exc:
            # refused, reset or cut short (a killed worker), timeout: counted, and retried.
            # A body cut short after the status line counts too: the answer never arrived.
            with self.tally.lock:
                self.tally.errors[type(exc).__name__] += 1
            return 0, ""
        self.tally.add(status, time.monotonic() - started)
        if match := TOKEN.search(text):
            self.token = match.group(1)
        return status, text

    def _open(self, path: str, body: bytes | None) -> tuple[int, str]:
        try:
            with self.opener.open(self.base + path, data=body, timeout=60) as response:
                return response.status, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as exc:  # 3xx (not followed), 4xx, 5xx: an answer
            self.location = exc.headers.get("Location", "")
            return exc.code, exc.read().decode("utf-8", "replace")

    def write(self, path: str, data: dict) -> tuple[int, str]:
        """POST until the portal answers something other than "no answer" or 5xx, with the same
        fields (so the same idempotency key) every time."""
        for attempt in range(RETRIES):
            status, text = self.request(path, data | {"csrf_token": self.token})
            lost = status in ACK and "/masuk" in self.location or status == 400
            if lost and path != "/masuk" and attempt < 2:
                self.tally.count("relogins")  # the session ended: not an acknowledgement
                self.login()
                continue
            if status and status < 500:
                return status, text
            self.tally.count("retried")
            time.sleep(min(0.2 * (attempt + 1), 2))
        self.tally.count("gave_up")
        return 0, ""

    def login(self) -> bool:
        for password in (self.password, *[p for p in PASSWORDS if p != self.password]):
            self.request("/masuk")
            status, _ = self.write("/masuk", {"nip": self.nip, "password": password})
            if status in ACK:
                self.password = password
                self.request("/")
                return True
        return False

    # --- work ----------------------------------------------------------------------------------
    def daily_entry(self) -> None:
        if self.harian_off:
            return
        if self.rhk is None:
            _, page = self.request("/beranda/pegawai")
            rencana = RENCANA_SELECT.search(page)
            select = rencana or RHK_SELECT.search(page)
            options = OPTION.findall(select.group(1)) if select else []
            if not options:
                self.harian_off = True  # no approved SKP: nothing to log against
                return
            self.rhk = ("rencana" if rencana else "rhk", options[0])
        self.entries += 1
        key = f"{self.run_id}-{self.index}-{self.entries}"
        fields = {"uraian": f"Pekerjaan beban {self.entries}", self.rhk[0]: self.rhk[1],
                  "output": "1",
                  "tanggal": self.day.isoformat(), "mode": "WFO", "bukti_link": "",
                  "kunci": key}
        status, _ = self.write("/harian/entri", fields)
        if status in ACK:
            self.tally.ack("harian", key)
            if self.entries % 4 == 1:  # the double submit (from the first entry on, so a slow
                # machine makes some too): same key, must be acknowledged too
                again, _ = self.write("/harian/entri", fields)
                if again in ACK:
                    self.tally.count("double_sent")
        elif status == 422:  # a weekend, a holiday or leave: try the day before
            self.day -= timedelta(days=1)
            self.harian_off = (clock.today() - self.day).days > 20

    def submit_realisasi(self) -> None:
        status, page = self.request("/realisasi")
        sub, names = SUB_ACTION.search(page), NILAI.findall(page)
        if status != 200 or not sub or not names or 'value="ajukan"' not in page:
            return
        version = VERSION.search(page)
        fields = {name: "1" for name in names} | {"aksi": "ajukan",
                                                   "version": version.group(1) if version else ""}
        status, _ = self.write(f"/realisasi/{sub.group(1)}", fields)
        if status in ACK:
            self.tally.ack("realisasi.ajukan")
        elif status == 409:
            self.tally.count("conflicts")

    def decide_realisasi(self) -> None:
        if not self.atasan:
            return
        status, page = self.request("/tim/realisasi")
        self.atasan = status != 403  # not a supervisor: ask once
        waiting = TINJAU.findall(page) if status == 200 else []
        if not waiting:
            return
        rp = waiting[0]
        _, page = self.request(f"/tim/realisasi/{rp}")
        version = VERSION.search(page)
        if not version:
            return
        self.decisions += 1
        terima = self.decisions % 4 == 0
        status, _ = self.write(f"/tim/realisasi/{rp}/putuskan", {
            "aksi": "terima" if terima else "kembalikan", "version": version.group(1),
            "catatan": "" if terima else "Lengkapi bukti dukung (uji beban)."})
        if status in ACK:
            self.tally.ack("realisasi.terima" if terima else "realisasi.kembalikan")
        elif status == 409:
            self.tally.count("conflicts")

    def change_password(self) -> None:
        new = PASSWORDS[1] if self.password == PASSWORDS[0] else PASSWORDS[0]
        self.request("/ganti-sandi")
        status, _ = self.write("/ganti-sandi", {"lama": self.password, "baru": new,
                                                "ulang": new})
        if status in ACK:
            self.password = new
            self.tally.ack("ganti_sandi")
            self.request("/")

    def run(self, until: float) -> None:
        if not self.login():
            with self.tally.lock:
                self.tally.errors["login gagal"] += 1
            return
        step = 0
        while time.monotonic() < until:
            step += 1
            self.request(PAGES[step % len(PAGES)])
            self.daily_entry()
            if self.does_realisasi and step % 2 == 0:
                self.decide_realisasi()
                self.submit_realisasi()
            if self.does_password and step % 8 == 3:
                self.change_password()
        if self.does_password and self.password != PASSWORDS[0]:
            self.change_password()  # leave the demo password as it was (a reused database)
