"""Import of one's own daily entries from the portal's template: the template, the upload with
its preview (a message per wrong line), and applying it all or nothing."""
from __future__ import annotations

from flask import current_app, flash, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal import access, clock, downloads
from portal.extensions import db
from portal.htmx import redirect_to, render
from portal.rencana import bp, impor_berkas, impor_entri, rencana_aksi
from portal.rencana.forms import ImporForm

DEFAULT_MAX_BYTES = 10 * 1024 * 1024


def _max_bytes() -> int:
    return int(current_app.config.get("IMPORT_ENTRI_MAX_BYTES", DEFAULT_MAX_BYTES))


def _page(form=None, status: int = 200, **extra):
    today = clock.today()
    return render("rencana/impor.html", status=status, form=form or ImporForm(formdata=None),
                  rencana=rencana_aksi.untuk_bulan(current_user.id, today.year, today.month),
                  kolom=impor_entri.KOLOM, **extra)


@bp.get("/harian/impor")
@access.role("pegawai")
def impor():
    return _page()


@bp.get("/harian/impor/templat.<fmt>")
@access.role("pegawai")
def impor_templat(fmt: str):
    if fmt not in downloads.FORMATS:
        return _page(status=404)
    return downloads.table(fmt, "templat-entri-harian", list(impor_entri.KOLOM),
                       impor_entri.templat_rows(current_user.id), sheet="Entri")


@bp.post("/harian/impor")
@access.role("pegawai")
def impor_upload():
    form = ImporForm()
    upload = request.files.get("berkas")
    data = upload.read(_max_bytes() + 1) if upload else b""
    if not data:
        form.berkas.errors = [_("Pilih berkas CSV atau XLSX dari templat.")]
        return _page(form, 422)
    if len(data) > _max_bytes():
        form.berkas.errors = [_("Berkas terlalu besar (maks. %(mb)s MB).",
                                mb=round(_max_bytes() / 1024 / 1024, 1))]
        return _page(form, 413)
    try:
        hasil = impor_entri.periksa(current_user.id, data, upload.filename or "")
    except impor_berkas.BerkasDitolak as refused:
        form.berkas.errors = [str(refused)]
        return _page(form, 422)
    token = impor_berkas.simpan_berkas(current_user.id, data, upload.filename or "") \
        if hasil.baru and not hasil.salah else None
    return _page(form, 422 if hasil.salah else 200, hasil=hasil, token=token,
                 nama=(upload.filename or "")[:100])


@bp.post("/harian/impor/<token>/terapkan")
@access.role("pegawai")
def impor_terapkan(token: str):
    data = impor_berkas.baca_berkas(current_user.id, token)
    if data is None:
        flash(_("Pratinjau impor itu tidak ada lagi; unggah berkasnya kembali."), "error")
        return redirect_to(url_for("rencana.impor"))
    try:
        hasil = impor_entri.terapkan(current_user.id, data, token)
    except impor_berkas.BerkasDitolak as refused:
        db.session.rollback()
        flash(str(refused), "error")
        return redirect_to(url_for("rencana.impor"))
    if hasil.salah:
        return _page(status=422, hasil=hasil, token=None, nama="")
    db.session.commit()
    impor_berkas.hapus_berkas(current_user.id, token)
    flash(_("%(n)s entri diimpor; %(m)s sudah ada sebelumnya.", n=hasil.baru,
            m=hasil.sudah_ada), "success")
    return redirect_to(url_for("harian.daftar"))


@bp.before_app_request
def _size_gate():
    """Refuse an oversized upload from its Content-Length before the form is parsed."""
    if request.endpoint == "rencana.impor_upload":
        request.max_content_length = _max_bytes() + 64 * 1024
    return None
