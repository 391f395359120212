"""Admin: Plt/Plh appointments, periods, the working-day calendar and the instansi."""
from __future__ import annotations

from datetime import timedelta

from flask import flash, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import extract, select
from sqlalchemy.orm import selectinload

from portal import access, audit, clock, idempotency, konfirmasi, periods
from portal.admin import bp, services
from portal.admin.access import (
    get_jabatan_or_404,
    get_ketidakhadiran_or_404,
    get_libur_or_404,
    get_periode_or_404,
    get_plt_or_404,
)
from portal.admin.forms import (
    InstansiForm,
    KetidakhadiranForm,
    LiburForm,
    PeriodeForm,
    PltForm,
    opsi,
)
from portal.extensions import db
from portal.htmx import redirect_to, render
from portal.models import HariLibur, Ketidakhadiran, Periode, PltJabatan
from portal.models.org import PLT_MENUNGGU
from portal.plt import services as plt_services

PLT_FIELDS = ("jabatan_id", "pegawai_id", "jenis", "nomor_sk", "mulai", "selesai")
INSTANSI_FIELDS = ("nama", "tempat", "kepala_daerah_nama", "kepala_daerah_nip",
                   "kepala_daerah_jabatan", "batas_hari_fleksibel", "pola_nomor_dokumen")


def _person_by_nip(field) -> int | None:
    """The id of the active person with the NIP typed in `field`, or an error on the field."""
    pegawai = services.pegawai_by_nip(field.data)
    if pegawai is None or not pegawai.aktif:
        field.errors.append(_("Tidak ada pegawai aktif dengan NIP ini."))
        return None
    return pegawai.id


# Plt/Plh --------------------------------------------------------------------------------------

@bp.get("/plt")
@access.role("admin")
def plt_list():
    return render("admin/plt.html", rows=services.plt_current())


@bp.route("/plt/baru", methods=["GET", "POST"])
@access.role("admin")
def plt_new():
    form = PltForm()
    form.jabatan_id.choices = opsi([(0, _("— pilih jabatan —")), *services.jabatan_choices()])
    if request.method == "GET" and request.args.get("jabatan", "").isdigit():
        form.jabatan_id.data = int(request.args["jabatan"][:9])
    if form.validate_on_submit():
        pegawai_id = _person_by_nip(form.nip)
        if pegawai_id is not None and not plt_services.may_appoint(current_user, pegawai_id):
            form.nip.errors.append(_("Anda tidak dapat menunjuk diri sendiri sebagai Plt/Plh; "
                                     "mintalah admin lain."))
        jabatan = get_jabatan_or_404(form.jabatan_id.data)
        if idempotency.by_key(PltJabatan, "jabatan_id", jabatan.id, form.posted_key()):
            flash(_("%(j)s ditunjuk.", j=form.jenis.data), "success")  # the same form, twice
            return redirect_to(url_for("admin.plt_list"))
        if services.plt_overlap(jabatan.id, form.mulai.data, form.selesai.data):
            form.mulai.errors.append(_("Sudah ada Plt/Plh untuk jabatan ini pada rentang itu."))
        if not form.errors:
            plt = plt_services.appoint_once(
                current_user, form.posted_key(), jabatan_id=jabatan.id, pegawai_id=pegawai_id,
                jenis=form.jenis.data, nomor_sk=form.nomor_sk.data.strip(),
                mulai=form.mulai.data, selesai=form.selesai.data,
                catatan=form.catatan.data or None)
            if plt.status == PLT_MENUNGGU:
                flash(_("%(j)s diusulkan; berlaku setelah dikonfirmasi Sekda (atau admin lain "
                        "untuk jabatan Sekda).", j=plt.jenis), "success")
            else:
                flash(_("%(j)s ditunjuk.", j=plt.jenis), "success")
            return redirect_to(url_for("admin.plt_list"))
    return render("admin/form_page.html", status=422 if form.errors else 200, form=form,
                  title=_("Tunjuk Plt/Plh"), action=url_for("admin.plt_new"),
                  cancel=url_for("admin.plt_list"))


@bp.post("/plt/<int:plt_id>/akhiri")
@access.role("admin")
def plt_end(plt_id: int):
    """End an appointment now: it stops acting from today (one not started yet is dropped)."""
    plt = get_plt_or_404(plt_id)
    answer = konfirmasi.perlu(_("Akhiri penunjukan ini sekarang?"))
    if answer:
        return answer
    sebelum = services.snapshot(plt, PLT_FIELDS)
    kemarin = clock.today() - timedelta(days=1)
    if plt.mulai > kemarin:
        db.session.delete(plt)
        sesudah = None
    else:
        plt.selesai = min(plt.selesai, kemarin)
        sesudah = services.snapshot(plt, PLT_FIELDS)
    audit.record("plt.akhiri", "plt_jabatan", plt_id, sebelum=sebelum, sesudah=sesudah)
    db.session.commit()
    flash(_("Penunjukan diakhiri."), "success")
    return redirect_to(url_for("admin.plt_list"))


# Periods --------------------------------------------------------------------------------------

@bp.get("/periode")
@access.role("admin")
def periode_list():
    rows = db.session.scalars(select(Periode).options(selectinload(Periode.sub_periode))
                              .order_by(Periode.tahun.desc())).all()
    return render("admin/periode.html", rows=rows, form=PeriodeForm(),
                  tahun_baru=services.next_year())


@bp.post("/periode/baru")
@access.role("admin")
def periode_new():
    form = PeriodeForm()
    if not form.validate_on_submit():
        rows = db.session.scalars(select(Periode).options(selectinload(Periode.sub_periode))
                                  .order_by(Periode.tahun.desc())).all()
        return render("admin/periode.html", status=422, rows=rows, form=form,
                      tahun_baru=services.next_year())
    periode = periods.create_periode(services.next_year(), form.jenis.data)
    audit.record("periode.buat", "periode", periode.id,
                 sesudah={"tahun": periode.tahun, "jenis_sub": periode.jenis_sub})
    db.session.commit()
    flash(_("Periode %(t)s dibuat.", t=periode.tahun), "success")
    return redirect_to(url_for("admin.periode_list"))


@bp.post("/periode/<int:periode_id>/aktif")
@access.role("admin")
def periode_activate(periode_id: int):
    periode = get_periode_or_404(periode_id)
    answer = konfirmasi.perlu(_("Jadikan %(t)s tahun periode aktif?", t=periode.tahun))
    if answer:
        return answer
    sebelum = db.session.scalar(select(Periode.tahun).where(Periode.aktif))
    periods.set_active(periode)
    audit.record("periode.aktif", "periode", periode.id, sebelum={"tahun_aktif": sebelum},
                 sesudah={"tahun_aktif": periode.tahun})
    db.session.commit()
    flash(_("Periode %(t)s kini aktif.", t=periode.tahun), "success")
    return redirect_to(url_for("admin.periode_list"))


# Calendar -------------------------------------------------------------------------------------

def _kalender_page(libur_form=None, absen_form=None, status=200):
    tahun_arg = request.args.get("tahun", "")
    tahun = int(tahun_arg) if tahun_arg.isdigit() and len(tahun_arg) == 4 else clock.today().year
    libur = db.session.scalars(select(HariLibur).where(extract("year", HariLibur.tanggal) == tahun)
                               .order_by(HariLibur.tanggal)).all()
    absen = db.session.scalars(select(Ketidakhadiran).where(
        Ketidakhadiran.selesai >= clock.today() - timedelta(days=60))
        .order_by(Ketidakhadiran.mulai.desc()).limit(200)).all()
    return render("admin/kalender.html", status=status, tahun=tahun, libur=libur, absen=absen,
                  libur_form=libur_form or LiburForm(formdata=None),
                  absen_form=absen_form or KetidakhadiranForm(formdata=None))


@bp.get("/kalender")
@access.role("admin")
def kalender():
    return _kalender_page()


@bp.post("/kalender/libur")
@access.role("admin")
def libur_new():
    form = LiburForm()
    if form.validate_on_submit():
        instansi = services.instansi()
        if db.session.scalar(select(HariLibur.id).where(HariLibur.instansi_id == instansi.id,
                                                        HariLibur.tanggal == form.tanggal.data)):
            form.tanggal.errors.append(_("Tanggal ini sudah tercatat sebagai hari libur."))
        else:
            libur = HariLibur(instansi_id=instansi.id, tanggal=form.tanggal.data,
                              nama=form.nama.data.strip(), jenis=form.jenis.data)
            db.session.add(libur)
            db.session.flush()
            audit.record("libur.tambah", "hari_libur", libur.id,
                         sesudah={"tanggal": libur.tanggal, "nama": libur.nama,
                                  "jenis": libur.jenis})
            db.session.commit()
            flash(_("Hari libur ditambahkan."), "success")
            return redirect_to(url_for("admin.kalender", tahun=libur.tanggal.year))
    return _kalender_page(libur_form=form, status=422)


@bp.post("/kalender/libur/<int:libur_id>/hapus")
@access.role("admin")
def libur_delete(libur_id: int):
    libur = get_libur_or_404(libur_id)
    answer = konfirmasi.perlu(_("Hapus hari libur %(n)s?", n=libur.nama))
    if answer:
        return answer
    tahun = libur.tanggal.year
    audit.record("libur.hapus", "hari_libur", libur.id,
                 sebelum={"tanggal": libur.tanggal, "nama": libur.nama, "jenis": libur.jenis})
    db.session.delete(libur)
    db.session.commit()
    flash(_("Hari libur dihapus."), "success")
    return redirect_to(url_for("admin.kalender", tahun=tahun))


@bp.post("/kalender/ketidakhadiran")
@access.role("admin")
def absen_new():
    form = KetidakhadiranForm()
    if form.validate_on_submit():
        pegawai_id = _person_by_nip(form.nip)
        if pegawai_id is not None:
            def build() -> Ketidakhadiran:
                absen = Ketidakhadiran(pegawai_id=pegawai_id, jenis=form.jenis.data,
                                       mulai=form.mulai.data, selesai=form.selesai.data,
                                       keterangan=form.keterangan.data or None,
                                       kunci=form.posted_key())
                db.session.add(absen)
                db.session.flush()
                audit.record("ketidakhadiran.tambah", "ketidakhadiran", absen.id,
                             sesudah={"pegawai_id": pegawai_id, "jenis": absen.jenis,
                                      "mulai": absen.mulai, "selesai": absen.selesai})
                return absen

            idempotency.once(Ketidakhadiran, "pegawai_id", pegawai_id, form.posted_key(), build)
            flash(_("Ketidakhadiran dicatat."), "success")
            return redirect_to(url_for("admin.kalender"))
    return _kalender_page(absen_form=form, status=422)


@bp.post("/kalender/ketidakhadiran/<int:absen_id>/hapus")
@access.role("admin")
def absen_delete(absen_id: int):
    absen = get_ketidakhadiran_or_404(absen_id)
    answer = konfirmasi.perlu(_("Hapus catatan ketidakhadiran ini?"))
    if answer:
        return answer
    audit.record("ketidakhadiran.hapus", "ketidakhadiran", absen.id,
                 sebelum={"pegawai_id": absen.pegawai_id, "jenis": absen.jenis,
                          "mulai": absen.mulai, "selesai": absen.selesai})
    db.session.delete(absen)
    db.session.commit()
    flash(_("Ketidakhadiran dihapus."), "success")
    return redirect_to(url_for("admin.kalender"))


# Instansi -------------------------------------------------------------------------------------

@bp.route("/instansi", methods=["GET", "POST"])
@access.role("admin")
def instansi():
    target = services.instansi()
    form = InstansiForm(obj=target)
    if form.validate_on_submit():
        sebelum = services.snapshot(target, INSTANSI_FIELDS)
        form.populate_obj(target)
        target.kepala_daerah_nip = (target.kepala_daerah_nip or "").strip() or None
        audit.record("instansi.ubah", "instansi", target.id, sebelum=sebelum,
                     sesudah=services.snapshot(target, INSTANSI_FIELDS))
        db.session.commit()
        flash(_("Pengaturan instansi disimpan."), "success")
        return redirect_to(url_for("admin.instansi"))
    return render("admin/form_page.html", status=422 if form.errors else 200, form=form,
                  title=_("Pengaturan instansi"), action=url_for("admin.instansi"),
                  cancel=url_for("admin.index"))
