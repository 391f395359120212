"""Confirmation of consequential actions, the same with and without JavaScript.

A form (or its submit button) whose action cannot simply be taken back (close or reopen a period,
give a rating, accept a batch, apply an import, delete) carries `data-konfirmasi="<question>"`. Its
view asks `perlu(question)` after its access checks and before it acts:

- with JavaScript, static/js/portal.js shows the question in a native <dialog> and sends the form
  only after "Ya", with `konfirmasi=ya` added: the view acts at once;
- without JavaScript (or from any client that did not confirm) the view answers with a
  confirmation page instead: the question, the same fields re-posted as hidden inputs with
  `konfirmasi=ya`, and "Batal" back to where the person came from. Nothing is saved before "Ya".

    answer = konfirmasi.perlu(_("Tutup periode %(p)s?", p=name))
    if answer:
        return answer
"""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import request, url_for

from portal.htmx import render

FIELD = "konfirmasi"
YES = "ya"


def confirmed() -> bool:
    return request.form.get(FIELD) == YES


def perlu(question: str, tombol: str | None = None):
    """None when the person already said yes; else the confirmation page (200) to answer."""
    if confirmed():
        return None
    fields = [(k, v) for k, v in request.form.items(multi=True) if k not in ("csrf_token", FIELD)]
    return render("konfirmasi.html", "_konfirmasi.html", question=question, tombol=tombol,
                  fields=fields, action=request.path, kembali=_back())


def _back() -> str:
    """Where "Batal" goes: the page the form was on (same site only), else the home."""
    ref = request.referrer or ""
    parts = urlsplit(ref)
    if parts.netloc == request.host and parts.path and parts.path != request.path:
        return parts.path + (f"?{parts.query}" if parts.query else "")
    return url_for("home.index")

