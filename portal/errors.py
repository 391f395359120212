"""Error pages: each a full page, or a small fragment that htmx swaps in place."""
from flask import g, request
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import Forbidden

from portal.htmx import render

MESSAGES = {
    400: ("Permintaan tidak valid", "Periksa kembali isian Anda lalu coba lagi."),
    403: ("Tidak berwenang", "Anda tidak berwenang membuka atau mengubah data ini."),
    404: ("Tidak ditemukan", "Halaman atau data yang Anda cari tidak ada."),
    405: ("Metode tidak diizinkan", "Cara membuka halaman ini tidak didukung."),
    413: ("Berkas terlalu besar", "Ukuran berkas melebihi batas yang diizinkan."),
    503: ("Belum dapat dilayani", "Permintaan ini belum dapat dilayani; coba lagi nanti."),
    409: ("Data telah diubah", "Data telah diubah oleh orang lain. Muat ulang halaman untuk "
          "melihat nilai terkini."),
    429: ("Terlalu banyak percobaan", "Tunggu beberapa saat lalu coba lagi."),
    500: ("Terjadi kesalahan", "Maaf, terjadi kesalahan di server. Data Anda yang sudah "
          "tersimpan aman; coba lagi sebentar lagi."),
}


def angka_mb(n: int) -> str:
    return f"{n / 1024 / 1024:.1f}".rstrip("0").rstrip(".").replace(".", ",")


def render_error(code: int, detail: str | None = None):
    if request.path.startswith("/api/"):  # the token API answers JSON, even outside its views
        from portal.json_errors import galat

        return galat(code, detail)
    title, text = MESSAGES.get(code, MESSAGES[500])
    return render("errors/page.html", "errors/_error.html", code, code=code, title=_(title),
                  text=detail or _(text))


def register(app) -> None:
    for code in MESSAGES:
        if code in (403, 413, 500):
            continue
        app.register_error_handler(code, lambda e, c=code: render_error(c))

    @app.errorhandler(CSRFError)
    def csrf_error(_e):
        # The form text stays in the browser (the page is not replaced); say what to do.
        return render_error(400, _("Sesi formulir sudah kedaluwarsa. Muat ulang halaman "
                                   "lalu kirim lagi."))

    @app.errorhandler(403)
    def forbidden(e):
        # Every refusal passes here (role decorators and get_…_or_403 both abort(403)), so this
        # is the one place that logs who was refused what.
        actor = current_user.nip if current_user.is_authenticated else "anonim"
        app.logger.warning("akses ditolak: aktor=%s endpoint=%s path=%s metode=%s alamat=%s "
                           "objek=%s", actor, request.endpoint, request.path, request.method,
                           request.remote_addr, g.get("refused", "-"))
        # A refusal that knows its reason says it (abort(403, description=...) of a lookup);
        # werkzeug's own English default text is never shown.
        why = e.description if e.description != Forbidden.description else None
        return render_error(403, why)

    @app.errorhandler(StaleDataError)
    def changed_meanwhile(_e):
        # The safety net of every versioned record (views answer their own 409 with the form
        # and the current state first): a concurrent change is a conflict, never a 500.
        from portal.extensions import db

        db.session.rollback()
        app.logger.info("konflik versi pada %s", request.path)
        return render_error(409)

    @app.errorhandler(413)
    def too_large(_e):
        # Raised by Werkzeug from Content-Length (or while streaming) before the body is read.
        limit = request.max_content_length or app.config.get("MAX_CONTENT_LENGTH") or 0
        return render_error(413, _(
            "Data yang dikirim terlalu besar (batas %(mb)s MB) dan tidak diproses. Perkecil "
            "berkas lalu kirim lagi; isian yang sudah tersimpan tidak berubah.",
            mb=angka_mb(limit)))

    @app.errorhandler(500)
    def server_error(_e):
        from portal.extensions import db

        db.session.rollback()
        app.logger.exception("500 pada %s", request.path)
        return render_error(500)
