"""The token page: list, make (the secret shown once), revoke."""
from __future__ import annotations

from flask import abort, flash, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal import access
from portal import konfirmasi as ask
from portal.extensions import db
from portal.htmx import redirect_to, render
from portal.models import ApiToken
from portal.rules import token as token_rules
from portal.tokenapi import bp, services
from portal.tokenapi.forms import TokenForm


def _page(form: TokenForm, status: int = 200, rahasia: str | None = None, baru=None):
    if not access.has_role("admin"):
        form.jenis.choices = [c for c in form.jenis.choices if c.value == "pribadi"]
    return render("tokenapi/daftar.html", form=form, rows=services.milik(current_user.id),
                  keadaan=services.keadaan, rahasia=rahasia, baru=baru, status=status,
                  cakupan_keterangan=token_rules.CAKUPAN)


@bp.get("/token")
@access.login
def daftar():
    return _page(TokenForm(formdata=None))


@bp.post("/token")
@access.login
def buat():
    form = TokenForm()
    if not form.validate():
        return _page(form, 422)
    jenis = form.jenis.data
    if jenis == "layanan" and not access.has_role("admin"):
        abort(403)
    token, rahasia = services.buat(current_user, form.nama.data, form.cakupan.data,
                                   int(form.hari.data), jenis)
    db.session.commit()
    # Shown once, on this answer only: never in a redirect's flash (it would sit in the cookie).
    response = _page(TokenForm(formdata=None), rahasia=rahasia, baru=token)
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.post("/token/<int:token_id>/cabut")
@access.login
def cabut(token_id: int):
    token = access.get_or_404(ApiToken, token_id)
    if token.pemilik_id != current_user.id:
        abort(404)
    answer = ask.perlu(_("Cabut token ini? Sistem yang memakainya langsung ditolak."))
    if answer:
        return answer
    services.cabut(token)
    db.session.commit()
    flash(_("Token %(n)s dicabut.", n=token.nama), "success")
    return redirect_to(url_for("tokenapi.daftar"))
