"""The plan (SKP) of a person: "SKP saya", the SKP page, RHK and IKI rows (htmx or plain forms).

Approval, revisions and the admin's record live in `routes_approval.py`; IKI rows in
`routes_iki.py`; shared RHK in `routes_kolaborasi.py`; priority programs and the alignment view in
`routes_program.py`; what they share in `common.py`.
"""
from __future__ import annotations

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from portal import access, audit, konfirmasi, orgtree
from portal.extensions import db
from portal.htmx import fragment_or_redirect, render, wants_fragment
from portal.models import Rhk
from portal.parameter import tahun_arg
from portal.skp import access as skp_access
from portal.skp import bp, pengajuan, services
from portal.skp.common import STALE, move, skp_url
from portal.skp.forms import LampiranForm, RhkForm


@bp.errorhandler(StaleDataError)
@bp.errorhandler(IntegrityError)
def conflict(_error):
    """Two people (or two tabs) changed the same SKP at once: nothing half-saved, and a clear
    message instead of a server error."""
    db.session.rollback()
    return render("errors/page.html", "errors/_error.html", 409, code=409,
                  title=_("Data telah diubah"),
                  text=_(STALE) + " " + _("Muat ulang halaman untuk melihat nilai terkini."))


def rhk_form(skp, data=None, obj=None) -> RhkForm:
    seat = skp.jabatan
    form = RhkForm(formdata=data, obj=obj)
    return form.configure(services.parent_rhk_choices(skp),
                          services.programs_of(skp.periode.tahun), services.is_top(seat),
                          services.has_perspektif(seat))


def page_context(skp, **extra):
    full = services.load_skp(skp.id)
    locked = services.locked_reason(full) if full.pegawai_id == current_user.id else None
    editable = full.pegawai_id == current_user.id and full.status in services.EDITABLE \
        and not locked
    ctx = dict(skp=full, editable=editable, locked=locked,
               form=rhk_form(full) if editable else None,
               is_boss=skp_access.is_direct_supervisor_of(full),
               is_owner=full.pegawai_id == current_user.id,
               shared=services.shared_rhk(full.pegawai_id, full.periode_id)
               if full.pegawai_id == current_user.id else [],
               lampiran=LampiranForm(formdata=None, obj=full))
    ctx.update(extra)
    return ctx


@bp.get("/")
@access.role("pegawai")
def saya():
    periode = services.periode_of_year(tahun_arg())
    if periode is None:
        return render("skp/saya.html", periode=None, periodes=services.all_periode(), reason=None)
    skp = services.skp_of(current_user.id, periode.id)
    if skp is not None:
        return render("skp/page.html", **page_context(skp), periodes=services.all_periode())
    return render("skp/saya.html", periode=periode, periodes=services.all_periode(),
                  reason=services.why_cannot_create(current_user, periode),
                  shared=services.shared_rhk(current_user.id, periode.id))


@bp.post("/buat")
@access.role("pegawai")
def buat():
    periode = services.periode_of_year(tahun_arg(source=request.form))
    if periode is None:
        abort(404)
    reason = services.why_cannot_create(current_user, periode)
    if reason:
        flash(reason, "error")
        return redirect(url_for("skp.saya", tahun=periode.tahun), 303)
    skp = services.create_skp(current_user, periode, copy_last=request.form.get("salin") == "1")
    db.session.commit()
    flash(_("SKP periode %(t)s dibuat sebagai draf.", t=periode.tahun), "success")
    return redirect(skp_url(skp.id), 303)


@bp.get("/<int:skp_id>")
@access.login
def lihat(skp_id: int):
    skp = skp_access.get_skp_readable_or_403(skp_id)
    return render("skp/page.html", **page_context(skp))


@bp.post("/<int:skp_id>/rhk")
@access.role("pegawai")
def rhk_new(skp_id: int):
    skp = skp_access.get_skp_editable_or_403(skp_id)
    form = rhk_form(skp, request.form)
    if not form.validate():
        return render("skp/rhk_baru.html", "skp/_rhk_form.html", 422, skp=skp, form=form,
                      rhk=None)
    rhk = Rhk(skp_id=skp.id, urutan=len(skp.rhk))
    _fill_rhk(rhk, form, skp)
    db.session.add(rhk)
    db.session.flush()  # the id, for the audit row written in the same transaction
    audit.record("rhk.tambah", "rhk", rhk.id, sesudah={"teks": rhk.teks})
    db.session.commit()
    if wants_fragment():
        return render("skp/_rhk_added.html", skp=skp, rhk=rhk, editable=True,
                      form=rhk_form(skp))
    flash(_("RHK ditambahkan."), "success")
    return redirect(skp_url(skp.id, f"rhk-{rhk.id}"), 303)


def _fill_rhk(rhk: Rhk, form: RhkForm, skp) -> None:
    from portal.models import ProgramPrioritas

    rhk.jenis, rhk.teks = form.jenis.data, form.teks.data.strip()
    rhk.perspektif = form.perspektif.data or None
    if services.is_top(skp.jabatan):
        rhk.rhk_atasan_id = None
        rhk.program = [db.session.get(ProgramPrioritas, pid) for pid in form.program_ids.data]
    else:
        rhk.rhk_atasan_id = form.rhk_atasan_id.data


@bp.get("/rhk/<int:rhk_id>")
@access.login
def rhk(rhk_id: int):
    rhk = skp_access.get_rhk_readable_or_403(rhk_id)
    editable = rhk.skp.pegawai_id == current_user.id and rhk.skp.status in services.EDITABLE
    return render("skp/rhk.html", "skp/_rhk.html", rhk=rhk, skp=rhk.skp, editable=editable)


@bp.get("/rhk/<int:rhk_id>/ubah")
@access.role("pegawai")
def rhk_edit(rhk_id: int):
    rhk = skp_access.get_rhk_editable_or_403(rhk_id)
    form = rhk_form(rhk.skp, obj=rhk)
    form.program_ids.data = [p.id for p in rhk.program]
    return render("skp/rhk_baru.html", "skp/_rhk_form.html", skp=rhk.skp, form=form, rhk=rhk)


@bp.post("/rhk/<int:rhk_id>")
@access.role("pegawai")
def rhk_save(rhk_id: int):
    rhk = skp_access.get_rhk_editable_or_403(rhk_id)
    skp = rhk.skp
    form = rhk_form(skp, request.form)
    if not form.validate():
        return render("skp/rhk_baru.html", "skp/_rhk_form.html", 422, skp=skp, form=form, rhk=rhk)
    if form.version_int() != rhk.version:
        return _stale_rhk(rhk)
    before = {"teks": rhk.teks, "rhk_atasan_id": rhk.rhk_atasan_id}
    _fill_rhk(rhk, form, skp)
    audit.record("rhk.ubah", "rhk", rhk.id, sebelum=before, sesudah={"teks": rhk.teks})
    try:
        db.session.commit()
    except StaleDataError:
        db.session.rollback()
        return _stale_rhk(db.session.get(Rhk, rhk_id))
    return _row_or_redirect(rhk, _("RHK disimpan."))


def _stale_rhk(rhk: Rhk):
    form = rhk_form(rhk.skp, obj=rhk)
    form.program_ids.data = [p.id for p in rhk.program]
    form.form_errors.append(_(STALE) + " " + _("Nilai terkini ditampilkan; periksa lalu simpan "
                                               "lagi bila perlu."))
    return render("skp/rhk_baru.html", "skp/_rhk_form.html", 409, skp=rhk.skp, form=form, rhk=rhk)


def _row_or_redirect(rhk: Rhk, message: str):
    return fragment_or_redirect("skp/_rhk.html", skp_url(rhk.skp_id, f"rhk-{rhk.id}"), message,
                                rhk=rhk, skp=rhk.skp, editable=True)


@bp.post("/rhk/<int:rhk_id>/hapus")
@access.role("pegawai")
def rhk_delete(rhk_id: int):
    rhk = skp_access.get_rhk_editable_or_403(rhk_id)
    answer = konfirmasi.perlu(_("Hapus RHK ini?"))
    if answer:
        return answer
    skp_id = rhk.skp_id
    if rhk.id in services.rhk_in_use([rhk.id]):
        rhk.diarsipkan = True
        audit.record("rhk.arsip", "rhk", rhk.id)
        db.session.commit()
        message = _("RHK sudah dipakai (realisasi, umpan balik atau RHK bawahan), sehingga tidak "
                    "dihapus melainkan diarsipkan.")
        return fragment_or_redirect("skp/_rhk.html", skp_url(skp_id), message,
                                    rhk=rhk, skp=rhk.skp, editable=True, note=message)
    audit.record("rhk.hapus", "rhk", rhk.id, sebelum={"teks": rhk.teks})
    db.session.delete(rhk)
    db.session.commit()
    return fragment_or_redirect(None, skp_url(skp_id), _("RHK dihapus."))


@bp.post("/rhk/<int:rhk_id>/geser")
@access.role("pegawai")
def rhk_move(rhk_id: int):
    rhk = skp_access.get_rhk_editable_or_403(rhk_id)
    skp = rhk.skp
    move(list(skp.rhk), rhk, request.form.get("arah"))
    db.session.commit()
    if wants_fragment():
        return render("skp/_rhk_list.html", skp=services.load_skp(skp.id), editable=True)
    return redirect(skp_url(skp.id, f"rhk-{rhk.id}"), 303)


@bp.post("/<int:skp_id>/lampiran")
@access.role("pegawai")
def lampiran(skp_id: int):
    skp = skp_access.get_skp_editable_or_403(skp_id)
    form = LampiranForm(request.form)
    if not form.validate():
        return render("skp/page.html", "skp/_lampiran.html", 422,
                      **page_context(skp, lampiran=form))
    if form.version_int() != skp.version:
        form = LampiranForm(formdata=None, obj=skp)
        form.form_errors.append(_(STALE))
        return render("skp/page.html", "skp/_lampiran.html", 409,
                      **page_context(skp, lampiran=form))
    form.populate_obj(skp)
    try:
        db.session.commit()
    except StaleDataError:
        db.session.rollback()
        skp = db.session.get(type(skp), skp_id)
        form = LampiranForm(formdata=None, obj=skp)
        form.form_errors.append(_(STALE))
        return render("skp/page.html", "skp/_lampiran.html", 409,
                      **page_context(skp, lampiran=form))
    return fragment_or_redirect("skp/_lampiran.html", skp_url(skp.id, "lampiran"),
                                _("Lampiran disimpan."), skp=skp, editable=True, saved=True,
                                lampiran=LampiranForm(formdata=None, obj=skp))


@bp.post("/<int:skp_id>/ajukan")
@access.role("pegawai")
def ajukan(skp_id: int):
    skp = skp_access.get_skp_editable_or_403(skp_id)
    active = [r for r in skp.rhk if not r.diarsipkan]
    if not active or any(not r.iki for r in active):
        flash(_("SKP belum dapat diajukan: setiap RHK harus punya minimal satu IKI, dan minimal "
                "satu RHK."), "error")
        return redirect(skp_url(skp.id), 303)
    if orgtree.atasan_of(skp.pegawai) is None and not services.is_top(skp.jabatan):
        flash(_("Atasan Anda belum ditetapkan."), "error")
        return redirect(skp_url(skp.id), 303)
    pengajuan.submit(skp)
    db.session.commit()
    flash(_("SKP diajukan kepada atasan."), "success")
    return redirect(skp_url(skp.id), 303)
