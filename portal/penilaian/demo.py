"""Demo evaluation: last year's annual ratings for everybody (closed year, for the track
record), and this year's last finished triwulan rated in Dinas Kesehatan and Bappeda, with org
ratings, a distribution that breaks the curve, one acknowledged rating and one objection that
waits for the atasan pejabat penilai's decision."""
from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import select

from portal import orgtree
from portal.extensions import db
from portal.models import Keberatan, Penilaian, Periode, PeriodeLog, RatingOrganisasi, UnitKerja
from portal.penilaian import services
from portal.penilaian.periode import Kode
from portal.rules.predikat import predikat

# person key -> (hasil kerja, perilaku kerja, catatan); heads of a unit take their hasil kerja
# from the org rating instead.
TRIWULAN = {
    "kadinkes": ("sesuai", "sesuai", "Capaian imunisasi sesuai target triwulan."),
    "kabid_p2p": ("di_atas", "di_atas", "Respons KLB campak cepat dan terkoordinasi."),
    "kasi_surv": ("sesuai", "di_atas", None),
    "staf_surv1": ("sesuai", "sesuai", "Laporan mingguan lengkap; tingkatkan analisis tren."),
    "staf_surv2": ("sesuai", "sesuai", "Rekap imunisasi tepat waktu."),
    "kasi_pm": ("sesuai", "sesuai", None),
    "staf_pm1": ("di_atas", "di_atas", "Pengawasan sanitasi melampaui target lokasi."),
    "staf_pm2": ("sesuai", "sesuai", None),
    "kabid_yankes": ("sesuai", "sesuai", None),
    "kasi_rujukan": ("sesuai", "sesuai", None),
    "staf_rujukan1": ("di_atas", "di_atas", None),
    "staf_rujukan2": ("sesuai", "sesuai", None),
    "kabappeda": ("di_atas", "di_atas", "Kajian inflasi dipakai TPID provinsi."),
    "kabid_ekonomi": ("di_atas", "sesuai", None),
    "kasubid_ekon": ("sesuai", "di_atas", None),
    "staf_ekon1": ("di_atas", "di_atas", None),
    "staf_ekon2": ("di_bawah", "sesuai", "Pemutakhiran tabel statistik tertunda."),
    "kabid_pemsos": ("sesuai", "sesuai", None),
    "staf_sosbud1": ("sesuai", "sesuai", None),
    "staf_sosbud2": ("sesuai", "di_bawah", "Perlu pembinaan kedisiplinan."),
}
ORG_TRIWULAN = {None: "baik", "dinkes": "baik", "bappeda": "istimewa"}
ORG_TAHUN_LALU = {None: "baik", "dinkes": "baik", "bappeda": "baik", "disdik": "baik"}
ACKNOWLEDGED = "staf_surv1"
OBJECTING = "staf_surv2"
# Last year's annual: a pattern so the track record has variety.
POLA = [("sesuai", "sesuai"), ("di_atas", "di_atas"), ("sesuai", "di_atas"),
        ("di_atas", "sesuai"), ("sesuai", "sesuai"), ("di_bawah", "sesuai")]


def _units() -> dict[str, UnitKerja]:
    names = {"dinkes": "Dinas Kesehatan", "bappeda": "Badan Perencanaan Pembangunan Daerah",
             "disdik": "Dinas Pendidikan"}
    rows = db.session.scalars(select(UnitKerja).where(UnitKerja.induk_id.is_(None)))
    by_name = {u.nama: u for u in rows}
    return {key: by_name[n] for key, n in names.items() if n in by_name}


def _org(kode: Kode, spec: dict, sekda_id: int) -> None:
    units = _units()
    for key, rating in spec.items():
        unit_id = units[key].id if key else None
        db.session.add(RatingOrganisasi(periode_id=kode.periode.id, kode=kode.kode,
                                        unit_id=unit_id, rating=rating, oleh_id=sekda_id,
                                        justifikasi=None))
    db.session.flush()


def _rate(person, kode: Kode, hasil, perilaku, catatan, when: datetime, on: date):
    penilai_id, atasan_id = services.penilai_ids(person, on)
    head, org, mapped = services.capaian_for(kode, orgtree.current_seat(person.id, on))
    if head and mapped:
        hasil = mapped
    n = Penilaian(pegawai_id=person.id, periode_id=kode.periode.id, kode=kode.kode,
                  sub_periode_id=kode.sub.id if kode.sub else None, penilai_id=penilai_id,
                  atasan_penilai_id=atasan_id, hasil_kerja=hasil, perilaku_kerja=perilaku,
                  predikat=predikat(hasil, perilaku), catatan=catatan,
                  capaian_organisasi=org.rating if org else None,
                  identitas=services.freeze_identitas(person, penilai_id, atasan_id, on),
                  dinilai_pada=when)
    db.session.add(n)
    return n


def seed(people: dict, today: date) -> None:
    if db.session.scalar(select(Penilaian.id).limit(1)) is not None:
        return
    sekda = people["sekda"]
    last = db.session.scalar(select(Periode).where(Periode.tahun == today.year - 1))
    if last is not None:
        kode = Kode(last, None)
        _org(kode, ORG_TAHUN_LALU, sekda.id)
        when = datetime(last.tahun, 12, 22, 9, 0)
        for i, person in enumerate(people.values()):
            hasil, perilaku = POLA[i % len(POLA)]
            n = _rate(person, kode, hasil, perilaku, None, when, today)
            n.diterima_pada = when + timedelta(days=2)
        for sub in last.sub_periode:
            sub.ditutup = True
            db.session.add(PeriodeLog(periode_id=last.id, sub_periode_id=sub.id, aksi="tutup",
                                      oleh_id=sekda.id, waktu=datetime(last.tahun + 1, 1, 10)))
        last.ditutup = True
        db.session.add(PeriodeLog(periode_id=last.id, aksi="tutup", oleh_id=sekda.id,
                                  waktu=datetime(last.tahun + 1, 1, 10)))
    current = db.session.scalar(select(Periode).where(Periode.tahun == today.year))
    ended = [s for s in current.sub_periode if s.selesai < today] if current else []
    if not ended:
        return
    kode = Kode(current, ended[-1])
    _org(kode, ORG_TRIWULAN, sekda.id)
    # Rated two days ago, so the objection window is still open in the demo.
    when = datetime.combine(max(today - timedelta(days=2), kode.selesai + timedelta(days=1)),
                            datetime.min.time()).replace(hour=10)
    rated = {key: _rate(people[key], kode, h, p, c, when, today)
             for key, (h, p, c) in TRIWULAN.items()}
    db.session.flush()
    rated[ACKNOWLEDGED].diterima_pada = when + timedelta(hours=3)
    db.session.add(Keberatan(
        penilaian_id=rated[OBJECTING].id, diajukan_pada=when + timedelta(hours=5),
        alasan="Rekap imunisasi bulanan selalu tepat waktu dan saya membantu validasi data "
               "kabupaten; mohon rating hasil kerja ditinjau kembali.",
        hasil_kerja_lama="sesuai", perilaku_kerja_lama="sesuai",
        penjelasan="Target rekap tercapai sesuai rencana, belum melampaui ekspektasi.",
        dijelaskan_pada=when + timedelta(hours=8)))


