"""Talent search and saved shortlists (Sekda: everyone; atasan: own subtree)."""
from urllib.parse import parse_qsl

from flask import flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from wtforms.fields.choices import SelectChoice as C

from portal import access, audit, clock, downloads, konfirmasi, orgtree
from portal.extensions import db
from portal.htmx import redirect_to, render
from portal.models import DaftarPendek, Pegawai, RiwayatJabatan, UnitKerja
from portal.organisasi import bp, talenta
from portal.organisasi.common import viewer_id
from portal.organisasi.forms import PREDIKAT_LABEL, DaftarPendekForm, TalentaForm
from portal.web import page_number

MAX_ANGGOTA = 200


def _criteria(form: TalentaForm) -> talenta.Kriteria:
    return talenta.Kriteria(
        predikat=form.predikat.data or None, minimal=form.minimal.data or 1,
        dari_terakhir=form.dari_terakhir.data or 3, jenis=form.jenis.data or None,
        eselon=form.eselon.data or None, golongan_min=form.golongan_min.data or None,
        golongan_max=form.golongan_max.data or None,
        opd_id=int(form.opd.data) if (form.opd.data or "").isdigit() else None,
        lama_tahun=form.lama_tahun.data, urut=form.urut.data or "nama")


def _form() -> TalentaForm:
    form = TalentaForm(request.args)
    form.opd.choices = [C("", _("(semua)"))] + [
        C(str(i), n) for i, n in db.session.execute(
            select(UnitKerja.id, UnitKerja.nama).where(UnitKerja.induk_id.is_(None))
            .order_by(UnitKerja.nama))]
    return form


@bp.get("/talenta")
@access.role("atasan")
def talenta_search():
    form = _form()
    rows, total, hint, page = [], 0, None, page_number(request.args.get("hal"))
    searched = bool(request.args)
    if searched and form.validate():
        k = _criteria(form)
        hint = k.impossible()
        rows, total = talenta.search(k, viewer_id(), clock.today(), page)
        if not rows and not hint:
            hint = _("Tidak ada pegawai yang cocok. Coba longgarkan salah satu filter.")
    return render("organisasi/talenta.html", "organisasi/_talenta_hasil.html", form=form,
                  rows=rows, total=total, hint=hint, page=page, searched=searched,
                  per_page=25, args=request.args.to_dict(), label=PREDIKAT_LABEL,
                  export_args={k: v for k, v in request.args.items() if k != "hal"},
                  save_form=DaftarPendekForm(formdata=None))


@bp.get("/talenta/ekspor.csv", defaults={"fmt": "csv"})
@bp.get("/talenta/ekspor.xlsx", defaults={"fmt": "xlsx"})
@access.role("atasan")
def talenta_export(fmt: str):
    """The whole result of the search in the query string (every page), as the page sorts it."""
    form = _form()
    if not form.validate():
        return redirect(url_for("organisasi.talenta_search", **request.args.to_dict()))
    k = _criteria(form)
    return downloads.table(fmt, f"talenta-{clock.today().isoformat()}", talenta.export_header(k),
                       talenta.export_rows(k, viewer_id(), clock.today()), sheet="Talenta")


@bp.post("/talenta/daftar")
@access.role("atasan")
def shortlist_create():
    form = DaftarPendekForm()
    chosen = [int(x) for x in request.form.getlist("pegawai") if x.isdigit()][:MAX_ANGGOTA]
    allowed = _visible_ids(chosen)
    if not form.validate_on_submit() or not allowed:
        if not allowed:
            flash(_("Pilih minimal satu pegawai dari hasil pencarian."), "error")
        for errors in form.errors.values():
            for e in errors:
                flash(e, "error")
        return redirect(url_for("organisasi.talenta_search", **_search_args()))
    daftar = talenta.create_shortlist(current_user.id, form.posted_key(), allowed,
                                      nama=form.nama.data, catatan=form.catatan.data,
                                      kriteria=request.form.get("kriteria", "")[:2000])
    flash(_("Daftar pendek disimpan."), "success")
    return redirect(url_for("organisasi.shortlist", daftar_id=daftar.id))


def _search_args() -> dict:
    return dict(parse_qsl(request.form.get("kriteria", "")))


def _visible_ids(ids: list[int]) -> list[int]:
    """Only people the current user may see (Sekda: all; atasan: own subtree)."""
    if not ids:
        return []
    if viewer_id() is None:
        return list(db.session.scalars(select(Pegawai.id).where(Pegawai.id.in_(ids))))
    below = orgtree.subtree_pegawai_ids(current_user.id)
    return sorted(set(db.session.scalars(below.where(RiwayatJabatan.pegawai_id.in_(ids)))))


@bp.get("/talenta/daftar")
@access.role("atasan")
def shortlists():
    mine = db.session.scalars(select(DaftarPendek).where(
        DaftarPendek.pemilik_id == current_user.id).order_by(DaftarPendek.dibuat_pada.desc()))
    return render("organisasi/daftar_list.html", daftar=list(mine))


@bp.get("/talenta/daftar/<int:daftar_id>")
@access.role("atasan")
def shortlist(daftar_id: int):
    return render("organisasi/daftar.html", daftar=access.get_shortlist_or_404(daftar_id))


@bp.post("/talenta/daftar/<int:daftar_id>/hapus")
@access.role("atasan")
def shortlist_delete(daftar_id: int):
    daftar = access.get_shortlist_or_404(daftar_id)
    answer = konfirmasi.perlu(_("Hapus daftar pendek %(n)s?", n=daftar.nama))
    if answer:
        return answer
    audit.record("daftar_pendek_dihapus", "daftar_pendek", daftar.id,
                 sebelum={"nama": daftar.nama})
    db.session.delete(daftar)
    db.session.commit()
    flash(_("Daftar pendek dihapus."), "success")
    return redirect_to(url_for("organisasi.shortlists"))
