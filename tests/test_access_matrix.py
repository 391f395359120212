"""The role × route matrix: every endpoint, every persona, the answer written down by hand.

Expectations here come from docs/domain.md's rights table, never from the code's own declarations.
URLs carry real ids of other people's objects from the demo province. The rows live one module
per area in tests/helpers/access_rows/; a later capability adds its rows there (a new area: a new
module, and one line in ROUTES below).
"""
import pytest

from tests.helpers.access_rows import (
    admin,
    akun,
    harian,
    impor,
    keamanan,
    penilaian,
    presensi,
    publik,
    rapor,
    rencana,
    skp,
    terhubung,
    tpp,
)
from tests.helpers.resolvers import RESOLVERS

PERSONAS = ("anon", "pegawai", "pegawai_b", "atasan", "atasan_lain", "atasan_atasan", "sekda",
            "admin")

ROUTES = [
    *akun.ROWS,
    *admin.ROWS,
    *harian.ROWS,
    *impor.ROWS,
    *keamanan.ROWS,
    *skp.ROWS,
    *penilaian.ROWS,
    *rapor.ROWS,
    *publik.ROWS,
    *rencana.ROWS,
    *presensi.ROWS,
    *tpp.ROWS,
    *terhubung.ROWS,
]


class Ids:
    """`{skp.pegawai_b}` in a URL: the id of pegawai B's object of that kind."""

    def __init__(self, resolve):
        self._resolve = resolve

    def __getattr__(self, persona):
        return self._resolve(persona)


def _url(template, demo, app=None):
    from tests.conftest import PERSONAS as KEYS

    values = {name: demo[key] for name, key in KEYS.items()}
    kinds = {}
    for kind, fn in RESOLVERS.items():
        kinds[kind] = Ids(lambda persona, fn=fn: _resolved(app, fn, demo[KEYS[persona]]))
    return template.format(**values, **kinds, anon=0)


def _resolved(app, fn, pegawai_id):
    with app.app_context():
        value = fn(app, pegawai_id)
    assert value is not None, "objek untuk URL matriks tidak ada di data demo"
    return value


@pytest.fixture
def clients(app, demo):
    from tests.conftest import PERSONAS as KEYS

    made = {"anon": app.test_client()}
    for persona in PERSONAS[1:]:
        c = app.test_client()
        r = c.post("/masuk", data={"nip": demo.nip[KEYS[persona]], "password": "rahasia123"})
        assert r.status_code == 302, persona
        made[persona] = c
    return made


def test_every_endpoint_is_in_the_matrix(app):
    adapter = app.url_map.bind("localhost")
    ids = dict.fromkeys(PERSONAS, 1) | {kind: Ids(lambda _p: 1) for kind in RESOLVERS}
    covered = {adapter.match(url.format(**ids).split("?")[0], method=method)[0]
               for method, url, *_ in ROUTES}
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    assert endpoints - covered == set(), "endpoint tanpa baris di matriks akses"


def test_every_endpoint_declares_a_rule(app):
    missing = [ep for ep, view in app.view_functions.items()
               if not getattr(view, "access_rule", None)]
    assert missing == []


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: f"{r[0]} {r[1]}")
def test_matrix(route, clients, demo, app):
    method, template, data, answers = route
    url = _url(template, demo, app)
    got = {}
    for persona in PERSONAS:
        c = clients[persona]
        response = c.get(url) if method == "GET" else c.post(url, data=confirmed(data))
        got[persona] = response.status_code
        response.close()
    expected = dict(zip(PERSONAS, answers, strict=True))
    assert got == expected


def confirmed(data):
    """A POST as after "Ya" in the confirmation dialog (portal/konfirmasi.py): the matrix is about
    who may act, so the action itself is reached."""
    if isinstance(data, dict):
        return {**data, "konfirmasi": "ya"}
    return data
