"""Rating one person: the supervisor rates a direct report (GET shows the form, POST
validates → saves → redirects). The kepala daerah rates the Sekda but does not log in: the admin
records that rating on their behalf (docs/domain.md), marked "atas nama Kepala Daerah" in the audit
trail."""
from __future__ import annotations

from flask import flash, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.datastructures import MultiDict

from portal import access, konfirmasi, orgtree
from portal.htmx import redirect_to, render
from portal.penilaian import bp, services
from portal.penilaian.access import get_sekda_for_kepala_daerah_or_403
from portal.penilaian.common import conflict
from portal.penilaian.forms import RatingForm
from portal.penilaian.periode import kode_closed, not_started, parse_kode
from portal.penilaian.services import KEPALA_DAERAH
from portal.rules.predikat import predikat_label


@bp.route("/kepala-daerah/<kode>", methods=["GET", "POST"])
@access.role("admin")
def nilai_sekda(kode: str):
    k = parse_kode(kode)
    url = url_for("penilaian.nilai_sekda", kode=k.teks)
    return rating_view(k, get_sekda_for_kepala_daerah_or_403(), penilai=None,
                       atas_nama=KEPALA_DAERAH, action=url, back=url)


def _refusal(k, existing) -> str | None:
    if kode_closed(k):
        return _("Periode %(p)s sudah ditutup; penilaian tidak dapat diubah.", p=k.label)
    if not_started(k):
        return _("Periode %(p)s belum dimulai; penilaian belum dapat diberikan.", p=k.label)
    return services.locked_reason(existing)


@bp.route("/tim/<kode>/<int:pegawai_id>", methods=["GET", "POST"])
@access.role("atasan")
def nilai(kode: str, pegawai_id: int):
    k = parse_kode(kode)
    target = access.get_direct_report_or_403(pegawai_id)
    return rating_view(k, target, penilai=current_user, atas_nama=None,
                       action=url_for("penilaian.nilai", kode=k.teks, pegawai_id=target.id),
                       back=url_for("penilaian.tim", kode=k.teks))


def rating_view(k, target, *, penilai, atas_nama, action: str, back: str):
    """The rating form of one person: GET shows it, POST validates → saves → redirects.
    `penilai` None with `atas_nama` is the kepala daerah's rating recorded by the admin."""
    seat = orgtree.current_seat(target.id)
    head, org, hasil_pimpinan = services.capaian_for(k, seat)
    existing = services.find(target.id, k)
    formdata = None
    if request.method == "POST":
        formdata = MultiDict(request.form)
        if head:  # the unit's capaian decides; whatever the client sent is ignored
            formdata.setlist("hasil_kerja", [hasil_pimpinan or ""])
    form = RatingForm(formdata=formdata, obj=existing if formdata is None else None)
    refusal = _refusal(k, existing)
    if head and org is None:
        refusal = refusal or _("Capaian kinerja organisasi periode ini belum ditetapkan Sekda; "
                               "rating hasil kerja pimpinan unit mengikutinya.")
    ctx = {"k": k, "target": target, "seat": seat, "form": form, "existing": existing,
           "head": head, "org": org, "hasil_pimpinan": hasil_pimpinan, "refusal": refusal,
           "action": action, "back": back, "atas_nama": atas_nama,
           **services.realisasi_context(target.id, k)}
    if request.method == "GET":
        return render("penilaian/nilai.html", **ctx)
    if refusal:
        flash(refusal, "error")
        return render("penilaian/nilai.html", status=409, **ctx)
    if not form.validate():
        return render("penilaian/nilai.html", status=422, **ctx)
    answer = konfirmasi.perlu(_("Simpan penilaian %(n)s?", n=target.nama_lengkap))
    if answer:
        return answer
    n = services.save_rating(target, k, form.hasil_kerja.data, form.perilaku_kerja.data,
                             form.catatan.data, org.rating if org else None, penilai,
                             atas_nama=atas_nama, dicatat_oleh_id=current_user.id)
    if not services.commit():
        flash(conflict(), "error")
        return render("penilaian/nilai.html", status=409, **ctx)
    flash(_("Penilaian %(nama)s tersimpan: %(p)s.", nama=target.nama_lengkap,
            p=predikat_label(n.predikat)), "success")
    return redirect_to(back)
