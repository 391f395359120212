"""Batch downloads: start a ZIP of a period's rapor, watch its progress, download it."""
from __future__ import annotations

import io

from flask import abort, flash, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from wtforms.fields.choices import SelectChoice

from portal import access, jobs
from portal.extensions import db
from portal.htmx import redirect_to, render
from portal.models import Job
from portal.rapor import batch, bp
from portal.rapor.forms import BatchForm


def _form() -> BatchForm:
    form = BatchForm()
    form.cakupan.choices = [SelectChoice(v, label) for v, label
                            in batch.scope_choices(access.has_role("sekda"))]
    form.periode_choices = batch.period_choices()
    if not form.is_submitted():
        form.periode.data = batch.last_rated_code()
    return form


def _my_jobs():
    return db.session.scalars(select(Job).where(Job.owner_id == current_user.id)
                              .order_by(Job.id.desc()).limit(20)).all()


@bp.route("/unduhan", methods=["GET", "POST"])
@access.role("atasan")
def unduhan():
    form = _form()
    if form.validate_on_submit():
        if form.periode.data not in dict(form.periode_choices):
            form.periode.errors.append(_("Periode tidak dikenal."))
        else:
            job = jobs.enqueue("rapor_zip", {"periode": form.periode.data,
                                             "cakupan": form.cakupan.data}, current_user.id)
            flash(_("Pembuatan ZIP rapor dimulai."), "success")
            return redirect_to(url_for("rapor.job", job_id=job.id))
    jobs.mark_stale()
    status = 422 if form.is_submitted() else 200
    return render("rapor/unduhan.html", status=status, form=form, items=_my_jobs())


@bp.get("/unduhan/<int:job_id>")
@access.login
def job(job_id: int):
    jobs.mark_stale()
    item = access.get_own_job_or_404(job_id)
    return render("rapor/job.html", "rapor/_job.html", job=item)


@bp.post("/unduhan/<int:job_id>/ulang")
@access.login
def job_ulang(job_id: int):
    item = access.get_own_job_or_404(job_id)
    if not batch.owner_may_have(item):
        abort(403)  # the scope of the day it was started is no longer the owner's
    if item.status != "gagal":
        flash(_("Hanya pekerjaan yang gagal dapat diulang."), "error")
    else:
        jobs.retry(item)
        flash(_("Pekerjaan diulang."), "success")
    return redirect_to(url_for("rapor.job", job_id=item.id))


@bp.get("/unduhan/<int:job_id>/zip")
@access.login
def job_zip(job_id: int):
    item = access.get_own_job_or_404(job_id)
    if item.status != "selesai" or not item.result_path:
        abort(404)
    data = batch.zip_bytes(item.result_path)
    if data is None:
        abort(404)
    if not batch.owner_may_have(item, batch.nips_in_zip(data)):
        abort(403)  # the owner no longer reads everyone in it
    return send_file(io.BytesIO(data), mimetype="application/zip", as_attachment=True,
                     download_name=item.result_path.rsplit("/", 1)[-1])
