"""Demo data of discipline: the working hours as data (regular and Ramadan), a night shift for
the nurse's seat, two months of presensi for everyone up to yesterday with a few late arrivals,
one forgotten check-out with its correction waiting for the supervisor, one TK day, a WFH day
with a location near home and a WFA day far from every place on record, and machine PINs.
Idempotent (keyed by the regular schedule's name)."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from sqlalchemy import insert, select

from portal.extensions import db
from portal.models import (
    Instansi,
    JadwalHari,
    JadwalJabatan,
    JadwalKerja,
    ModeKerja,
    PengajuanPresensi,
    PinMesin,
    Presensi,
    RiwayatJabatan,
    TempatKerja,
)
from portal.presensi.rekap import Kalender

REGULER = "Jam kerja Perpres 21/2023"
SENIN_KAMIS, JUMAT = (time(7, 30), time(16, 0)), (time(7, 30), time(16, 30))
KANTOR = (Decimal("-6.982800"), Decimal("110.409300"))  # Semarang, Jl. Pahlawan
RUMAH_ANDI = (Decimal("-7.005100"), Decimal("110.438100"))


def seed(people: dict, today: date) -> None:
    if db.session.scalar(select(JadwalKerja.id).where(JadwalKerja.nama == REGULER)):
        return
    instansi_id = db.session.scalar(select(Instansi.id).order_by(Instansi.id).limit(1))
    shift = _schedules(instansi_id, today)
    nurse = people["staf_rujukan1"]
    seat = db.session.scalar(select(RiwayatJabatan.jabatan_id).where(
        RiwayatJabatan.pegawai_id == nurse.id, RiwayatJabatan.selesai.is_(None)))
    db.session.add(JadwalJabatan(jabatan_id=seat, jadwal_id=shift.id,
                                 mulai=date(today.year - 1, 1, 1)))
    db.session.add_all([
        TempatKerja(instansi_id=instansi_id, nama="Kantor Gubernur Jawa Tengah",
                    lintang=KANTOR[0], bujur=KANTOR[1], radius_m=800),
        TempatKerja(instansi_id=instansi_id, pegawai_id=people["staf_surv1"].id,
                    nama="Rumah Andi Pratama", lintang=RUMAH_ANDI[0], bujur=RUMAH_ANDI[1],
                    radius_m=300)])
    for n, key in enumerate(("staf_surv1", "staf_surv2", "staf_surv3", "kasi_surv"), start=1001):
        db.session.add(PinMesin(pin=str(n), pegawai_id=people[key].id))
    db.session.flush()
    _presensi(people, today)


def _schedules(instansi_id: int, today: date) -> JadwalKerja:
    week = [JadwalHari(hari=h, masuk=SENIN_KAMIS[0], pulang=SENIN_KAMIS[1]) for h in range(4)]
    db.session.add(JadwalKerja(instansi_id=instansi_id, jenis="reguler", nama=REGULER,
                               mulai=date(today.year - 2, 1, 1), toleransi_menit=0,
                               batas_tingkat="30,60,90",
                               hari=[*week, JadwalHari(hari=4, masuk=JUMAT[0], pulang=JUMAT[1])]))
    db.session.add(JadwalKerja(
        instansi_id=instansi_id, jenis="ramadan", nama="Jam kerja Ramadan 1447 H",
        mulai=date(2026, 2, 18), selesai=date(2026, 3, 19),
        hari=[*(JadwalHari(hari=h, masuk=time(8, 0), pulang=time(15, 0)) for h in range(4)),
              JadwalHari(hari=4, masuk=time(8, 0), pulang=time(15, 30))]))
    shift = JadwalKerja(instansi_id=instansi_id, jenis="shift", nama="Shift malam IGD",
                        mulai=date(today.year - 1, 1, 1), ikut_libur=False,
                        hari=[JadwalHari(hari=h, masuk=time(21, 0), pulang=time(7, 0))
                              for h in (6, 0, 1, 2, 3)])
    db.session.add(shift)
    db.session.flush()
    return shift


def _at(day: date, h: int, m: int) -> datetime:
    return datetime.combine(day, time(h, m))


def _presensi(people: dict, today: date) -> None:
    start = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    end = today - timedelta(days=1)
    if end < start:
        return
    ids = {key: p.id for key, p in people.items()}
    kal = Kalender(start, end, list(ids.values()))
    days = [start + timedelta(days=i) for i in range((end - start).days + 1)]
    worked = [d for d in days if (lambda j: j[0] is not None and not j[1])(kal.hari(0, d))]
    tk_day = worked[-3] if len(worked) >= 3 else None
    forgot = worked[-2] if len(worked) >= 2 else None
    late = {("staf_surv1", worked[-6]): (8, 10), ("staf_pm1", worked[-8]): (9, 40),
            ("staf_ekon2", worked[-4]): (7, 52), ("staf_surv3", worked[-5]): (8, 31)} \
        if len(worked) >= 8 else {}
    rows = []
    for n, (key, pid) in enumerate(sorted(ids.items())):
        for d, day in enumerate(days):
            jam, libur, _b = kal.hari(pid, day)
            if jam is None or libur or (key == "staf_ekon2" and day == tk_day):
                continue
            jitter = (n * 7 + d * 3) % 20
            datang = jam.masuk - timedelta(minutes=5 + jitter)
            pulang = jam.pulang + timedelta(minutes=1 + (n + d) % 25)
            if (key, day) in late:
                datang = _at(day, *late[(key, day)])
            rows.append({"pegawai_id": pid, "tanggal": day, "datang": datang,
                         "pulang": None if (key == "staf_surv1" and day == forgot) else pulang,
                         "sumber_datang": "mesin", "sumber_pulang": "mesin"})
    db.session.execute(insert(Presensi), rows)
    if forgot:
        db.session.add(PengajuanPresensi(
            pegawai_id=ids["staf_surv1"], tanggal=forgot, jenis="lupa_pulang",
            pulang=_at(forgot, 16, 12), alasan="Lupa menekan Pulang karena rapat sampai sore.",
            kunci="demo-lupa-pulang"))
    _locations(ids, worked)


def _locations(ids: dict, worked: list[date]) -> None:
    """A WFH day near home and a WFA day far from every place on record."""
    if len(worked) < 10:
        return
    for key, day, mode, where, far in (
            ("staf_surv1", worked[-7], "WFH", RUMAH_ANDI, False),
            ("staf_ekon1", worked[-9], "WFA", (Decimal("-6.200000"), Decimal("106.816600")),
             True)):
        row = db.session.scalar(select(Presensi).where(Presensi.pegawai_id == ids[key],
                                                       Presensi.tanggal == day))
        row.sumber_datang, row.lokasi, row.jauh = "portal", "diberikan", far
        row.lintang, row.bujur = where
        mode_row = db.session.scalar(select(ModeKerja).where(ModeKerja.pegawai_id == ids[key],
                                                             ModeKerja.tanggal == day))
        if mode_row is None:
            db.session.add(ModeKerja(pegawai_id=ids[key], tanggal=day, mode=mode))
        else:
            mode_row.mode = mode
