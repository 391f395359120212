"""Login by NIP, logout, password change and the role switch in the top bar."""
from urllib.parse import urlsplit

from flask import flash, redirect, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user
from sqlalchemy import select

from portal import access, audit
from portal.auth import bp, throttle
from portal.auth.forms import ChangePasswordForm, LoginForm
from portal.duafaktor import services as dua_faktor
from portal.extensions import db
from portal.htmx import render
from portal.i18n import SUPPORTED
from portal.models import Pegawai
from portal.models.pegawai import new_session_token
from portal.security import hash_password, verify_password

# Compared against when the NIP is unknown, so a wrong NIP costs as much time as a wrong password.
_DUMMY_HASH = None
GENERIC_ERROR = "NIP atau kata sandi salah."


def _safe_next(target: str | None) -> str:
    """A path of this site, or the home page: never `//host`, `/\\host` (browsers read both
    as another site), a scheme, or control characters."""
    if target and target.startswith("/") and not target.startswith(("//", "/\\")) \
            and not urlsplit(target).netloc and target.isprintable() and "\\" not in target:
        return target
    return url_for("home.index")


def _password_ok(pegawai: Pegawai | None, password: str) -> bool:
    """Exactly one password hash compared for every login, whoever the NIP belongs to (unknown,
    deactivated, without a password): a failure costs the same time whatever its reason."""
    global _DUMMY_HASH
    _DUMMY_HASH = _DUMMY_HASH or hash_password("portal-kinerja")
    if pegawai is None or not pegawai.password_hash:
        verify_password(_DUMMY_HASH, password)
        return False
    return verify_password(pegawai.password_hash, password)


@bp.route("/masuk", methods=["GET", "POST"])
@access.public
def login():
    if current_user.is_authenticated:
        return redirect(url_for("home.index"))
    form = LoginForm()
    if form.validate_on_submit():
        nip = form.nip.data.strip()
        if throttle.is_blocked(nip):
            form.nip.errors.append(_("Terlalu banyak percobaan gagal. Coba lagi 15 menit lagi."))
            return render("auth/login.html", form=form, status=429)
        pegawai = db.session.scalar(select(Pegawai).where(Pegawai.nip == nip))
        if not _password_ok(pegawai, form.password.data) or not pegawai.aktif:
            throttle.record_failure(nip)
            form.password.errors.append(_(GENERIC_ERROR))
            return render("auth/login.html", form=form, status=422)
        throttle.clear(nip)
        db.session.commit()
        session.clear()  # a fresh session at login; nothing from before carries over
        tahap = dua_faktor.tahap_kedua(pegawai)
        if tahap == "masuk" and dua_faktor.perangkat_tepercaya(
                pegawai, request.cookies.get(dua_faktor.PERANGKAT_COOKIE)):
            tahap = None  # this browser gave a right code within 30 days
        if tahap:  # not logged in until the second factor is right
            dua_faktor.tunda(pegawai, _safe_next(request.args.get("next")))
            return redirect(url_for(f"duafaktor.{tahap}"))
        login_user(pegawai)
        session.permanent = True
        if pegawai.wajib_ganti_sandi:
            flash(_("Ganti kata sandi sementara Anda sebelum melanjutkan."), "info")
            return redirect(url_for("auth.password_change"))
        return redirect(_safe_next(request.args.get("next")))
    status = 422 if form.errors else 200
    return render("auth/login.html", form=form, status=status)


@bp.post("/keluar")
@access.login
def logout():
    current_user.sesi_token = new_session_token()  # every old cookie of this person stops working
    db.session.commit()
    logout_user()
    session.clear()
    flash(_("Anda telah keluar."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/ganti-sandi", methods=["GET", "POST"])
@access.login
def password_change():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        key = throttle.password_change_key(current_user.nip)
        if throttle.is_blocked_account(key):  # a stolen session guessing the current password
            form.lama.errors.append(_("Terlalu banyak percobaan gagal. Coba lagi 15 menit lagi."))
            return render("auth/password.html", form=form, status=429)
        if not current_user.check_password(form.lama.data):
            throttle.record_failure(key)
            form.lama.errors.append(_("Kata sandi saat ini salah."))
        else:
            throttle.clear_account(key)
            current_user.set_password(form.baru.data)
            audit.record("ganti_sandi", "pegawai", current_user.id)
            db.session.commit()
            login_user(current_user._get_current_object())  # cookie gets the new token
            flash(_("Kata sandi berhasil diganti."), "success")
            return redirect(url_for("home.index"))
    return render("auth/password.html", form=form, status=422 if form.errors else 200)


@bp.post("/peran")
@access.login
def role_switch():
    chosen = request.form.get("peran", "")
    if access.has_role(chosen):
        session["peran"] = chosen
    return redirect(url_for("home.index"))


@bp.post("/bahasa")
@access.public
def language_switch():
    """Indonesian is the default; English on request, remembered per user."""
    chosen = request.form.get("bahasa", "id")
    if chosen in SUPPORTED:
        session["bahasa"] = chosen
        if current_user.is_authenticated:
            current_user.bahasa = chosen
            db.session.commit()
    back = urlsplit(request.referrer or "")
    same_site = back.scheme in ("", "http", "https") and back.netloc in ("", request.host)
    return redirect(_safe_next(back.path) if same_site else url_for("home.index"))


@bp.before_app_request
def force_password_change():
    """Imported accounts and reset passwords must be changed before anything else."""
    if (current_user.is_authenticated and current_user.wajib_ganti_sandi
            and request.endpoint not in {"auth.password_change", "auth.logout", "static",
                                         "favicon", "healthz"}):
        return redirect(url_for("auth.password_change"))
    return None
