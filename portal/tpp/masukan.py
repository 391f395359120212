"""Who is in a month's TPP run and the explicit input (`rules.tpp.Masukan`) of each of them,
read in bulk: a fixed handful of statements per chunk of people, whatever the head count.

A person belongs to the OPD of the last seat they held in the month; the month is split into
stretches by seat and by long/study leave, each counted in working days of the instansi's
calendar (weekdays that are not a holiday or cuti bersama).
"""
from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from functools import lru_cache

from sqlalchemy import and_, literal, or_, select

from portal.db_setup import ids_in
from portal.extensions import db
from portal.models import (
    HariLibur,
    Iki,
    Jabatan,
    Pegawai,
    Penilaian,
    PltJabatan,
    Realisasi,
    RealisasiPeriode,
    RiwayatJabatan,
    Skp,
    SubPeriode,
    TppCatatan,
    TppJabatan,
    UnitKerja,
)
from portal.rules.tpp import Hukuman, Kriteria, Masukan, Penugasan, Plt
from portal.tpp import sumber


def awal_akhir(bulan: date) -> tuple[date, date]:
    nxt = date(bulan.year + (bulan.month == 12), bulan.month % 12 + 1, 1)
    return bulan, nxt - timedelta(days=1)


def hari_kerja(bulan: date) -> list[date]:
    awal, akhir = awal_akhir(bulan)
    libur = set(db.session.scalars(select(HariLibur.tanggal).where(
        HariLibur.tanggal.between(awal, akhir))))
    return [awal + timedelta(days=i) for i in range((akhir - awal).days + 1)
            if (awal + timedelta(days=i)).weekday() < 5 and awal + timedelta(days=i) not in libur]


def opd_ids_cte():
    """(unit id, its OPD id) for every unit: one recursive walk from the roots."""
    walk = select(UnitKerja.id.label("uid"), UnitKerja.id.label("opd")).where(
        UnitKerja.induk_id.is_(None)).cte("opd_walk", recursive=True)
    return walk.union_all(select(UnitKerja.id, walk.c.opd).join(
        walk, UnitKerja.induk_id == walk.c.uid))


@dataclass
class Orang:
    pegawai_id: int
    nip: str
    nama: str
    status: str
    golongan: str | None
    opd_id: int | None = None
    jabatan: str | None = None
    kelas: int | None = None
    kursi: list[tuple[date, date, str, int | None, str]] = field(default_factory=list)
    kedalaman: int = 0  # depth of the last seat in the tree (the Sekda's is 0)


def _nama(depan, nama, belakang) -> str:
    return f"{depan + ' ' if depan else ''}{nama}{', ' + belakang if belakang else ''}"


def _kedalaman_cte():
    walk = select(Jabatan.id.label("jid"), literal(0).label("d")).where(
        Jabatan.atasan_id.is_(None)).cte("seat_depth", recursive=True)
    return walk.union_all(select(Jabatan.id, walk.c.d + 1).join(
        walk, Jabatan.atasan_id == walk.c.jid))


def orang_bulan(bulan: date, opd_id: int | None, pegawai_id: int | None = None) -> list[Orang]:
    """Everyone who held a seat during the month (in one OPD, or all): one statement. Deepest
    seats first, so that every supervisor comes after their reports (the count of entries
    they left unverified is complete by then)."""
    awal, akhir = awal_akhir(bulan)
    opd = opd_ids_cte()
    depth = _kedalaman_cte()
    q = (select(Pegawai.id, Pegawai.nip, Pegawai.gelar_depan, Pegawai.nama,
                Pegawai.gelar_belakang, Pegawai.status, Pegawai.golongan, RiwayatJabatan.mulai,
                RiwayatJabatan.selesai, Jabatan.nama, TppJabatan.kelas, TppJabatan.kriteria,
                opd.c.opd, depth.c.d)
         .join(RiwayatJabatan, RiwayatJabatan.pegawai_id == Pegawai.id)
         .join(Jabatan, Jabatan.id == RiwayatJabatan.jabatan_id)
         .join(opd, opd.c.uid == Jabatan.unit_id)
         .join(depth, depth.c.jid == Jabatan.id)
         .outerjoin(TppJabatan, TppJabatan.jabatan_id == Jabatan.id)
         .where(RiwayatJabatan.mulai <= akhir,
                or_(RiwayatJabatan.selesai.is_(None), RiwayatJabatan.selesai >= awal))
         .order_by(Pegawai.nama, Pegawai.id, RiwayatJabatan.mulai))
    if pegawai_id is not None:
        q = q.where(Pegawai.id == pegawai_id)
    people: dict[int, Orang] = {}
    for (pid, nip, depan, nama, belakang, status, gol, mulai, selesai, jab, kelas, kriteria,
         opd_of, d) in db.session.execute(q):
        o = people.get(pid)
        if o is None:
            o = people[pid] = Orang(pid, nip, _nama(depan, nama, belakang), status, gol)
        o.kursi.append((max(mulai, awal), min(selesai or akhir, akhir), jab, kelas,
                        kriteria or "[]"))
        o.opd_id, o.jabatan, o.kelas, o.kedalaman = opd_of, jab, kelas, d
    chosen = [o for o in people.values() if opd_id is None or o.opd_id == opd_id]
    return sorted(chosen, key=lambda o: -o.kedalaman)


def tanpa_jabatan(bulan: date) -> list[tuple[int, str]]:
    """Active people who held no seat at all during the month (id, name)."""
    awal, akhir = awal_akhir(bulan)
    held = select(RiwayatJabatan.pegawai_id).where(
        RiwayatJabatan.mulai <= akhir,
        or_(RiwayatJabatan.selesai.is_(None), RiwayatJabatan.selesai >= awal))
    return [tuple(r) for r in db.session.execute(
        select(Pegawai.id, Pegawai.nama).where(Pegawai.aktif, Pegawai.id.not_in(held))
        .order_by(Pegawai.nama).limit(50))]


@lru_cache(maxsize=1024)
def _kriteria(text: str) -> tuple[Kriteria, ...]:
    return tuple(Kriteria(k["nama"], int(k.get("jumlah") or 0), Decimal(str(k.get("persen")
                                                                            or 0)))
                 for k in json.loads(text or "[]"))


@dataclass
class Bahan:
    """What one chunk's people need beside the two contracts."""

    plt: dict[int, list] = field(default_factory=lambda: defaultdict(list))
    catatan: dict[int, list[TppCatatan]] = field(default_factory=lambda: defaultdict(list))
    capaian: dict[int, Decimal] = field(default_factory=dict)
    predikat: dict[int, str] = field(default_factory=dict)


def bahan(ids: list[int], bulan: date) -> Bahan:
    """Plt/Plh appointments, the TPP facts (sentences, LHKPN, leave), accepted realizations
    and predikat of the sub-period holding the month: four statements."""
    awal, akhir = awal_akhir(bulan)
    out = Bahan()
    rows = db.session.execute(
        select(PltJabatan.pegawai_id, PltJabatan.jenis, PltJabatan.mulai, PltJabatan.selesai,
               Jabatan.nama, TppJabatan.kelas, TppJabatan.kriteria)
        .join(Jabatan, Jabatan.id == PltJabatan.jabatan_id)
        .outerjoin(TppJabatan, TppJabatan.jabatan_id == Jabatan.id)
        .where(ids_in(PltJabatan.pegawai_id, ids), PltJabatan.mulai <= akhir,
               PltJabatan.selesai >= awal))
    for pid, *rest in rows:
        out.plt[pid].append(tuple(rest))
    for c in db.session.scalars(select(TppCatatan).where(
            ids_in(TppCatatan.pegawai_id, ids), TppCatatan.mulai <= akhir,
            or_(TppCatatan.selesai.is_(None), TppCatatan.selesai >= awal))
            .execution_options(populate_existing=False)):
        out.catatan[c.pegawai_id].append(c)
    sub = and_(SubPeriode.mulai <= awal, SubPeriode.selesai >= awal)
    per: dict[int, list[Decimal]] = defaultdict(list)
    for pid, nilai, target in db.session.execute(
            select(Skp.pegawai_id, Realisasi.nilai, Iki.target)
            .join(RealisasiPeriode, RealisasiPeriode.skp_id == Skp.id)
            .join(SubPeriode, SubPeriode.id == RealisasiPeriode.sub_periode_id)
            .join(Realisasi, Realisasi.realisasi_periode_id == RealisasiPeriode.id)
            .join(Iki, Iki.id == Realisasi.iki_id)
            .where(ids_in(Skp.pegawai_id, ids), RealisasiPeriode.status == "diterima", sub)):
        if target and target > 0:
            per[pid].append(min(Decimal(nilai or 0) * 100 / Decimal(target), Decimal(100)))
    out.capaian = {pid: sum(v, Decimal(0)) / len(v) for pid, v in per.items()}
    out.predikat = dict(db.session.execute(
        select(Penilaian.pegawai_id, Penilaian.predikat)
        .join(SubPeriode, SubPeriode.id == Penilaian.sub_periode_id)
        .where(ids_in(Penilaian.pegawai_id, ids), sub)).all())
    return out


KEADAAN = ("cuti_besar", "tugas_belajar")


def _keadaan(catatan: list[TppCatatan], day: date) -> str:
    for c in catatan:
        if c.jenis in KEADAAN and c.mulai <= day and (
                c.selesai is None or day <= c.selesai):
            return c.jenis
    return "aktif"


def penugasan(o: Orang, catatan: list[TppCatatan], days: list[date]) -> tuple[Penugasan, ...]:
    """Stretches of the month by seat and leave, counted in working days."""
    if len(o.kursi) == 1 and not any(c.jenis in KEADAAN for c in catatan):
        # One seat, no long leave (most people): one stretch over the days it covers.
        seat = o.kursi[0]
        inside = [d for d in days if seat[0] <= d <= seat[1]]
        if not inside:
            return ()
        return (Penugasan(seat[2], seat[3], inside[0], inside[-1], len(inside),
                          _kriteria(seat[4]), "aktif"),)
    out: list[list] = []
    for day in days:
        seat = next((k for k in o.kursi if k[0] <= day <= k[1]), None)
        if seat is None:
            continue
        key = (seat, _keadaan(catatan, day))
        if out and out[-1][0] == key:
            out[-1][2], out[-1][3] = day, out[-1][3] + 1
        else:
            out.append([key, day, day, 1])
    return tuple(Penugasan(seat[2], seat[3], mulai, selesai, n, _kriteria(seat[4]), keadaan)
                 for (seat, keadaan), mulai, selesai, n in out)


def _plt(rows, days: list[date]) -> tuple[Plt, ...]:
    out = []
    for jenis, mulai, selesai, jab, kelas, kriteria in rows:
        inside = [d for d in days if mulai <= d <= selesai]
        if inside:
            out.append(Plt(jenis, jab, kelas, inside[0], inside[-1], len(inside),
                           _kriteria(kriteria)))
    return tuple(out)


def masukan(o: Orang, b: Bahan, bulan: date, days: list[date], hari, tertunda: int) -> Masukan:
    catatan = b.catatan.get(o.pegawai_id, [])
    hukuman = tuple(Hukuman(c.tingkat or "", c.nomor or "-", c.mulai, c.bulan or 1)
                    for c in catatan if c.jenis == "hukuman")
    status = "CPNS" if o.status == "CPNS" else o.status
    return Masukan(
        bulan=bulan, hari_kerja=len(days), status=status, golongan=o.golongan,
        penugasan=penugasan(o, catatan, days), plt=_plt(b.plt.get(o.pegawai_id, []), days),
        hari=tuple(hari), capaian_realisasi=b.capaian.get(o.pegawai_id),
        predikat=b.predikat.get(o.pegawai_id), hukuman=hukuman,
        lhkpn_belum=any(c.jenis == "lhkpn" for c in catatan),
        entri_bawahan_belum_diverifikasi=tertunda)


def masukan_chunk(people: list[Orang], bulan: date, days: list[date], sampai: date,
                  tertunda: dict[int, int], tambah: bool = True):
    """{pegawai id: Masukan} for a chunk, and which of the two contracts were missing.
    `tertunda` (supervisor -> entries left unverified) accumulates over the chunks (unless
    `tambah` is False: a chunk computed again reads the final counts)."""
    ids = [o.pegawai_id for o in people]
    b = bahan(ids, bulan)
    presensi = sumber.presensi_bulan(ids, bulan, sampai)
    entri = sumber.entri_bulan(ids, bulan, sampai + timedelta(days=1))
    for atasan, n in (entri.tertunda if entri and tambah else {}).items():
        tertunda[atasan] = tertunda.get(atasan, 0) + n
    out, memo = {}, {}
    for o in people:
        hari = sumber.gabung(None if presensi is None else presensi.get(o.pegawai_id, []),
                             None if entri is None else entri.hari.get(o.pegawai_id, {}), days,
                             memo)
        out[o.pegawai_id] = masukan(o, b, bulan, days, hari, tertunda.get(o.pegawai_id, 0))
    hilang = [n for n, v in (("presensi", presensi), ("entri", entri)) if v is None]
    return out, hilang
