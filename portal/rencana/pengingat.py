"""Reminders inside the portal, for the person's home: working days of this week without an
entry (today only after the instansi's hour), and entries the supervisor returned."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import or_, select

from portal import clock
from portal.extensions import db
from portal.harian import kalender
from portal.models import ProgresHarian
from portal.rencana.pengaturan import pengaturan
from portal.rules.hari_kerja import hari_minggu
from portal.rules.rencana import entri_masih_boleh


@dataclass
class Pengingat:
    hari_kosong: list[date] = field(default_factory=list)  # still fillable, oldest first
    dikembalikan: list[ProgresHarian] = field(default_factory=list)


def hari_tanpa_entri(minggu: list[date], ada: set[date], hari_ini: date, jam: int, jam_kini: int,
                     hari_kerja, batas_telat: int | None) -> list[date]:
    """Working days of the week up to today without an entry that may still be filled; today
    counts only from the reminder hour on."""
    out = []
    for day in minggu:
        if day > hari_ini or day in ada or not hari_kerja(day):
            continue
        if day == hari_ini and jam_kini < jam:
            continue
        if batas_telat is not None and not entri_masih_boleh(day, hari_ini, batas_telat,
                                                             hari_kerja):
            continue
        out.append(day)
    return out


def untuk_pegawai(pegawai_id: int) -> Pengingat:
    """Four statements: the settings, the calendar (two), this week's days and returned
    entries (one)."""
    now = clock.now()
    today = now.date()
    setting = pengaturan()
    kal = kalender.kalender(pegawai_id)
    week = hari_minggu(today)
    rows = list(db.session.scalars(select(ProgresHarian).where(
        ProgresHarian.pegawai_id == pegawai_id,
        or_(ProgresHarian.tanggal.between(week[0], today),
            ProgresHarian.verifikasi == "dikembalikan")).order_by(ProgresHarian.tanggal)))
    ada = {e.tanggal for e in rows}
    late = setting.batas_telat_entri if setting.verifikasi_aktif else None
    kosong = hari_tanpa_entri(week, ada, today, setting.jam_pengingat, now.hour,
                              lambda d: kal.hari_kerja(d) and kal.terbuka(d), late)
    return Pengingat(kosong, [e for e in rows if e.verifikasi == "dikembalikan"])
