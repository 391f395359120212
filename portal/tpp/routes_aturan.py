"""The admin's TPP rules: versions (a new one checked and previewed on a chosen person before
it is saved), the kelas jabatan of each seat, and the per-person facts (sentences, LHKPN, long
and study leave)."""
from __future__ import annotations

from flask import flash, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal import access, konfirmasi
from portal.extensions import db
from portal.htmx import redirect_to, render, tersimpan
from portal.rules.tpp_aturan import Aturan
from portal.tpp import akses, bp, formulir, kelas, masukan, saya
from portal.tpp import aturan as versi
from portal.tpp import run as runs
from portal.web import page_number


@bp.get("/aturan")
@access.role("admin")
def aturan_list():
    row = versi.berlaku(runs.bulan_ini())
    return render("tpp/aturan.html", rows=versi.semua(), aktif=row,
                  ringkasan=versi.ringkasan(versi.isi(row)) if row else [])


@bp.get("/aturan/<int:tpp_aturan_id>")
@access.role("admin")
def aturan_detail(tpp_aturan_id: int):
    row = akses.get_aturan_or_404(tpp_aturan_id)
    isi = versi.isi(row)
    return render("tpp/aturan_detail.html", row=row, isi=isi, ringkasan=versi.ringkasan(isi))


@bp.route("/aturan/baru", methods=["GET", "POST"])
@access.role("admin")
def aturan_new():
    if request.method == "GET":
        base = versi.berlaku(runs.bulan_ini())
        values = formulir.nilai_awal(versi.isi(base) if base else Aturan(pagu_kelas={}),
                                     mulai=runs.bulan_ini())
        return render("tpp/aturan_baru.html", v=values, errors={}, pratinjau=None,
                      groups=formulir.GROUPS, pilihan=formulir.PILIHAN)
    baca = formulir.Baca(request.form)
    draft = baca.aturan()
    mulai, selesai = formulir.bulan(baca.v["mulai"]), formulir.bulan(baca.v["selesai"])
    if mulai is None:
        baca.errors.setdefault("mulai", []).append(_("Pilih bulan mulai berlaku."))
    if not baca.v["nama"]:
        baca.errors.setdefault("nama", []).append(_("Nama versi wajib diisi."))
    penyetuju = kelas.pegawai_by_nip(baca.v["penyetuju_nip"])
    if baca.v["penyetuju_nip"] and penyetuju is None:
        baca.errors.setdefault("penyetuju_nip", []).append(
            _("Tidak ada pegawai aktif dengan NIP ini."))
    for field, msgs in versi.periksa(draft, mulai or runs.bulan_ini(), selesai).items():
        target = field if field in formulir.FIELDS else "_umum"
        baca.errors.setdefault(target, []).extend(
            m for m in msgs if m not in baca.errors.get(target, []))
    pratinjau = _pratinjau(draft) if "pratinjau" in request.form else None
    if baca.errors or pratinjau is not None:
        return render("tpp/aturan_baru.html", status=422 if baca.errors else 200, v=baca.v,
                      errors=baca.errors, pratinjau=pratinjau, groups=formulir.GROUPS,
                      pilihan=formulir.PILIHAN)
    versi.simpan(baca.v["nama"][:200], mulai, selesai, draft,
                 penyetuju.id if penyetuju else None, current_user.id)
    db.session.commit()
    flash(_("Versi aturan TPP disimpan."), "success")
    return redirect_to(url_for("tpp.aturan_list"))


def _pratinjau(draft: Aturan) -> dict:
    """The chosen person's amount under the draft, for the chosen month."""
    nip = (request.form.get("pratinjau_nip") or "").strip()[:18]
    pilih = formulir.bulan(request.form.get("pratinjau_bulan") or "") or runs.bulan_ini()
    person = kelas.pegawai_by_nip(nip)
    people = masukan.orang_bulan(pilih, None, person.id) if person else []
    if not people:
        return {"nip": nip, "bulan": pilih, "hasil": None}
    return {"nip": nip, "bulan": pilih, "nama": people[0].nama,
            "hasil": saya.hitung_dengan(draft, people, pilih)}


@bp.get("/kelas")
@access.role("admin")
def kelas_list():
    hal = page_number(request.args.get("hal"))
    q = (request.args.get("q") or "").strip()[:100]
    rows, total = kelas.daftar(q, hal)
    return render("tpp/kelas.html", "tpp/_kelas_rows.html", rows=rows, total=total, hal=hal,
                  q=q, per=kelas.PER_HALAMAN)


@bp.post("/kelas/<int:jabatan_id>")
@access.role("admin")
def kelas_save(jabatan_id: int):
    jabatan = akses.get_jabatan_or_404(jabatan_id)
    error = kelas.simpan(jabatan, request.form.get("kelas"), request.form.get("kriteria"))
    if error:
        flash(error, "error")
        return render("tpp/_kelas_row.html", status=422, row=kelas.satu(jabatan), error=error)
    db.session.commit()
    if request.headers.get("HX-Request") == "true":
        row = kelas.satu(jabatan)
        return render("tpp/_kelas_row.html", row=row,
                      tersimpan_teks=tersimpan(_("kelas %(k)s", k=row.kelas)))
    flash(_("Kelas jabatan disimpan."), "success")
    return redirect_to(url_for("tpp.kelas_list", q=request.args.get("q") or None))


@bp.route("/catatan", methods=["GET", "POST"])
@access.role("admin")
def catatan_list():
    errors, values = {}, {}
    if request.method == "POST":
        values = {k: (request.form.get(k) or "").strip()[:200] for k in kelas.CATATAN_FIELDS}
        errors = kelas.tambah_catatan(values)
        if not errors:
            db.session.commit()
            flash(_("Catatan TPP disimpan."), "success")
            return redirect_to(url_for("tpp.catatan_list"))
    return render("tpp/catatan.html", status=422 if errors else 200, rows=kelas.catatan(),
                  errors=errors, v=values)


@bp.post("/catatan/<int:tpp_catatan_id>/hapus")
@access.role("admin")
def catatan_delete(tpp_catatan_id: int):
    catatan = akses.get_catatan_or_404(tpp_catatan_id)
    answer = konfirmasi.perlu(_("Hapus catatan TPP %(n)s (%(j)s)?",
                                n=catatan.pegawai.nama_lengkap, j=catatan.jenis))
    if answer:
        return answer
    kelas.hapus_catatan(catatan)
    db.session.commit()
    flash(_("Catatan TPP dihapus."), "success")
    return redirect_to(url_for("tpp.catatan_list"))
