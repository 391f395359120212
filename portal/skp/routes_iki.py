"""IKI rows of an RHK: add, edit, reorder, delete (htmx fragment or plain form and redirect)."""
from __future__ import annotations

from flask import flash, request
from flask_babel import gettext as _
from sqlalchemy.orm.exc import StaleDataError

from portal import access, audit, konfirmasi
from portal.extensions import db
from portal.htmx import fragment_or_redirect, redirect_to, render
from portal.models import Iki
from portal.skp import access as skp_access
from portal.skp import bp
from portal.skp.common import STALE, move, skp_url
from portal.skp.forms import IkiForm


def _fill(iki: Iki, form: IkiForm) -> None:
    iki.aspek, iki.indikator = form.aspek.data, form.indikator.data.strip()
    iki.target, iki.satuan = form.target_value, form.satuan.data.strip()


@bp.post("/rhk/<int:rhk_id>/iki")
@access.role("pegawai")
def iki_new(rhk_id: int):
    rhk = skp_access.get_rhk_editable_or_403(rhk_id)
    form = IkiForm(request.form)
    if not form.validate():
        return render("skp/iki_ubah.html", "skp/_iki_form.html", 422, rhk=rhk, iki=None,
                      form=form)
    iki = Iki(rhk_id=rhk.id, urutan=len(rhk.iki))
    _fill(iki, form)
    db.session.add(iki)
    db.session.flush()
    audit.record("iki.tambah", "iki", iki.id, sesudah={"indikator": iki.indikator})
    db.session.commit()
    return fragment_or_redirect("skp/_iki_added.html", skp_url(rhk.skp_id, f"rhk-{rhk.id}"),
                                _("IKI ditambahkan."), rhk=rhk, iki=iki, editable=True, form=None)


@bp.get("/iki/<int:iki_id>/ubah")
@access.role("pegawai")
def iki_edit(iki_id: int):
    iki = skp_access.get_iki_editable_or_403(iki_id)
    form = IkiForm(formdata=None, obj=iki)
    return render("skp/iki_ubah.html", "skp/_iki_form.html", rhk=iki.rhk, iki=iki, form=form)


@bp.get("/iki/<int:iki_id>")
@access.role("pegawai")
def iki_row(iki_id: int):
    """The plain row again (the edit form's "Batal")."""
    iki = skp_access.get_iki_editable_or_403(iki_id)
    return render("skp/iki_ubah.html", "skp/_iki.html", rhk=iki.rhk, iki=iki, editable=True,
                  form=IkiForm(formdata=None, obj=iki))


@bp.post("/iki/<int:iki_id>")
@access.role("pegawai")
def iki_save(iki_id: int):
    iki = skp_access.get_iki_editable_or_403(iki_id)
    form = IkiForm(request.form)
    if not form.validate():
        return render("skp/iki_ubah.html", "skp/_iki_form.html", 422, rhk=iki.rhk, iki=iki,
                      form=form)
    if form.version_int() != iki.version:
        return _stale(iki)
    before = {"indikator": iki.indikator, "target": iki.target}
    _fill(iki, form)
    audit.record("iki.ubah", "iki", iki.id, sebelum=before,
                 sesudah={"indikator": iki.indikator, "target": iki.target})
    try:
        db.session.commit()
    except StaleDataError:
        db.session.rollback()
        return _stale(db.session.get(Iki, iki_id))
    return fragment_or_redirect("skp/_iki.html", skp_url(iki.rhk.skp_id, f"rhk-{iki.rhk_id}"),
                                _("IKI disimpan."), rhk=iki.rhk, iki=iki, editable=True)


def _stale(iki: Iki):
    form = IkiForm(formdata=None, obj=iki)
    form.form_errors.append(_(STALE) + " " + _("Nilai terkini ditampilkan; periksa lalu simpan "
                                               "lagi bila perlu."))
    return render("skp/iki_ubah.html", "skp/_iki_form.html", 409, rhk=iki.rhk, iki=iki, form=form)


@bp.post("/iki/<int:iki_id>/hapus")
@access.role("pegawai")
def iki_delete(iki_id: int):
    iki = skp_access.get_iki_editable_or_403(iki_id)
    answer = konfirmasi.perlu(_("Hapus IKI ini?"))
    if answer:
        return answer
    rhk = iki.rhk
    if any(r.iki_id == iki.id for r in _realisasi_of(iki)):
        flash(_("IKI sudah punya realisasi sehingga tidak dapat dihapus."), "error")
        return redirect_to(skp_url(rhk.skp_id, f"rhk-{rhk.id}"))
    audit.record("iki.hapus", "iki", iki.id, sebelum={"indikator": iki.indikator})
    db.session.delete(iki)
    db.session.commit()
    return fragment_or_redirect(None, skp_url(rhk.skp_id, f"rhk-{rhk.id}"), _("IKI dihapus."))


def _realisasi_of(iki: Iki):
    from sqlalchemy import select

    from portal.models import Realisasi

    return list(db.session.scalars(select(Realisasi).where(Realisasi.iki_id == iki.id).limit(1)))


@bp.post("/iki/<int:iki_id>/geser")
@access.role("pegawai")
def iki_move(iki_id: int):
    iki = skp_access.get_iki_editable_or_403(iki_id)
    rhk = iki.rhk
    move(list(rhk.iki), iki, request.form.get("arah"))
    db.session.commit()
    db.session.refresh(rhk)
    return fragment_or_redirect("skp/_iki_list.html", skp_url(rhk.skp_id, f"rhk-{rhk.id}"),
                                rhk=rhk, editable=True)
