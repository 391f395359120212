"""The TPP rules of one Perkada version, as data: what an admin edits and a run applies.

TPP (tambahan penghasilan pegawai) is the monthly regional allowance (PP 12/2019 art. 58,
Kepmendagri 900-4700/2020). Each Perkada sets the pagu (ceiling) per kelas jabatan 1–17, the
weights of kinerja and disiplin, how the kinerja score is measured, the deductions and who is
eligible. Nothing of that is code: `Aturan` holds it, `periksa` says what is wrong with a draft,
`dari_dict`/`ke_dict` keep it as JSON. Percentages are Decimal percent points (Decimal("1.25")
is 1,25%); money is integer rupiah. No Flask, no database.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

KELAS = tuple(range(1, 18))
METODE_KINERJA = ("realisasi", "hari_entri", "predikat", "campuran")
PLT_ATURAN = ("tambah", "tertinggi", "tanpa")
PPH21_MODE = ("nonaktif", "golongan", "tarif")
HUKUMAN = ("ringan", "sedang", "berat")
PREDIKAT = ("sangat_baik", "baik", "butuh_perbaikan", "kurang", "sangat_kurang")
GOLONGAN_PAJAK = ("I", "II", "III", "IV", "PPPK")


def rupiah_bulat(value: Decimal) -> int:
    """Round to whole rupiah, half up (Rp 0,50 → Rp 1), for a non-negative amount."""
    return int(Decimal(value).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def persen_bulat(value: Decimal) -> Decimal:
    """A score rounded to two decimals, half up."""
    return Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Tingkat:
    """One tier of late arrival (TL) or early departure (PSW): minutes `dari`..`sampai`
    inclusive (`sampai` None: and above), and its deduction per occurrence."""

    kode: str
    dari: int
    sampai: int | None
    persen: Decimal


def _tingkat(prefix: str, persen: tuple[str, str, str, str]) -> tuple[Tingkat, ...]:
    batas = ((1, 30), (31, 60), (61, 90), (91, None))
    return tuple(Tingkat(f"{prefix}{i + 1}", a, b, Decimal(p))
                 for i, ((a, b), p) in enumerate(zip(batas, persen, strict=True)))


@dataclass(frozen=True)
class Aturan:
    pagu_kelas: dict[int, int]
    bobot_kinerja: Decimal = Decimal(60)
    bobot_disiplin: Decimal = Decimal(40)
    metode_kinerja: str = "realisasi"
    # Weights of the methods in a mix ("campuran"), summing to 100.
    campuran: dict[str, Decimal] = field(default_factory=dict)
    predikat_persen: dict[str, Decimal] = field(default_factory=lambda: {
        "sangat_baik": Decimal(100), "baik": Decimal(100), "butuh_perbaikan": Decimal(80),
        "kurang": Decimal(60), "sangat_kurang": Decimal(40)})
    verifikasi_wajib: bool = True  # "hari_entri": only verified entries count
    tl: tuple[Tingkat, ...] = _tingkat("TL", ("0.5", "1", "1.25", "1.5"))
    psw: tuple[Tingkat, ...] = _tingkat("PSW", ("0.5", "1", "1.25", "1.5"))
    tk_persen: Decimal = Decimal(3)
    batas_disiplin: Decimal = Decimal(100)  # monthly cap of TL/PSW/TK, percent points
    entri_kosong_persen: Decimal = Decimal(0)  # per working day without entries
    entri_belum_verifikasi_persen: Decimal = Decimal(0)  # per day whose entries wait
    atasan_persen: Decimal = Decimal(0)  # per entry of reports the atasan left unverified
    atasan_batas: Decimal = Decimal(0)
    lhkpn_persen: Decimal = Decimal(0)
    hukuman_persen: dict[str, Decimal] = field(default_factory=lambda: {
        "ringan": Decimal(0), "sedang": Decimal(25), "berat": Decimal(50)})
    cpns_persen: Decimal = Decimal(80)
    pppk_persen: Decimal = Decimal(100)
    cuti_besar_persen: Decimal = Decimal(0)
    tugas_belajar_persen: Decimal = Decimal(0)
    plt_aturan: str = "tambah"
    plt_persen: Decimal = Decimal(20)
    bpjs_persen: Decimal = Decimal(1)
    bpjs_batas: int = 12_000_000
    pph21_mode: str = "nonaktif"
    pph21_golongan: dict[str, Decimal] = field(default_factory=dict)
    # [(gross up to, percent)], the last one with None: gross above every limit.
    pph21_tarif: tuple[tuple[int | None, Decimal], ...] = ()
    ambang_anomali: Decimal = Decimal(10)  # review: change from last month above this %


def pagu_dari_indeks(basic: dict[int, int], ikfd: Decimal, ikk: Decimal,
                     ippd: Decimal) -> dict[int, int]:
    """Kepmendagri 900-4700/2020: pagu per kelas = basic TPP × IKFD × IKK × IPPD."""
    faktor = Decimal(ikfd) * Decimal(ikk) * Decimal(ippd)
    return {k: rupiah_bulat(Decimal(v) * faktor) for k, v in basic.items()}


# Problems `periksa` finds: (field, code, values); the web layer words them.
Masalah = tuple[str, str, dict]


def periksa(a: Aturan) -> list[Masalah]:
    out: list[Masalah] = []
    for kelas in KELAS:
        if kelas not in a.pagu_kelas:
            out.append((f"pagu_{kelas}", "kelas_tanpa_pagu", {"kelas": kelas}))
        elif a.pagu_kelas[kelas] < 0:
            out.append((f"pagu_{kelas}", "negatif", {"kelas": kelas}))
    if a.bobot_kinerja + a.bobot_disiplin != 100:
        out.append(("bobot_kinerja", "bobot_bukan_100",
                    {"jumlah": a.bobot_kinerja + a.bobot_disiplin}))
    if a.metode_kinerja not in METODE_KINERJA:
        out.append(("metode_kinerja", "tidak_dikenal", {}))
    if a.metode_kinerja == "campuran" and sum(a.campuran.values(), Decimal(0)) != 100:
        out.append(("campuran", "campuran_bukan_100", {}))
    if any(m not in METODE_KINERJA[:3] for m in a.campuran):
        out.append(("campuran", "tidak_dikenal", {}))
    for nama, tiers in (("tl", a.tl), ("psw", a.psw)):
        if not _tingkat_urut(tiers):
            out.append((nama, "tingkat_tidak_urut", {}))
    persen = [a.bobot_kinerja, a.bobot_disiplin, a.tk_persen, a.batas_disiplin,
              a.entri_kosong_persen, a.entri_belum_verifikasi_persen, a.atasan_persen,
              a.atasan_batas, a.lhkpn_persen, a.cpns_persen, a.pppk_persen,
              a.cuti_besar_persen, a.tugas_belajar_persen, a.plt_persen, a.bpjs_persen,
              a.ambang_anomali, *a.predikat_persen.values(), *a.hukuman_persen.values(),
              *a.pph21_golongan.values(), *(t.persen for t in a.tl + a.psw),
              *(p for _b, p in a.pph21_tarif), *a.campuran.values()]
    if any(p < 0 or p > 100 for p in persen):
        out.append(("persen", "persen_di_luar", {}))
    if a.bpjs_batas < 0:
        out.append(("bpjs_batas", "negatif", {}))
    if a.plt_aturan not in PLT_ATURAN:
        out.append(("plt_aturan", "tidak_dikenal", {}))
    if a.pph21_mode not in PPH21_MODE:
        out.append(("pph21_mode", "tidak_dikenal", {}))
    if a.pph21_mode == "tarif" and (not a.pph21_tarif or a.pph21_tarif[-1][0] is not None):
        out.append(("pph21_tarif", "tarif_tanpa_akhir", {}))
    return out


def _tingkat_urut(tiers: tuple[Tingkat, ...]) -> bool:
    """Tiers start at 1 minute, follow each other without gap, the last is open-ended."""
    start = 1
    for i, t in enumerate(tiers):
        last = i == len(tiers) - 1
        if t.dari != start or (t.sampai is None) != last:
            return False
        if t.sampai is not None:
            if t.sampai < t.dari:
                return False
            start = t.sampai + 1
    return bool(tiers)


def bertumpang(mulai: date, selesai: date | None,
               lain: list[tuple[date, date | None]]) -> bool:
    """True when [mulai, selesai] (None: open) meets any of the other versions' spans."""
    return any((selesai is None or m <= selesai) and (s is None or mulai <= s)
               for m, s in lain)


# JSON ------------------------------------------------------------------------------------------

def ke_dict(a: Aturan) -> dict:
    data = asdict(a)
    data["pagu_kelas"] = {str(k): v for k, v in a.pagu_kelas.items()}
    data["tl"] = [[t.kode, t.dari, t.sampai, str(t.persen)] for t in a.tl]
    data["psw"] = [[t.kode, t.dari, t.sampai, str(t.persen)] for t in a.psw]
    data["pph21_tarif"] = [[b, str(p)] for b, p in a.pph21_tarif]
    return _str_decimal(data)


def _str_decimal(value):
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {k: _str_decimal(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_str_decimal(v) for v in value]
    return value


def dari_dict(data: dict) -> Aturan:
    """The inverse of `ke_dict`; unknown keys are ignored, missing ones take the default."""
    known = {f.name for f in fields(Aturan)}
    d = {k: v for k, v in data.items() if k in known}
    d["pagu_kelas"] = {int(k): int(v) for k, v in data.get("pagu_kelas", {}).items()}
    for key in ("tl", "psw"):
        if key in d:
            d[key] = tuple(Tingkat(k, int(a), None if b is None else int(b), Decimal(p))
                           for k, a, b, p in d[key])
    if "pph21_tarif" in d:
        d["pph21_tarif"] = tuple((None if b is None else int(b), Decimal(p))
                                 for b, p in d["pph21_tarif"])
    for key in ("campuran", "predikat_persen", "hukuman_persen", "pph21_golongan"):
        if key in d:
            d[key] = {k: Decimal(str(v)) for k, v in d[key].items()}
    for f in fields(Aturan):
        if f.name in d and f.type == "Decimal":
            d[f.name] = Decimal(str(d[f.name]))
    if "bpjs_batas" in d:
        d["bpjs_batas"] = int(d["bpjs_batas"])
    return Aturan(**d)
