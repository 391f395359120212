"""The fresh quick-entry form answered after every save is written without WTForms
(portal/harian/formulir.py); it must be the very markup the WTForms form renders, byte for byte,
whatever the person's RHK and rencana aksi say and in either language."""
from types import SimpleNamespace

import pytest
from flask import render_template
from flask_babel import force_locale

from portal import clock
from portal.harian import formulir
from portal.harian.forms import EntriForm
from portal.harian.services import approved_rhk

pytestmark = pytest.mark.db

TEXTS = ('Menyusun <b>laporan</b> & "rekap" surveilans mingguan PD3I untuk seluruh puskesmas',
         "Rapat koordinasi", "Teks dengan ' kutip tunggal dan karakter ≥ ≤ ·")


def _rhks():
    return [SimpleNamespace(id=10 + i, teks=t) for i, t in enumerate(TEXTS)]


def _rencana(today):
    return [SimpleNamespace(id=70 + i, teks=t, rhk_id=10 + i, tahun=today.year,
                            bulan=today.month) for i, t in enumerate(reversed(TEXTS))]


def _both(pid, rhks, **kw):
    wtforms = formulir.prepare(EntriForm(formdata=None, meta={"csrf": False}), pid, rhks,
                               fresh=True, **kw)
    plain = formulir.segar(pid, rhks, **kw)
    plain.kunci.data = wtforms.kunci.data
    return [render_template("harian/_quick.html", form=f, tersimpan_teks="Tersimpan · 30 Nov")
            for f in (wtforms, plain)]


@pytest.mark.parametrize("locale", ["id", "en"])
@pytest.mark.parametrize("case", ["rencana", "rencana-last", "rhk-only", "ask-database"])
def test_the_fresh_form_without_wtforms_is_the_same_markup(app, demo, locale, case):
    pid = demo.persona("pegawai")
    with app.test_request_context("/harian/entri", method="POST"), force_locale(locale):
        today = clock.today()
        rhks, rencana = _rhks(), _rencana(today)
        kw = {"rencana": rencana, "last": (11, None), "mode_hari_ini": "WFH"}
        if case == "rencana-last":
            kw.update(last=(12, 71), mode_hari_ini=None)
        elif case == "rhk-only":
            kw.update(rencana=[], last=(None, None))
        elif case == "ask-database":  # the person's own RHK, last entry and today's mode
            rhks = approved_rhk(pid)
            kw = {"rencana": None, "last": None, "mode_hari_ini": None}
        wtforms, plain = _both(pid, rhks, **kw)
    assert plain == wtforms
    assert "<select" in plain and 'type="hidden"' in plain


@pytest.mark.parametrize("fields", [
    {"uraian": "Rapat", "output": "2,5", "bukti_link": "https://contoh.go.id/a"},
    {"uraian": "   ", "output": "", "bukti_link": ""},
    {"output": "-1", "bukti_link": "ftp://x"},
    {"uraian": "x" * 501, "output": "dua", "bukti_link": "https://" + "a" * 500 + ".id"},
    {"uraian": "Rapat", "bukti_link": "contoh.go.id"},
])
def test_the_plain_check_of_the_posted_fields_gives_the_forms_own_messages(app, fields):
    """`forms.periksa` runs EntriForm's validators without the form: the same messages."""
    from werkzeug.datastructures import MultiDict

    from portal.harian.forms import ISIAN_TEKS, periksa

    with app.test_request_context("/harian/entri", method="POST"):
        form = EntriForm(formdata=MultiDict(fields), meta={"csrf": False})
        form.validate()
        expected = {n: [str(m) for m in getattr(form, n).errors] for n in ISIAN_TEKS
                    if getattr(form, n).errors}
        assert {n: [str(m) for m in ms] for n, ms in periksa(MultiDict(fields)).items()} \
            == expected
