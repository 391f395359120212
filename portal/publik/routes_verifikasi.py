"""`/v/<kode>`: the register row of one issued document, for anyone, and the check of an
uploaded copy against it. Rate-limited per address (batas.py); an unknown or malformed code is
a plain 404 that tells nothing else."""
from __future__ import annotations

from datetime import UTC

from flask import current_app, render_template, request
from flask_babel import gettext as _

from portal import access, clock
from portal.dokumen import register
from portal.dokumen.seal import JUDUL
from portal.errors import angka_mb
from portal.publik import batas, berkas, bp
from portal.publik.forms import PeriksaForm
from portal.rules.nomor_dokumen import samarkan_nip
from portal.rules.tanggal import tanggal_indonesia

STATUS = {"berlaku": "VALID", "diganti": "SUPERSEDED", "dicabut": "WITHDRAWN"}
HASIL = {
    "cocok": (200, "Cocok: berkas ini sama persis, byte demi byte, dengan dokumen yang "
                   "diterbitkan."),
    "beda": (200, "Tidak cocok: berkas ini berbeda dari dokumen yang diterbitkan dengan kode "
                  "ini. Jangan mengandalkan isinya."),
    "bukan_pdf": (422, "Berkas ini bukan PDF. Unggah berkas PDF dokumen yang ingin diperiksa."),
    "terlalu_besar": (413, "Berkas terlalu besar (batas %(mb)s MB) dan tidak diperiksa."),
}


def _plain(code: int, pesan: str):
    response = current_app.make_response(
        (render_template("publik/pesan.html", pesan=pesan, code=code), code))
    response.headers["X-Robots-Tag"] = "noindex"
    return response


def _too_many():
    return _plain(429, _("Terlalu banyak permintaan dari alamat Anda. Tunggu beberapa menit "
                         "lalu coba lagi."))


def _row(kode: str):
    return register.by_kode(kode)


def _page(dokumen, form, hasil=None, status=200):
    terbit = dokumen.diterbitkan_pada.replace(tzinfo=UTC).astimezone(clock.zone())
    response = current_app.make_response((render_template(
        "publik/verifikasi.html", d=dokumen, judul=JUDUL.get(dokumen.jenis, dokumen.jenis),
        nip=samarkan_nip(dokumen.subjek_nip) if dokumen.subjek_nip else None,
        tanggal=tanggal_indonesia(terbit.date()), jam=terbit.strftime("%H:%M"),
        status=STATUS[dokumen.status], form=form, hasil=hasil), status))
    response.headers["Cache-Control"] = "no-cache"
    response.headers["X-Robots-Tag"] = "noindex"
    return response


@bp.get("/v/<kode>")
@access.public
def verifikasi(kode: str):
    if not batas.allow():
        return _too_many()
    dokumen = _row(kode)
    if dokumen is None:
        return _plain(404, _("Dokumen dengan kode ini tidak ada."))
    return _page(dokumen, PeriksaForm())


@bp.post("/v/<kode>")
@access.public
def periksa(kode: str):
    if not batas.allow():
        return _too_many()
    dokumen = _row(kode)
    if dokumen is None:
        return _plain(404, _("Dokumen dengan kode ini tidak ada."))
    limit = current_app.config["VERIFIKASI_UNGGAH_MAX_BYTES"]
    form = PeriksaForm()
    if (request.content_length or 0) > limit + 64 * 1024:  # refused before the body is read
        outcome = "terlalu_besar"
    elif not form.validate_on_submit():
        return _page(dokumen, form, status=422)
    else:
        outcome = berkas.compare(form.berkas.data.stream, dokumen.sha256, limit)
    code, text = HASIL[outcome]
    return _page(dokumen, PeriksaForm(formdata=None),
                 hasil=(outcome, _(text, mb=angka_mb(limit))), status=code)
