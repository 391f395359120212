"""Demo data of the Pelaksanaan stage: a week and a half of daily entries with work modes (one
person over the flexible cap), realizations, feedback threads and unread notifications."""
from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import select

from portal.extensions import db
from portal.harian import kalender
from portal.models import (
    Iki,
    Ketidakhadiran,
    ModeKerja,
    Notifikasi,
    Periode,
    ProgresHarian,
    Realisasi,
    RealisasiPeriode,
    Rhk,
    Skp,
    SubPeriode,
    UmpanBalik,
)
from portal.rules.hari_kerja import alasan_bukan_hari_kerja

WORK = {
    "staf_surv1": ["Rekap laporan mingguan PD3I dari kabupaten/kota", "Verifikasi sinyal KLB campak",
                   "Analisis tren ILI di puskesmas sentinel"],
    "staf_surv2": ["Entri data imunisasi rutin ke aplikasi ASIK", "Validasi cakupan IDL per kabupaten"],
    "staf_surv3": ["Penyelidikan epidemiologi kasus DBD", "Penyusunan buletin surveilans"],
    "kasi_surv": ["Rapat koordinasi surveilans dengan kabupaten/kota", "Review laporan epidemiologi"],
    "staf_pm1": ["Inspeksi kesehatan lingkungan TPM", "Pemeriksaan sampel air minum"],
    "staf_pm2": ["Pendampingan kelas ibu hamil", "Pencatatan kunjungan ANC"],
    "staf_rujukan1": ["Monitoring rujukan pasien ke RSUD", "Rekap sistem rujukan terintegrasi"],
    "staf_ekon1": ["Penyusunan bahan rapat inflasi daerah"],
    "staf_kur1": ["Pembuatan modul ajar digital matematika"],
}
WFH = {"staf_surv1": 1, "staf_pm1": 2, "staf_surv2": 3}  # flexible days per week (3 = over cap)
SEKSI_SURV = ("staf_surv1", "staf_surv2", "staf_surv3")


def seed(people: dict, today: date) -> None:
    if db.session.scalar(select(ProgresHarian.id).limit(1)) is not None:
        return
    libur = kalender.libur_set()
    monday = today - timedelta(days=today.weekday())
    days = [monday - timedelta(days=7) + timedelta(days=i) for i in range(12)]
    days = [d for d in days if d <= today]
    subs = list(db.session.scalars(select(SubPeriode).join(Periode).where(Periode.aktif)))
    current = next((s for s in subs if s.mulai <= today <= s.selesai), None)
    for key, texts in WORK.items():
        _entries(people[key], texts, days, libur, current, skip_tuesday=(key == "staf_surv3"))
    db.session.flush()
    _realizations(people, today, current)
    _feedback(people)
    _evidence(people["staf_surv2"])


def _evidence(person) -> None:
    """A small PDF attached to one entry, so the download can be tried."""
    import secrets

    from portal.harian.bukti import simpan
    from portal.models import BuktiDukung

    entri = db.session.scalar(select(ProgresHarian).where(ProgresHarian.pegawai_id == person.id)
                              .order_by(ProgresHarian.id.desc()).limit(1))
    if entri is None:
        return
    data = b"%PDF-1.4\n% bukti demo: rekap cakupan imunisasi\n%%EOF\n"
    stored = secrets.token_hex(16) + ".pdf"
    simpan(stored, data)
    db.session.add(BuktiDukung(pemilik_id=person.id, progres_id=entri.id, nama_asli=
                               "rekap-cakupan-imunisasi.pdf", nama_simpan=stored,
                               mime="application/pdf", ukuran=len(data)))


def _absent(person) -> list[tuple[date, date]]:
    return [(k.mulai, k.selesai) for k in db.session.scalars(
        select(Ketidakhadiran).where(Ketidakhadiran.pegawai_id == person.id))]


def _rhk_of(person) -> list[Rhk]:
    return list(db.session.scalars(
        select(Rhk).join(Skp).join(Periode, Periode.id == Skp.periode_id)
        .where(Skp.pegawai_id == person.id, Skp.status == "disetujui", Periode.aktif)
        .order_by(Rhk.urutan)))


def _entries(person, texts, days, libur, current, skip_tuesday: bool) -> None:
    rhks = _rhk_of(person)
    if not rhks or current is None:
        return
    absen = _absent(person)
    flex_week: dict[date, int] = {}
    for n, day in enumerate(days):
        if alasan_bukan_hari_kerja(day, libur, absen) or day < current.mulai:
            continue
        week = day - timedelta(days=day.weekday())
        mode = "WFO"
        if flex_week.get(week, 0) < WFH.get(person_key(person), 0):
            mode = "WFH" if flex_week.get(week, 0) % 2 == 0 else "WFA"
            flex_week[week] = flex_week.get(week, 0) + 1
        db.session.add(ModeKerja(pegawai_id=person.id, tanggal=day, mode=mode))
        if skip_tuesday and day.weekday() == 1:
            continue  # a working day without entries: flagged on the team page
        for i in range(1 + n % 2):
            rhk = rhks[(n + i) % len(rhks)]
            db.session.add(ProgresHarian(
                pegawai_id=person.id, rhk_id=rhk.id, tanggal=day, uraian=texts[(n + i) % len(texts)],
                output=Decimal(1 + (n + i) % 3), kunci=f"demo-{day.isoformat()}-{i}",
                dibuat_pada=datetime.combine(day, datetime.min.time()) + timedelta(hours=9 + i),
                bukti_link="https://drive.example.go.id/bukti/laporan" if i else None))


def person_key(person) -> str | None:
    from portal.demo import PEOPLE

    return next((k for k, p in PEOPLE.items() if p.nip == person.nip), None)


def _skp(person, tahun: int) -> Skp | None:
    return db.session.scalar(select(Skp).join(Periode, Periode.id == Skp.periode_id).where(
        Skp.pegawai_id == person.id, Periode.tahun == tahun, Skp.status == "disetujui"))


def _fill(skp: Skp, sub: SubPeriode, status: str, share: Decimal, boss_id: int) -> RealisasiPeriode:
    rp = RealisasiPeriode(skp_id=skp.id, sub_periode_id=sub.id, status=status,
                          diajukan_pada=datetime.combine(sub.selesai, datetime.min.time()))
    if status == "diterima":
        rp.diputuskan_pada, rp.diputuskan_oleh_id = rp.diajukan_pada + timedelta(days=3), boss_id
    for iki in db.session.scalars(select(Iki).join(Rhk).where(Rhk.skp_id == skp.id)):
        rp.nilai.append(Realisasi(iki_id=iki.id, nilai=(iki.target * share).quantize(Decimal("1")),
                                  catatan="Sesuai laporan bulanan"))
    db.session.add(rp)
    db.session.flush()
    return rp


def _realizations(people, today: date, current: SubPeriode | None) -> None:
    if current is None:
        return
    previous = db.session.scalar(select(SubPeriode).where(
        SubPeriode.selesai == current.mulai - timedelta(days=1)))
    boss = people["kasi_surv"]
    if previous is not None:
        share = Decimal(previous.nomor) / Decimal(len(previous.periode.sub_periode))
        for key in SEKSI_SURV:
            skp = _skp(people[key], previous.periode.tahun)
            if skp:
                _fill(skp, previous, "diterima", share, boss.id)
    skp = _skp(people["staf_surv3"], today.year)
    if skp:
        rp = _fill(skp, current, "diajukan", Decimal("0.8"), boss.id)
        db.session.add(Notifikasi(penerima_id=boss.id, jenis="realisasi",
                                  teks=f"{people['staf_surv3'].nama} mengajukan realisasi "
                                       f"{current.kode}.", tautan=f"/tim/realisasi/{rp.id}"))


def _feedback(people) -> None:
    boss = people["kasi_surv"]
    threads = [
        ("staf_surv1", "rhk", "Rekap PD3I minggu ini sudah bagus; tambahkan grafik tren per "
         "kabupaten.", "Baik Bu, grafik tren saya tambahkan mulai laporan berikutnya."),
        ("staf_surv1", "kolaboratif", "Terima kasih sudah membantu tim imunisasi saat BIAN.", None),
        ("staf_surv2", "akuntabel", "Mohon validasi data sebelum dikirim ke pusat.",
         "Siap Bu, sudah saya validasi ulang."),
        ("staf_surv3", "rhk", "Laporan PE DBD perlu dilengkapi peta sebaran.", None),
    ]
    for key, topik, teks, balasan in threads:
        person = people[key]
        rhks = _rhk_of(person)
        thread = UmpanBalik(pegawai_id=person.id, penulis_id=boss.id, teks=teks,
                            rhk_id=rhks[0].id if topik == "rhk" and rhks else None,
                            nilai_perilaku=None if topik == "rhk" else topik)
        db.session.add(thread)
        db.session.flush()
        if balasan:
            db.session.add(UmpanBalik(pegawai_id=person.id, penulis_id=person.id,
                                      induk_id=thread.id, teks=balasan, rhk_id=thread.rhk_id,
                                      nilai_perilaku=thread.nilai_perilaku,
                                      waktu=thread.waktu + timedelta(hours=2)))
            db.session.add(Notifikasi(penerima_id=boss.id, jenis="umpan_balik",
                                      teks="Balasan baru pada umpan balik.",
                                      tautan=f"/umpan-balik/{person.id}"))
        db.session.add(Notifikasi(penerima_id=person.id, jenis="umpan_balik",
                                  teks="Umpan balik baru dari atasan Anda.",
                                  tautan=f"/umpan-balik/{person.id}"))
