"""Check-in and check-out from the portal ("Datang", "Pulang"): server time only, the day's work
mode kept in the daily log's own record, an optional browser location for WFH/WFA, one record
for a double tap."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation

from flask_babel import gettext as _
from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError

from portal import clock
from portal.extensions import db
from portal.harian import kalender as harian_kalender
from portal.harian import services as harian_services
from portal.models import ModeKerja, PengajuanPresensi, Presensi, TempatKerja
from portal.presensi import kunci_bulan
from portal.presensi.rekap import Kalender
from portal.rules import presensi as aturan
from portal.rules.fleksibel import MODE_FLEKSIBEL, tolak_mode


def sekarang() -> datetime:
    """The instansi's wall-clock time, naive (how attendance times are stored)."""
    return clock.now().replace(tzinfo=None, microsecond=0)


@dataclass
class Keadaan:
    """What the Pegawai home shows: the working day the next tap belongs to, its record, its
    hours, the day's mode and which button comes first."""

    tanggal: date
    presensi: Presensi | None
    jam: aturan.JamHari | None
    mode: str
    aksi: str  # "datang" or "pulang"
    tanpa_pulang: date | None  # an earlier day with jam datang and no jam pulang (this week)
    menunggu: frozenset[date] = frozenset()  # of those days, the ones whose correction waits

    @property
    def boleh_datang(self) -> bool:
        """A check-in is offered only on a day without one and without a check-out: jam datang
        is never recorded after the day's jam pulang (a correction fixes such a day)."""
        return self.presensi is None or (self.presensi.datang is None
                                         and self.presensi.pulang is None)


def keadaan(pegawai_id: int, now: datetime | None = None) -> Keadaan:
    now = now or sekarang()
    today = now.date()
    kal = Kalender(today - timedelta(days=1), today, [pegawai_id])
    tanggal = today
    if now.time() < time(12, 0) and kal.malam(pegawai_id, today - timedelta(days=1)):
        tanggal = today - timedelta(days=1)  # the night shift that began yesterday
    jam = kal.hari(pegawai_id, tanggal)[0]
    rows = db.session.scalars(select(Presensi).where(
        Presensi.pegawai_id == pegawai_id, Presensi.tanggal.between(tanggal - timedelta(days=6),
                                                                    tanggal))
        .order_by(Presensi.tanggal.desc())).all()
    row = next((r for r in rows if r.tanggal == tanggal), None)
    open_day = next((r.tanggal for r in rows
                     if r.tanggal < tanggal and r.datang is not None and r.pulang is None), None)
    mode = db.session.scalar(select(ModeKerja.mode).where(
        ModeKerja.pegawai_id == pegawai_id, ModeKerja.tanggal == tanggal)) or "WFO"
    if row is not None and row.datang is not None:
        aksi = "pulang"
    elif jam is not None and now >= jam.masuk + (jam.pulang - jam.masuk) / 2:
        aksi = "pulang"  # past half of the hours without jam datang: most likely leaving
    else:
        aksi = "datang"
    # A day the home would send to a correction, when one is already waiting for the
    # supervisor, says so instead of offering a second.
    ask = [d for d in (open_day, tanggal if row is not None and row.datang is None else None)
           if d is not None]
    menunggu = frozenset(db.session.scalars(select(PengajuanPresensi.tanggal).where(
        PengajuanPresensi.pegawai_id == pegawai_id, PengajuanPresensi.tanggal.in_(ask),
        PengajuanPresensi.status == "diajukan"))) if ask else frozenset()
    return Keadaan(tanggal, row, jam, mode, aksi, open_day, menunggu)


@dataclass
class Hasil:
    """The answer to a tap: the record, a message, and whether anything was refused."""

    presensi: Presensi | None
    pesan: str
    ditolak: bool = False


def _lokasi(form) -> tuple[Decimal | None, Decimal | None, str | None]:
    state = (form.get("lokasi") or "").strip()
    if state == "ditolak":
        return None, None, "ditolak"
    if state != "diberikan":
        return None, None, None
    try:
        lat = Decimal(form.get("lintang", "")).quantize(Decimal("0.000001"))
        lon = Decimal(form.get("bujur", "")).quantize(Decimal("0.000001"))
    except (InvalidOperation, ValueError):
        return None, None, None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None, None, None
    return lat, lon, "diberikan"


def _jauh(pegawai_id: int, lat: Decimal, lon: Decimal) -> bool | None:
    places = db.session.execute(select(TempatKerja.lintang, TempatKerja.bujur,
                                       TempatKerja.radius_m).where(
        or_(TempatKerja.pegawai_id.is_(None), TempatKerja.pegawai_id == pegawai_id))).all()
    return aturan.jauh_dari(float(lat), float(lon),
                            [(float(a), float(b), r) for a, b, r in places])


def _check_mode(pegawai_id: int, day: date, mode: str) -> str | None:
    if mode not in ("WFO", "WFH", "WFA"):
        return _("Pilih WFO, WFH atau WFA.")
    kal = harian_kalender.kalender(pegawai_id)
    reason = tolak_mode(mode, day, fleksibel=harian_kalender.fleksibel(pegawai_id),
                        batas=kal.batas, modes_minggu=harian_services.week_modes(pegawai_id, day),
                        hari_kerja=kal.hari_kerja)
    if reason == "tidak_fleksibel":
        return _("Jabatan Anda tidak termasuk jabatan yang boleh bekerja fleksibel; pilih WFO.")
    if reason == "melebihi_batas":
        return _("Batas %(n)s hari kerja fleksibel (WFH/WFA) dalam minggu ini sudah tercapai.",
                 n=kal.batas)
    return None


def jam_teks(value: datetime | None) -> str:
    return value.strftime("%H.%M") if value else "-"


def datang(pegawai_id: int, form, now: datetime | None = None) -> Hasil:
    """Record jam datang now. A second tap of the same form answers as the first; a tap when
    jam datang is already there changes nothing and says so."""
    now = now or sekarang()
    st = keadaan(pegawai_id, now)
    kunci = (form.get("kunci") or "")[:64] or None
    row = st.presensi
    if row is not None and row.datang is not None:
        if kunci and row.kunci_datang == kunci:
            return Hasil(row, _("Datang tercatat pukul %(jam)s.", jam=jam_teks(row.datang)))
        return Hasil(row, _("Anda sudah tercatat datang pukul %(jam)s; tidak ada yang diubah.",
                            jam=jam_teks(row.datang)), ditolak=True)
    if row is not None and row.pulang is not None:
        # Recording it would make a day that ends before it begins (a stale "Pulang" at 06.50,
        # then "Datang" at 07.20: PSW of 550 minutes). The check-out stays; a correction can
        # set the real times.
        return Hasil(row, _("Hari ini sudah tercatat jam pulang pukul %(jam)s, jadi jam datang "
                            "tidak dicatat sesudahnya. Bila jam pulang itu keliru atau Anda lupa "
                            "menekan Datang, ajukan koreksi presensi.",
                            jam=jam_teks(row.pulang)), ditolak=True)
    if kunci_bulan.tertutup(st.tanggal):
        return Hasil(row, _("Presensi bulan ini sudah ditutup; hubungi admin BKPSDM."), True)
    mode = (form.get("mode") or st.mode).strip()
    refused = _check_mode(pegawai_id, st.tanggal, mode)
    if refused:
        return Hasil(row, refused, ditolak=True)
    lat = lon = status_lokasi = jauh = None
    if mode in MODE_FLEKSIBEL:
        lat, lon, status_lokasi = _lokasi(form)
        if status_lokasi == "diberikan":
            jauh = _jauh(pegawai_id, lat, lon)
    values = {"datang": now, "sumber_datang": "portal", "kunci_datang": kunci,
              "lintang": lat, "bujur": lon, "lokasi": status_lokasi, "jauh": jauh}
    row = _simpan(pegawai_id, st.tanggal, row, values)
    if row.kunci_datang != kunci:  # a twin request recorded it first
        return Hasil(row, _("Anda sudah tercatat datang pukul %(jam)s; tidak ada yang diubah.",
                            jam=jam_teks(row.datang)), ditolak=True)
    if mode != st.mode or db.session.scalar(select(ModeKerja.id).where(
            ModeKerja.pegawai_id == pegawai_id, ModeKerja.tanggal == st.tanggal)) is None:
        harian_services.upsert_mode(pegawai_id, st.tanggal, mode)
        db.session.commit()
    return Hasil(row, _("Datang tercatat pukul %(jam)s.", jam=jam_teks(row.datang)))


def pulang(pegawai_id: int, form, now: datetime | None = None) -> Hasil:
    """Record jam pulang now (a later tap moves it later: the last punch is jam pulang)."""
    now = now or sekarang()
    st = keadaan(pegawai_id, now)
    kunci = (form.get("kunci") or "")[:64] or None
    row = st.presensi
    if row is not None and kunci and row.kunci_pulang == kunci:
        return Hasil(row, _("Pulang tercatat pukul %(jam)s.", jam=jam_teks(row.pulang)))
    if row is not None and row.datang is not None and now < row.datang:
        return Hasil(row, _("Jam pulang tidak boleh lebih awal dari jam datang (%(jam)s); "
                            "ajukan koreksi presensi bila jam datang itu keliru.",
                            jam=jam_teks(row.datang)), ditolak=True)
    if kunci_bulan.tertutup(st.tanggal):
        return Hasil(row, _("Presensi bulan ini sudah ditutup; hubungi admin BKPSDM."), True)
    row = _simpan(pegawai_id, st.tanggal, row,
                  {"pulang": now, "sumber_pulang": "portal", "kunci_pulang": kunci})
    pesan = _("Pulang tercatat pukul %(jam)s.", jam=jam_teks(row.pulang))
    if row.datang is None:
        pesan += " " + _("Jam datang hari ini belum ada; ajukan koreksi bila Anda lupa menekan "
                         "Datang.")
    return Hasil(row, pesan)


def _simpan(pegawai_id: int, tanggal: date, row: Presensi | None, values: dict) -> Presensi:
    """Write the values on the day's record, creating it; a twin request that created the
    record first is answered with its record (the unique day index decides)."""
    if row is None:
        row = Presensi(pegawai_id=pegawai_id, tanggal=tanggal, **values)
        db.session.add(row)
        try:
            db.session.commit()
        except IntegrityError:
            db.session.rollback()
            row = db.session.scalar(select(Presensi).where(Presensi.pegawai_id == pegawai_id,
                                                           Presensi.tanggal == tanggal))
        return row
    if "datang" in values and row.datang is not None:
        return row
    for key, value in values.items():
        setattr(row, key, value)
    db.session.commit()
    return row
