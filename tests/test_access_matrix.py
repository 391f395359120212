"""The role × route matrix: every endpoint, every persona, the answer written down by hand.

Expectations here come from domain.md's rights table, never from the code's own declarations.
URLs carry real ids of other people's objects from the demo province. Later capabilities add
their rows to ROUTES.
"""
import pytest

PERSONAS = ("anon", "pegawai", "pegawai_b", "atasan", "atasan_lain", "atasan_atasan", "sekda",
            "admin")
L = 302  # redirect (to the login page for anon; to a home or the next page otherwise)

# (method, url, form data, answers in PERSONAS order)
# anon  peg   pegB  atasan lain  atas2 sekda admin
ROUTES = [
    ("GET", "/healthz", None, (200, 200, 200, 200, 200, 200, 200, 200)),
    ("GET", "/favicon.ico", None, (200, 200, 200, 200, 200, 200, 200, 200)),
    ("GET", "/static/css/portal.css", None, (200, 200, 200, 200, 200, 200, 200, 200)),
    ("GET", "/masuk", None, (200, L, L, L, L, L, L, L)),
    ("POST", "/masuk", {}, (422, L, L, L, L, L, L, L)),
    ("POST", "/keluar", {}, (L, L, L, L, L, L, L, L)),
    ("GET", "/ganti-sandi", None, (L, 200, 200, 200, 200, 200, 200, 200)),
    ("POST", "/ganti-sandi", {}, (L, 422, 422, 422, 422, 422, 422, 422)),
    ("POST", "/peran", {"peran": "sekda"}, (L, L, L, L, L, L, L, L)),
    ("GET", "/", None, (L, L, L, L, L, L, L, L)),
    ("GET", "/beranda/pegawai", None, (L, 200, 200, 200, 200, 200, 200, 200)),
    ("GET", "/beranda/atasan", None, (L, 403, 403, 200, 200, 200, 200, 403)),
    ("GET", "/tim/semua", None, (L, 403, 403, 200, 200, 200, 200, 403)),
    ("GET", "/beranda/sekda", None, (L, 403, 403, 403, 403, 403, 200, 403)),
    # Another person's profile: pegawai B's, then the atasan's own atasan's.
    ("GET", "/pegawai/{pegawai_b}", None, (L, 403, 200, 200, 403, 200, 200, 403)),
    ("GET", "/pegawai/{atasan_atasan}", None, (L, 403, 403, 403, 403, 200, 200, 403)),
    ("GET", "/pegawai/999999", None, (L, 404, 404, 404, 404, 404, 404, 404)),
    ("GET", "/admin/", None, (L, 403, 403, 403, 403, 403, 403, 200)),
    # --- penilaian ---
    ("GET", "/penilaian/", None, (L, 200, 200, 200, 200, 200, 200, 200)),
    ("GET", "/penilaian/tim", None, (L, 403, 403, L, L, L, L, 403)),
    ("GET", "/penilaian/tim/{kode.pegawai}", None, (L, 403, 403, 200, 200, 200, 200, 403)),
    ("GET", "/penilaian/tim/2026-TW9", None, (L, 403, 403, 404, 404, 404, 404, 403)),
    ("GET", "/penilaian/tim/{kode.pegawai}/{pegawai_b}", None,
     (L, 403, 403, 200, 403, 403, 403, 403)),
    # pegawai B objected, so even the direct supervisor may not change the rating (409).
    ("POST", "/penilaian/tim/{kode.pegawai}/{pegawai_b}", {},
     (L, 403, 403, 409, 403, 403, 403, 403)),
    ("POST", "/penilaian/pratinjau", {}, (L, 200, 200, 200, 200, 200, 200, 200)),
    ("GET", "/penilaian/kepala-daerah/{kode.pegawai}", None,
     (L, 403, 403, 403, 403, 403, 403, 200)),
    ("POST", "/penilaian/kepala-daerah/{kode.pegawai}", {},
     (L, 403, 403, 403, 403, 403, 403, 422)),
    ("GET", "/penilaian/{penilaian.pegawai}", None, (L, 200, 403, 200, 403, 200, 200, 403)),
    ("GET", "/penilaian/{penilaian.pegawai_b}", None, (L, 403, 200, 200, 403, 200, 200, 403)),
    ("GET", "/penilaian/999999", None, (L, 404, 404, 404, 404, 404, 404, 404)),
    ("POST", "/penilaian/{penilaian.pegawai}/terima", {},
     (L, 303, 403, 403, 403, 403, 403, 403)),
    ("POST", "/penilaian/{penilaian.pegawai_b}/keberatan", {},
     (L, 403, 409, 403, 403, 403, 403, 403)),
    ("POST", "/penilaian/keberatan/{keberatan.pegawai_b}/penjelasan", {},
     (L, 403, 403, 422, 403, 403, 403, 403)),
    ("POST", "/penilaian/keberatan/{keberatan.pegawai_b}/putusan", {},
     (L, 403, 403, 403, 403, 422, 403, 403)),
    ("POST", "/penilaian/keberatan/999999/putusan", {}, (L, 404, 404, 404, 404, 404, 404, 404)),
    ("GET", "/penilaian/keberatan", None, (L, 200, 200, 200, 200, 200, 200, 200)),
    ("GET", "/penilaian/organisasi", None, (L, 403, 403, 403, 403, 403, L, 403)),
    ("GET", "/penilaian/organisasi/{kode.pegawai}", None,
     (L, 403, 403, 403, 403, 403, 200, 403)),
    ("GET", "/penilaian/organisasi/abc", None, (L, 403, 403, 403, 403, 403, 404, 403)),
    ("POST", "/penilaian/organisasi/{kode.pegawai}/rating", {},
     (L, 403, 403, 403, 403, 403, 422, 403)),
    ("GET", "/penilaian/organisasi/{kode.pegawai}/penetapan.pdf", None,
     (L, 403, 403, 403, 403, 403, 200, 403)),
    ("POST", "/penilaian/periode/{kode.pegawai}/tutup", {},
     (L, 403, 403, 403, 403, 403, 303, 403)),
    ("POST", "/penilaian/periode/{kode.pegawai}/buka", {},
     (L, 403, 403, 403, 403, 403, 409, 403)),
]


class Ids:
    """`{skp.pegawai_b}` in a URL: the id of pegawai B's object of that kind."""

    def __init__(self, resolve):
        self._resolve = resolve

    def __getattr__(self, persona):
        return self._resolve(persona)


# Object kinds usable in URLs as {kind.persona}; each gives the id of that persona's object.
# Each capability adds its kinds here: name -> function(app, pegawai_id) -> id.
RESOLVERS = {}


# --- penilaian ---
def _penilaian_id(app, pid):
    from sqlalchemy import select

    from portal.extensions import db
    from portal.models import Penilaian

    return db.session.scalar(select(Penilaian.id).where(
        Penilaian.pegawai_id == pid, Penilaian.kode != "TAHUNAN"))


def _keberatan_id(app, pid):
    from sqlalchemy import select

    from portal.extensions import db
    from portal.models import Keberatan

    return db.session.scalar(select(Keberatan.id).where(
        Keberatan.penilaian_id == _penilaian_id(app, pid)))


def _kode_now(app, _pid):
    """The demo's rated triwulan ("2026-TW3"): the last that ended before today."""
    from portal.penilaian.periode import default_kode

    return default_kode().teks


RESOLVERS.update({"penilaian": _penilaian_id, "keberatan": _keberatan_id, "kode": _kode_now})


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
    covered = {adapter.match(url.format(**ids), method=method)[0] for method, url, *_ in ROUTES}
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
        response = c.get(url) if method == "GET" else c.post(url, data=data)
        got[persona] = response.status_code
        response.close()
    expected = dict(zip(PERSONAS, answers, strict=True))
    assert got == expected
