"""The API's own matrix: every API route × kinds of token, the answer written down by hand.

Columns are tokens of pegawai A (staf_surv1) with all scopes, with each single scope, expired,
revoked; no token; and a token of A's direct supervisor with all scopes (object-level checks:
the supervisor reads A's people data, A does not read B's). Scope is checked before the object
(a token without `pegawai:baca` learns nothing, not even a 404)."""
from __future__ import annotations

from datetime import timedelta

import pytest

from portal import clock
from portal.extensions import db
from portal.models import Pegawai
from portal.tokenapi import services

TOKENS = ("tanpa", "semua", "harian:baca", "harian:tulis", "pegawai:baca", "penilaian:baca",
          "kedaluwarsa", "dicabut", "atasan")
SEMUA = ["pegawai:baca", "harian:baca", "harian:tulis", "penilaian:baca"]

# (method, url, JSON body, answers in TOKENS order)
#   tanpa semua h:b  h:t  peg  pen  exp  rev  atasan
ROUTES = [
    ("GET", "/api/v1/openapi.json", None, (200, 200, 200, 200, 200, 200, 200, 200, 200)),
    ("GET", "/api/v1/saya", None, (401, 200, 200, 200, 200, 200, 401, 401, 200)),
    ("GET", "/api/v1/pegawai/{pegawai}", None, (401, 200, 403, 403, 200, 403, 401, 401, 200)),
    ("GET", "/api/v1/pegawai/{pegawai_b}", None, (401, 403, 403, 403, 403, 403, 401, 401, 200)),
    ("GET", "/api/v1/pegawai/{atasan}", None, (401, 403, 403, 403, 403, 403, 401, 401, 200)),
    ("GET", "/api/v1/pegawai/999999", None, (401, 404, 403, 403, 404, 403, 401, 401, 404)),
    ("GET", "/api/v1/penilaian", None, (401, 200, 403, 403, 403, 200, 401, 401, 200)),
    ("GET", "/api/v1/rhk", None, (401, 200, 200, 403, 403, 403, 401, 401, 200)),
    ("GET", "/api/v1/harian", None, (401, 200, 200, 403, 403, 403, 401, 401, 200)),
    ("GET", "/api/v1/harian?dari=kemarin", None, (401, 400, 400, 403, 403, 403, 401, 401, 400)),
    ("POST", "/api/v1/harian", {}, (401, 422, 403, 422, 403, 403, 401, 401, 422)),
    ("POST", "/api/v1/harian", {"uraian": 1}, (401, 422, 403, 422, 403, 403, 401, 401, 422)),
]


@pytest.fixture
def secrets_(app, demo):
    """{column: secret or None}."""
    made = {"tanpa": None}
    with app.app_context():
        a = db.session.get(Pegawai, demo.persona("pegawai"))
        boss = db.session.get(Pegawai, demo.persona("atasan"))
        for name in TOKENS[1:]:
            scopes = [name] if ":" in name else SEMUA
            token, secret = services.buat(boss if name == "atasan" else a, name, scopes, 30)
            if name == "kedaluwarsa":
                token.kedaluwarsa_pada = clock.utcnow() - timedelta(seconds=1)
            if name == "dicabut":
                services.cabut(token)
            made[name] = secret
        db.session.commit()
    return made


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: f"{r[0]} {r[1]} {r[2]}")
def test_api_matrix(route, app, demo, secrets_):
    method, template, body, answers = route
    url = template.format(pegawai=demo.persona("pegawai"), pegawai_b=demo.persona("pegawai_b"),
                          atasan=demo.persona("atasan"))
    client = app.test_client()
    got = {}
    for name in TOKENS:
        headers = {"Authorization": f"Bearer {secrets_[name]}"} if secrets_[name] else {}
        response = client.open(url, method=method, json=body, headers=headers)
        got[name] = response.status_code
        assert response.is_json, f"{name}: bukan JSON"
    assert got == dict(zip(TOKENS, answers, strict=True))


def test_every_api_route_is_in_the_matrix(app):
    adapter = app.url_map.bind("localhost")
    covered = {adapter.match(url.format(pegawai=1, pegawai_b=1, atasan=1).split("?")[0],
                             method=method)[0] for method, url, *_ in ROUTES}
    api = {rule.endpoint for rule in app.url_map.iter_rules() if rule.endpoint.startswith("api.")}
    assert api - covered == set()
