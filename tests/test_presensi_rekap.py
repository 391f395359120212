"""A month's rekap (portal/presensi/rekap.py) against a fixture computed by hand: eleven people
in December 2026 (23 weekdays, 24 and 25 December off: 21 working days)."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from sqlalchemy import select

from portal.extensions import db
from portal.models import (
    JadwalHari,
    JadwalJabatan,
    JadwalKerja,
    Ketidakhadiran,
    PengajuanPresensi,
    Presensi,
    RiwayatJabatan,
)
from portal.presensi.rekap import rekap_bulan, ringkas
from tests.conftest import QueryCounter

DEC = [date(2026, 12, 1) + timedelta(days=i) for i in range(31)]
KERJA = [d for d in DEC if d.weekday() < 5 and d.day not in (24, 25)]
assert len(KERJA) == 21


def at(day: date, hhmm: str) -> datetime:
    h, m = map(int, hhmm.split(":"))
    return datetime.combine(day, time(h, m))


def on_time(pid: int, day: date) -> Presensi:
    return Presensi(pegawai_id=pid, tanggal=day, datang=at(day, "07:25"),
                    pulang=at(day, "16:35" if day.weekday() == 4 else "16:05"),
                    sumber_datang="mesin", sumber_pulang="mesin")


def izin(pid, day, jenis, status="disetujui"):
    return PengajuanPresensi(pegawai_id=pid, tanggal=day, jenis=jenis, alasan="keperluan",
                             status=status, kunci=f"k{pid}{day}{jenis}")


# person -> hand-computed counts (hari_kerja counts every day that is not libur)
EXPECTED = {
    "staf_surv1": {"hari_kerja": 21, "hadir": 21, "libur": 10},
    "staf_surv2": {"hari_kerja": 21, "TK": 21, "libur": 10},
    "staf_surv3": {"hari_kerja": 21, "hadir": 21, "libur": 10, "TL1": 1, "TL3": 1, "TL4": 1,
                   "menit_terlambat": 30 + 61 + 121},
    "staf_pm1": {"hari_kerja": 21, "hadir": 16, "cuti": 5, "libur": 10},
    "staf_pm2": {"hari_kerja": 21, "hadir": 19, "sakit": 2, "libur": 10, "PSW4": 1},
    "staf_ekon1": {"hari_kerja": 21, "hadir": 17, "DL": 4, "libur": 10},
    "staf_ekon2": {"hari_kerja": 21, "hadir": 19, "izin": 1, "TK": 1, "libur": 10},
    "staf_sosbud1": {"hari_kerja": 21, "hadir": 21, "libur": 10, "PSW4": 1,
                     "menit_cepat": 240},
    # Night shift every day, holidays included: 31 working days, one late start on the 24th.
    "staf_rujukan1": {"hari_kerja": 31, "hadir": 31, "TL2": 1, "menit_terlambat": 40},
    "staf_kur1": {"hari_kerja": 21, "hadir": 21, "libur": 10, "TL1": 4,
                  "menit_terlambat": 4 * 10},
    "staf_kur2": {"hari_kerja": 21, "hadir": 20, "TK": 1, "libur": 10, "TL4": 1},
}


@pytest.fixture
def desember(app, demo_org):
    ids = {key: demo_org[key] for key in EXPECTED}
    with app.app_context():
        add = db.session.add
        p = ids
        for day in KERJA:
            add(on_time(p["staf_surv1"], day))
        for day in KERJA:
            row = on_time(p["staf_surv3"], day)
            row.datang = {7: at(day, "08:00"), 8: at(day, "08:31"),
                          9: at(day, "09:31")}.get(day.day, row.datang)
            add(row)
        add(Ketidakhadiran(pegawai_id=p["staf_pm1"], jenis="cuti", mulai=date(2026, 12, 14),
                           selesai=date(2026, 12, 18)))
        for day in KERJA:
            if not 14 <= day.day <= 18:
                add(on_time(p["staf_pm1"], day))
        add(Ketidakhadiran(pegawai_id=p["staf_pm2"], jenis="sakit", mulai=date(2026, 12, 1),
                           selesai=date(2026, 12, 2)))
        for day in KERJA[2:]:
            row = on_time(p["staf_pm2"], day)
            if day.day == 3:
                row.pulang = None
            add(row)
        add(Ketidakhadiran(pegawai_id=p["staf_ekon1"], jenis="dinas_luar",
                           mulai=date(2026, 12, 28), selesai=date(2026, 12, 31)))
        for day in KERJA:
            if day.day < 28:
                add(on_time(p["staf_ekon1"], day))
        add(izin(p["staf_ekon2"], date(2026, 12, 10), "izin"))
        add(izin(p["staf_ekon2"], date(2026, 12, 11), "izin", status="dikembalikan"))
        for day in KERJA:
            if day.day not in (10, 11):
                add(on_time(p["staf_ekon2"], day))
        add(izin(p["staf_sosbud1"], date(2026, 12, 15), "pulang_cepat"))
        for day in KERJA:
            row = on_time(p["staf_sosbud1"], day)
            if day.day in (15, 16):
                row.pulang = at(day, "12:00")
            add(row)
        shift = JadwalKerja(instansi_id=1, jenis="shift", nama="Shift malam IGD",
                            mulai=date(2026, 1, 1), ikut_libur=False,
                            hari=[JadwalHari(hari=h, masuk=time(21, 0), pulang=time(7, 0))
                                  for h in range(7)])
        add(shift)
        db.session.flush()
        seat = db.session.scalar(select(RiwayatJabatan.jabatan_id).where(
            RiwayatJabatan.pegawai_id == p["staf_rujukan1"]))
        add(JadwalJabatan(jabatan_id=seat, jadwal_id=shift.id, mulai=date(2026, 11, 1)))
        for day in DEC:
            add(Presensi(pegawai_id=p["staf_rujukan1"], tanggal=day,
                         datang=at(day, "21:40" if day.day == 24 else "20:55"),
                         pulang=at(day + timedelta(days=1), "07:05")))
        for day in KERJA:
            row = on_time(p["staf_kur1"], day)
            if day.weekday() == 0:
                row.datang = at(day, "07:40")
            add(row)
        add(on_time(p["staf_kur1"], date(2026, 12, 5)))  # a Saturday punch stays libur
        for day in KERJA:
            row = on_time(p["staf_kur2"], day)
            if day.day == 22:
                continue
            if day.day == 23:
                row.datang = None
            add(row)
        db.session.commit()
    return ids


def test_month_rekap_matches_the_hand_computed_fixture(app, desember):
    with app.app_context():
        got = rekap_bulan(desember.values(), 2026, 12, sampai=date(2026, 12, 31))
    for key, pid in desember.items():
        counts = {k: v for k, v in ringkas(got[pid]).items() if v}
        assert counts == EXPECTED[key], key
        assert [h.tanggal for h in got[pid]] == DEC


def test_rekap_days_and_codes(app, desember):
    with app.app_context():
        got = rekap_bulan([desember["staf_surv3"], desember["staf_rujukan1"]], 2026, 12,
                          sampai=date(2026, 12, 31))
    late = {h.tanggal.day: h.kode for h in got[desember["staf_surv3"]] if h.tl}
    assert late == {7: ["TL1"], 8: ["TL3"], 9: ["TL4"]}
    nurse = got[desember["staf_rujukan1"]]
    assert nurse[23].kode == ["TL2"] and nurse[23].pulang == at(date(2026, 12, 25), "07:05")


def test_rekap_stops_at_yesterday_and_at_sampai(app, desember):
    from portal import clock

    with app.app_context():
        with clock.frozen(date(2026, 12, 10)):
            default = rekap_bulan([desember["staf_surv1"]], 2026, 12)
        assert [h.tanggal.day for h in default[desember["staf_surv1"]]] == list(range(1, 10))
        assert rekap_bulan([desember["staf_surv1"]], 2026, 12, sampai=date(2026, 11, 30)) == {
            desember["staf_surv1"]: []}
        assert rekap_bulan([], 2026, 12) == {}


def test_rekap_statements_do_not_grow_with_people(app, desember):
    from portal.models import Pegawai

    with app.app_context():
        engine = db.engine
        with QueryCounter(engine) as few:
            rekap_bulan(list(desember.values())[:2], 2026, 12, sampai=date(2026, 12, 31))
        with QueryCounter(engine) as many:
            everyone = rekap_bulan(select(Pegawai.id), 2026, 12, sampai=date(2026, 12, 31))
    assert many.count <= few.count + 1 <= 10
    assert len(everyone) > len(desember)


def _rekap_umum(ids: list[int], tahun: int, bulan: int, sampai: date) -> dict:
    """The month the general way: every person-day on its own through the rule, with the
    schedule chosen for that person and day, from rows read plainly. `rekap_bulan` takes
    shortcuts (the calendar once a day, one shared day for everyone without a record); its
    answer must be this one, field by field."""
    from portal.models import ModeKerja
    from portal.models.presensi import JENIS_IZIN
    from portal.presensi.rekap import HariRekap, Kalender, hari_bulan
    from portal.rules import presensi as aturan

    days = [d for d in hari_bulan(tahun, bulan) if d <= sampai]
    kal = Kalender(days[0], days[-1], ids)
    times = {(r.pegawai_id, r.tanggal): (r.datang, r.pulang)
             for r in db.session.scalars(select(Presensi))}
    absen = db.session.scalars(select(Ketidakhadiran)).all()
    izin_of: dict = {}
    for r in db.session.scalars(select(PengajuanPresensi).where(
            PengajuanPresensi.status == "disetujui", PengajuanPresensi.jenis.in_(JENIS_IZIN))):
        izin_of.setdefault((r.pegawai_id, r.tanggal), set()).add(r.jenis)
    modes = {(r.pegawai_id, r.tanggal): r.mode for r in db.session.scalars(select(ModeKerja))}
    out = {}
    for pid in ids:
        row = []
        for day in days:
            jadwal, batas = aturan.pilih_jadwal(day, kal.reguler, kal.ramadan,
                                                kal.shift_of(pid, day))
            datang, pulang = times.get((pid, day), (None, None))
            jenis = next((a.jenis for a in absen
                          if a.pegawai_id == pid and a.mulai <= day <= a.selesai), None)
            h = aturan.status_hari(jadwal.jam(day), datang, pulang,
                                   libur=jadwal.ikut_libur and day in kal.libur, absen=jenis,
                                   izin=izin_of.get((pid, day), ()), batas=batas)
            row.append(HariRekap(day, h.status, h.tl, h.psw, h.menit_terlambat, h.menit_cepat,
                                 datang, pulang, modes.get((pid, day))))
        out[pid] = row
    return out


def test_rekap_shortcuts_give_the_general_answer_on_the_fixture(app, desember):
    from portal.models import ModeKerja, Pegawai

    with app.app_context():
        ids = list(db.session.scalars(select(Pegawai.id).order_by(Pegawai.id)))
        # a stored day with neither time, and a work mode on a day without a record
        db.session.add(Presensi(pegawai_id=desember["staf_surv2"], tanggal=date(2026, 12, 2)))
        db.session.add(ModeKerja(pegawai_id=desember["staf_surv2"], tanggal=date(2026, 12, 3),
                                 mode="WFH"))
        db.session.commit()
        expected = _rekap_umum(ids, 2026, 12, date(2026, 12, 31))
        assert rekap_bulan(ids, 2026, 12, sampai=date(2026, 12, 31)) == expected
        assert rekap_bulan(select(Pegawai.id), 2026, 12, sampai=date(2026, 12, 31)) == expected


def test_rekap_shortcuts_give_the_general_answer_on_the_demo_province(app, demo):
    from portal import clock
    from portal.models import Pegawai

    today = clock.today()
    last = today.replace(day=1) - timedelta(days=1)
    with app.app_context():
        ids = list(db.session.scalars(select(Pegawai.id).order_by(Pegawai.id)))
        for month_end in sorted({last, today - timedelta(days=1)}):
            expected = _rekap_umum(ids, month_end.year, month_end.month, month_end)
            got = rekap_bulan(ids, month_end.year, month_end.month, sampai=month_end)
            assert got == expected
            assert any(h.datang for days in got.values() for h in days)


def test_rekap_sheet_for_finance_carries_the_hand_computed_counts(app, desember, demo_org):
    """The CSV BKPSDM sends on to finance (`/presensi/rekap.csv`) says what the fixture says,
    column by column; an atasan's sheet holds only the people below him."""
    import csv
    import io

    from portal import clock
    from portal.presensi.lembar import HEADER

    clock.freeze(datetime(2027, 1, 5, 9, 0))  # the month is over; the suite puts the clock back
    columns = {"hari_kerja": "Hari kerja", "hadir": "Hadir", "izin": "Izin", "sakit": "Sakit",
               "cuti": "Cuti", "DL": "DL", "menit_terlambat": "Menit terlambat",
               "menit_cepat": "Menit pulang cepat"}  # tiers and TK: their own names

    def sheet(key: str) -> dict[str, dict]:
        c = app.test_client()
        assert c.post("/masuk", data={"nip": demo_org.nip[key], "password": "rahasia123"}
                      ).status_code == 302
        r = c.get("/presensi/rekap.csv?bulan=2026-12")
        assert r.status_code == 200 and r.mimetype == "text/csv"
        rows = list(csv.reader(io.StringIO(r.get_data(as_text=True).lstrip("\ufeff"))))
        assert rows[0] == HEADER
        return {row[2]: dict(zip(HEADER, row, strict=True)) for row in rows[1:]}

    everyone = sheet("admin")
    for key, counts in EXPECTED.items():
        row = everyone[demo_org.nip[key]]
        assert row["Bulan"] == "2026-12", key
        wanted = {columns.get(k, k): str(v) for k, v in counts.items()
                  if k != "libur"}
        got = {name: row[name] for name in wanted}
        assert got == wanted, key
        others = [name for name in HEADER[5:] if name not in wanted]
        assert all(row[name] == "0" for name in others), (key, row)
    mine = sheet("kasi_surv")  # the atasan of the Surveilans seksi
    assert demo_org.nip["staf_surv3"] in mine and demo_org.nip["staf_ekon1"] not in mine
    assert mine[demo_org.nip["staf_surv3"]]["TL3"] == "1"

