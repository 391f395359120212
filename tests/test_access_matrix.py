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
    # --- rapor ---
    # pegawai B's rapor of the rated triwulan; a code that is no period; a year not yet rated.
    ("GET", "/rapor/{nip.pegawai_b}/{rapor.pegawai_b}.pdf", None,
     (L, 403, 200, 200, 403, 200, 200, 403)),
    ("GET", "/rapor/{nip.pegawai_b}/abc.pdf", None, (L, 403, 404, 404, 403, 404, 404, 403)),
    ("GET", "/rapor/{nip.pegawai_b}/{tahun.pegawai_b}.pdf", None,
     (L, 403, 404, 404, 403, 404, 404, 403)),
    ("GET", "/rapor/000000000000000000/2026.pdf", None, (L, 404, 404, 404, 404, 404, 404, 404)),
    ("GET", "/skp/{nip.pegawai_b}/{tahun.pegawai_b}.pdf", None,
     (L, 403, 200, 200, 403, 200, 200, 403)),
    ("GET", "/riwayat/{nip.pegawai_b}", None, (L, 403, 200, 200, 403, 200, 200, 403)),
    ("GET", "/riwayat/{nip.atasan_atasan}", None, (L, 403, 403, 403, 403, 200, 200, 403)),
    ("GET", "/riwayat/{nip.pegawai_b}.pdf", None, (L, 403, 200, 200, 403, 200, 200, 403)),
    ("GET", "/prestasi", None, (L, 200, 200, 200, 200, 200, 200, 200)),
    ("POST", "/prestasi", {}, (L, 422, 422, 422, 422, 422, 422, 422)),
    ("POST", "/prestasi/{prestasi.pegawai}/hapus", {}, (L, 303, 404, 404, 404, 404, 404, 404)),
    ("GET", "/prestasi/verifikasi", None, (L, 403, 403, 200, 200, 200, 200, 403)),
    ("POST", "/prestasi/{prestasi.pegawai}/verifikasi", {},
     (L, 403, 403, 422, 403, 403, 403, 403)),
    ("GET", "/unduhan", None, (L, 403, 403, 200, 200, 200, 200, 403)),
    ("POST", "/unduhan", {}, (L, 403, 403, 422, 422, 422, 422, 403)),
    ("GET", "/unduhan/{job.atasan}", None, (L, 404, 404, 200, 404, 404, 404, 404)),
    ("GET", "/unduhan/{job.atasan}/zip", None, (L, 404, 404, 200, 404, 404, 404, 404)),
    ("POST", "/unduhan/{job.atasan}/ulang", {}, (L, 404, 404, 303, 404, 404, 404, 404)),
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


# --- rapor ---
def _nip(app, pid):
    from portal.extensions import db
    from portal.models import Pegawai

    return db.session.get(Pegawai, pid).nip


def _rated_code(app, pid):
    from sqlalchemy import select

    from portal.extensions import db
    from portal.models import Penilaian, Periode

    row = db.session.execute(select(Periode.tahun, Penilaian.kode).join(Penilaian.periode)
                             .where(Penilaian.pegawai_id == pid)
                             .order_by(Penilaian.id.desc())).first()
    return f"{row[0]}-{row[1]}" if row else None


def _tahun(app, pid):
    from datetime import date

    return date.today().year


def _pending_prestasi(app, pid):
    from sqlalchemy import select

    from portal.extensions import db
    from portal.models import Prestasi

    return db.session.scalar(select(Prestasi.id).where(Prestasi.pegawai_id == pid,
                                                       Prestasi.status == "menunggu"))


def _finished_job(app, pid):
    """A finished ZIP job of that person, with its file under the instance folder."""
    import zipfile
    from pathlib import Path

    from portal.extensions import db
    from portal.models import Job

    job = Job(kind="rapor_zip", params='{"periode": "2026-TW1", "cakupan": "bawahan"}',
              owner_id=pid, status="selesai", done=0, total=0)
    db.session.add(job)
    db.session.flush()
    folder = Path(app.instance_path) / "unduhan" / str(job.id)
    folder.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(folder / "rapor.zip", "w"):
        pass
    job.result_path = f"unduhan/{job.id}/rapor.zip"
    db.session.commit()
    return job.id


RESOLVERS.update({"nip": _nip, "rapor": _rated_code, "tahun": _tahun,
                  "prestasi": _pending_prestasi, "job": _finished_job})


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
