"""Hostile input to every form of every role, found by walking the url_map.

For every POST route (and every GET form, e.g. filters) Hypothesis sends random and hostile
values — very long strings, control characters, emoji, HTML and script, SQL fragments, negative
and huge numbers, wrong types, missing and repeated fields, JSON instead of a form — as every
persona, with real and absurd ids in the URL. The portal must never answer 5xx, every refusal
must say something, and text that is stored and shown again must come back escaped.

FUZZ_EXAMPLES (default 25) sets the number of examples per route; `make bench`-style runs can
raise it. Field names come from the forms the pages show, so routes merged later are covered.
"""
from __future__ import annotations

import json
import os
from collections import defaultdict
from urllib.parse import urlsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import PERSONAS
from tests.urlwalk import (
    build,
    endpoint_of,
    forms_on,
    page_urls,
    real_ids,
    rules,
)

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "25"))
MARK = "<script>fz()</script>"
RAW = "<script>fz"
HOSTILE = [
    MARK, f'"><{MARK}', f"'><img src=x onerror=fz()>{MARK}", "javascript:fz()",
    "' OR '1'='1", "'; DROP TABLE pegawai; --", "1; SELECT pg_sleep(5)", "\" OR \"\"=\"",
    "\x00", "\x00\x01\x02\x1b[31m", "\u202etxt.exe", "😀" * 40, "𝕂𝕚𝕟𝕖𝕣𝕛𝕒", "ﷺ" * 20,
    "a" * 20_000, "-1", "0", "-99999999999", "99999999999999999999999", "2147483648",
    "1e309", "NaN", "-0.0", "3,14", "", " ", "\r\n", "../../etc/passwd", "%s%s%n",
    "{{7*7}}", "${7*7}", "null", "true", "[]", "{}", "2026-02-30", "9999-12-31", "0000-00-00",
    "199204172019031006", "1" * 18 + "0",
]
PERSONA_NAMES = ("anon", *PERSONAS)
ABSURD_IDS = [0, 2**31 - 1, 2**31, 10**20]

text_value = st.one_of(
    st.just(MARK),  # markup is the most likely to slip through: send it often
    st.sampled_from(HOSTILE[:3]).map(lambda h: f"Catatan {h} selesai"),
    st.sampled_from(HOSTILE),
    st.text(max_size=200),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.tuples(st.sampled_from(HOSTILE), st.text(max_size=20)).map("".join),
)


def field_value(spec: dict):
    options = [o for o in spec.get("options", []) if o is not None]
    choices = [text_value, st.lists(text_value, min_size=2, max_size=3)]
    if options:
        choices.append(st.sampled_from(options))
    if spec.get("value"):
        choices.append(st.just(spec["value"]))
    return st.one_of(*choices)


def form_data(fields: dict[str, dict]):
    """Each known field: missing, or a hostile value, a valid option, or repeated; plus strays."""
    known = {name: st.one_of(st.none(), field_value(spec)) for name, spec in fields.items()
             if name != "csrf_token"}
    strays = st.dictionaries(st.sampled_from(["x", "id", "pegawai_id", "status", "nilai"]),
                             text_value, max_size=2)
    return st.tuples(st.fixed_dictionaries(known), strays).map(
        lambda t: {k: v for k, v in (t[1] | t[0]).items() if v is not None})


def collect_forms(app, demo, clients) -> dict[tuple[str, str], dict]:
    """(endpoint, method) -> {"fields": {...}, "pages": {page urls showing that form}}."""
    found: dict[tuple[str, str], dict] = defaultdict(lambda: {"fields": {}, "pages": set()})
    for url in page_urls(app):
        for c in clients.values():
            response = c.get(url)
            html = response.get_data(as_text=True) if response.mimetype == "text/html" else ""
            response.close()  # downloads are streamed from files
            if response.status_code != 200 or not html:
                continue
            for form in forms_on(html):
                action = form["action"] or url
                endpoint = endpoint_of(app, action, form["method"])
                if endpoint is None:
                    continue
                entry = found[(endpoint, form["method"])]
                for name, spec in form["fields"].items():
                    entry["fields"].setdefault(name, spec)
                entry["pages"].add(url)
    return found


def login(app, demo, persona: str):
    c = app.test_client()
    if persona != "anon":
        _restore_account(app, demo[PERSONAS[persona]])
        r = c.post("/masuk", data={"nip": demo.nip[PERSONAS[persona]], "password": "rahasia123"})
        assert r.status_code == 302, persona
    return c


def _restore_account(app, pegawai_id: int) -> None:
    """Earlier examples may have deactivated the persona or reset its password through the
    admin pages (that is the admin's right); give the account back before logging in."""
    from sqlalchemy import delete

    from portal.extensions import db
    from portal.models import KebijakanDuaFaktor, LoginGagal, Pegawai

    with app.app_context():
        p = db.session.get(Pegawai, pegawai_id)
        if not p.aktif or p.wajib_ganti_sandi or not p.check_password("rahasia123"):
            p.aktif = True
            p.set_password("rahasia123")
        db.session.execute(delete(LoginGagal))
        # An admin's example may have required a second factor: the walk logs in by password,
        # so the saved policy is "optional" again (no row would put the default in force).
        db.session.execute(delete(KebijakanDuaFaktor))
        db.session.add(KebijakanDuaFaktor(peran=""))
        db.session.commit()


def check(response, where: str, persona: str):
    assert response.status_code < 500, f"{where} sebagai {persona}: {response.status_code}"
    text = response.get_data(as_text=True)
    assert RAW not in text, f"{where} sebagai {persona}: teks tidak di-escape"
    if response.status_code >= 400 and response.status_code not in (401,):
        assert text.strip(), f"{where} sebagai {persona}: penolakan tanpa pesan"
    return text


def fuzz_route(app, demo, rule, method: str, spec: dict):
    id_args = {a: (real_ids(app, a) or [1]) + ABSURD_IDS for a in rule.arguments}

    @settings(max_examples=EXAMPLES, deadline=None, database=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture,
                                     HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(persona=st.sampled_from(PERSONA_NAMES), data=form_data(spec["fields"]),
           ids=st.fixed_dictionaries({a: st.sampled_from(v) for a, v in id_args.items()}),
           as_json=st.sampled_from([False] * 5 + [True]),
           address=st.integers(1, 250),
           shown_on=st.sampled_from(sorted(spec["pages"]) or [""]))
    def one(persona, data, ids, as_json, address, shown_on):
        c = login(app, demo, persona)
        url = build(app, rule, pick=lambda argument, _ids: ids[argument])
        env = {"REMOTE_ADDR": f"10.77.0.{address}"}  # keep login throttling out of the way
        if method == "GET":
            response = c.get(url, query_string=data, environ_base=env)
        elif as_json:
            response = c.open(url, method=method, data=json.dumps(data),
                              content_type="application/json", environ_base=env)
        else:
            response = c.open(url, method=method, data=data, environ_base=env)
        where = f"{method} {url} {sorted(data)}"
        check(response, where, persona)
        # Whatever was stored is shown again somewhere: where we were sent, and a page showing
        # the form (one of them: forms in the top bar are on every page).
        follow = {urlsplit(response.headers.get("Location", "")).path, shown_on}
        for page in sorted(p for p in follow if p.startswith("/")):
            check(c.get(page), f"{where} lalu GET {page}", persona)

    one()


def test_every_form_survives_hostile_input(app, demo):
    clients = {p: login(app, demo, p) for p in PERSONA_NAMES}
    forms = collect_forms(app, demo, clients)
    targets = []
    for rule in rules(app, {"POST", "PUT", "PATCH", "DELETE"}):
        for method in sorted(rule.methods & {"POST", "PUT", "PATCH", "DELETE"}):
            spec = forms.get((rule.endpoint, method), {"fields": {}, "pages": set()})
            targets.append((rule, method, spec))
    for (endpoint, method), spec in forms.items():
        if method == "GET":
            rule = next(app.url_map.iter_rules(endpoint))
            spec["fields"].setdefault("hal", {"tag": "input"})
            targets.append((rule, "GET", spec))
    assert len(targets) >= 5
    # The forms we know of must have been found on the pages (a sign the walk works).
    assert {"nip", "password"} <= set(forms[("auth.login", "POST")]["fields"])
    assert "peran" in forms[("auth.role_switch", "POST")]["fields"]
    for rule, method, spec in targets:
        fuzz_route(app, demo, rule, method, spec)


@pytest.mark.parametrize("url", ["/audit?hal=99999999999999999999",
                                 "/tim/semua?hal=-99999999999999999999&q=%00",
                                 "/pegawai/99999999999999999999"])
def test_absurd_numbers_in_urls_are_not_errors(client, auth, url):
    auth.login_as("sekda")
    response = client.get(url)
    assert response.status_code in (200, 404)
    text = response.get_data(as_text=True)
    assert "<html" in text and "Terjadi kesalahan" not in text  # the portal's own page
    if response.status_code == 404:
        assert "Halaman atau data yang Anda cari tidak ada." in text
