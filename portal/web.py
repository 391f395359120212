"""App-wide web plumbing: health check, security headers, the session cookie and the values
every template needs (compression and fingerprinted static files: portal/compression.py)."""
from __future__ import annotations

import secrets
from datetime import UTC, date, datetime
from decimal import Decimal

from flask import request
from flask.sessions import SecureCookieSessionInterface
from flask_babel import format_date, format_decimal, get_locale
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup
from sqlalchemy import text
from werkzeug.datastructures import ImmutableMultiDict
from werkzeug.local import LocalProxy
from werkzeug.routing import IntegerConverter
from werkzeug.utils import cached_property

from portal import access, clock, orgtree
from portal.compression import by_size, precompressed, static_url
from portal.extensions import db
from portal.rules import periode_kode

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
       "base-uri 'none'; object-src 'none'")
CSP_STATIC = "default-src 'none'; script-src 'self'; object-src 'none'; frame-ancestors 'none'"
IMMUTABLE = "public, max-age=31536000, immutable"
# Nothing in the portal needs the camera, microphone or payment APIs; the location is asked by
# the portal's own pages only (a WFH/WFA check-in, never required).
PERMISSIONS = "camera=(), microphone=(), geolocation=(self), payment=(), usb=()"


def _without_nul(data: ImmutableMultiDict) -> ImmutableMultiDict:
    return ImmutableMultiDict(
        (key.replace("\x00", ""), value.replace("\x00", "") if isinstance(value, str) else value)
        for key, value in data.items(multi=True))


class NulFreeRequest:
    """Mixed into the app's request class (htmx-flask's, which knows `request.htmx`).

    Query strings and forms arrive without NUL characters: PostgreSQL cannot store or even
    compare a text containing one, and no person types it; dropping it here, once, keeps every
    form and filter from answering 500 to it."""

    @cached_property
    def args(self):
        return _without_nul(super().args)

    def _load_form_data(self) -> None:
        super()._load_form_data()
        if "form" in self.__dict__:
            self.__dict__["form"] = _without_nul(self.__dict__["form"])


class IdConverter(IntegerConverter):
    """`<int:…>` in every route: an id larger than the database's integer columns hold is simply
    not found (404), instead of an overflow error deep in the driver (a 500)."""

    def __init__(self, map, fixed_digits=0, min=None, max=access.MAX_ID, signed=False):  # noqa: A002
        super().__init__(map, fixed_digits, min, max, signed)


def page_number(value: str | None, last: int = 100_000) -> int:
    """A `?hal=` page number: anything that is not a sane page number is page 1 (or the cap)."""
    try:
        return min(max(int(value or 1), 1), last)
    except ValueError:
        return 1
STATIC_ENDPOINTS = {"static", "favicon"}
REFRESH_SECONDS = 300


class SessionInterface(SecureCookieSessionInterface):
    """Signed-cookie sessions that cost fewer bytes on a weak signal: no cookie on static
    files, and a logged-in session's idle timeout renewed at most every five minutes instead of
    a new ~450-byte Set-Cookie on every response."""

    def should_set_cookie(self, app, session) -> bool:
        return session.modified

    def save_session(self, app, session, response) -> None:
        if request.endpoint in STATIC_ENDPOINTS:
            return
        if session and session.permanent:
            slot = int(clock.now().timestamp() // REFRESH_SECONDS)  # the portal's one clock
            if session.get("_t") != slot:
                session["_t"] = slot
        super().save_session(app, session, response)


def kunci_baru(form=None) -> str:
    """The idempotency key for a create form: the one it came back with, else a new one
    (portal/idempotency.py)."""
    posted = form.kunci.data if form is not None and hasattr(form, "kunci") else None
    return posted or secrets.token_urlsafe(16)


def register(app) -> None:
    app.request_class = type("PortalRequest", (NulFreeRequest, app.request_class), {})
    app.session_interface = SessionInterface()

    @app.get("/healthz")
    @access.public
    def healthz():
        try:
            db.session.execute(text("SELECT 1"))
        except Exception:  # noqa: BLE001 - any database failure means "not healthy"
            db.session.rollback()
            return {"status": "database tidak terjangkau"}, 503
        return {"status": "ok"}, 200

    @app.get("/favicon.ico")
    @access.public
    def favicon():
        # Pages link the fingerprinted copy; this address is for browsers that ask anyway.
        response = precompressed(app.send_static_file("favicon.ico"), "favicon.ico")
        response.headers["Cache-Control"] = "public, max-age=604800"
        return response

    # Static files are public; declare the built-in endpoint like every other one.
    serve_static = app.view_functions["static"]

    @access.public
    def static(filename):
        return precompressed(serve_static(filename=filename), filename)

    app.view_functions["static"] = static

    @app.after_request
    def headers(response):
        h = response.headers
        h["X-Content-Type-Options"] = "nosniff"
        h["Referrer-Policy"] = "same-origin"
        h["X-Frame-Options"] = "DENY"
        if request.is_secure:
            h["Strict-Transport-Security"] = "max-age=63072000; includeSubDomains"
        if request.endpoint in STATIC_ENDPOINTS:
            # A file needs only the short policy (fetched once, then cached for a year).
            h.setdefault("Content-Security-Policy", CSP_STATIC)
            if request.args.get("v"):
                h["Cache-Control"] = IMMUTABLE
            return response
        h.setdefault("Content-Security-Policy", CSP)
        h["Cross-Origin-Opener-Policy"] = "same-origin"
        h["Permissions-Policy"] = PERMISSIONS
        if "Cache-Control" not in response.headers:
            response.headers["Cache-Control"] = "no-store" if current_user.is_authenticated \
                else "no-cache"
        return response

    app.after_request(by_size)  # runs before flask-compress's hook, which then leaves it alone
    _register_template_values(app)

    @app.context_processor
    def inject():
        # Lazy: a fragment without the top bar (the daily entry's answer) never asks for the
        # roles it does not show, and so never walks the org tree.
        roles = LocalProxy(lambda: orgtree.roles_of(current_user)
                           if current_user.is_authenticated else [])
        return {"static_url": static_url, "roles": roles, "peran": LocalProxy(access.current_role),
                "role_label": role_label, "tahun_ini": clock.today().year,
                "lang": str(get_locale() or "id")}


def _register_template_values(app) -> None:
    """Every template global, filter and context value of the portal, in this one place. The
    areas' helpers are imported here, at start-up, not by the modules that import this one."""
    from portal.harian import notif
    from portal.rencana.rencana_aksi import label_bulan
    from portal.rules.berakhlak import NILAI
    from portal.rules.kurva import RATING_ORGANISASI_LABEL
    from portal.rules.predikat import predikat_label, rating_label
    from portal.skp.forms import IkiForm
    from portal.tpp.common import nama_bulan, rupiah

    for f in (tanggal, tanggal_pendek, waktu, angka, ukuran, periode):
        app.add_template_filter(f)
    app.add_template_filter(rupiah, "rupiah")
    app.add_template_filter(nama_bulan, "bulan")
    app.add_template_filter(lambda ra: label_bulan(ra.tahun, ra.bulan), "bulan_ra")
    app.add_template_global(clock.today, "today")
    app.add_template_global(NILAI, "berakhlak")
    # The IKI aspects as the form knows them (the form may be absent: an empty add row).
    app.add_template_global(tuple(c.value for c in IkiForm.aspek.kwargs["choices"]), "iki_aspek")
    app.jinja_env.globals["kunci_baru"] = kunci_baru
    app.add_template_global(csrf_field)

    @app.context_processor
    def labels():
        return {"predikat_label": predikat_label, "rating_label": rating_label,
                "rating_org_label": lambda key: RATING_ORGANISASI_LABEL.get(key or "", "-"),
                "notif_belum_dibaca": notif.unread_count}


_TOKEN = Markup('<input type="hidden" name="%s" value="%s">')


def csrf_field(form=None) -> Markup:
    """The one way a form carries its CSRF token: `{{ csrf_field() }}`. Given a WTForms form,
    the form's own hidden fields too (its idempotency `kunci`, its `versi`/`version`), as
    `form.hidden_tag()` would, with the token written the same way everywhere."""
    from flask_wtf.csrf import generate_csrf
    from wtforms.widgets import HiddenInput

    if form is None:
        return _TOKEN % ("csrf_token", generate_csrf())
    return Markup("").join(
        _TOKEN % (f.name, f.current_token) if f.type == "CSRFTokenField" else f()
        for f in form if isinstance(f.widget, HiddenInput))


def role_label(role: str) -> str:
    labels = {"pegawai": _("Pegawai"), "atasan": _("Atasan"), "sekda": _("Sekda"),
              "admin": _("Admin")}
    return labels.get(role, role)


def tanggal(value: date | None) -> str:
    """A date the way people write it: "30 Juni 2026" (or "30 June 2026" in English)."""
    return format_date(value, "d MMMM y") if value else "-"


def tanggal_pendek(value: date | datetime | None) -> str:
    """A day in a short confirmation or a card: "30 Nov" (the year when it is not this one)."""
    if value is None:
        return "-"
    if isinstance(value, datetime):
        value = _lokal(value).date()
    return format_date(value, "d MMM" if value.year == clock.today().year else "d MMM y")


def waktu(value: datetime | None) -> str:
    """A stored instant (naive UTC) in the instansi's time zone: "30 Nov 2026 14.05 WIB"."""
    if value is None:
        return "-"
    lokal = _lokal(value)
    return f"{format_date(lokal.date(), 'd MMM y')} {lokal:%H.%M} {lokal.tzname()}"


def _lokal(value: datetime) -> datetime:
    aware = value if value.tzinfo else value.replace(tzinfo=UTC)
    return aware.astimezone(clock.zone())


def angka(value, kosong: str = "-") -> str:
    """A number as people write it in Indonesia: 1.234,5 and 52 (thousands grouped, no trailing
    zeros, never "1e+11"); in English 1,234.5. Text that someone typed (a form shown back) stays
    as it was typed."""
    if value is None or value == "":
        return kosong
    if isinstance(value, str):
        return value
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    return format_decimal(number, format="#,##0.####")


def ukuran(jumlah_byte: int | None) -> str:
    """A file size: "10 MB", "2,5 MB", "840 KB"."""
    n = Decimal(jumlah_byte or 0)
    if n >= 1024 * 1024:
        return f"{format_decimal(n / (1024 * 1024), format='#,##0.#')} MB"
    return f"{format_decimal(n / 1024, format='#,##0')} KB"


def periode(kode: str | None) -> str:
    """A sub-period code as its name, roman numerals kept: TW4 → "Triwulan IV"."""
    return periode_kode.judul(kode) if kode else "-"
