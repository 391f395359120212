"""Priority programs (the Sekda's) and the alignment view (Sekda: region; atasan: subtree)."""
from __future__ import annotations

from flask import flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal import access, audit, clock, konfirmasi, orgtree
from portal.extensions import db
from portal.htmx import redirect_to, render
from portal.models import ProgramPrioritas
from portal.parameter import tahun_arg
from portal.skp import access as skp_access
from portal.skp import bp, services
from portal.skp.forms import ProgramForm
from portal.skp.keselarasan import alignment


def _tahun() -> int:
    periode = services.periode_of_year(tahun_arg(source=request.values))
    if periode is not None:
        return periode.tahun

    return clock.today().year


@bp.get("/program")
@access.role("sekda")
def program():
    tahun = _tahun()
    return render("skp/program.html", tahun=tahun, form=ProgramForm(),
                  programs=services.programs_of(tahun, only_active=False),
                  periodes=services.all_periode())


@bp.post("/program")
@access.role("sekda")
def program_new():
    tahun = _tahun()
    form = ProgramForm(request.form)
    if not form.validate():
        return render("skp/program.html", status=422, tahun=tahun, form=form,
                      programs=services.programs_of(tahun, only_active=False),
                      periodes=services.all_periode())
    item = ProgramPrioritas(tahun=tahun, urutan=len(services.programs_of(tahun, False)))
    form.populate_obj(item)
    db.session.add(item)
    db.session.flush()
    audit.record("program.tambah", "program_prioritas", item.id, sesudah={"nama": item.nama})
    db.session.commit()
    flash(_("Program prioritas ditambahkan."), "success")
    return redirect(url_for("skp.program", tahun=tahun), 303)


@bp.get("/program/<int:program_id>/ubah")
@access.role("sekda")
def program_edit(program_id: int):
    item = skp_access.get_program_or_404(program_id)
    return render("skp/program_ubah.html", item=item, form=ProgramForm(obj=item))


@bp.post("/program/<int:program_id>")
@access.role("sekda")
def program_save(program_id: int):
    item = skp_access.get_program_or_404(program_id)
    form = ProgramForm(request.form)
    if not form.validate():
        return render("skp/program_ubah.html", status=422, item=item, form=form)
    before = {"nama": item.nama}
    form.populate_obj(item)
    audit.record("program.ubah", "program_prioritas", item.id, sebelum=before,
                 sesudah={"nama": item.nama})
    db.session.commit()
    flash(_("Program prioritas disimpan."), "success")
    return redirect(url_for("skp.program", tahun=item.tahun), 303)


@bp.post("/program/<int:program_id>/aktif")
@access.role("sekda")
def program_toggle(program_id: int):
    item = skp_access.get_program_or_404(program_id)
    answer = konfirmasi.perlu(_("Nonaktifkan program %(n)s?", n=item.nama)) if item.aktif else None
    if answer:
        return answer
    item.aktif = not item.aktif
    audit.record("program.aktif" if item.aktif else "program.nonaktif", "program_prioritas",
                 item.id)
    db.session.commit()
    flash(_("Program diaktifkan.") if item.aktif else _("Program dinonaktifkan."), "success")
    return redirect_to(url_for("skp.program", tahun=item.tahun))


@bp.get("/keselarasan")
@access.role("atasan")
def keselarasan():
    periode = services.periode_of_year(tahun_arg())
    if periode is None:
        return render("skp/keselarasan.html", periode=None, rows=[], orphans=[], periodes=[])
    region = "sekda" in orgtree.roles_of(current_user)
    rows, orphans = alignment(periode.id, services.programs_of(periode.tahun),
                              None if region else current_user.id)
    return render("skp/keselarasan.html", periode=periode, rows=rows, orphans=orphans,
                  region=region, periodes=services.all_periode())
