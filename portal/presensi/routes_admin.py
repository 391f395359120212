"""The admin's (BKPSDM operator's) presensi pages: working hours, shifts for seats, machine PINs,
places on record, the fix of a day and closing a month."""
from __future__ import annotations

from datetime import date

from flask import flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal import access, konfirmasi
from portal.extensions import db
from portal.htmx import render
from portal.models import JadwalKerja, PinMesin
from portal.presensi import bp, jadwal, kunci_bulan
from portal.presensi.common import bulan_dari, nama_bulan


def _page(status: int = 200, errors: dict | None = None, form=None):
    return render("presensi/admin.html", status=status, jadwal=jadwal.semua_jadwal(),
                  penugasan=jadwal.penugasan(), pins=jadwal.daftar_pin(),
                  tempat=jadwal.daftar_tempat(), bulan=kunci_bulan.daftar(), hari=jadwal.HARI,
                  errors=errors or {}, form=form or {})


def _done(message: str | None, ok: str):
    if message:
        db.session.rollback()
        flash(message, "error")
    else:
        db.session.commit()
        flash(ok, "success")
    return redirect(url_for("presensi.admin"), 303)


@bp.get("/admin/presensi")
@access.role("admin")
def admin():
    return _page()


@bp.post("/admin/presensi/jadwal")
@access.role("admin")
def jadwal_new():
    created, errors = jadwal.buat_jadwal(request.form)
    if errors:
        db.session.rollback()
        return _page(422, errors, {k: request.form.get(k, "")[:100] for k in request.form})
    db.session.commit()
    flash(_("Jadwal %(nama)s disimpan.", nama=created.nama), "success")
    return redirect(url_for("presensi.admin"), 303)


@bp.post("/admin/presensi/jadwal/<int:jadwal_id>/jabatan")
@access.role("admin")
def jadwal_jabatan(jadwal_id: int):
    found = access.get_or_404(JadwalKerja, jadwal_id)
    return _done(jadwal.tugaskan(found, request.form), _("Jadwal shift diberikan ke jabatan."))


@bp.post("/admin/presensi/pin")
@access.role("admin")
def pin_new():
    return _done(jadwal.simpan_pin(request.form), _("PIN mesin disimpan."))


@bp.post("/admin/presensi/pin/<int:pin_id>/hapus")
@access.role("admin")
def pin_delete(pin_id: int):
    pin = access.get_or_404(PinMesin, pin_id)
    answer = konfirmasi.perlu(_("Hapus PIN %(p)s (%(n)s)?", p=pin.pin, n=pin.pegawai.nama))
    if answer:
        return answer
    jadwal.hapus_pin(pin)
    return _done(None, _("PIN mesin dihapus."))


@bp.post("/admin/presensi/tempat")
@access.role("admin")
def tempat_new():
    return _done(jadwal.simpan_tempat(request.form), _("Tempat tercatat disimpan."))


@bp.get("/admin/presensi/perbaiki")
@access.role("admin")
def perbaiki():
    return render("presensi/perbaiki.html", form={}, error=None)


@bp.post("/admin/presensi/perbaiki")
@access.role("admin")
def perbaikan_save():
    error = jadwal.perbaiki(request.form)
    if error:
        db.session.rollback()
        form = {k: request.form.get(k, "")[:500] for k in
                ("nip", "tanggal", "datang", "pulang", "alasan")}
        return render("presensi/perbaiki.html", status=422, form=form, error=error)
    db.session.commit()
    flash(_("Presensi diperbaiki dan dicatat di jejak audit."), "success")
    return redirect(url_for("presensi.perbaiki"), 303)


@bp.post("/admin/presensi/bulan")
@access.role("admin")
def bulan_tutup():
    tahun, bulan = bulan_dari(request.form.get("bulan"))
    label, buka = nama_bulan(tahun, bulan), request.form.get("aksi") == "buka"
    alasan = (request.form.get("alasan") or "").strip()[:500]
    if buka != kunci_bulan.tertutup(date(tahun, bulan, 1)):
        return _done(_("Bulan itu tidak sedang ditutup.") if buka
                     else _("Bulan itu sudah ditutup."), "")
    if buka and not alasan:
        return _done(_("Tuliskan alasan membuka kembali bulan itu."), "")
    answer = konfirmasi.perlu(
        _("Buka kembali presensi %(b)s?", b=label) if buka else
        _("Tutup presensi %(b)s? Setelah ditutup tidak ada yang dapat diubah.", b=label))
    if answer:
        return answer
    if buka:
        kunci_bulan.buka(tahun, bulan, alasan)
        return _done(None, _("Presensi %(b)s dibuka kembali.", b=label))
    kunci_bulan.tutup(tahun, bulan, current_user.id)
    return _done(None, _("Presensi %(b)s ditutup.", b=label))
