"""Issuing a document: number it, stamp every page with its QR code and link, sign it, hash it,
keep its bytes and register it — once — then serve the kept bytes on every later download.

Every PDF download of the portal goes through one call:

    return seal.pdf_response(Permintaan(jenis="rapor", seri=..., sumber=..., final=...,
                                        template="pdf/rapor.html", context=lambda: {...},
                                        nama_berkas="rapor-….pdf", subjek_nama=..., ...))

- `final` False: the document is rendered each time with "DRAFT — belum final" on every page,
  not numbered, not signed, not registered, and not cached by the browser.
- `final` True: if the seri has a valid document made from the same `sumber`, its stored bytes
  are served (no render) with `ETag` = their SHA-256; otherwise a new number is drawn, the
  document rendered with its stamp, signed, stored and registered, and an older version of the
  seri becomes superseded by it.

The TPP list (and any later document) uses the same call with `jenis="tpp"`.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field

from flask import current_app, has_request_context, make_response, request
from flask_babel import gettext as _
from markupsafe import Markup
from sqlalchemy.exc import IntegrityError

from portal import clock
from portal.db_setup import writing
from portal.dokumen import register
from portal.dokumen.signer import signer
from portal.dokumen.storage import storage
from portal.extensions import db
from portal.models import Dokumen
from portal.timeout import TimeLimitExceeded

JUDUL = {"rapor": "Dokumen Evaluasi Kinerja Pegawai", "skp": "Dokumen SKP",
         "riwayat": "Riwayat Kinerja", "penetapan": "Format Penetapan Predikat Kinerja",
         "daftar_pendek": "Daftar Pendek Talenta", "tpp": "Daftar Nominatif TPP"}


@dataclass
class Permintaan:
    """What one download asks for (see the module doc)."""

    jenis: str
    seri: str
    sumber: str
    final: bool
    template: str
    context: Callable[[], dict]
    nama_berkas: str
    subjek_nama: str
    penandatangan: str
    subjek_nip: str | None = None
    pegawai_id: int | None = None
    periode: str | None = None
    pdf_variant: str | None = None
    extra: dict = field(default_factory=dict)


@dataclass
class Segel:
    """What _segel.html prints on every page."""

    draft: bool = False
    nomor: str = ""
    kode: str = ""
    url: str = ""
    qr: Markup = Markup("")


@dataclass
class Terbit:
    data: bytes
    sha256: str | None  # None: a draft
    dokumen: Dokumen | None


def public_url(kode: str) -> str:
    base = current_app.config.get("PUBLIC_BASE_URL") or (
        request.host_url if has_request_context() else "http://127.0.0.1:5000/")
    return f"{base.rstrip('/')}/v/{kode}"


def qr_svg(url: str) -> Markup:
    import segno

    # segno writes only its own path data; nothing of the URL reaches the markup but the code.
    return Markup(segno.make(url, error="m").svg_inline(omitsize=True, border=1))  # noqa: S704


def _render(p: Permintaan, segel: Segel) -> bytes:
    from portal import pdf

    # A sealed document is kept for years: always the archival PDF/A-3b.
    variant = p.pdf_variant if segel.draft else "pdf/a-3b"
    return pdf.render_pdf(p.template, pdf_variant=variant, segel=segel, **p.context())


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _stored(row: Dokumen, data: bytes | None = None) -> bytes | None:
    """The row's bytes (`data` when the caller read them with the row), checked."""
    if data is None:
        data = storage().get(row.kunci_berkas)
    if data is None or digest(data) != row.sha256:
        current_app.logger.error("berkas dokumen %s hilang atau berubah", row.nomor)
        return None
    return data


def terbitkan(p: Permintaan) -> Terbit:
    if not p.final:
        return Terbit(_render(p, Segel(draft=True)), None, None)
    row, data = register.valid_with_bytes(p.seri)
    if row is not None and row.sumber == p.sumber:
        data = _stored(row, data)
        if data is not None:
            return Terbit(data, row.sha256, row)
    try:
        return _issue(p)
    except IntegrityError:  # the same seri issued by another worker meanwhile: serve theirs
        db.session.rollback()
        row = register.valid_of(p.seri)
        data = _stored(row) if row is not None else None
        if data is None:
            raise
        return Terbit(data, row.sha256, row)


def _issue(p: Permintaan) -> Terbit:
    previous = register.valid_of(p.seri)
    # The number in a short transaction of its own: no lock is held while the document renders
    # (on SQLite that lock would stop every writer of the portal). A number is never used
    # twice; one is skipped only when a render fails or two first downloads race.
    nomor = register.take_number(p.jenis)
    kode = register.new_kode()
    url = public_url(kode)
    data = _render(p, Segel(nomor=nomor, kode=kode, url=url, qr=qr_svg(url)))
    inst = register.instansi()
    data = signer().sign(data, reason=f"{JUDUL.get(p.jenis, p.jenis)} nomor {nomor}",
                         location=inst.tempat if inst else "")
    sha = digest(data)
    now = clock.utcnow()
    key = f"dokumen/{now.year}/{kode}.pdf"
    penerbit = register.instansi_nama()
    db.session.commit()
    with writing():
        return _register(p, previous, Terbit(data, sha, None), nomor, kode, key, penerbit, now)


def _register(p: Permintaan, previous, issued: Terbit, nomor, kode, key, penerbit, now):
    """Keep the bytes and register them, in one short writing transaction."""
    data, sha = issued.data, issued.sha256
    storage().put(key, data)
    if previous is not None:
        register.supersede([previous], _("Data dokumen berubah; diganti versi baru."))
    row = Dokumen(nomor=nomor, kode=kode, jenis=p.jenis, seri=p.seri, sumber=p.sumber[:200],
                  pegawai_id=p.pegawai_id, subjek_nama=p.subjek_nama[:250],
                  subjek_nip=p.subjek_nip, periode=p.periode, penerbit=penerbit,
                  penandatangan=p.penandatangan[:300], diterbitkan_pada=now, sha256=sha,
                  ukuran=len(data), kunci_berkas=key, nama_berkas=p.nama_berkas[:200])
    db.session.add(row)
    db.session.flush()
    register.point_to_successor(p.seri, row)
    db.session.commit()
    return Terbit(data, sha, row)


def pdf_response(p: Permintaan, pdf_variant: str | None = None):
    """The download: the PDF (sealed or draft), or a plain 503 when it cannot be made now.
    `pdf_variant` applies to a draft ("pdf/a-3b" for an archival copy)."""
    from portal.errors import render_error

    p.pdf_variant = pdf_variant or p.pdf_variant
    try:
        issued = terbitkan(p)
    except TimeLimitExceeded as exc:
        db.session.rollback()
        current_app.logger.warning("PDF %s: %s", p.nama_berkas, exc)
        return render_error(503, _("%(pesan)s Coba lagi nanti, atau unduh rapor sebagai ZIP "
                                   "dari menu Unduhan.", pesan=str(exc)))
    except Exception:
        db.session.rollback()
        current_app.logger.exception("PDF %s gagal", p.nama_berkas)
        return render_error(503, _("Dokumen PDF tidak dapat dibuat saat ini. Data Anda aman; "
                                   "coba lagi beberapa saat lagi."))
    response = make_response(issued.data)
    response.headers["Content-Type"] = "application/pdf"
    response.headers["Content-Disposition"] = f'attachment; filename="{p.nama_berkas}"'
    if issued.sha256 is None:
        response.headers["Cache-Control"] = "no-store"
        return response
    response.set_etag(issued.sha256)
    response.headers["Cache-Control"] = "private, no-cache"
    return response.make_conditional(request)
