"""Admin: the unit tree and the seats (jabatan)."""
from __future__ import annotations

from flask import flash, request, url_for
from flask_babel import gettext as _

from portal import access, audit, konfirmasi, locking
from portal.admin import bp, services
from portal.admin.access import get_jabatan_or_404, get_unit_or_404
from portal.admin.common import page_arg, search_arg
from portal.admin.forms import JabatanForm, UnitForm, opsi
from portal.extensions import db
from portal.htmx import redirect_to, render, row_or_redirect
from portal.idempotency import once
from portal.models import Jabatan, UnitKerja

UNIT_FIELDS = ("nama", "induk_id", "aktif")
JABATAN_FIELDS = ("nama", "jenis", "eselon", "unit_id", "atasan_id", "fleksibel", "aktif")


def _depth(unit: UnitKerja) -> int:
    return len(unit.path()) - 1


# Units ----------------------------------------------------------------------------------------

def _stale(page, make_form, record):
    """409: someone saved this record since the form was made; show what is stored now."""
    db.session.rollback()
    db.session.refresh(record)
    form = make_form(record, current=True)
    form.form_errors.append(locking.message())
    return page(form, record, 409)


def _unit_form(unit: UnitKerja | None = None, current: bool = False) -> UnitForm:
    form = UnitForm(formdata=None, obj=unit) if current else UnitForm(obj=unit)
    form.induk_id.choices = opsi([(0, _("— (OPD, tingkat teratas)"))] + [
        (u.id, "· " * d + u.nama) for u, d in services.unit_tree(only_active=True)
        if unit is None or u.id != unit.id])
    if (request.method == "GET" or current) and unit is not None:
        form.induk_id.data = unit.induk_id or 0
    return form


def _unit_valid(form: UnitForm, unit: UnitKerja | None) -> bool:
    ok = form.validate_on_submit()
    if ok and unit is not None and services.unit_cycle(unit.id, form.induk_id.data or None):
        form.induk_id.errors.append(_("Unit induk ini membuat lingkaran: unit tidak boleh "
                                      "berada di bawah dirinya sendiri atau sub-unitnya."))
        ok = False
    return ok


def _unit_form_page(form, unit, status=200):
    action = url_for("admin.unit_edit", unit_id=unit.id) if unit else url_for("admin.unit_new")
    fragment = "admin/_form_row.html" if unit else None
    return render("admin/form_page.html", fragment, status=status, form=form,
                  title=_("Ubah unit kerja") if unit else _("Tambah unit kerja"), action=action,
                  cancel=url_for("admin.units"), row_id=f"unit-{unit.id}" if unit else "",
                  row_url=url_for("admin.unit_row", unit_id=unit.id) if unit else "", colspan=4,
                  inline=("nama",))


@bp.get("/unit")
@access.role("admin")
def units():
    return render("admin/units.html", rows=services.unit_tree())


@bp.route("/unit/baru", methods=["GET", "POST"])
@access.role("admin")
def unit_new():
    form = _unit_form()
    if not _unit_valid(form, None):
        return _unit_form_page(form, None, 422 if form.errors else 200)
    instansi_id = services.instansi().id

    def build() -> UnitKerja:
        unit = UnitKerja(instansi_id=instansi_id, nama=form.nama.data.strip(),
                         induk_id=form.induk_id.data or None, kunci=form.posted_key())
        db.session.add(unit)
        db.session.flush()
        audit.record("unit.buat", "unit_kerja", unit.id,
                     sesudah=services.snapshot(unit, UNIT_FIELDS))
        return unit

    unit, _created = once(UnitKerja, "instansi_id", instansi_id, form.posted_key(), build)
    flash(_("Unit %(n)s ditambahkan.", n=unit.nama), "success")
    return redirect_to(url_for("admin.units"))


@bp.get("/unit/<int:unit_id>")
@access.role("admin")
def unit_row(unit_id: int):
    unit = get_unit_or_404(unit_id)
    return render("admin/units.html", "admin/_unit_row.html", u=unit, depth=_depth(unit),
                  rows=[(unit, 0)])


@bp.route("/unit/<int:unit_id>/ubah", methods=["GET", "POST"])
@access.role("admin")
def unit_edit(unit_id: int):
    unit = get_unit_or_404(unit_id)
    form = _unit_form(unit)
    if not _unit_valid(form, unit):
        return _unit_form_page(form, unit, 422 if form.errors else 200)
    if not locking.claim(unit, form.posted_version()):
        return _stale(_unit_form_page, _unit_form, unit)
    sebelum = services.snapshot(unit, UNIT_FIELDS)
    unit.nama, unit.induk_id = form.nama.data.strip(), form.induk_id.data or None
    db.session.flush()
    audit.record("unit.ubah", "unit_kerja", unit.id, sebelum=sebelum,
                 sesudah=services.snapshot(unit, UNIT_FIELDS))
    db.session.commit()
    return row_or_redirect("admin/_unit_row.html", f"unit-{unit.id}", url_for("admin.units"),
                           _("Unit %(n)s disimpan.", n=unit.nama), u=unit, depth=_depth(unit))


@bp.post("/unit/<int:unit_id>/nonaktif")
@access.role("admin")
def unit_deactivate(unit_id: int):
    unit = get_unit_or_404(unit_id)
    blocker = services.unit_blockers(unit)
    if blocker:
        flash(blocker, "error")
        return redirect_to(url_for("admin.units"))
    answer = konfirmasi.perlu(_("Nonaktifkan unit %(n)s?", n=unit.nama))
    if answer:
        return answer
    unit.aktif = False
    audit.record("unit.nonaktif", "unit_kerja", unit.id, sebelum={"aktif": True},
                 sesudah={"aktif": False})
    db.session.commit()
    return row_or_redirect("admin/_unit_row.html", f"unit-{unit.id}", url_for("admin.units"),
                           _("Unit %(n)s dinonaktifkan.", n=unit.nama), u=unit,
                           depth=_depth(unit))


# Seats ----------------------------------------------------------------------------------------

@bp.get("/jabatan/pilih")
@access.role("admin")
def jabatan_pilih():
    """The seat picker's options for what was typed (htmx, search-as-you-type): 50 at most."""
    q = request.args.get("q", "").strip()[:100]
    return render("admin/_jabatan_opsi.html", choices=services.jabatan_choices(q=q, limit=50))


def _jabatan_form(jabatan: Jabatan | None = None, current: bool = False) -> JabatanForm:
    form = JabatanForm(formdata=None, obj=jabatan) if current else JabatanForm(obj=jabatan)
    form.unit_id.choices = opsi((u.id, "· " * d + u.nama)
                                for u, d in services.unit_tree(only_active=True))
    form.atasan_id.choices = opsi([(0, _("— (jabatan puncak: Sekda)"))] + [
        c for c in services.jabatan_choices() if jabatan is None or c[0] != jabatan.id])
    if (request.method == "GET" or current) and jabatan is not None:
        form.atasan_id.data = jabatan.atasan_id or 0
        form.eselon.data = jabatan.eselon or ""
    return form


def _jabatan_valid(form: JabatanForm, jabatan: Jabatan | None) -> bool:
    if not form.validate_on_submit():
        return False
    own_id = jabatan.id if jabatan else None
    atasan_id = form.atasan_id.data or None
    if atasan_id is None and services.other_root(own_id) is not None:
        form.atasan_id.errors.append(_("Sudah ada jabatan puncak; pilih jabatan atasan."))
    elif services.jabatan_cycle(own_id, atasan_id):
        form.atasan_id.errors.append(_("Jabatan atasan ini membuat lingkaran: jabatan tidak "
                                       "boleh berada di bawah dirinya sendiri atau bawahannya."))
    return not form.atasan_id.errors


def _jabatan_apply(form: JabatanForm, jabatan: Jabatan) -> None:
    jabatan.nama = form.nama.data.strip()
    jabatan.jenis = form.jenis.data
    jabatan.eselon = form.eselon.data or None
    jabatan.unit_id = form.unit_id.data
    jabatan.atasan_id = form.atasan_id.data or None
    jabatan.fleksibel = form.fleksibel.data


def _jabatan_form_page(form, jabatan, status=200):
    action = (url_for("admin.jabatan_edit", jabatan_id=jabatan.id) if jabatan
              else url_for("admin.jabatan_new"))
    fragment = "admin/_form_row.html" if jabatan else None
    return render("admin/form_page.html", fragment, status=status, form=form,
                  title=_("Ubah jabatan") if jabatan else _("Tambah jabatan"), action=action,
                  cancel=url_for("admin.jabatan_list"),
                  row_id=f"jabatan-{jabatan.id}" if jabatan else "",
                  row_url=url_for("admin.jabatan_row", jabatan_id=jabatan.id) if jabatan else "",
                  colspan=5, inline=("nama", "jenis", "eselon", "fleksibel"))


def _jabatan_done(jabatan: Jabatan, message: str):
    j, pemangku, plt = services.jabatan_row(jabatan.id)
    return row_or_redirect("admin/_jabatan_row.html", f"jabatan-{j.id}",
                           url_for("admin.jabatan_list"), message, j=j, pemangku=pemangku,
                           plt=plt)


@bp.get("/jabatan")
@access.role("admin")
def jabatan_list():
    unit_arg = request.args.get("unit", "")
    unit_id = int(unit_arg) if unit_arg.isdigit() and len(unit_arg) < 10 else None
    q, page = search_arg(), page_arg()
    rows, total = services.jabatan_page(unit_id, q, page)
    return render("admin/jabatan.html", "admin/_jabatan_rows.html", rows=rows, total=total,
                  page=page, q=q, unit_id=unit_id, per_page=services.PER_PAGE,
                  units=services.unit_tree(only_active=True))


@bp.route("/jabatan/baru", methods=["GET", "POST"])
@access.role("admin")
def jabatan_new():
    form = _jabatan_form()
    if not _jabatan_valid(form, None):
        return _jabatan_form_page(form, None, 422 if form.errors else 200)
    def build() -> Jabatan:
        jabatan = Jabatan(kunci=form.posted_key())
        _jabatan_apply(form, jabatan)
        db.session.add(jabatan)
        db.session.flush()
        audit.record("jabatan.buat", "jabatan", jabatan.id,
                     sesudah=services.snapshot(jabatan, JABATAN_FIELDS))
        return jabatan

    jabatan, _created = once(Jabatan, "unit_id", form.unit_id.data, form.posted_key(), build)
    flash(_("Jabatan %(n)s ditambahkan.", n=jabatan.nama), "success")
    return redirect_to(url_for("admin.jabatan_list"))


@bp.get("/jabatan/<int:jabatan_id>")
@access.role("admin")
def jabatan_row(jabatan_id: int):
    get_jabatan_or_404(jabatan_id)
    j, pemangku, plt = services.jabatan_row(jabatan_id)
    return render("admin/jabatan_detail.html", "admin/_jabatan_row.html", j=j,
                  pemangku=pemangku, plt=plt)


@bp.route("/jabatan/<int:jabatan_id>/ubah", methods=["GET", "POST"])
@access.role("admin")
def jabatan_edit(jabatan_id: int):
    jabatan = get_jabatan_or_404(jabatan_id)
    form = _jabatan_form(jabatan)
    if not _jabatan_valid(form, jabatan):
        return _jabatan_form_page(form, jabatan, 422 if form.errors else 200)
    if not locking.claim(jabatan, form.posted_version()):
        return _stale(_jabatan_form_page, _jabatan_form, jabatan)
    sebelum = services.snapshot(jabatan, JABATAN_FIELDS)
    _jabatan_apply(form, jabatan)
    db.session.flush()
    audit.record("jabatan.ubah", "jabatan", jabatan.id, sebelum=sebelum,
                 sesudah=services.snapshot(jabatan, JABATAN_FIELDS))
    db.session.commit()
    return _jabatan_done(jabatan, _("Jabatan %(n)s disimpan.", n=jabatan.nama))


@bp.post("/jabatan/<int:jabatan_id>/nonaktif")
@access.role("admin")
def jabatan_deactivate(jabatan_id: int):
    jabatan = get_jabatan_or_404(jabatan_id)
    blocker = services.jabatan_blockers(jabatan)
    if blocker:
        flash(blocker, "error")
        return redirect_to(url_for("admin.jabatan_list"))
    answer = konfirmasi.perlu(_("Nonaktifkan jabatan %(n)s?", n=jabatan.nama))
    if answer:
        return answer
    jabatan.aktif = False
    audit.record("jabatan.nonaktif", "jabatan", jabatan.id, sebelum={"aktif": True},
                 sesudah={"aktif": False})
    db.session.commit()
    return _jabatan_done(jabatan, _("Jabatan %(n)s dinonaktifkan.", n=jabatan.nama))
