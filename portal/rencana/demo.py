"""Demo data of rencana aksi and verification: every approved SKP of the active year has
rencana aksi for each month so far; the demo's entries name the rencana aksi of their month;
verification is on; last week's entries of the Seksi Surveilans are verified by its kepala
seksi, one returned with a note, and this week's wait."""
from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import ROUND_CEILING, Decimal

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from portal.extensions import db
from portal.models import Instansi, Periode, ProgresHarian, RencanaAksi, Rhk, Skp
from portal.rencana import pengaturan, verifikasi
from portal.rules.tanggal import BULAN

TIM = ("staf_surv1", "staf_surv2", "staf_surv3")  # the team whose last week is verified
DIKEMBALIKAN = "staf_surv2"  # whose last entry of last week went back with a note
TERLAMBAT = "staf_pm1"  # whose entries of three weeks ago nobody verified
CATATAN = "Lengkapi dengan jumlah kabupaten/kota yang sudah melapor."


def seed(people: dict, today: date) -> None:
    if db.session.scalar(select(RencanaAksi.id).limit(1)) is not None:
        return
    inst = db.session.scalar(select(Instansi).order_by(Instansi.id))
    pengaturan.simpan(inst.id, verifikasi_aktif=True, batas_telat_entri=3, batas_verifikasi=5,
                      jam_pengingat=15)
    skps = db.session.scalars(
        select(Skp).join(Periode, Periode.id == Skp.periode_id)
        .where(Periode.aktif, Skp.status == "disetujui")
        .options(selectinload(Skp.rhk).selectinload(Rhk.iki)))
    first: dict[tuple[int, int, int], RencanaAksi] = {}
    for skp in skps:
        for bulan in range(1, today.month + 1 if skp.periode.tahun == today.year else 13):
            for rhk in skp.rhk:
                if rhk.diarsipkan:
                    continue
                for i, ra in enumerate(_plan(skp, rhk, skp.periode.tahun, bulan)):
                    db.session.add(ra)
                    if i == 0:
                        first[(rhk.id, skp.periode.tahun, bulan)] = ra
    db.session.flush()
    for e in db.session.scalars(select(ProgresHarian)):
        ra = first.get((e.rhk_id, e.tanggal.year, e.tanggal.month))
        if ra is not None:
            e.rencana_aksi_id = ra.id
    _verify(people, today)
    _late(people, today, first)
    db.session.flush()
    verifikasi.pengingat_atasan(today)


def _late(people: dict, today: date, first: dict) -> None:
    """Two entries of staf_pm1 from three weeks ago that nobody verified: past the deadline, so
    their kepala seksi sees it on the home and on the bell."""
    person = people[TERLAMBAT]
    monday = today - timedelta(days=today.weekday() + 21)
    for i, day in enumerate((monday, monday + timedelta(days=1))):
        ra = next((r for (rhk_id, t, b), r in first.items()
                   if r.pegawai_id == person.id and (t, b) == (day.year, day.month)), None)
        if ra is None or day.year != today.year:
            continue
        db.session.add(ProgresHarian(
            pegawai_id=person.id, rhk_id=ra.rhk_id, rencana_aksi_id=ra.id, tanggal=day,
            uraian="Inspeksi kesehatan lingkungan TPM di Kota Semarang", output=Decimal(2),
            kunci=f"demo-telat-{i}",
            dibuat_pada=datetime.combine(day, datetime.min.time()) + timedelta(hours=10)))


def _plan(skp: Skp, rhk: Rhk, tahun: int, bulan: int) -> list[RencanaAksi]:
    iki = rhk.iki[0] if rhk.iki else None
    nama = BULAN[bulan - 1]
    if iki is not None and iki.aspek == "kuantitas":
        per_bulan = (iki.target / 12).quantize(Decimal(1), rounding=ROUND_CEILING)
        one = RencanaAksi(teks=f"{iki.indikator} bulan {nama}", target=max(per_bulan, Decimal(1)),
                          satuan=iki.satuan)
    else:
        one = RencanaAksi(teks=f"Pelaksanaan kegiatan RHK bulan {nama}",
                          target_teks="Kegiatan bulan ini terlaksana sesuai jadwal")
    two = RencanaAksi(teks=f"Laporan perkembangan bulan {nama} kepada atasan", target=Decimal(1),
                      satuan="laporan", urutan=1)
    for ra in (one, two):
        ra.pegawai_id, ra.rhk_id, ra.tahun, ra.bulan = skp.pegawai_id, rhk.id, tahun, bulan
    return [one, two]


def _verify(people: dict, today: date) -> None:
    boss = people["kasi_surv"]
    monday = today - timedelta(days=today.weekday())
    last_week = (monday - timedelta(days=7), monday - timedelta(days=1))
    rows = list(db.session.scalars(select(ProgresHarian).where(
        ProgresHarian.pegawai_id.in_([people[k].id for k in TIM]),
        ProgresHarian.tanggal.between(*last_week)).order_by(ProgresHarian.tanggal,
                                                           ProgresHarian.id)))
    when = datetime.combine(monday, datetime.min.time()) + timedelta(hours=2)
    own = [e for e in rows if e.pegawai_id == people[DIKEMBALIKAN].id]
    for e in rows:
        returned = e is own[-1]
        e.verifikasi = "dikembalikan" if returned else "diterima"
        e.catatan_verifikasi = CATATAN if returned else None
        e.diverifikasi_oleh_id, e.diverifikasi_pada = boss.id, when
