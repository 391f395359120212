"""Import and export of people for the admin (BKPSDM): upload → preview → confirm."""
from __future__ import annotations

from flask import Response, abort, current_app, flash, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.exc import IntegrityError

from portal import access, clock, downloads, konfirmasi
from portal.extensions import db
from portal.htmx import redirect_to, render
from portal.impor import bp, services
from portal.impor.access import get_pratinjau_or_404
from portal.impor.berkas import BerkasError, read_rows, write_csv
from portal.impor.forms import KonfirmasiForm, UnggahForm

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
MULTIPART_SLACK = 64 * 1024


def max_bytes() -> int:
    return int(current_app.config.get("IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES))


@bp.record_once
def _install_size_gate(state) -> None:
    # Runs before CSRF protection parses the form, so an oversized body is refused from its
    # Content-Length (or cut off while streaming) instead of being read whole.
    state.app.before_request_funcs.setdefault(None, []).insert(0, _size_gate)


def _size_gate():
    if request.endpoint != "impor.unggah":
        return None
    limit = max_bytes() + MULTIPART_SLACK
    request.max_content_length = limit
    if request.content_length is not None and request.content_length > limit:
        return _too_large()
    return None


def _too_large():
    form = UnggahForm(formdata=None)
    form.berkas.errors = [_("Berkas terlalu besar (maks. %(mb)s MB).",
                            mb=round(max_bytes() / 1024 / 1024, 1))]
    return render("impor/page.html", form=form, status=413)


@bp.get("/")
@access.role("admin")
def index():
    return render("impor/page.html", form=UnggahForm(), recent=services.recent())


@bp.post("/unggah")
@access.role("admin")
def unggah():
    form = UnggahForm()
    if not form.validate_on_submit():
        return render("impor/page.html", form=form, status=422)
    upload = form.berkas.data
    data = upload.stream.read(max_bytes() + 1)
    if len(data) > max_bytes():
        return _too_large()
    try:
        lines = read_rows(data, upload.filename or "")
    except BerkasError as e:
        form.berkas.errors = [str(e)]
        return render("impor/page.html", form=form, status=422)
    pending = services.create_pending(lines, upload.filename or "berkas", current_user.id,
                                      clock.today())
    db.session.commit()
    return redirect_to(url_for("impor.pratinjau", token=pending.token))


@bp.get("/p/<token>")
@access.role("admin")
def pratinjau(token):
    pending = get_pratinjau_or_404(token)
    return render("impor/pratinjau.html", pending=pending, r=services.summary(pending),
                  form=KonfirmasiForm())


@bp.post("/p/<token>/terapkan")
@access.role("admin")
def terapkan(token):
    pending = get_pratinjau_or_404(token, lock=True)
    if pending.status != "menunggu":
        flash(_("Impor ini sudah diterapkan."), "warning")
        return redirect_to(url_for("impor.pratinjau", token=token))
    ringkasan = services.summary(pending)
    if not ringkasan.get("tidak_valid"):  # a file with invalid rows is refused below, unasked
        answer = konfirmasi.perlu(_("Terapkan impor %(f)s? %(b)s pegawai baru, %(u)s diubah, "
                                    "%(n)s dinonaktifkan.", f=pending.nama_berkas,
                                    b=len(ringkasan.get("baru", [])),
                                    u=len(ringkasan.get("ubah", [])),
                                    n=len(ringkasan.get("nonaktif", []))))
        if answer:
            return answer
    try:
        plan = services.apply_pending(pending, clock.today())
    except IntegrityError:
        # Someone changed the same people or seats meanwhile: nothing is kept.
        db.session.rollback()
        flash(_("Data berubah selama impor; tidak ada yang disimpan. Unggah ulang berkasnya."),
              "error")
        return redirect_to(url_for("impor.index"))
    if plan.tidak_valid:
        db.session.rollback()
        flash(_("Impor tidak diterapkan: masih ada baris tidak valid."), "error")
        return redirect_to(url_for("impor.pratinjau", token=token))
    db.session.commit()
    flash(_("Impor diterapkan: %(b)s baru, %(u)s diubah, %(n)s dinonaktifkan.",
            b=len(plan.baru), u=len(plan.ubah), n=len(plan.nonaktif)), "success")
    if pending.sandi_json:
        return redirect_to(url_for("impor.sandi", token=token))
    return redirect_to(url_for("impor.pratinjau", token=token))


@bp.get("/p/<token>/sandi")
@access.role("admin")
def sandi(token):
    pending = get_pratinjau_or_404(token)
    response = render("impor/sandi.html", pending=pending, sandi=services.passwords(pending),
                      form=KonfirmasiForm())
    response.headers["Cache-Control"] = "no-store"  # plaintext passwords: never cached
    return response


@bp.get("/p/<token>/sandi.csv")
@access.role("admin")
def sandi_csv(token):
    pending = get_pratinjau_or_404(token)
    if not pending.sandi_json:
        abort(404)
    rows = services.take_passwords(pending)
    db.session.commit()
    body = write_csv([{"nip": r["nip"], "nama": r["nama"], "sandi": r["sandi"]} for r in rows],
                     kolom={"nip": "NIP", "nama": "Nama", "sandi": "Sandi Sekali Pakai"})
    return _download(body, "text/csv; charset=utf-8", "sandi-sekali-pakai.csv")


@bp.post("/p/<token>/sandi/hapus")
@access.role("admin")
def sandi_delete(token):
    pending = get_pratinjau_or_404(token)
    answer = konfirmasi.perlu(_("Hapus daftar sandi? Daftar ini tidak dapat ditampilkan lagi."))
    if answer:
        return answer
    services.take_passwords(pending)
    db.session.commit()
    flash(_("Daftar sandi sekali pakai sudah dihapus."), "success")
    return redirect_to(url_for("impor.index"))


@bp.get("/ekspor.<fmt>")
@access.role("admin")
def ekspor(fmt):
    if fmt not in ("csv", "xlsx"):
        abort(404)
    body = services.export_file(fmt, clock.today())
    mime = ("text/csv; charset=utf-8" if fmt == "csv" else
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    return _download(body, mime, f"pegawai-{clock.today().isoformat()}.{fmt}")


def _download(body: bytes, mime: str, name: str) -> Response:
    return downloads.attachment(body, mime, name)
