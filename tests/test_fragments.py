"""The htmx side of the main interactions (quick entry, approve, rate, feedback) when the input
is bad: an expired session sends the whole page to the login (HX-Redirect), a form that fails
validation comes back as its own fragment with the messages (422, swapped), a refusal is a small
swapped message (403), and a boosted or history-restore request gets the full page.
(The offline entry kept across an expired session is a browser test: tests/e2e/test_feedback.py.)
"""
import re

import pytest
from sqlalchemy import select

from portal.extensions import db
from portal.models import Skp, UmpanBalik

pytestmark = pytest.mark.db

HX = {"HX-Request": "true", "HX-Current-URL": "http://localhost/beranda/pegawai"}


def _waiting_skp(app, demo) -> int:
    with app.app_context():
        return db.session.scalar(select(Skp.id).where(Skp.pegawai_id == demo["staf_mutu2"],
                                                      Skp.status == "diajukan"))


def _thread(app, demo) -> int:
    with app.app_context():
        return db.session.scalar(select(UmpanBalik.id).where(
            UmpanBalik.pegawai_id == demo["staf_surv1"], UmpanBalik.induk_id.is_(None))
            .order_by(UmpanBalik.id).limit(1))


def _url(template: str, app, demo) -> str:
    return template.format(skp=_waiting_skp(app, demo), thread=_thread(app, demo), **demo)


@pytest.mark.parametrize("method,url", [
    ("POST", "/harian/entri"),
    ("POST", "/skp/{skp}/setujui"),
    ("POST", "/skp/{skp}/kembalikan"),
    ("POST", "/penilaian/pratinjau"),
    ("POST", "/umpan-balik/{staf_surv1}"),
    ("POST", "/umpan-balik/balas/{thread}"),
    ("GET", "/skp/persetujuan"),
])
def test_fragment_request_without_session_redirects_the_whole_page(client, app, demo, method,
                                                                   url):
    r = client.open(_url(url, app, demo), method=method, headers=HX, data={"teks": "x"})
    assert r.status_code == 401
    assert r.headers["HX-Redirect"] == "/masuk?next=/beranda/pegawai"
    assert "<form" not in r.get_data(as_text=True)  # no login form inside a table cell


# (persona, url, form data, the fragment's root id, the message)
INVALID = [
    ("pegawai", "/harian/entri", {"uraian": "", "output": "banyak", "mode": "WFO"},
     'id="entri-form"', "Tuliskan apa yang dikerjakan."),
    ("kasi_mutu", "/skp/{skp}/kembalikan", {"catatan": "  "}, 'id="skp-{skp}"',
     "Tulis alasan pengembalian."),
    ("atasan", "/umpan-balik/{staf_surv1}", {"topik": "nilai:adaptif", "teks": ""},
     'id="umpan-form"', "Tuliskan umpan balik."),
    ("pegawai", "/umpan-balik/balas/{thread}", {"teks": ""}, 'id="utas-{thread}"',
     "Tuliskan balasan."),
]


@pytest.mark.parametrize("persona,url,data,root,message", INVALID, ids=[i[1] for i in INVALID])
def test_invalid_fragment_comes_back_with_its_messages(client, auth, app, demo, persona, url,
                                                       data, root, message):
    auth.login_as(persona)
    r = client.post(_url(url, app, demo), data=data, headers=HX)
    html = r.get_data(as_text=True)
    assert r.status_code == 422  # swapped (htmx-config responseHandling), not an error
    assert html.lstrip().startswith("<") and _url(root, app, demo) in html
    assert message in html and "<html" not in html and "<main" not in html
    if "output" in data:
        assert 'value="banyak"' in html  # what was typed is kept


def test_forbidden_fragment_is_a_small_swapped_message(client, auth, app, demo):
    auth.login_as("atasan_lain")  # another OPD's atasan
    skp = _waiting_skp(app, demo)
    r = client.post(f"/skp/{skp}/setujui", headers=HX)
    html = r.get_data(as_text=True)
    assert r.status_code == 403 and "Tidak berwenang" in html
    assert 'role="alert"' in html and "<html" not in html and len(html) < 300
    with app.app_context():
        assert db.session.get(Skp, skp).status == "diajukan"
    auth.logout()
    auth.login_as("atasan")  # kasi_surv writing to another seksi's staff
    r = client.post(f"/umpan-balik/{demo['staf_mutu2']}", headers=HX,
                    data={"topik": "nilai:adaptif", "teks": "x"})
    assert r.status_code == 403 and "<html" not in r.get_data(as_text=True)


@pytest.mark.parametrize("header", ["HX-Boosted", "HX-History-Restore-Request"])
@pytest.mark.parametrize("persona,url", [
    ("pegawai", "/beranda/pegawai"),
    ("kasi_mutu", "/skp/persetujuan"),
    ("atasan", "/umpan-balik/{staf_surv1}"),
    ("pegawai", "/harian"),
])
def test_boosted_or_history_restore_gets_the_full_page(client, auth, app, demo, header,
                                                       persona, url):
    auth.login_as(persona)
    r = client.get(_url(url, app, demo), headers={**HX, header: "true"})
    html = r.get_data(as_text=True)
    assert r.status_code == 200 and "<html" in html and 'id="pesan"' in html
    assert "HX-Request" in r.headers["Vary"]


def test_boosted_quick_entry_navigates_instead_of_swapping(client, auth, app, demo):
    from tests.helpers.harian import entry

    auth.login_as("pegawai")
    r = client.post("/harian/entri", data=entry(app, demo, kunci="k-boost"),
                    headers={**HX, "HX-Boosted": "true"})
    assert r.status_code == 204 and r.headers["HX-Redirect"] == "/beranda/pegawai"


def test_feedback_with_htmx_answers_the_form_and_the_new_thread(client, auth, app, demo):
    auth.login_as("atasan")
    target = demo["staf_surv1"]
    r = client.post(f"/umpan-balik/{target}", headers=HX,
                    data={"topik": "nilai:adaptif", "teks": "Cepat menyesuaikan format baru"})
    html = r.get_data(as_text=True)
    assert r.status_code == 200 and "<html" not in html
    assert 'id="umpan-form"' in html and 'class="tersimpan">Umpan balik terkirim' in html
    assert 'hx-swap-oob="afterbegin:#utas"' in html and "Cepat menyesuaikan format baru" in html
    assert re.search(r'name="teks" required>\s*</textarea>', html)  # the form comes back empty
    with app.app_context():
        thread = db.session.scalar(select(UmpanBalik).where(
            UmpanBalik.teks == "Cepat menyesuaikan format baru"))
        assert thread.pegawai_id == target and thread.induk_id is None
        thread_id = thread.id
    auth.logout()
    auth.login_as("pegawai")
    r = client.post(f"/umpan-balik/balas/{thread_id}", headers=HX, data={"teks": "Siap, Bu"})
    html = r.get_data(as_text=True)
    assert r.status_code == 200 and html.startswith(f'<section class="card" id="utas-{thread_id}"')
    assert "Siap, Bu" in html and 'class="tersimpan">Balasan terkirim' in html
    assert "<html" not in html
    # without JavaScript the same forms post and redirect back to the page
    r = client.post(f"/umpan-balik/balas/{thread_id}", data={"teks": "Sudah saya kirim"})
    assert r.status_code == 303 and r.headers["Location"] == f"/umpan-balik/{target}"
