"""Feedback threads: the direct supervisor writes, the report replies, the chain above reads.

With htmx a new thread answers the fresh form plus the thread (out of band, on top of the list),
and a reply answers its own thread only; without JavaScript both are plain POST → redirect."""
from __future__ import annotations

from flask import url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal import access, orgtree
from portal.extensions import db
from portal.harian import bp, umpan
from portal.harian.access import get_thread_repliable_or_403
from portal.harian.forms import BalasForm, UmpanBalikForm, choices
from portal.htmx import redirect_to, render, wants_fragment
from portal.models import UmpanBalik


def _context(target, form=None, reply_form=None, reply_to=None) -> dict:
    labels = dict(umpan.topics(target.id))
    if form is None:
        form = UmpanBalikForm(formdata=None)
    form.topik.choices = choices(labels.items())
    boss = orgtree.is_direct_supervisor(current_user.id, target)
    return dict(target=target, labels=labels, topic_label=umpan.topic_label, form=form,
                boss=boss, reply_form=reply_form or BalasForm(formdata=None),
                reply_to=reply_to, can_reply=boss or target.id == current_user.id)


def _page(target, fragment=None, status=200, **kwargs):
    ctx = _context(target, **kwargs)
    threads = umpan.threads(target.id) if fragment is None or not wants_fragment() else []
    return render("harian/umpan_balik.html", fragment, status=status, threads=threads, **ctx)


@bp.get("/umpan-balik/<int:pegawai_id>")
@access.login
def umpan_balik(pegawai_id: int):
    return _page(access.get_pegawai_readable_or_403(pegawai_id))


@bp.post("/umpan-balik/<int:pegawai_id>")
@access.role("atasan")
def umpan_balik_new(pegawai_id: int):
    target = access.get_direct_report_or_403(pegawai_id)
    form = UmpanBalikForm()
    labels = dict(umpan.topics(target.id))
    form.topik.choices = choices(labels.items())
    ok = form.validate()
    if form.topik.data not in labels:
        form.topik.errors = [*form.topik.errors, _("Pilih RHK atau nilai perilaku.")]
        ok = False
    if not ok:
        return _page(target, "harian/_umpan_form.html", 422, form=form)
    thread = umpan.start(target, current_user.id, form.topik.data, form.teks.data.strip(),
                         form.posted_key())
    if wants_fragment():
        return render("harian/_umpan_terkirim.html", t=thread, sent=True, **_context(target))
    return redirect_to(url_for("harian.umpan_balik", pegawai_id=target.id))


@bp.post("/umpan-balik/balas/<int:thread_id>")
@access.login
def balas(thread_id: int):
    thread = get_thread_repliable_or_403(thread_id)
    form = BalasForm()
    target = access.get_pegawai_or_404(thread.pegawai_id)
    if not form.validate():
        if wants_fragment():
            return render("harian/_utas.html", status=422, t=thread,
                          **_context(target, reply_form=form, reply_to=thread.id))
        return _page(target, status=422, reply_form=form, reply_to=thread.id)
    umpan.reply(thread, current_user.id, form.teks.data.strip(), form.posted_key())
    if wants_fragment():
        db.session.expire(thread)
        return render("harian/_utas.html", t=db.session.get(UmpanBalik, thread_id), replied=True,
                      **_context(target))
    return redirect_to(url_for("harian.umpan_balik", pegawai_id=thread.pegawai_id))
