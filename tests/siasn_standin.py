"""A stand-in for BKN's SIASN web service, started by the tests on a free local port. It is NOT
BKN: it holds what the portal assumes of SIASN (docs/siasn.md) — OAuth client credentials at
/oauth/token, the SSO user token in the `Auth` header, reference lists at /referensi/<daftar>,
"kinerja periodik" records saved at /kinerja-periodik (with `id`: an update) and listed per NIP —
and it checks the documented fields. It can be told to misbehave once: answer 401, 429 or 500,
or take longer than the client waits (after it has saved the record, as a real slow server
would)."""
from __future__ import annotations

import json
import threading
import time
import uuid
from base64 import b64encode
from contextlib import suppress
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from portal.rules.siasn import PETA

CLIENT_ID, CLIENT_SECRET, SSO_TOKEN = "portal-uji", "rahasia-klien", "sso-pengguna-uji"
WAJIB = ("tahun", "periodikId", "bulanMulaiPenilaian", "bulanSelesaiPenilaian",
         "hasilKinerjaNilai", "perilakuKerjaNilai", "kuadranKinerjaNilai", "koefisienId",
         "pnsDinilaiNip", "penilaiNipNrp", "penilaiNama", "penilaiJabatan", "penilaiUnorNama",
         "penilaiGolongan", "statusPenilai")
# Each reference list with made-up ids: a name -> id of SIASN's own.
REFERENSI = {daftar: {nama: f"{daftar[:3]}-{i}"
                      for i, nama in enumerate(sorted(set(names.values())), 1)}
             for daftar, names in PETA.items()}


class StandIn:
    def __init__(self):
        self.records: dict[str, dict] = {}
        self.requests: list[tuple[str, str]] = []
        self.faults: list[str] = []  # "401", "429", "500", "lambat" — each used once
        self.delay = 1.5
        self.access_tokens: set[str] = set()
        self.referensi = {k: dict(v) for k, v in REFERENSI.items()}
        self._lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def start(self) -> StandIn:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def saves(self) -> int:
        return sum(1 for method, path in self.requests
                   if method == "POST" and path == "/kinerja-periodik")

    def _fault(self) -> str | None:
        with self._lock:
            return self.faults.pop(0) if self.faults else None

    def _handler(self):
        standin = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *_args):  # quiet test output
                pass

            def _answer(self, code: int, body: dict, headers: dict | None = None):
                data = json.dumps(body).encode()
                self.send_response(code)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.end_headers()
                # the client may have given up waiting (the timeout test)
                with suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(data)

            def _body(self) -> bytes:
                return self.rfile.read(int(self.headers.get("Content-Length") or 0))

            def _authorized(self) -> bool:
                bearer = self.headers.get("Authorization", "").removeprefix("Bearer ")
                sso = self.headers.get("Auth", "").removeprefix("bearer ")
                return bearer in standin.access_tokens and sso == SSO_TOKEN

            def do_POST(self):  # noqa: N802 - http.server's naming
                path = urlsplit(self.path).path
                standin.requests.append(("POST", path))
                body = self._body()
                if path == "/oauth/token":
                    basic = "Basic " + b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
                    form = parse_qs(body.decode())
                    if self.headers.get("Authorization") != basic or \
                            form.get("grant_type") != ["client_credentials"]:
                        return self._answer(401, {"error": "invalid_client"})
                    token = uuid.uuid4().hex
                    standin.access_tokens.add(token)
                    return self._answer(200, {"access_token": token, "token_type": "Bearer",
                                              "expires_in": 3600})
                if path != "/kinerja-periodik":
                    return self._answer(404, {"message": "tidak ada"})
                fault = standin._fault()
                if fault == "401":
                    standin.access_tokens.clear()  # as if the access token expired
                if not self._authorized():
                    return self._answer(401, {"message": "Unauthorized"})
                if fault == "429":
                    return self._answer(429, {"message": "Too Many Requests"},
                                        {"Retry-After": "1"})
                if fault == "500":
                    return self._answer(500, {"message": "Internal Server Error"})
                record = json.loads(body or b"{}")
                missing = [f for f in WAJIB if f not in record]
                if missing:
                    return self._answer(400, {"message": f"Field wajib kosong: {missing}"})
                for field, daftar in (("periodikId", "periodik"), ("hasilKinerjaNilai", "hasil"),
                                      ("perilakuKerjaNilai", "perilaku"),
                                      ("kuadranKinerjaNilai", "kuadran"),
                                      ("koefisienId", "koefisien")):
                    if record[field] not in standin.referensi[daftar].values():
                        return self._answer(400, {"message": f"{field} tidak dikenal"})
                with standin._lock:
                    rid = record.get("id") or uuid.uuid4().hex[:12]
                    standin.records[rid] = {**record, "id": rid}
                if fault == "lambat":
                    time.sleep(standin.delay)  # saved, but the answer comes too late
                return self._answer(200, {"success": True, "mapData": {"id": rid}})

            def do_GET(self):  # noqa: N802
                parts = urlsplit(self.path)
                standin.requests.append(("GET", parts.path))
                if not self._authorized():
                    return self._answer(401, {"message": "Unauthorized"})
                if parts.path.startswith("/referensi/"):
                    daftar = parts.path.rsplit("/", 1)[1]
                    rows = standin.referensi.get(daftar)
                    if rows is None:
                        return self._answer(404, {"message": "tidak ada"})
                    return self._answer(200, {"data": [{"id": v, "nama": k}
                                                       for k, v in rows.items()]})
                if parts.path == "/kinerja-periodik":
                    nip = parse_qs(parts.query).get("nip", [""])[0]
                    return self._answer(200, {"data": [r for r in standin.records.values()
                                                       if r["pnsDinilaiNip"] == nip]})
                return self._answer(404, {"message": "tidak ada"})

        return Handler
