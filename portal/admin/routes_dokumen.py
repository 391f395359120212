"""Admin: the register of issued documents, and withdrawing one with its reason."""
from __future__ import annotations

from flask import abort, flash, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal import access, konfirmasi
from portal.admin.routes import bp, page_arg, search_arg
from portal.dokumen import register
from portal.dokumen.seal import JUDUL
from portal.extensions import db
from portal.htmx import redirect_to, render
from portal.models import Dokumen

PER_PAGE = 25


@bp.get("/dokumen")
@access.role("admin")
def dokumen_list():
    jenis = request.args.get("jenis", "")
    if jenis and jenis not in JUDUL:
        jenis = ""
    return _page(search_arg(), jenis, page_arg())


def _page(q: str, jenis: str, page: int, status: int = 200, **context):
    rows, total = register.daftar(q, jenis, page, PER_PAGE)
    return render("admin/dokumen.html", rows=rows, total=total, page=page, per_page=PER_PAGE,
                  q=q, jenis=jenis, judul=JUDUL, **context), status


@bp.post("/dokumen/<int:dokumen_id>/cabut")
@access.role("admin")
def dokumen_cabut(dokumen_id: int):
    row = db.session.get(Dokumen, dokumen_id) or abort(404)
    back = url_for("admin.dokumen_list", q=row.nomor)
    alasan = (request.form.get("alasan") or "").strip()
    if row.status == "dicabut":
        flash(_("Dokumen %(n)s sudah dicabut.", n=row.nomor), "error")
        return redirect_to(back)
    if len(alasan) < 5:
        return _page(row.nomor, "", 1, 422, salah_id=row.id, alasan=alasan[:register.ALASAN_MAKS],
                     salah=_("Tulis alasan pencabutan (paling sedikit 5 huruf); dokumen belum "
                             "diubah."))
    answer = konfirmasi.perlu(_("Cabut dokumen %(n)s? Halaman verifikasinya akan menyatakan "
                                "DICABUT dan ini tidak dapat dibatalkan.", n=row.nomor))
    if answer:
        return answer
    register.cabut(row, alasan, current_user.id)
    db.session.commit()
    flash(_("Dokumen %(n)s dicabut.", n=row.nomor), "success")
    return redirect_to(back)
