"""Penilaian: the supervisor rates direct reports, the employee reads, acknowledges and may
object, the atasan pejabat penilai decides. The rating form is in `routes_nilai.py`, the Sekda's
part in `routes_sekda.py`."""
from __future__ import annotations

import json

from flask import abort, flash, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import or_, select
from sqlalchemy.orm import joinedload, selectinload

from portal import access, audit, clock, konfirmasi
from portal.extensions import db
from portal.htmx import redirect_to, render
from portal.models import Keberatan, Penilaian
from portal.models.audit import utcnow
from portal.penilaian import access as pacc
from portal.penilaian import bp, services
from portal.penilaian.common import conflict
from portal.penilaian.forms import KeberatanForm, PenjelasanForm, PutusanForm
from portal.penilaian.periode import default_kode, kode_closed, not_started, parse_kode
from portal.rules.predikat import MATRIX, predikat


@bp.get("/")
@access.role("pegawai")
def saya():
    rows = db.session.scalars(select(Penilaian).where(Penilaian.pegawai_id == current_user.id)
                              .options(joinedload(Penilaian.periode),
                                       selectinload(Penilaian.keberatan))
                              .order_by(Penilaian.periode_id.desc(), Penilaian.kode)).all()
    return render("penilaian/saya.html", rows=rows)


@bp.get("/tim")
@access.role("atasan")
def tim_default():
    kode = default_kode()
    if kode is None:
        abort(404)
    return redirect_to(url_for("penilaian.tim", kode=kode.teks), 302)


@bp.get("/tim/<kode>")
@access.role("atasan")
def tim(kode: str):
    k = parse_kode(kode)
    return render("penilaian/tim.html", k=k, rows=services.status_tim(current_user.id, k),
                  closed=kode_closed(k), belum=not_started(k), periode=k.periode)


@bp.post("/pratinjau")
@access.login
def pratinjau():
    """The predikat for the two chosen ratings, computed here (never by the client)."""
    pair = (request.form.get("hasil_kerja", ""), request.form.get("perilaku_kerja", ""))
    return render("penilaian/_predikat.html", "penilaian/_predikat.html",
                  predikat=predikat(*pair) if pair in MATRIX else None)


def _detail(n: Penilaian, status: int = 200, **forms):
    k = n.keberatan
    ctx = {"n": n, "k": k, "identitas": json.loads(n.identitas or "{}"),
           "deadline": services.deadline(n), "now": utcnow(),
           "keberatan_form": forms.get("keberatan") or KeberatanForm(),
           "penjelasan_form": forms.get("penjelasan") or PenjelasanForm(),
           "putusan_form": forms.get("putusan") or PutusanForm(),
           "is_owner": n.pegawai_id == current_user.id,
           "is_penilai": k is not None and pacc.may_explain(k),
           "is_pemutus": k is not None and pacc.may_decide(k)}
    return render("penilaian/detail.html", status=status, **ctx)


@bp.get("/<int:penilaian_id>")
@access.login
def detail(penilaian_id: int):
    return _detail(pacc.get_penilaian_readable_or_403(penilaian_id))


@bp.post("/<int:penilaian_id>/terima")
@access.login
def terima(penilaian_id: int):
    n = pacc.get_own_penilaian_or_403(penilaian_id)
    if n.diterima_pada is None and (n.keberatan is None or n.keberatan.keputusan):
        answer = konfirmasi.perlu(_("Terima penilaian ini? Setelah diterima, keberatan tidak "
                                    "dapat diajukan lagi."))
        if answer:
            return answer
        n.diterima_pada = utcnow()
        audit.record("penilaian.terima", "penilaian", n.id)
        db.session.commit()
        flash(_("Penilaian diterima."), "success")
    else:
        flash(_("Penilaian ini tidak dapat diterima sekarang."), "error")
    return redirect_to(url_for("penilaian.detail", penilaian_id=n.id))


@bp.post("/<int:penilaian_id>/keberatan")
@access.login
def keberatan(penilaian_id: int):
    n = pacc.get_own_penilaian_or_403(penilaian_id)
    form = KeberatanForm()
    if n.keberatan is not None and form.posted_key() and n.keberatan.kunci == form.posted_key():
        flash(_("Keberatan diajukan."), "success")  # the same form sent twice: answered once
        return redirect_to(url_for("penilaian.detail", penilaian_id=n.id))
    refusal = services.why_no_keberatan(n)
    if refusal:
        flash(refusal, "error")
        return _detail(n, status=409)
    if not form.validate():
        return _detail(n, status=422, keberatan=form)
    answer = konfirmasi.perlu(_("Ajukan keberatan atas penilaian ini?"))
    if answer:
        return answer
    services.ajukan_keberatan(n, form.alasan.data.strip(), form.posted_key())
    if not services.commit():
        twin = db.session.get(Penilaian, penilaian_id)
        if twin.keberatan is not None and twin.keberatan.kunci == form.posted_key():
            flash(_("Keberatan diajukan."), "success")  # the twin request saved it
            return redirect_to(url_for("penilaian.detail", penilaian_id=n.id))
        flash(conflict(), "error")
        return _detail(twin, status=409)
    flash(_("Keberatan diajukan."), "success")
    return redirect_to(url_for("penilaian.detail", penilaian_id=n.id))


@bp.post("/keberatan/<int:keberatan_id>/penjelasan")
@access.login
def penjelasan(keberatan_id: int):
    k = pacc.get_keberatan_penilai_or_403(keberatan_id)
    form = PenjelasanForm()
    if k.keputusan:
        flash(_("Keberatan sudah diputuskan."), "error")
        return _detail(k.penilaian, status=409)
    if _seen_version() not in (None, k.version):
        return _changed_meanwhile(k)
    if not form.validate():
        return _detail(k.penilaian, status=422, penjelasan=form)
    k.penjelasan, k.dijelaskan_pada = form.penjelasan.data.strip(), utcnow()
    audit.record("keberatan.jelaskan", "keberatan", k.id)
    if not services.commit():
        return _changed_meanwhile(db.session.get(Keberatan, keberatan_id))
    flash(_("Penjelasan tersimpan."), "success")
    return redirect_to(url_for("penilaian.detail", penilaian_id=k.penilaian_id))


def _seen_version() -> int | None:
    """The keberatan's version the form was made from (None: not sent, no check)."""
    raw = request.form.get("version", "")
    return (int(raw) if raw.isdigit() and len(raw) < 10 else -1) if raw else None


def _changed_meanwhile(k: Keberatan):
    db.session.rollback()
    db.session.refresh(k)
    flash(conflict() + " " + _("Keberatan ditampilkan seperti yang tersimpan sekarang."),
          "error")
    return _detail(k.penilaian, status=409)


@bp.post("/keberatan/<int:keberatan_id>/putusan")
@access.login
def putusan(keberatan_id: int):
    k = pacc.get_keberatan_pemutus_or_403(keberatan_id)
    n = k.penilaian
    form = PutusanForm()
    refusal = services.why_no_putusan(k)
    if refusal:
        flash(refusal, "error")
        return _detail(n, status=409)
    if _seen_version() not in (None, k.version):  # e.g. the explanation changed meanwhile
        return _changed_meanwhile(k)
    if not form.validate():
        return _detail(n, status=422, putusan=form)
    answer = konfirmasi.perlu(_("Simpan keputusan keberatan ini? Keputusan tidak dapat diubah."))
    if answer:
        return answer
    atas_nama = services.KEPALA_DAERAH if n.atasan_penilai_id is None else None
    services.putuskan(k, form.keputusan.data, form.pertimbangan.data.strip(),
                      form.hasil_kerja.data, form.perilaku_kerja.data, current_user, atas_nama)
    if not services.commit():
        flash(conflict(), "error")
        return _detail(db.session.get(Keberatan, keberatan_id).penilaian, status=409)
    flash(_("Keputusan keberatan tersimpan."), "success")
    return redirect_to(url_for("penilaian.detail", penilaian_id=n.id))


@bp.get("/keberatan")
@access.login
def keberatan_masuk():
    """Objections waiting for me: to explain (as penilai) or to decide."""
    cond = or_(Penilaian.penilai_id == current_user.id,
               Penilaian.atasan_penilai_id == current_user.id)
    if current_user.is_admin:
        cond = or_(cond, Penilaian.atasan_penilai_id.is_(None))
    rows = [(k, n) for k, n in db.session.execute(
        select(Keberatan, Penilaian).join(Penilaian, Keberatan.penilaian_id == Penilaian.id)
        .options(joinedload(Penilaian.pegawai), joinedload(Penilaian.periode))
        .where(cond).order_by(Keberatan.keputusan.is_not(None), Keberatan.diajukan_pada.desc())
        .limit(200)).all() if pacc.may_explain(k) or pacc.may_decide(k)]
    return render("penilaian/keberatan.html", rows=rows, today=clock.today())


# The Sekda's views and the kepala daerah's (recorded by the admin) register on the same bp.
