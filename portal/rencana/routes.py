"""Rencana aksi on the SKP: the month's plan under each approved RHK with its entries and
progress (one page, also the month view), inline rows with htmx, plain forms without it."""
from __future__ import annotations

from flask import abort, flash, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal import access, audit, clock, konfirmasi
from portal.extensions import db
from portal.htmx import fragment_or_redirect, redirect_to, render, tersimpan, wants_fragment
from portal.rencana import access as ra_access
from portal.rencana import bp
from portal.rencana import rencana_aksi as services
from portal.rencana.forms import RencanaAksiForm


def _month(skp) -> tuple[int, int]:
    months = services.bulan_skp(skp)
    today = clock.today()
    default = (today.year, today.month) if (today.year, today.month) in months else months[-1]
    chosen = services.parse_bulan(request.values.get("bulan"), default)
    return chosen if chosen in months else default


def _url(skp_id: int, tahun: int, bulan: int, anchor: str | None = None) -> str:
    return url_for("rencana.bulan", skp_id=skp_id, bulan=f"{tahun}-{bulan:02d}",
                   _anchor=anchor)


def _context(skp, tahun: int, bulan: int, **extra) -> dict:
    rencana = services.untuk_bulan(skp.pegawai_id, tahun, bulan)
    progres, tanpa = services.kemajuan(skp.pegawai_id, tahun, bulan, rencana)
    owner = skp.pegawai_id == current_user.id and skp.status == "disetujui"
    locked = services.terkunci(tahun, bulan)
    rhks = [r for r in skp.rhk if not r.diarsipkan]
    return {"skp": skp, "tahun": tahun, "bulan": bulan, "progres": progres, "tanpa": tanpa,
            "rhks": rhks, "months": services.bulan_skp(skp),
            "bawahan": services.dari_bawahan([r.id for r in rhks], tahun, bulan),
            "label": services.label_bulan(tahun, bulan), "editable": owner and not locked,
            "locked": locked, "owner": owner, "form": None, "label_bulan": services.label_bulan,
            **extra}


@bp.get("/skp/<int:skp_id>/rencana-aksi")
@access.login
def bulan(skp_id: int):
    skp = ra_access.get_skp_rencana_readable_or_403(skp_id)
    return render("rencana/page.html", **_context(skp, *_month(skp)))


def _open_month_or_403(skp) -> tuple[int, int]:
    tahun, bulan_ = _month(skp)
    if services.terkunci(tahun, bulan_):
        abort(403)
    return tahun, bulan_


@bp.post("/skp/<int:skp_id>/rencana-aksi")
@access.role("pegawai")
def tambah(skp_id: int):
    skp = ra_access.get_skp_rencana_owned_or_403(skp_id)
    rhk = ra_access.get_rhk_for_rencana_or_403(skp, request.values.get("rhk", type=int))
    tahun, bulan_ = _open_month_or_403(skp)
    form = RencanaAksiForm()
    if not form.validate():
        return render("rencana/baru.html", "rencana/_ra_form.html", 422, skp=skp, rhk=rhk,
                      ra=None, form=form, tahun=tahun, bulan=bulan_)
    ra, created = services.tambah(current_user.id, rhk, tahun, bulan_, form.values(),
                                  form.posted_key())
    if created:
        audit.record("rencana_aksi.tambah", "rencana_aksi", ra.id, sesudah={"teks": ra.teks})
        db.session.commit()
    return fragment_or_redirect("rencana/_ra_added.html",
                                _url(skp.id, tahun, bulan_, f"rhk-{rhk.id}"),
                                _("Rencana aksi ditambahkan."), htmx_redirect=True,
                                skp=skp, rhk=rhk, ra=ra, tahun=tahun, bulan=bulan_, editable=True,
                                form=None, progres={}, tersimpan_teks=tersimpan(ra.teks[:40]))


def _own_open(ra_id: int):
    ra = ra_access.get_rencana_own_or_403(ra_id)
    if ra.rhk.diarsipkan or services.terkunci(ra.tahun, ra.bulan):
        abort(403)
    return ra


@bp.route("/rencana-aksi/<int:ra_id>/ubah", methods=["GET", "POST"])
@access.role("pegawai")
def ubah(ra_id: int):
    ra = _own_open(ra_id)
    if request.method == "GET":
        form = RencanaAksiForm(formdata=None, teks=ra.teks, satuan=ra.satuan,
                               target_teks=ra.target_teks,
                               target="" if ra.target is None else f"{ra.target.normalize():f}")
        return render("rencana/ubah.html", "rencana/_ra_form.html", skp=ra.rhk.skp, rhk=ra.rhk,
                      ra=ra, form=form, tahun=ra.tahun, bulan=ra.bulan)
    form = RencanaAksiForm()
    if not form.validate():
        return render("rencana/ubah.html", "rencana/_ra_form.html", 422, skp=ra.rhk.skp,
                      rhk=ra.rhk, ra=ra, form=form, tahun=ra.tahun, bulan=ra.bulan)
    before = {"teks": ra.teks, "target": ra.target_label}
    services.ubah(ra, form.values())
    audit.record("rencana_aksi.ubah", "rencana_aksi", ra.id, sebelum=before,
                 sesudah={"teks": ra.teks, "target": ra.target_label})
    db.session.commit()
    if wants_fragment():
        progres, _tanpa = services.kemajuan(ra.pegawai_id, ra.tahun, ra.bulan, [ra])
        return render("rencana/_ra.html", ra=ra, editable=True, progres=progres,
                      tersimpan_teks=tersimpan())
    flash(_("Rencana aksi diperbarui."), "success")
    return redirect_to(_url(ra.rhk.skp_id, ra.tahun, ra.bulan, f"ra-{ra.id}"))


@bp.post("/rencana-aksi/<int:ra_id>/hapus")
@access.role("pegawai")
def hapus(ra_id: int):
    ra = _own_open(ra_id)
    skp_id, tahun, bulan_ = ra.rhk.skp_id, ra.tahun, ra.bulan
    if services.ada_entri(ra):
        message = _("Rencana aksi ini sudah dipakai entri harian; ubah saja teksnya.")
        return fragment_or_redirect("rencana/_pesan.html", _url(skp_id, tahun, bulan_), message,
                                    category="error", status=422, htmx_redirect=True,
                                    message=message)
    answer = konfirmasi.perlu(_("Hapus rencana aksi %(t)s?", t=ra.teks))
    if answer:
        return answer
    audit.record("rencana_aksi.hapus", "rencana_aksi", ra.id, sebelum={"teks": ra.teks})
    db.session.delete(ra)
    db.session.commit()
    return fragment_or_redirect(None, _url(skp_id, tahun, bulan_), _("Rencana aksi dihapus."),
                                htmx_redirect=True)


@bp.post("/skp/<int:skp_id>/rencana-aksi/salin")
@access.role("pegawai")
def salin(skp_id: int):
    """Copy last month's rencana aksi into this month in one click (twice copies nothing)."""
    skp = ra_access.get_skp_rencana_owned_or_403(skp_id)
    tahun, bulan_ = _open_month_or_403(skp)
    n = services.salin_dari_bulan_lalu(current_user.id, [r.id for r in skp.rhk
                                                         if not r.diarsipkan], tahun, bulan_)
    if n:
        audit.record("rencana_aksi.salin", "skp", skp.id, sesudah={"bulan": f"{tahun}-{bulan_}",
                                                                  "jumlah": n})
    db.session.commit()
    flash(_("%(n)s rencana aksi disalin dari bulan lalu.", n=n) if n else
          _("Tidak ada rencana aksi bulan lalu yang belum ada di bulan ini."), "success")
    return redirect_to(_url(skp.id, tahun, bulan_))


