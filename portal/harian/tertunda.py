"""An entry whose session expired on the way keeps its text: it rides in a signed cookie to the
login page and is saved (with the same idempotency key) right after the person logs in."""
from __future__ import annotations

from flask import after_this_request, current_app, flash, request
from flask_babel import gettext as _
from itsdangerous import BadData, URLSafeTimedSerializer
from werkzeug.datastructures import MultiDict

COOKIE = "entri_tertunda"
FIELDS = ("rencana", "rhk", "uraian", "output", "tanggal", "bukti_link", "mode", "kunci")
MAX_AGE = 24 * 3600


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="entri-tertunda")


def same_origin() -> bool:
    """Only a form of this portal may leave an entry to be sent later."""
    site = request.headers.get("Sec-Fetch-Site")
    if site and site not in ("same-origin", "none"):
        return False
    origin = request.headers.get("Origin")
    return not origin or origin.rstrip("/") == request.host_url.rstrip("/")


def stash(response):
    data = {k: request.form.get(k, "")[:600] for k in FIELDS}
    response.set_cookie(COOKIE, _serializer().dumps(data), max_age=MAX_AGE, httponly=True,
                        samesite="Lax", secure=current_app.config["SESSION_COOKIE_SECURE"])
    return response


def send_after_login(_app, user, **_extra) -> None:
    """flask-login's `user_logged_in` signal: save the stashed entry for the person."""
    raw = request.cookies.get(COOKIE) if request else None
    if not raw:
        return

    @after_this_request
    def forget(response):
        response.delete_cookie(COOKIE)
        return response

    try:
        data = _serializer().loads(raw, max_age=MAX_AGE)
    except BadData:
        return
    from portal.harian import services
    from portal.harian.forms import EntriForm

    form = EntriForm(formdata=MultiDict(data), meta={"csrf": False})
    rhks = services.approved_rhk(user.id)
    services.prepare(form, user.id, rhks, fresh=False)
    values = services.validate(form, user.id, rhks)
    if values is None:
        problems = "; ".join(e for f in form for e in f.errors)
        flash(_("Entri tertunda \"%(t)s\" tidak dapat dikirim: %(p)s",
                t=data.get("uraian", "")[:80], p=problems), "error")
        return
    services.create(user.id, values, form.posted_key())
    flash(_("Entri yang tertunda saat sesi Anda berakhir sudah dikirim: \"%(t)s\".",
            t=values["uraian"][:80]), "success")
