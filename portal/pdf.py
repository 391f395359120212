"""PDF documents with WeasyPrint.

The stylesheet and the font configuration are parsed once per process (the first document pays,
later ones reuse them); only fonts installed with the system are used (DejaVu Sans), nothing is
downloaded. Templates live in `templates/pdf/`, the one stylesheet in `templates/pdf/dokumen.css`.
"""
from __future__ import annotations

from functools import cache
from pathlib import Path

from flask import render_template

ROOT = Path(__file__).resolve().parent.parent
STYLESHEET = ROOT / "templates" / "pdf" / "dokumen.css"


@cache
def _engine():
    """(stylesheet, font configuration), built once per process."""
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    css = CSS(string=STYLESHEET.read_text(encoding="utf-8"), font_config=fonts)
    return css, fonts


def _no_fetch(url: str, *args, **kwargs):
    """Documents carry everything inline; refuse any outside resource."""
    raise ValueError(f"sumber luar tidak diizinkan dalam dokumen PDF: {url}")


def render_pdf(template: str, **ctx) -> bytes:
    """Render a Jinja template from templates/pdf/ to PDF bytes."""
    from weasyprint import HTML

    css, fonts = _engine()
    html = render_template(template, **ctx)
    return HTML(string=html, url_fetcher=_no_fetch, base_url=str(ROOT)).write_pdf(
        stylesheets=[css], font_config=fonts)
