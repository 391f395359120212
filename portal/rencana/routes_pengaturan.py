"""The instansi's settings of the daily log, for the admin: verification on or off and its
deadlines (data, not code)."""
from __future__ import annotations

from flask import flash, url_for
from flask_babel import gettext as _

from portal import access, audit
from portal.extensions import db
from portal.harian import kalender
from portal.htmx import redirect_to, render
from portal.rencana import bp, pengaturan
from portal.rencana.forms import PengaturanForm


@bp.route("/admin/pengaturan-harian", methods=["GET", "POST"])
@access.role("admin")
def pengaturan_harian():
    current = pengaturan.pengaturan()
    form = PengaturanForm(obj=current)
    inst = kalender.instansi()
    if form.validate_on_submit() and inst is not None:
        before = {k: getattr(current, k) for k in pengaturan.BAWAAN}
        values = {k: getattr(form, k).data for k in pengaturan.BAWAAN}
        pengaturan.simpan(inst.id, **values)
        audit.record("pengaturan_harian.ubah", "instansi", inst.id, sebelum=before,
                     sesudah=values)
        db.session.commit()
        flash(_("Pengaturan entri harian disimpan."), "success")
        return redirect_to(url_for("rencana.pengaturan_harian"))
    return render("rencana/pengaturan.html", form=form, status=422 if form.errors else 200)
