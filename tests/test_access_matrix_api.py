"""The API's own matrix: every API route × kinds of token, the answer written down by hand.

Columns are tokens of pegawai A (staf_surv1) with all scopes, with each single scope, expired,
revoked; no token; a token of A's direct supervisor with all scopes, and one of the admin with
all scopes (the presensi push is the admin's, as the machine-file import page) (object-level checks:
the supervisor reads A's people data, A does not read B's). Scope is checked before the object
(a token without `pegawai:baca` learns nothing, not even a 404)."""
from __future__ import annotations

from datetime import timedelta

import pytest

from portal import clock
from portal.extensions import db
from portal.models import Pegawai
from portal.tokenapi import services
from tests.conftest import PERSONAS

TOKENS = ("tanpa", "semua", "harian:baca", "harian:tulis", "pegawai:baca", "penilaian:baca",
          "skp:baca", "tpp:baca", "dokumen:baca", "presensi:tulis", "kedaluwarsa", "dicabut",
          "atasan", "admin")
SEMUA = ["pegawai:baca", "harian:baca", "harian:tulis", "penilaian:baca", "skp:baca",
         "tpp:baca", "dokumen:baca", "presensi:tulis"]
TIDAK_ADA = "2222222222ab"  # a well-formed document code nobody was given
PUNCH = {"rekaman": [{"pin": "NIP pegawai A", "waktu": "semenit lalu"}]}

# (method, url, JSON body, answers in TOKENS order)
#   tanpa semua h:b  h:t  peg  pen  skp  tpp  dok  pre  exp  rev  atasan admin
A = 401  # shorthand: no token, expired, revoked
ROUTES = [
    ("GET", "/api/v1/openapi.json", None, (200,) * 14),
    ("GET", "/api/v1/saya", None,
     (A, 200, 200, 200, 200, 200, 200, 200, 200, 200, A, A, 200, 200)),
    ("GET", "/api/v1/pegawai", None,
     (A, 200, 403, 403, 200, 403, 403, 403, 403, 403, A, A, 200, 200)),
    ("GET", "/api/v1/pegawai?batas=0", None,
     (A, 400, 403, 403, 400, 403, 403, 403, 403, 403, A, A, 400, 400)),
    ("GET", "/api/v1/pegawai/{pegawai}", None,
     (A, 200, 403, 403, 200, 403, 403, 403, 403, 403, A, A, 200, 403)),
    ("GET", "/api/v1/pegawai/{pegawai_b}", None,
     (A, 403, 403, 403, 403, 403, 403, 403, 403, 403, A, A, 200, 403)),
    ("GET", "/api/v1/pegawai/{atasan}", None,
     (A, 403, 403, 403, 403, 403, 403, 403, 403, 403, A, A, 200, 403)),
    ("GET", "/api/v1/pegawai/999999", None,
     (A, 404, 403, 403, 404, 403, 403, 403, 403, 403, A, A, 404, 404)),
    ("GET", "/api/v1/pegawai/{pegawai}/bawahan", None,
     (A, 200, 403, 403, 200, 403, 403, 403, 403, 403, A, A, 200, 403)),
    ("GET", "/api/v1/pegawai/{atasan}/bawahan", None,
     (A, 403, 403, 403, 403, 403, 403, 403, 403, 403, A, A, 200, 403)),
    ("GET", "/api/v1/pegawai/{pegawai}/skp", None,
     (A, 200, 403, 403, 403, 403, 200, 403, 403, 403, A, A, 200, 403)),
    ("GET", "/api/v1/pegawai/{pegawai_b}/skp", None,
     (A, 403, 403, 403, 403, 403, 403, 403, 403, 403, A, A, 200, 403)),
    ("GET", "/api/v1/pegawai/{pegawai}/penilaian", None,
     (A, 200, 403, 403, 403, 200, 403, 403, 403, 403, A, A, 200, 403)),
    ("GET", "/api/v1/pegawai/{atasan}/penilaian", None,
     (A, 403, 403, 403, 403, 403, 403, 403, 403, 403, A, A, 200, 403)),
    ("GET", "/api/v1/pegawai/{pegawai}/tpp", None,
     (A, 200, 403, 403, 403, 403, 403, 200, 403, 403, A, A, 200, 403)),
    ("GET", "/api/v1/pegawai/{pegawai_b}/tpp", None,
     (A, 403, 403, 403, 403, 403, 403, 403, 403, 403, A, A, 200, 403)),
    ("GET", "/api/v1/penilaian", None,
     (A, 200, 403, 403, 403, 200, 403, 403, 403, 403, A, A, 200, 200)),
    ("GET", "/api/v1/dokumen/{kode}", None,
     (A, 404, 403, 403, 403, 403, 403, 403, 404, 403, A, A, 404, 404)),
    ("GET", "/api/v1/dokumen/bukan-kode", None,
     (A, 404, 403, 403, 403, 403, 403, 403, 404, 403, A, A, 404, 404)),
    ("GET", "/api/v1/rhk", None,
     (A, 200, 200, 403, 403, 403, 403, 403, 403, 403, A, A, 200, 200)),
    ("GET", "/api/v1/harian", None,
     (A, 200, 200, 403, 403, 403, 403, 403, 403, 403, A, A, 200, 200)),
    ("GET", "/api/v1/harian?dari=kemarin", None,
     (A, 400, 400, 403, 403, 403, 403, 403, 403, 403, A, A, 400, 400)),
    ("POST", "/api/v1/harian", {},
     (A, 422, 403, 422, 403, 403, 403, 403, 403, 403, A, A, 422, 422)),
    ("POST", "/api/v1/harian", {"uraian": 1},
     (A, 422, 403, 422, 403, 403, 403, 403, 403, 403, A, A, 422, 422)),
    # presensi push: the admin's right (as the machine-file import page), with its scope
    ("POST", "/api/v1/presensi", {},
     (A, 403, 403, 403, 403, 403, 403, 403, 403, 403, A, A, 403, 422)),
    ("POST", "/api/v1/presensi", PUNCH,
     (A, 403, 403, 403, 403, 403, 403, 403, 403, 403, A, A, 403, 200)),
]


@pytest.fixture
def secrets_(app, demo):
    """{column: secret or None}."""
    made = {"tanpa": None}
    with app.app_context():
        a = db.session.get(Pegawai, demo.persona("pegawai"))
        boss = db.session.get(Pegawai, demo.persona("atasan"))
        admin = db.session.get(Pegawai, demo.persona("admin"))
        for name in TOKENS[1:]:
            scopes = [name] if ":" in name else SEMUA
            owner = {"atasan": boss, "admin": admin}.get(name, a)
            token, secret = services.buat(owner, name, scopes, 30)
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
                          atasan=demo.persona("atasan"), kode=TIDAK_ADA)
    if body is PUNCH:
        waktu = clock.now().replace(tzinfo=None) - timedelta(minutes=1)
        body = {"rekaman": [{"pin": demo.nip[PERSONAS["pegawai"]],
                             "waktu": waktu.strftime("%Y-%m-%d %H:%M:%S")}]}
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
    covered = {adapter.match(url.format(pegawai=1, pegawai_b=1, atasan=1,
                                        kode=TIDAK_ADA).split("?")[0],
                             method=method)[0] for method, url, *_ in ROUTES}
    api = {rule.endpoint for rule in app.url_map.iter_rules() if rule.endpoint.startswith("api.")}
    assert api - covered == set()
