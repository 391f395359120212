"""The rules-version form, described as data: each field's name, label, kind and group. One
reader turns the posted text into an `Aturan` (or messages per field), one template draws it,
so adding a parameter is one line here."""
from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal, InvalidOperation

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from portal.rules import tpp_aturan
from portal.rules.tpp_aturan import HUKUMAN, KELAS, Aturan, Tingkat

P, RP, TEKS, BULAN = "persen", "rupiah", "teks", "bulan"
PILIHAN = {
    "metode_kinerja": [("realisasi", _l("Realisasi diterima terhadap target")),
                       ("hari_entri", _l("Hari dengan entri (terverifikasi)")),
                       ("predikat", _l("Predikat kinerja")),
                       ("campuran", _l("Campuran berbobot"))],
    "plt_aturan": [("tambah", _l("Tambahan persen dari pagu jabatan yang dijabat")),
                   ("tertinggi", _l("Pagu tertinggi dari dua jabatan")),
                   ("tanpa", _l("Tidak menambah"))],
    "pph21_mode": [("nonaktif", _l("Tidak dipotong")), ("golongan", _l("Menurut golongan")),
                   ("tarif", _l("Tabel tarif menurut bruto"))],
    "pagu_cara": [("isi", _l("Diisi per kelas")),
                  ("indeks", _l("Dihitung: basic TPP × IKFD × IKK × IPPD"))],
}
GROUPS = [
    (_l("Versi"), [("nama", _l("Nama (nomor Perkada/Pergub)"), TEKS),
                   ("mulai", _l("Berlaku mulai bulan"), BULAN),
                   ("selesai", _l("Berakhir bulan (kosongkan bila sampai versi berikutnya)"),
                    BULAN),
                   ("penyetuju_nip", _l("NIP pejabat penyetuju (kosong: Sekda)"), TEKS)]),
    (_l("Pagu per kelas jabatan"), [("pagu_cara", _l("Cara menentukan pagu"), "pilihan"),
                                    ("ikfd", _l("IKFD"), "angka"), ("ikk", _l("IKK"), "angka"),
                                    ("ippd", _l("IPPD"), "angka")]
     + [(f"pagu_{k}", _l("Kelas %(k)s (pagu atau basic TPP, Rp)", k=k), RP) for k in KELAS]),
    (_l("Bobot dan kinerja"), [
        ("bobot_kinerja", _l("Bobot kinerja (%)"), P),
        ("bobot_disiplin", _l("Bobot disiplin (%)"), P),
        ("metode_kinerja", _l("Cara mengukur kinerja"), "pilihan"),
        ("campuran_realisasi", _l("Campuran: bobot realisasi (%)"), P),
        ("campuran_hari_entri", _l("Campuran: bobot hari dengan entri (%)"), P),
        ("campuran_predikat", _l("Campuran: bobot predikat (%)"), P)]),
    (_l("Potongan disiplin (per kejadian, dari bagian disiplin)"), [
        ("tl_batas", _l("Batas menit tingkat 1–3, dipisah koma"), TEKS),
        *[(f"tl_{i}", _l("TL%(i)s (%%)", i=i), P) for i in range(1, 5)],
        *[(f"psw_{i}", _l("PSW%(i)s (%%)", i=i), P) for i in range(1, 5)],
        ("tk_persen", _l("Tanpa keterangan per hari (%)"), P),
        ("batas_disiplin", _l("Batas potongan disiplin sebulan (%)"), P)]),
    (_l("Potongan lain"), [
        ("entri_kosong_persen", _l("Hari tanpa entri harian (persen dari bagian kinerja)"), P),
        ("entri_belum_verifikasi_persen", _l("Hari dengan entri belum diverifikasi (%)"), P),
        ("atasan_persen", _l("Atasan: per entri bawahan tidak diverifikasi (%)"), P),
        ("atasan_batas", _l("Atasan: paling banyak (%)"), P),
        ("lhkpn_persen", _l("LHKPN/LHKASN belum dilaporkan (%)"), P),
        *[(f"hukuman_{h}", _l("Hukuman disiplin %(h)s (%%)", h=h), P) for h in HUKUMAN]]),
    (_l("Yang berhak"), [
        ("cpns_persen", _l("CPNS menerima (%)"), P), ("pppk_persen", _l("PPPK menerima (%)"), P),
        ("cuti_besar_persen", _l("Cuti besar menerima (%)"), P),
        ("tugas_belajar_persen", _l("Tugas belajar menerima (%)"), P),
        ("plt_aturan", _l("Aturan Plt/Plh"), "pilihan"),
        ("plt_persen", _l("Plt/Plh: persen dari pagu jabatan yang dijabat"), P)]),
    (_l("Potongan wajib"), [
        ("bpjs_persen", _l("Iuran BPJS Kesehatan pegawai (%)"), P),
        ("bpjs_batas", _l("Batas upah BPJS (Rp)"), RP),
        ("pph21_mode", _l("PPh 21"), "pilihan"),
        *[(f"pph21_{g}", _l("PPh 21 golongan %(g)s (%%)", g=g), P)
          for g in tpp_aturan.GOLONGAN_PAJAK],
        ("pph21_tarif", _l("Tabel tarif: 'batas bruto:persen' per baris, baris terakhir "
                           "'-:persen'"), "area"),
        ("ambang_anomali", _l("Tinjauan: tandai perubahan lebih dari (%)"), P)]),
]
FIELDS = {name: (label, kind) for _g, items in GROUPS for name, label, kind in items}


def _fmt(d: Decimal) -> str:
    return format(Decimal(d).normalize(), "f")


def nilai_awal(a: Aturan, nama: str = "", mulai: date | None = None) -> dict[str, str]:
    v = {"nama": nama, "mulai": mulai.strftime("%Y-%m") if mulai else "", "selesai": "",
         "penyetuju_nip": "", "pagu_cara": "isi", "ikfd": "1", "ikk": "1", "ippd": "1",
         "metode_kinerja": a.metode_kinerja, "plt_aturan": a.plt_aturan,
         "pph21_mode": a.pph21_mode, "bpjs_batas": str(a.bpjs_batas),
         "tl_batas": ",".join(str(t.sampai) for t in a.tl if t.sampai is not None),
         "pph21_tarif": "\n".join(f"{'-' if b is None else b}:{_fmt(p)}"
                                  for b, p in a.pph21_tarif)}
    v.update({f"pagu_{k}": str(a.pagu_kelas.get(k, "")) for k in KELAS})
    for name in ("bobot_kinerja", "bobot_disiplin", "tk_persen", "batas_disiplin",
                 "entri_kosong_persen", "entri_belum_verifikasi_persen", "atasan_persen",
                 "atasan_batas", "lhkpn_persen", "cpns_persen", "pppk_persen",
                 "cuti_besar_persen", "tugas_belajar_persen", "plt_persen", "bpjs_persen",
                 "ambang_anomali"):
        v[name] = _fmt(getattr(a, name))
    for m in ("realisasi", "hari_entri", "predikat"):
        v[f"campuran_{m}"] = _fmt(a.campuran.get(m, Decimal(0)))
    for i in range(4):
        v[f"tl_{i + 1}"], v[f"psw_{i + 1}"] = _fmt(a.tl[i].persen), _fmt(a.psw[i].persen)
    for h in HUKUMAN:
        v[f"hukuman_{h}"] = _fmt(a.hukuman_persen.get(h, Decimal(0)))
    for g in tpp_aturan.GOLONGAN_PAJAK:
        v[f"pph21_{g}"] = _fmt(a.pph21_golongan.get(g, Decimal(0)))
    return v


def bulan(text: str) -> date | None:
    try:
        y, m = (int(x) for x in (text or "").strip().split("-")[:2])
        return date(y, m, 1) if 2000 <= y <= 2100 else None
    except ValueError:
        return None


class Baca:
    """Posted text -> values; `errors` maps field -> messages (Indonesian)."""

    def __init__(self, form):
        self.v = {name: (form.get(name) or "").strip()[:2000] for name in FIELDS}
        self.errors: dict[str, list[str]] = {}

    def _err(self, name: str, msg: str) -> None:
        self.errors.setdefault(name, []).append(msg)

    def angka(self, name: str, kind: str = P) -> Decimal:
        text = self.v[name].replace(".", "").replace(",", ".") if kind == RP else \
            self.v[name].replace(",", ".")
        try:
            value = Decimal(text)
            if not value.is_finite() or abs(value) >= 10**12:
                raise InvalidOperation
        except InvalidOperation:
            self._err(name, _("Harus berupa angka."))
            return Decimal(0)
        if value < 0:
            self._err(name, _("Tidak boleh negatif."))
        return value

    def aturan(self) -> Aturan:
        """The draft as far as it can be read (unreadable numbers count as 0, with their
        message), so that the rules' own checks run on it too."""
        v, n = self.v, self.angka
        for name in ("metode_kinerja", "plt_aturan", "pph21_mode", "pagu_cara"):
            if v[name] not in dict(PILIHAN[name]):
                self._err(name, _("Pilihan tidak valid."))
        pagu = {k: int(n(f"pagu_{k}", RP)) for k in KELAS if v[f"pagu_{k}"]}
        if v["pagu_cara"] == "indeks":
            pagu = tpp_aturan.pagu_dari_indeks(pagu, n("ikfd", "angka"), n("ikk", "angka"),
                                               n("ippd", "angka"))
        tiers = self._tingkat()
        tarif = self._tarif()
        return replace(
            Aturan(pagu_kelas=pagu), bobot_kinerja=n("bobot_kinerja"),
            bobot_disiplin=n("bobot_disiplin"), metode_kinerja=v["metode_kinerja"],
            campuran={m: n(f"campuran_{m}") for m in ("realisasi", "hari_entri", "predikat")
                      if n(f"campuran_{m}")} if v["metode_kinerja"] == "campuran" else {},
            tl=tiers[0], psw=tiers[1], tk_persen=n("tk_persen"),
            batas_disiplin=n("batas_disiplin"), entri_kosong_persen=n("entri_kosong_persen"),
            entri_belum_verifikasi_persen=n("entri_belum_verifikasi_persen"),
            atasan_persen=n("atasan_persen"), atasan_batas=n("atasan_batas"),
            lhkpn_persen=n("lhkpn_persen"),
            hukuman_persen={h: n(f"hukuman_{h}") for h in HUKUMAN},
            cpns_persen=n("cpns_persen"), pppk_persen=n("pppk_persen"),
            cuti_besar_persen=n("cuti_besar_persen"),
            tugas_belajar_persen=n("tugas_belajar_persen"), plt_aturan=v["plt_aturan"],
            plt_persen=n("plt_persen"), bpjs_persen=n("bpjs_persen"),
            bpjs_batas=int(n("bpjs_batas", RP)), pph21_mode=v["pph21_mode"],
            pph21_golongan={g: n(f"pph21_{g}") for g in tpp_aturan.GOLONGAN_PAJAK},
            pph21_tarif=tarif, ambang_anomali=n("ambang_anomali"))

    def _tingkat(self) -> tuple[tuple[Tingkat, ...], tuple[Tingkat, ...]]:
        try:
            bounds = [int(x) for x in self.v["tl_batas"].split(",") if x.strip()]
        except ValueError:
            bounds = []
        if len(bounds) != 3 or bounds != sorted(set(bounds)) or bounds[0] < 1:
            self._err("tl_batas", _("Tulis tiga batas menit yang naik, mis. 30,60,90."))
            bounds = [30, 60, 90]
        spans = list(zip([1] + [b + 1 for b in bounds], bounds + [None], strict=True))
        return tuple(tuple(Tingkat(f"{p.upper()}{i + 1}", a, b, self.angka(f"{p}_{i + 1}"))
                           for i, (a, b) in enumerate(spans)) for p in ("tl", "psw"))

    def _tarif(self) -> tuple:
        out = []
        for line in self.v["pph21_tarif"].splitlines():
            if not line.strip():
                continue
            batas, _sep, persen = line.partition(":")
            try:
                out.append((None if batas.strip() == "-" else int(batas.strip().replace(".", "")),
                            Decimal(persen.strip().replace(",", "."))))
            except (ValueError, InvalidOperation):
                self._err("pph21_tarif", _("Baris tarif tidak terbaca: %(l)s", l=line[:40]))
        return tuple(out)
