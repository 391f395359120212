"""PDF documents with WeasyPrint: the stylesheets and the font configuration are parsed once per
process (module-level cache) and reused for every document; only fonts installed with the system
(DejaVu Sans, Liberation) are named, nothing is downloaded.

    render_pdf("pdf/rapor.html", pdf_variant="pdf/a-3b", **context) -> bytes

A render is stopped after PDF_TIME_LIMIT seconds (portal/timeout.py) with `TimeLimitExceeded`.

Python's cyclic garbage collector is paused while WeasyPrint lays out and writes a document: a
rapor allocates a few hundred thousand short-lived boxes and styles, which start dozens of
collections that each walk every object the app holds (SQLAlchemy, Jinja, Flask: ~190,000 in a
worker). In a worker that was a third of the time of a rapor (BENCHMARKS.md). The collector
runs again as soon as the render ends, so cyclic garbage lives for one document at most.
"""
from __future__ import annotations

import gc
import warnings
from contextlib import contextmanager
from pathlib import Path
from threading import Lock

from flask import current_app
from flask_babel import force_locale

from portal.timeout import time_limit

ROOT = Path(__file__).resolve().parent.parent
STYLESHEETS = (ROOT / "templates" / "pdf" / "dokumen.css",)
_CACHE: dict[str, object] = {}
_LOCK = Lock()
_GC_LOCK = Lock()
_gc_pauses = {"renders": 0, "was_enabled": False}


def _resources():
    """(font configuration, [CSS]) for this process, parsed on first use."""
    if "css" not in _CACHE:
        with _LOCK:
            if "css" not in _CACHE:
                from weasyprint import CSS
                from weasyprint.text.fonts import FontConfiguration

                fonts = FontConfiguration()
                _CACHE["fonts"] = fonts
                _CACHE["css"] = [CSS(filename=str(p), font_config=fonts) for p in STYLESHEETS]
    return _CACHE["fonts"], _CACHE["css"]


@contextmanager
def gc_paused():
    """Automatic garbage collection off while at least one render of this process runs (a
    threaded server may render two at once); back to how it was after the last one."""
    with _GC_LOCK:
        if _gc_pauses["renders"] == 0:
            _gc_pauses["was_enabled"] = gc.isenabled()
            gc.disable()
        _gc_pauses["renders"] += 1
    try:
        yield
    finally:
        with _GC_LOCK:
            _gc_pauses["renders"] -= 1
            if _gc_pauses["renders"] == 0 and _gc_pauses["was_enabled"]:
                gc.enable()


def _no_fetch(url: str, *args, **kwargs):
    """Documents carry everything inline; refuse any outside resource."""
    raise ValueError(f"sumber luar tidak diizinkan dalam dokumen PDF: {url}")


def render_pdf(template_name: str, pdf_variant: str | None = None, **context) -> bytes:
    """Render a Jinja template from `templates/pdf/` into PDF bytes; `pdf_variant="pdf/a-3b"`
    gives an archival PDF/A-3b."""
    from weasyprint import HTML

    with time_limit(current_app.config.get("PDF_TIME_LIMIT")):
        return _render(template_name, pdf_variant, HTML, **context)


def _render(template_name: str, pdf_variant: str | None, HTML, **context) -> bytes:  # noqa: N803
    fonts, stylesheets = _resources()
    # The bare Jinja environment: documents need no request, session or nav context, so the
    # same call works in a web request and in a background worker.
    # Official documents stay Indonesian whatever language the person reads the portal in.
    with force_locale("id"):
        html = current_app.jinja_env.get_template(template_name).render(**context)
    options = {"pdf_variant": pdf_variant} if pdf_variant else {}
    with warnings.catch_warnings(), gc_paused():
        # WeasyPrint opens its sRGB profile for PDF/A without closing it; nothing of ours leaks.
        warnings.simplefilter("ignore", ResourceWarning)
        data = HTML(string=html, base_url=str(ROOT), url_fetcher=_no_fetch).write_pdf(
            stylesheets=stylesheets, font_config=fonts, **options)
        if pdf_variant:
            gc.collect()
    return data
