"""Admin: people (pegawai), their moves between seats and their passwords."""
from __future__ import annotations

import re
import secrets

from flask import flash, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.exc import IntegrityError

from portal import access, audit, konfirmasi, locking, orgtree
from portal.access import get_pegawai_or_404
from portal.admin import bp, services
from portal.admin.access import get_jabatan_or_404
from portal.admin.common import page_arg, search_arg
from portal.admin.forms import PegawaiForm, PindahForm, opsi
from portal.extensions import db
from portal.htmx import redirect_to, render, row_or_redirect
from portal.models import Pegawai

PEGAWAI_FIELDS = ("nip", "nama", "gelar_depan", "gelar_belakang", "status", "golongan",
                  "alamat", "is_admin", "aktif")
NIP_DUPLIKAT = "NIP ini sudah dipakai pegawai lain."


def _pegawai_form_page(form, pegawai, status=200):
    action = (url_for("admin.pegawai_edit", pegawai_id=pegawai.id) if pegawai
              else url_for("admin.pegawai_new"))
    fragment = "admin/_form_row.html" if pegawai else None
    return render("admin/form_page.html", fragment, status=status, form=form,
                  title=_("Ubah pegawai") if pegawai else _("Tambah pegawai"), action=action,
                  cancel=url_for("admin.pegawai_list"),
                  row_id=f"pegawai-{pegawai.id}" if pegawai else "",
                  row_url=url_for("admin.pegawai_row", pegawai_id=pegawai.id) if pegawai else "",
                  colspan=5,
                  inline=("nama", "gelar_depan", "gelar_belakang"))


def _pegawai_valid(form: PegawaiForm, pegawai: Pegawai | None) -> bool:
    ok = form.validate_on_submit()
    if ok and services.nip_taken(form.nip.data, pegawai.id if pegawai else None):
        form.nip.errors.append(_(NIP_DUPLIKAT))
        ok = False
    if ok and pegawai is not None and pegawai.id == current_user.id and not form.is_admin.data:
        form.is_admin.errors.append(_("Anda tidak dapat mencabut hak admin Anda sendiri."))
        ok = False
    return ok


def _pegawai_apply(form: PegawaiForm, pegawai: Pegawai) -> None:
    pegawai.nip = form.nip.data.strip()
    pegawai.nama = form.nama.data.strip()
    pegawai.gelar_depan = (form.gelar_depan.data or "").strip() or None
    pegawai.gelar_belakang = (form.gelar_belakang.data or "").strip() or None
    pegawai.status, pegawai.golongan = form.status.data, form.golongan.data
    pegawai.alamat = (form.alamat.data or "").strip() or None
    pegawai.is_admin = form.is_admin.data


def _save(form: PegawaiForm, pegawai: Pegawai | None):
    """Commit, or — when another request took the NIP meanwhile — say so next to the field."""
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        form.nip.errors.append(_(NIP_DUPLIKAT))
        return _pegawai_form_page(form, pegawai, 422)
    return None


def _row(pegawai: Pegawai, message: str):
    return row_or_redirect("admin/_pegawai_row.html", f"pegawai-{pegawai.id}",
                           url_for("admin.pegawai_detail", pegawai_id=pegawai.id), message,
                           p=pegawai, j=orgtree.current_seat(pegawai.id))


@bp.get("/pegawai")
@access.role("admin")
def pegawai_list():
    q, page = search_arg(), page_arg()
    rows, total = services.pegawai_page(q, page)
    return render("admin/pegawai.html", "admin/_pegawai_rows.html", rows=rows, total=total,
                  q=q, page=page, per_page=services.PER_PAGE)


@bp.get("/pegawai/pilih")
@access.role("admin")
def pegawai_pilih():
    """The person picker's answers for what was typed (htmx, search-as-you-type): 20 at most,
    each a button that puts its NIP into the field named by `untuk`."""
    q, untuk = search_arg(), request.args.get("untuk", "")
    if not re.fullmatch(r"[a-z][a-z0-9_-]{0,39}", untuk):
        untuk = ""
    return render("admin/_pegawai_opsi.html", untuk=untuk, q=q,
                  rows=services.pegawai_pilihan(q) if len(q) >= 2 and untuk else [])


@bp.route("/pegawai/baru", methods=["GET", "POST"])
@access.role("admin")
def pegawai_new():
    form = PegawaiForm()
    if not _pegawai_valid(form, None):
        return _pegawai_form_page(form, None, 422 if form.errors else 200)
    pegawai = Pegawai()
    _pegawai_apply(form, pegawai)
    db.session.add(pegawai)
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        form.nip.errors.append(_(NIP_DUPLIKAT))
        return _pegawai_form_page(form, None, 422)
    audit.record("pegawai.buat", "pegawai", pegawai.id,
                 sesudah=services.snapshot(pegawai, PEGAWAI_FIELDS))
    failed = _save(form, None)
    if failed:
        return failed
    flash(_("Pegawai %(n)s ditambahkan. Setel kata sandinya dengan tombol Reset sandi.",
            n=pegawai.nama_lengkap), "success")
    return redirect_to(url_for("admin.pegawai_detail", pegawai_id=pegawai.id))


@bp.get("/pegawai/<int:pegawai_id>")
@access.role("admin")
def pegawai_detail(pegawai_id: int):
    pegawai = get_pegawai_or_404(pegawai_id)
    return render("admin/pegawai_detail.html", p=pegawai, j=orgtree.current_seat(pegawai.id))


@bp.get("/pegawai/<int:pegawai_id>/baris")
@access.role("admin")
def pegawai_row(pegawai_id: int):
    pegawai = get_pegawai_or_404(pegawai_id)
    return render("admin/pegawai_detail.html", "admin/_pegawai_row.html", p=pegawai,
                  j=orgtree.current_seat(pegawai.id))


@bp.route("/pegawai/<int:pegawai_id>/ubah", methods=["GET", "POST"])
@access.role("admin")
def pegawai_edit(pegawai_id: int):
    pegawai = get_pegawai_or_404(pegawai_id)
    form = PegawaiForm(obj=pegawai)
    if not _pegawai_valid(form, pegawai):
        return _pegawai_form_page(form, pegawai, 422 if form.errors else 200)
    if not locking.claim(pegawai, form.posted_version()):
        db.session.rollback()  # someone saved this person since the form was made
        db.session.refresh(pegawai)
        current = PegawaiForm(formdata=None, obj=pegawai)
        current.form_errors.append(locking.message())
        return _pegawai_form_page(current, pegawai, 409)
    sebelum = services.snapshot(pegawai, PEGAWAI_FIELDS)
    _pegawai_apply(form, pegawai)
    audit.record("pegawai.ubah", "pegawai", pegawai.id, sebelum=sebelum,
                 sesudah=services.snapshot(pegawai, PEGAWAI_FIELDS))
    failed = _save(form, pegawai)
    if failed:
        return failed
    return _row(pegawai, _("Data %(n)s disimpan.", n=pegawai.nama_lengkap))


def _set_aktif(pegawai_id: int, aktif: bool):
    pegawai = get_pegawai_or_404(pegawai_id)
    if not aktif and pegawai.id == current_user.id:
        flash(_("Anda tidak dapat menonaktifkan akun Anda sendiri."), "error")
        return redirect_to(url_for("admin.pegawai_detail", pegawai_id=pegawai.id))
    question = _("Aktifkan kembali akun %(n)s?") if aktif else _("Nonaktifkan akun %(n)s?")
    answer = konfirmasi.perlu(question % {"n": pegawai.nama_lengkap})
    if answer:
        return answer
    if pegawai.aktif != aktif:
        pegawai.aktif = aktif
        if not aktif:  # a deactivated account is signed out everywhere
            pegawai.sesi_token = secrets.token_urlsafe(24)
        audit.record("pegawai.aktifkan" if aktif else "pegawai.nonaktif", "pegawai", pegawai.id,
                     sebelum={"aktif": not aktif}, sesudah={"aktif": aktif})
        db.session.commit()
    return _row(pegawai, _("Akun diaktifkan.") if aktif else _("Akun dinonaktifkan."))


@bp.post("/pegawai/<int:pegawai_id>/nonaktif")
@access.role("admin")
def pegawai_deactivate(pegawai_id: int):
    return _set_aktif(pegawai_id, False)


@bp.post("/pegawai/<int:pegawai_id>/aktifkan")
@access.role("admin")
def pegawai_activate(pegawai_id: int):
    return _set_aktif(pegawai_id, True)


@bp.post("/pegawai/<int:pegawai_id>/reset-sandi")
@access.role("admin")
def pegawai_reset_password(pegawai_id: int):
    pegawai = get_pegawai_or_404(pegawai_id)
    answer = konfirmasi.perlu(_("Buat kata sandi sementara baru untuk %(n)s? Semua sesinya "
                                "akan keluar.", n=pegawai.nama_lengkap))
    if answer:
        return answer
    sandi = secrets.token_urlsafe(9)
    pegawai.set_password(sandi, wajib_ganti=True)  # also rotates the token: every session ends
    audit.record("pegawai.reset_sandi", "pegawai", pegawai.id, sesudah={"wajib_ganti_sandi": True})
    db.session.commit()
    # Shown in this answer only: it is never stored in clear nor put in a flash message.
    response = render("admin/sandi.html", "admin/_sandi.html", p=pegawai, sandi=sandi)
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/pegawai/<int:pegawai_id>/pindah", methods=["GET", "POST"])
@access.role("admin")
def pegawai_move(pegawai_id: int):
    pegawai = get_pegawai_or_404(pegawai_id)
    form = PindahForm()
    form.jabatan_id.choices = opsi([(0, _("— pilih jabatan —")), *services.jabatan_choices()])
    if request.method == "GET":
        form.version.data = pegawai.version
    valid = form.validate_on_submit()
    stale = valid and not locking.claim(pegawai, form.posted_version())
    if stale:  # moved or edited by someone else since this form was made (or sent twice)
        db.session.rollback()
        db.session.refresh(pegawai)
        form.version.data = pegawai.version
        seat = orgtree.current_seat(pegawai.id)
        form.form_errors.append(_(locking.STALE) + " " + _(
            "Jabatan %(n)s kini: %(j)s.", n=pegawai.nama_lengkap, j=seat.nama if seat else "-"))
    elif valid:
        try:
            services.move_pegawai(pegawai, get_jabatan_or_404(form.jabatan_id.data),
                                  form.tanggal.data, form.keterangan.data)
        except services.Ditolak as refused:
            db.session.rollback()
            form.jabatan_id.errors.append(str(refused))
        else:
            db.session.commit()
            flash(_("%(n)s dipindahkan.", n=pegawai.nama_lengkap), "success")
            return redirect_to(url_for("admin.pegawai_detail", pegawai_id=pegawai.id))
    return render("admin/form_page.html", status=409 if stale else 422 if form.errors else 200,
                  form=form, title=_("Pindahkan %(n)s", n=pegawai.nama_lengkap),
                  action=url_for("admin.pegawai_move", pegawai_id=pegawai.id),
                  cancel=url_for("admin.pegawai_detail", pegawai_id=pegawai.id))
