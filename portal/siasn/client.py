"""The SIASN web service client: OAuth client credentials for the API gateway plus the SSO
user token (header `Auth`), reference lists cached for a day, saving and listing "kinerja
periodik" records. Credentials come from configuration (environment), never the database.

Endpoints and answers are as the stand-in (tests/siasn_standin.py) has them; what of it was
checked against BKN, and what not, is in docs/siasn.md."""
from __future__ import annotations

import time

import requests
from flask import current_app

from portal.rules.siasn import REFERENSI

_CACHE: dict[str, tuple[float, dict]] = {}  # base URL -> (until, reference lists)
CACHE_SECONDS = 24 * 3600


class SiasnError(Exception):
    """`status` None: no answer at all (timeout, connection refused)."""

    def __init__(self, status: int | None, pesan: str, retry_after: int | None = None):
        super().__init__(pesan)
        self.status, self.pesan, self.retry_after = status, pesan, retry_after


class Client:
    def __init__(self, config: dict | None = None):
        cfg = config or current_app.config
        self.base = (cfg.get("SIASN_BASE_URL") or "").rstrip("/")
        self.token_url = cfg.get("SIASN_TOKEN_URL") or f"{self.base}/oauth/token"
        self.client_id = cfg.get("SIASN_CLIENT_ID") or ""
        self.client_secret = cfg.get("SIASN_CLIENT_SECRET") or ""
        self.sso = cfg.get("SIASN_SSO_TOKEN") or ""
        self.timeout = float(cfg.get("SIASN_TIMEOUT", 10))
        self._access: str | None = None
        self.http = requests.Session()

    def _token(self) -> str:
        if self._access is None:
            answer = self._send("POST", self.token_url, auth=(self.client_id, self.client_secret),
                                data={"grant_type": "client_credentials"})
            self._access = answer.json().get("access_token") or ""
        return self._access

    def _send(self, method: str, url: str, **kwargs) -> requests.Response:
        try:
            answer = self.http.request(method, url, timeout=self.timeout, **kwargs)
        except requests.Timeout:
            raise SiasnError(None, "SIASN tidak menjawab dalam batas waktu.") from None
        except requests.RequestException as exc:
            raise SiasnError(None, f"SIASN tidak dapat dihubungi ({type(exc).__name__}).") \
                from None
        if answer.status_code >= 400:
            try:
                pesan = answer.json().get("message") or answer.reason
            except ValueError:
                pesan = answer.reason
            retry = answer.headers.get("Retry-After", "")
            raise SiasnError(answer.status_code, f"SIASN menjawab {answer.status_code}: {pesan}",
                             int(retry) if retry.isdigit() else None)
        return answer

    def _call(self, method: str, path: str, **kwargs) -> dict:
        """One call; a 401 renews the access token once (it expires) and tries again."""
        for attempt in (1, 2):
            headers = {"Authorization": f"Bearer {self._token()}", "Auth": f"bearer {self.sso}",
                       "Accept": "application/json", **kwargs.pop("headers", {})}
            try:
                return self._send(method, self.base + path, headers=headers, **kwargs).json()
            except SiasnError as exc:
                if exc.status != 401 or attempt == 2:
                    raise
                self._access = None
        raise AssertionError("unreachable")

    def referensi(self) -> dict[str, dict[str, str]]:
        """{list: {name: id}} of SIASN's reference lists, kept for a day per SIASN address."""
        cached = _CACHE.get(self.base)
        if cached and cached[0] > time.monotonic():
            return cached[1]
        lists = {daftar: {row["nama"]: str(row["id"])
                          for row in self._call("GET", f"/referensi/{daftar}").get("data", [])}
                 for daftar in REFERENSI}
        _CACHE[self.base] = (time.monotonic() + CACHE_SECONDS, lists)
        return lists

    def simpan(self, record: dict, kunci: str) -> str:
        """Save (or, with `id`, update) a record; SIASN's id of it."""
        answer = self._call("POST", "/kinerja-periodik", json=record,
                            headers={"Idempotency-Key": kunci})
        return str((answer.get("mapData") or {}).get("id") or record.get("id") or "")

    def riwayat(self, nip: str) -> list[dict]:
        """The kinerja periodik records SIASN holds of a person."""
        return list(self._call("GET", "/kinerja-periodik", params={"nip": nip}).get("data", []))


def lupakan_referensi() -> None:
    _CACHE.clear()
