"""Versions of the TPP rules: which one governs a month, saving a new one (checked, never
overlapping, never reaching back into a month whose run is approved), and the plain-language
summary the admin and every employee read."""
from __future__ import annotations

import json
from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, or_, select

from portal import audit
from portal.extensions import db
from portal.models import TppAturan, TppRun
from portal.rules import tpp_aturan
from portal.rules.tpp import pct, rp
from portal.rules.tpp_aturan import Aturan

PESAN = {
    "kelas_tanpa_pagu": _l("Kelas %(kelas)s belum memiliki pagu."),
    "negatif": _l("Jumlah tidak boleh negatif."),
    "bobot_bukan_100": _l("Bobot kinerja dan disiplin harus berjumlah 100 (sekarang %(jumlah)s)."),
    "campuran_bukan_100": _l("Bobot metode campuran harus berjumlah 100."),
    "tidak_dikenal": _l("Pilihan tidak dikenal."),
    "tingkat_tidak_urut": _l("Tingkat harus mulai dari 1 menit, berurutan tanpa celah, dan "
                             "tingkat terakhir tanpa batas atas."),
    "persen_di_luar": _l("Setiap persentase harus antara 0 dan 100."),
    "tarif_tanpa_akhir": _l("Tabel tarif PPh 21 harus diakhiri baris tanpa batas."),
}
METODE_LABEL = {
    "realisasi": _l("realisasi yang diterima atasan terhadap target sub-periode"),
    "hari_entri": _l("bagian hari kerja yang memiliki entri harian (terverifikasi)"),
    "predikat": _l("predikat kinerja sub-periode"),
    "campuran": _l("campuran berbobot"),
}


class AturanTidakSah(ValueError):
    """A draft that cannot be saved; `errors` maps field -> messages."""

    def __init__(self, errors: dict[str, list[str]]):
        super().__init__("; ".join(m for ms in errors.values() for m in ms))
        self.errors = errors


def berlaku(bulan: date) -> TppAturan | None:
    """The version governing `bulan`: the latest begun by then and not ended before it."""
    return db.session.scalar(
        select(TppAturan).where(TppAturan.mulai <= bulan,
                                or_(TppAturan.selesai.is_(None), TppAturan.selesai >= bulan))
        .order_by(TppAturan.mulai.desc()).limit(1))


def semua() -> list[TppAturan]:
    return db.session.scalars(select(TppAturan).order_by(TppAturan.mulai.desc())).all()


def isi(row: TppAturan) -> Aturan:
    return tpp_aturan.dari_dict(row.data)


def periksa(aturan: Aturan, mulai: date, selesai: date | None,
            kecuali: int | None = None) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    for field, code, values in tpp_aturan.periksa(aturan):
        errors.setdefault(field, []).append(str(PESAN[code]) % values if values
                                            else str(PESAN[code]))
    if mulai.day != 1:
        errors.setdefault("mulai", []).append(_("Versi berlaku mulai tanggal 1 suatu bulan."))
    if selesai is not None and selesai < mulai:
        errors.setdefault("selesai", []).append(_("Tanggal selesai sebelum tanggal mulai."))
    others = [(r.mulai, r.selesai or r.mulai) for r in semua() if r.id != kecuali]
    if tpp_aturan.bertumpang(mulai, selesai, others) or any(m == mulai for m, _s in others):
        errors.setdefault("mulai", []).append(_(
            "Masa berlaku bertumpang dengan versi lain; akhiri atau mulai di bulan lain."))
    terkunci = db.session.scalar(select(func.max(TppRun.bulan)).where(
        TppRun.status == "disetujui"))
    if terkunci is not None and mulai <= terkunci:
        errors.setdefault("mulai", []).append(_(
            "Bulan %(b)s sudah disetujui; versi baru hanya dapat berlaku sesudahnya.",
            b=terkunci.strftime("%m/%Y")))
    return errors


def simpan(nama: str, mulai: date, selesai: date | None, aturan: Aturan,
           penyetuju_id: int | None, oleh_id: int | None) -> TppAturan:
    errors = periksa(aturan, mulai, selesai)
    if errors:
        raise AturanTidakSah(errors)
    row = TppAturan(nama=nama, mulai=mulai, selesai=selesai, penyetuju_id=penyetuju_id,
                    isi=json.dumps(tpp_aturan.ke_dict(aturan), sort_keys=True),
                    dibuat_oleh_id=oleh_id)
    db.session.add(row)
    db.session.flush()
    audit.record("tpp_aturan_baru", "tpp_aturan", row.id, aktor_id=oleh_id,
                 sesudah={"nama": nama, "mulai": mulai, "selesai": selesai})
    return row


def ringkasan(a: Aturan) -> list[str]:
    """The version in sentences: what an employee needs to understand their amount."""
    tl = ", ".join(f"{t.kode} {t.dari}–{t.sampai or '∞'} mnt {pct(t.persen)}" for t in a.tl)
    psw = ", ".join(f"{t.kode} {pct(t.persen)}" for t in a.psw)
    out = [
        _("Pagu per kelas jabatan: kelas 1 %(a)s sampai kelas 17 %(b)s.",
          a=rp(a.pagu_kelas.get(1, 0)), b=rp(a.pagu_kelas.get(17, 0))),
        _("TPP = pagu × (%(k)s kinerja + %(d)s disiplin).", k=pct(a.bobot_kinerja),
          d=pct(a.bobot_disiplin)),
        _("Kinerja diukur dari %(m)s.", m=METODE_LABEL.get(a.metode_kinerja, "-")),
        _("Potongan per kejadian dari bagian disiplin — terlambat: %(tl)s; pulang cepat: "
          "%(psw)s; tanpa keterangan %(tk)s per hari; paling banyak %(cap)s sebulan.",
          tl=tl, psw=psw, tk=pct(a.tk_persen), cap=pct(a.batas_disiplin)),
    ]
    if a.entri_kosong_persen or a.entri_belum_verifikasi_persen:
        out.append(_("Dari bagian kinerja: hari tanpa entri harian %(a)s, entri belum "
                     "diverifikasi %(b)s per hari.", a=pct(a.entri_kosong_persen),
                     b=pct(a.entri_belum_verifikasi_persen)))
    out.append(_("Dari seluruh TPP: hukuman disiplin ringan %(r)s, sedang %(s)s, berat %(b)s "
                 "selama masa hukuman; LHKPN/LHKASN belum dilaporkan %(l)s; atasan %(a)s per "
                 "entri bawahan yang tidak diverifikasi (paling banyak %(ab)s).",
                 r=pct(a.hukuman_persen.get("ringan", 0)),
                 s=pct(a.hukuman_persen.get("sedang", 0)),
                 b=pct(a.hukuman_persen.get("berat", 0)), l=pct(a.lhkpn_persen),
                 a=pct(a.atasan_persen), ab=pct(a.atasan_batas)))
    plt = {"tambah": _("Plt/Plh menerima tambahan %(p)s dari pagu jabatan yang dijabat.",
                       p=pct(a.plt_persen)),
           "tertinggi": _("Plt/Plh menerima pagu yang lebih tinggi dari dua jabatan."),
           "tanpa": _("Plt/Plh tidak menambah TPP.")}[a.plt_aturan]
    out.append(_("CPNS menerima %(c)s, PPPK %(p)s; cuti besar %(cb)s, tugas belajar %(tb)s; "
                 "pindah jabatan di tengah bulan dihitung per hari kerja.",
                 c=pct(a.cpns_persen), p=pct(a.pppk_persen), cb=pct(a.cuti_besar_persen),
                 tb=pct(a.tugas_belajar_persen)) + " " + plt)
    pph = {"nonaktif": _("PPh 21 tidak dipotong dari TPP."),
           "golongan": _("PPh 21 menurut golongan: %(g)s.", g=", ".join(
               f"{k} {pct(v)}" for k, v in a.pph21_golongan.items())),
           "tarif": _("PPh 21 menurut tabel tarif bruto.")}[a.pph21_mode]
    out.append(_("Iuran BPJS Kesehatan pegawai %(b)s sampai batas upah %(c)s.",
                 b=pct(a.bpjs_persen), c=rp(a.bpjs_batas)) + " " + pph)
    return out
