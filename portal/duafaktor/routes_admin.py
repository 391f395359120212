"""The admin's side: whom a second factor is required of, and a reset for a lost phone (never
her own: another admin resets hers)."""
from __future__ import annotations

from flask import abort, flash, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal import access
from portal import konfirmasi as ask
from portal.duafaktor import bp, services
from portal.duafaktor.forms import KebijakanForm
from portal.extensions import db
from portal.htmx import redirect_to, render
from portal.rules import dua_faktor as rules


@bp.route("/admin/dua-faktor", methods=["GET", "POST"])
@access.role("admin")
def kebijakan():
    row = services.kebijakan()
    form = KebijakanForm()
    if form.validate_on_submit():
        services.simpan_kebijakan(form.peran.data or [], int(form.min_bawahan.data), current_user)
        db.session.commit()
        flash(_("Kebijakan dua faktor disimpan; berlaku pada login berikutnya."), "success")
        return redirect_to(url_for("duafaktor.kebijakan"))
    if not form.is_submitted():
        peran, min_bawahan = services.berlaku()
        form.peran.data = [p for p in rules.PERAN if p in peran]
        form.min_bawahan.data = str(min_bawahan)
    return render("duafaktor/kebijakan.html", form=form, tersimpan=row is not None,
                  min_bawaan=rules.MIN_BAWAHAN_BAWAAN, status=422 if form.errors else 200)


@bp.post("/admin/pegawai/<int:pegawai_id>/dua-faktor/reset")
@access.role("admin")
def reset(pegawai_id: int):
    target = access.get_pegawai_or_404(pegawai_id)
    if target.id == current_user.id:
        abort(403, description=_("Dua faktor Anda sendiri diatur ulang oleh admin lain."))
    answer = ask.perlu(_("Atur ulang dua faktor %(n)s? Ia harus mendaftar lagi saat masuk.",
                         n=target.nama_lengkap))
    if answer:
        return answer
    services.hapus(target, "dua_faktor.reset")
    db.session.commit()
    flash(_("Dua faktor %(n)s diatur ulang.", n=target.nama_lengkap), "success")
    return redirect_to(url_for("admin.pegawai_detail", pegawai_id=target.id))
