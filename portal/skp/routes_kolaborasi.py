"""Kolaborator of an RHK: other employees (any OPD) who work on it with its owner."""
from __future__ import annotations

from flask import request
from flask_babel import gettext as _

from portal import access, audit
from portal.extensions import db
from portal.htmx import fragment_or_redirect, render
from portal.skp import access as skp_access
from portal.skp import bp, services
from portal.skp.common import skp_url
from portal.skp.forms import KolaboratorForm


@bp.post("/rhk/<int:rhk_id>/kolaborator")
@access.role("pegawai")
def kolaborator_new(rhk_id: int):
    rhk = skp_access.get_rhk_editable_or_403(rhk_id)
    form = KolaboratorForm(request.form)
    error = None
    if not form.validate():
        error = form.q.errors[0]
    else:
        found = services.find_pegawai(form.q.data)
        person = found[0] if len(found) == 1 else None
        if not found:
            error = _("Pegawai dengan NIP atau nama itu tidak ditemukan.")
        elif person is None:
            error = _("Ada beberapa pegawai dengan nama itu (%(n)s); tulis NIP-nya.",
                      n=", ".join(f"{p.nama_lengkap} {p.nip}" for p in found[:5]))
        elif person.id == rhk.skp.pegawai_id:
            error = _("Pemilik RHK tidak perlu ditambahkan sebagai kolaborator.")
        elif person not in rhk.kolaborator:
            rhk.kolaborator.append(person)
            audit.record("rhk.kolaborator", "rhk", rhk.id, sesudah={"pegawai_id": person.id})
            db.session.commit()
    if error:
        return render("skp/rhk.html", "skp/_kolab.html", 422, rhk=rhk, skp=rhk.skp,
                      editable=True, kolab_error=error, kolab_q=form.q.data)
    return _kolab_or_redirect(rhk, _("Kolaborator ditambahkan."))


@bp.post("/rhk/<int:rhk_id>/kolaborator/<int:pegawai_id>/hapus")
@access.role("pegawai")
def kolaborator_delete(rhk_id: int, pegawai_id: int):
    rhk = skp_access.get_rhk_editable_or_403(rhk_id)
    rhk.kolaborator = [p for p in rhk.kolaborator if p.id != pegawai_id]
    db.session.commit()
    return _kolab_or_redirect(rhk, _("Kolaborator dihapus."))


def _kolab_or_redirect(rhk, message: str):
    return fragment_or_redirect("skp/_kolab.html", skp_url(rhk.skp_id, f"rhk-{rhk.id}"), message,
                                rhk=rhk, editable=True)
