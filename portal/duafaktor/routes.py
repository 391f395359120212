"""The person's side: the code after the password, enrolment, the own settings page."""
from __future__ import annotations

from flask import current_app, flash, redirect, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user

from portal import access
from portal.auth import throttle
from portal.duafaktor import bp, services
from portal.duafaktor.forms import KodeForm
from portal.extensions import db
from portal.htmx import render

PESAN_SALAH = "Kode salah, kedaluwarsa atau sudah dipakai."
PESAN_BLOKIR = "Terlalu banyak percobaan gagal. Coba lagi 15 menit lagi."


def _key(p) -> str:
    return f"dua-faktor:{p.nip}"  # counted like failed passwords (portal/auth/throttle.py)


def _finish(p):
    """The second factor is right: now the person is logged in, with a fresh session."""
    target = services.tujuan()
    session.clear()
    login_user(p)
    session.permanent = True
    if p.wajib_ganti_sandi:
        return redirect(url_for("auth.password_change"))
    return redirect(target)


def _who():
    """The person enrolling: logged in, or half-way through a login that requires it."""
    if current_user.is_authenticated:
        return current_user._get_current_object(), False
    return services.tertunda(), True


@bp.route("/dua-faktor/masuk", methods=["GET", "POST"])
@access.public
def masuk():
    p = services.tertunda()
    if current_user.is_authenticated or p is None or not services.aktif(p.id):
        return redirect(url_for("home.index" if current_user.is_authenticated else "auth.login"))
    form = KodeForm()
    if form.validate_on_submit():
        if throttle.is_blocked_account(_key(p)):
            form.kode.errors.append(_(PESAN_BLOKIR))
            return render("duafaktor/masuk.html", form=form, status=429)
        jenis = services.periksa(p, form.kode.data)
        if jenis is None:
            db.session.rollback()
            throttle.record_failure(_key(p))
            form.kode.errors.append(_(PESAN_SALAH))
            return render("duafaktor/masuk.html", form=form, status=422)
        throttle.clear_account(_key(p))
        db.session.commit()
        if jenis == "pemulihan":
            flash(_("Anda masuk dengan kode pemulihan; sisa %(n)s kode.",
                    n=services.sisa_kode(p.id)), "info")
        response = _finish(p)
        if form.percaya.data:
            response.set_cookie(services.PERANGKAT_COOKIE, services.tanda_perangkat(p),
                                max_age=services.PERANGKAT_HARI * 86400, httponly=True,
                                samesite="Lax", path="/masuk",
                                secure=current_app.config["SESSION_COOKIE_SECURE"])
        return response
    return render("duafaktor/masuk.html", form=form, status=422 if form.errors else 200)


@bp.route("/dua-faktor/daftar", methods=["GET", "POST"])
@access.public
def daftar():
    p, pending = _who()
    if p is None:
        return redirect(url_for("auth.login"))
    if services.aktif(p.id):
        return redirect(url_for("duafaktor.saya" if not pending else "duafaktor.masuk"))
    form = KodeForm()
    df = services.mulai_daftar(p)
    if form.validate_on_submit():
        if throttle.is_blocked_account(_key(p)):
            form.kode.errors.append(_(PESAN_BLOKIR))
            status = 429
        else:
            codes = services.konfirmasi_daftar(p, form.kode.data)
            if codes is not None:
                throttle.clear_account(_key(p))
                db.session.commit()
                if pending:
                    target = services.tujuan()
                    _finish(p)
                else:
                    target = url_for("duafaktor.saya")
                response = render("duafaktor/kode.html", codes=codes, lanjut=target)
                response.headers["Cache-Control"] = "no-store"
                return response
            db.session.rollback()
            throttle.record_failure(_key(p))
            form.kode.errors.append(_(PESAN_SALAH))
            status = 422
    else:
        status = 422 if form.errors else 200
    svg, secret = services.qr_svg(p, df)
    response = render("duafaktor/daftar.html", form=form, svg=svg, secret=secret,
                      wajib=pending, status=status)
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/dua-faktor")
@access.login
def saya():
    return render("duafaktor/saya.html", aktif=services.aktif(current_user.id),
                  wajib=services.wajib(current_user), sisa=services.sisa_kode(current_user.id))


@bp.post("/dua-faktor/nonaktif")
@access.login
def nonaktif():
    if services.wajib(current_user):
        flash(_("Dua faktor wajib bagi peran Anda dan tidak dapat dimatikan."), "error")
    elif services.milik(current_user.id) is not None:
        services.hapus(current_user, "dua_faktor.nonaktif")
        db.session.commit()
        flash(_("Dua faktor dimatikan."), "success")
    return redirect(url_for("duafaktor.saya"), 303)
