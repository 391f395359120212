"""The TPP of one person for one month, line by line, from an explicit input.

    hitung(masukan, aturan) -> Hasil

Steps (every amount rounded half up to whole rupiah, once, on its own line; a total is the sum
of its lines, so the lines always add up):
1. pagu: each stretch of the month in a seat is prorated by working days (pagu kelas + the
   seat's criteria; cuti besar / tugas belajar at their percentage), plus the Plt/Plh rule;
   then the CPNS or PPPK percentage;
2. kinerja = pagu × bobot kinerja × score, less days without (verified) entries;
3. disiplin = pagu × bobot disiplin, less TL/PSW/TK per occurrence, capped per month;
4. deductions on the sum: disciplinary sentence, LHKPN/LHKASN, the atasan's unverified entries;
5. legal cuts: BPJS (employee share up to the wage ceiling) and PPh 21, giving gross and net.
Each line says where it comes from ("TL2, 4 Nov 2026, datang 08:12: −1%").
"""
from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from functools import lru_cache

from portal.rules.tpp_aturan import Aturan, Tingkat, persen_bulat, rupiah_bulat
from portal.rules.tpp_data import (  # noqa: F401 - the inputs are part of this module's API
    HADIR,
    TK,
    Baris,
    Hari,
    Hasil,
    Hukuman,
    Kriteria,
    Masukan,
    Penugasan,
    Plt,
    pct,
    rp,
    tgl,
)

SERATUS = Decimal(100)


@lru_cache(maxsize=4096)  # the same few (base, percentage) pairs recur for everyone
def _bagian(dasar: int, persen: Decimal) -> int:
    """`persen` of `dasar`, rounded half up (for a non-negative base)."""
    return rupiah_bulat(Decimal(dasar) * persen / SERATUS)


def hitung(m: Masukan, a: Aturan) -> Hasil:
    h = Hasil()
    _pagu(m, a, h)
    dasar = sum(b.jumlah for b in h.baris)
    dasar += _status(m, a, h, dasar)
    h.pagu = dasar
    h.kinerja = _kinerja(m, a, h, dasar)
    h.disiplin = _disiplin(m, a, h, dasar)
    h.bruto = h.kinerja + h.disiplin + _potongan(m, a, h, h.kinerja + h.disiplin)
    _pajak(m, a, h)
    h.netto = h.bruto - h.bpjs - h.pph21
    return h


def _pagu(m: Masukan, a: Aturan, h: Hasil) -> None:
    total = max(m.hari_kerja, 1)
    if not m.penugasan:
        h.catatan.append("tanpa_jabatan")
        h.baris.append(Baris("pagu", "PAGU", "Tidak memegang jabatan bulan ini: Rp 0", 0))
    faktor = {"aktif": SERATUS, "cuti_besar": a.cuti_besar_persen,
              "tugas_belajar": a.tugas_belajar_persen}
    tertinggi = 0
    for p in m.penugasan:
        masa = f"{tgl(p.mulai)}–{tgl(p.selesai)}, {p.hari} dari {total} hari kerja"
        if p.kelas is None:
            h.catatan.append("tanpa_kelas")
            h.baris.append(Baris("pagu", "PAGU", f"{p.jabatan} belum berkelas jabatan ({masa})"
                                 ": Rp 0", 0))
            continue
        f = faktor.get(p.keadaan, SERATUS)
        ket = "" if p.keadaan == "aktif" else f", {p.keadaan.replace('_', ' ')} {pct(f)}"
        for nama, nilai in _komponen(a, p.kelas, p.kriteria):
            jumlah = rupiah_bulat(Decimal(nilai) * p.hari * f / (total * SERATUS))
            h.baris.append(Baris("pagu", "PAGU", f"{nama} {rp(nilai)} — {p.jabatan} "
                                 f"({masa}{ket})", jumlah))
        tertinggi = max(tertinggi, _nilai_jabatan(a, p.kelas, p.kriteria))
    for q in m.plt:
        if q.kelas is None:
            h.catatan.append("tanpa_kelas")
            continue
        nilai = _nilai_jabatan(a, q.kelas, q.kriteria)
        masa = f"{tgl(q.mulai)}–{tgl(q.selesai)}, {q.hari} dari {total} hari kerja"
        if a.plt_aturan == "tambah":
            jumlah = rupiah_bulat(Decimal(nilai) * a.plt_persen * q.hari / (total * SERATUS))
            uraian = f"{q.jenis} {q.jabatan}: {pct(a.plt_persen)} × {rp(nilai)} ({masa})"
        elif a.plt_aturan == "tertinggi":
            jumlah = rupiah_bulat(Decimal(max(nilai - tertinggi, 0)) * q.hari / total)
            uraian = (f"{q.jenis} {q.jabatan}: selisih pagu {rp(nilai)} − {rp(tertinggi)} "
                      f"({masa})")
        else:
            jumlah, uraian = 0, f"{q.jenis} {q.jabatan}: tidak menambah TPP menurut Perkada"
        h.baris.append(Baris("pagu", "PLT", uraian, jumlah))


def _komponen(a: Aturan, kelas: int, kriteria: tuple[Kriteria, ...]) -> list[tuple[str, int]]:
    dasar = a.pagu_kelas.get(kelas, 0)
    out = [(f"Pagu kelas {kelas}", dasar)]
    for k in kriteria:
        nilai = k.jumlah + _bagian(dasar, k.persen)
        out.append((f"Kriteria {k.nama}", nilai))
    return out


def _nilai_jabatan(a: Aturan, kelas: int, kriteria: tuple[Kriteria, ...]) -> int:
    return sum(n for _k, n in _komponen(a, kelas, kriteria))


def _status(m: Masukan, a: Aturan, h: Hasil, pagu: int) -> int:
    persen = {"CPNS": a.cpns_persen, "PPPK": a.pppk_persen}.get(m.status, SERATUS)
    if persen == SERATUS:
        return 0
    potong = pagu - _bagian(pagu, persen)
    h.baris.append(Baris("pagu", m.status, f"{m.status} menerima {pct(persen)} dari pagu",
                         -potong, persen))
    return -potong


def skor_kinerja(m: Masukan, a: Aturan, metode: str | None = None) -> tuple[Decimal, str]:
    """The month's kinerja score (percent, 2 decimals) and how it was reached."""
    metode = metode or a.metode_kinerja
    if metode == "realisasi":
        if m.capaian_realisasi is None:
            return Decimal(0), "belum ada realisasi yang diterima atasan"
        skor = min(Decimal(m.capaian_realisasi), SERATUS)
        return persen_bulat(skor), f"realisasi diterima {pct(persen_bulat(skor))} dari target"
    if metode == "hari_entri":
        wajib = [d for d in m.hari if d.status in (HADIR, TK)]
        ok = [d for d in wajib if d.entri and (d.terverifikasi or not a.verifikasi_wajib)]
        if not wajib:
            return SERATUS, "tidak ada hari kerja wajib entri"
        skor = persen_bulat(Decimal(len(ok)) * SERATUS / len(wajib))
        kata = "terverifikasi" if a.verifikasi_wajib else ""
        return skor, f"{len(ok)} dari {len(wajib)} hari dengan entri {kata}".strip()
    if metode == "predikat":
        skor = a.predikat_persen.get(m.predikat or "", Decimal(0))
        return persen_bulat(skor), f"predikat {m.predikat or 'belum ada'}: {pct(skor)}"
    parts, total = [], Decimal(0)
    for sub, bobot in a.campuran.items():
        skor, _ket = skor_kinerja(m, a, sub)
        total += skor * bobot / SERATUS
        parts.append(f"{pct(bobot)} {sub.replace('_', ' ')} {pct(skor)}")
    return persen_bulat(total), "campuran: " + ", ".join(parts)


def _kinerja(m: Masukan, a: Aturan, h: Hasil, pagu: int) -> int:
    bagian = _bagian(pagu, a.bobot_kinerja)
    skor, ket = skor_kinerja(m, a)
    h.skor_kinerja = skor
    nilai = _bagian(bagian, skor)
    h.baris.append(Baris("kinerja", "KINERJA", f"Kinerja {pct(a.bobot_kinerja)} × "
                         f"{rp(pagu)} × {pct(skor)} ({ket})", nilai, skor))
    potong = []
    for d in m.hari:
        if d.status != HADIR:
            continue
        if not d.entri and a.entri_kosong_persen:
            potong.append(("ENTRI", f"Tanpa entri harian, {tgl(d.tanggal)}",
                           a.entri_kosong_persen))
        elif d.entri and not d.terverifikasi and a.entri_belum_verifikasi_persen:
            potong.append(("VERIF", f"Entri belum diverifikasi atasan, {tgl(d.tanggal)}",
                           a.entri_belum_verifikasi_persen))
    jumlah = _baris_potong(h, "kinerja", bagian, potong)
    if jumlah > nilai:
        h.baris.append(Baris("kinerja", "BATAS", "Potongan kinerja tidak melebihi komponen "
                             f"kinerja: +{rp(jumlah - nilai)}", jumlah - nilai))
        jumlah = nilai
    return nilai - jumlah


def _baris_potong(h: Hasil, kelompok: str, dasar: int,
                  potong: list[tuple[str, str, Decimal]]) -> int:
    total = 0
    for kode, uraian, persen in potong:
        jumlah = _bagian(dasar, persen)
        total += jumlah
        h.baris.append(Baris(kelompok, kode, f"{uraian}: −{pct(persen)}", -jumlah, persen))
    return total


def tingkat(tiers: tuple[Tingkat, ...], menit: int | None) -> Tingkat | None:
    """The tier of `menit` minutes (None: no record, the top tier); None when on time."""
    if menit is None:
        return tiers[-1]
    for t in tiers:
        if menit >= t.dari and (t.sampai is None or menit <= t.sampai):
            return t
    return None


def _disiplin(m: Masukan, a: Aturan, h: Hasil, pagu: int) -> int:
    bagian = _bagian(pagu, a.bobot_disiplin)
    h.baris.append(Baris("disiplin", "DISIPLIN", f"Disiplin {pct(a.bobot_disiplin)} × "
                         f"{rp(pagu)}", bagian, a.bobot_disiplin))
    potong = []
    for d in m.hari:
        if d.status == TK:
            potong.append(("TK", f"TK, {tgl(d.tanggal)}, tanpa keterangan", a.tk_persen))
        if d.status != HADIR:
            continue
        for tiers, menit, jam, kata in ((a.tl, d.telat, d.datang, "datang"),
                                        (a.psw, d.cepat, d.pulang, "pulang")):
            t = tingkat(tiers, menit)
            if t is None:
                continue
            waktu = f"{kata} {jam:%H:%M}" if menit is not None and jam else \
                f"tidak ada catatan {kata}"
            potong.append((t.kode, f"{t.kode}, {tgl(d.tanggal)}, {waktu}", t.persen))
    jumlah = _baris_potong(h, "disiplin", bagian, potong)
    total_persen = sum((p for _k, _u, p in potong), Decimal(0))
    batas = _bagian(bagian, a.batas_disiplin)
    if total_persen > a.batas_disiplin and jumlah > batas:
        h.baris.append(Baris("disiplin", "BATAS", f"Batas potongan disiplin sebulan "
                             f"{pct(a.batas_disiplin)} (tercatat {pct(total_persen)})",
                             jumlah - batas))
        jumlah = batas
    h.skor_disiplin = SERATUS - min(total_persen, a.batas_disiplin)
    return bagian - jumlah


def hukuman_berlaku(hk: Hukuman, bulan: date) -> int | None:
    """Which month of the sentence `bulan` is (1-based), or None outside it."""
    ke = (bulan.year - hk.mulai.year) * 12 + bulan.month - hk.mulai.month + 1
    return ke if 1 <= ke <= hk.bulan else None


def _potongan(m: Masukan, a: Aturan, h: Hasil, subtotal: int) -> int:
    potong = []
    for hk in m.hukuman:
        ke = hukuman_berlaku(hk, m.bulan)
        persen = a.hukuman_persen.get(hk.tingkat, Decimal(0))
        if ke and persen:
            potong.append(("HUKDIS", f"Hukuman disiplin {hk.tingkat} ({hk.nomor}), bulan {ke} "
                           f"dari {hk.bulan}", persen))
    if m.lhkpn_belum and a.lhkpn_persen:
        potong.append(("LHKPN", "LHKPN/LHKASN belum dilaporkan", a.lhkpn_persen))
    n = m.entri_bawahan_belum_diverifikasi
    if n and a.atasan_persen:
        persen = min(a.atasan_persen * n, a.atasan_batas)
        potong.append(("ATASAN", f"Atasan: {n} entri bawahan belum diverifikasi × "
                       f"{pct(a.atasan_persen)} (batas {pct(a.atasan_batas)})", persen))
    jumlah = _baris_potong(h, "potongan", subtotal, potong)
    if jumlah > subtotal:
        h.baris.append(Baris("potongan", "BATAS", "Potongan tidak melebihi TPP: "
                             f"+{rp(jumlah - subtotal)}", jumlah - subtotal))
        jumlah = subtotal
    return -jumlah


def golongan_pajak(status: str, golongan: str | None) -> str | None:
    if status == "PPPK":
        return "PPPK"
    return (golongan or "").split("/")[0] or None


def _pajak(m: Masukan, a: Aturan, h: Hasil) -> None:
    ruang = max(a.bpjs_batas - m.penghasilan_lain, 0)
    dasar = min(h.bruto, ruang)
    h.bpjs = _bagian(dasar, a.bpjs_persen)
    if h.bpjs:
        batas = f", dasar dibatasi {rp(ruang)}" if dasar < h.bruto else ""
        h.baris.append(Baris("pajak", "BPJS", f"Iuran BPJS Kesehatan pegawai "
                             f"{pct(a.bpjs_persen)} × {rp(dasar)}{batas}", -h.bpjs,
                             a.bpjs_persen))
    persen, ket = None, ""
    if a.pph21_mode == "golongan":
        gol = golongan_pajak(m.status, m.golongan)
        persen, ket = a.pph21_golongan.get(gol or "", Decimal(0)), f"golongan {gol or '-'}"
    elif a.pph21_mode == "tarif":
        for batas, p in a.pph21_tarif:
            if batas is None or h.bruto <= batas:
                persen, ket = p, "tarif menurut bruto " + rp(h.bruto)
                break
    if persen:
        h.pph21 = _bagian(h.bruto, persen)
        h.baris.append(Baris("pajak", "PPH21", f"PPh 21 {pct(persen)} ({ket})", -h.pph21,
                             persen))


def andai(m: Masukan, a: Aturan, **ubah) -> tuple[Hasil, int]:
    """What-if: the result with some inputs changed, and the change of the net amount."""
    now, then = hitung(m, a), hitung(replace(m, **ubah), a)
    return then, then.netto - now.netto
