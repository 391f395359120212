"""The organization as the import sees it, loaded with a fixed number of statements whatever
the size of the file: units, active seats, current holders, Plt/Plh and the people named."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select

from portal.extensions import db
from portal.models import Instansi, Jabatan, Pegawai, PltJabatan, RiwayatJabatan, UnitKerja
from portal.orgtree import holder_current, plt_current

ESELON_RANK = {"I": 1, "II": 2, "III": 3, "IV": 4}


@dataclass
class Kursi:
    """A seat (jabatan): existing ones have an int id, new ones a string id ("baru-3")."""

    id: int | str
    nama: str
    jenis: str
    eselon: str | None
    unit: tuple[str, ...]
    atasan_id: int | str | None
    fleksibel: bool

    def rank(self) -> tuple:
        return (ESELON_RANK.get(self.eselon or "", 9), str(self.id))


@dataclass
class Keadaan:
    instansi_id: int | None
    unit_ids: dict[tuple[str, ...], int]
    kursi: dict[int | str, Kursi]
    pemegang: dict[int, str]            # seat id -> NIP of the current holder
    riwayat: dict[str, tuple[int, int]]  # NIP -> (open riwayat id, seat id)
    plt: dict[int, str]                 # seat id -> NIP acting for it today
    pegawai: dict[str, dict]            # NIP -> columns (only the NIPs asked for + holders)
    dilindungi: set[str] = field(default_factory=set)  # admins: never deactivated


PEGAWAI_KOLOM = ("id", "nip", "nama", "gelar_depan", "gelar_belakang", "status", "golongan",
                 "aktif", "is_admin")


def load(nips: set[str], today: date) -> Keadaan:
    instansi_id = db.session.scalar(select(Instansi.id).order_by(Instansi.id).limit(1))
    units = db.session.execute(select(UnitKerja.id, UnitKerja.induk_id, UnitKerja.nama)).all()
    by_id = {u.id: u for u in units}
    paths: dict[int, tuple[str, ...]] = {}

    def path(uid: int) -> tuple[str, ...]:
        if uid not in paths:
            u = by_id[uid]
            paths[uid] = (path(u.induk_id) if u.induk_id else ()) + (u.nama,)
        return paths[uid]

    unit_ids = {path(u.id): u.id for u in units}
    seats = db.session.execute(select(
        Jabatan.id, Jabatan.nama, Jabatan.jenis, Jabatan.eselon, Jabatan.unit_id,
        Jabatan.atasan_id, Jabatan.fleksibel).where(Jabatan.aktif.is_(True))).all()
    kursi = {s.id: Kursi(s.id, s.nama, s.jenis, s.eselon, path(s.unit_id), s.atasan_id,
                         s.fleksibel) for s in seats}
    holders = db.session.execute(
        select(RiwayatJabatan.id.label("riwayat_id"), RiwayatJabatan.jabatan_id,
               *[getattr(Pegawai, c) for c in PEGAWAI_KOLOM])
        .join(Pegawai, Pegawai.id == RiwayatJabatan.pegawai_id)
        .where(holder_current(today))).all()
    pegawai, pemegang, riwayat, dilindungi = {}, {}, {}, set()
    for h in holders:
        row = {c: getattr(h, c) for c in PEGAWAI_KOLOM}
        pegawai[h.nip] = row
        riwayat[h.nip] = (h.riwayat_id, h.jabatan_id)
        if h.aktif:
            pemegang[h.jabatan_id] = h.nip
        if h.is_admin:
            dilindungi.add(h.nip)
    wanted = sorted(nips - set(pegawai))
    if wanted:
        for p in db.session.execute(select(*[getattr(Pegawai, c) for c in PEGAWAI_KOLOM])
                                    .where(Pegawai.nip.in_(wanted))).all():
            pegawai[p.nip] = {c: getattr(p, c) for c in PEGAWAI_KOLOM}
    plt = dict(db.session.execute(
        select(PltJabatan.jabatan_id, Pegawai.nip)
        .join(Pegawai, Pegawai.id == PltJabatan.pegawai_id)
        .where(plt_current(today), Pegawai.aktif.is_(True))
        .order_by(PltJabatan.mulai)).all())
    return Keadaan(instansi_id, unit_ids, kursi, pemegang, riwayat, plt, pegawai, dilindungi)


def acting_nip(seat_id, kursi: dict, pemegang: dict, plt: dict, exclude: str | None):
    """Who supervises from `seat_id` upward: a Plt/Plh, else the holder, else the next seat up
    (the same rule as portal.rules.atasan, on the in-memory tree)."""
    seen = set()
    while seat_id is not None and seat_id not in seen:
        seen.add(seat_id)
        nip = plt.get(seat_id) or pemegang.get(seat_id)
        if nip is not None and nip != exclude:
            return nip
        seat = kursi.get(seat_id)
        seat_id = seat.atasan_id if seat else None
    return None
