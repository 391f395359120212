"""Feedback threads: the direct supervisor writes, the report replies, the chain above reads."""
from __future__ import annotations

from flask import url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal import access, orgtree
from portal.harian import umpan
from portal.harian.access import get_thread_repliable_or_403
from portal.harian.forms import BalasForm, UmpanBalikForm, choices
from portal.harian.routes import bp
from portal.htmx import redirect_to, render


def _page(target, form=None, status=200, reply_form=None, reply_to=None):
    labels = dict(umpan.topics(target.id))
    boss = orgtree.is_direct_supervisor(current_user.id, target)
    if form is None:
        form = UmpanBalikForm(formdata=None)
    form.topik.choices = choices(labels.items())
    return render("harian/umpan_balik.html", target=target, threads=umpan.threads(target.id),
                  labels=labels, topic_label=umpan.topic_label, form=form, boss=boss,
                  reply_form=reply_form or BalasForm(formdata=None), reply_to=reply_to,
                  can_reply=boss or target.id == current_user.id, status=status)


@bp.get("/umpan-balik/<int:pegawai_id>")
@access.login
def umpan_balik(pegawai_id: int):
    return _page(access.get_pegawai_readable_or_403(pegawai_id))


@bp.post("/umpan-balik/<int:pegawai_id>")
@access.role("atasan")
def tulis_umpan_balik(pegawai_id: int):
    target = access.get_direct_report_or_403(pegawai_id)
    form = UmpanBalikForm()
    labels = dict(umpan.topics(target.id))
    form.topik.choices = choices(labels.items())
    ok = form.validate()
    if form.topik.data not in labels:
        form.topik.errors = [*form.topik.errors, _("Pilih RHK atau nilai perilaku.")]
        ok = False
    if not ok:
        return _page(target, form, 422)
    umpan.start(target, current_user.id, form.topik.data, form.teks.data.strip(),
                form.posted_key())
    return redirect_to(url_for("harian.umpan_balik", pegawai_id=target.id))


@bp.post("/umpan-balik/balas/<int:thread_id>")
@access.login
def balas(thread_id: int):
    thread = get_thread_repliable_or_403(thread_id)
    form = BalasForm()
    if not form.validate():
        target = access.get_pegawai_or_404(thread.pegawai_id)
        return _page(target, status=422, reply_form=form, reply_to=thread.id)
    umpan.reply(thread, current_user.id, form.teks.data.strip(), form.posted_key())
    return redirect_to(url_for("harian.umpan_balik", pegawai_id=thread.pegawai_id))
