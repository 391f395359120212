"""portal/pdf.py and the shared document templates: what keeps a rapor fast without changing it.

No timing here (BENCHMARKS.md has the numbers): the garbage collector is paused exactly while a
render runs, and the fixed-width tables give every column a width and fill the page width.
"""
from __future__ import annotations

import gc
import re
import threading

import pytest
import weasyprint
from sqlalchemy import select

from portal import pdf
from portal.extensions import db
from portal.models import Pegawai, Penilaian
from portal.rapor import services
from portal.rules import periode_kode


@pytest.fixture
def gc_on():
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


def test_gc_paused_while_rendering_and_back_after(gc_on):
    with pdf.gc_paused():
        assert not gc.isenabled()
        with pdf.gc_paused():  # a second render at the same time in a threaded server
            assert not gc.isenabled()
        assert not gc.isenabled()  # the first render still runs
    assert gc.isenabled()


def test_gc_back_after_a_failed_render(gc_on):
    with pytest.raises(RuntimeError), pdf.gc_paused():
        raise RuntimeError("render gagal")
    assert gc.isenabled()


def test_gc_left_off_when_it_was_off(gc_on):
    gc.disable()
    with pdf.gc_paused():
        pass
    assert not gc.isenabled()


def test_two_threads_rendering_leave_gc_on(gc_on):
    inside, release = threading.Barrier(3), threading.Event()

    def render():
        with pdf.gc_paused():
            inside.wait()
            release.wait(5)

    threads = [threading.Thread(target=render) for _ in range(2)]
    for t in threads:
        t.start()
    inside.wait()
    assert not gc.isenabled()
    release.set()
    for t in threads:
        t.join()
    assert gc.isenabled()


def test_rapor_render_runs_with_gc_paused(app, demo, monkeypatch, gc_on):
    seen = []
    real = weasyprint.HTML.write_pdf

    def recording(self, *args, **kwargs):
        seen.append(gc.isenabled())
        return real(self, *args, **kwargs)

    monkeypatch.setattr(weasyprint.HTML, "write_pdf", recording)
    with app.test_request_context():
        person = db.session.get(Pegawai, demo["staf_surv1"])
        p = db.session.scalar(select(Penilaian).where(Penilaian.pegawai_id == person.id))
        period = services.period_or_404(periode_kode.url_code(p.periode.tahun, p.kode))
        data = pdf.render_pdf("pdf/rapor.html", **services.rapor_context(person, period, p))
    assert data.startswith(b"%PDF")
    assert seen == [False]
    assert gc.isenabled()


@pytest.mark.parametrize("with_realisasi, columns", [(True, (8, 4)), (False, (6, 3))])
def test_fixed_tables_give_every_column_a_width(app, with_realisasi, columns):
    css = (pdf.STYLESHEETS[0]).read_text()
    widths = {int(n): int(w) for n, w in re.findall(r"col\.k(\d+) \{ width: (\d+)%; \}", css)}
    with app.app_context():
        html = app.jinja_env.get_template("pdf/_lampiran.html").render(
            rhk_title="A", perilaku_title="B", with_realisasi=with_realisasi, rhk_rows=[],
            perilaku=[])
    tables = re.findall(r"<table class=\"tetap\">(.*?)</table>", html, re.S)
    assert len(tables) == 2
    for table, n in zip(tables, columns, strict=True):
        cols = [int(k) for k in re.findall(r'<col class="k(\d+)">', table)]
        assert len(cols) == n == table.split("</thead>")[0].count("<th>")
        assert all(widths[k] == k for k in cols)  # the class names say the width
        assert sum(cols) == 100
