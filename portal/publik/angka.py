"""The region's performance for the public (/publik): for the instansi and each OPD, in the last
closed period, figures without names, every figure about fewer than 5 people shown as "< 5".

- pegawai: people holding a seat at the end of the period;
- SKP disetujui tepat waktu: share of them whose SKP of the year was first approved within
  SKP_TEPAT_WAKTU_HARI days of the year's start (default 31: by the end of January);
- predikat: counts per predikat of the period's ratings, the org rating and whether the
  distribution follows the kurva (the warnings' own numbers are not shown);
- hari kerja berisi progres: person-working-days with at least one daily entry, over all
  person-working-days (weekends, holidays and recorded leave excluded);
- program prioritas: per program of the year, how many approved RHK serve it;
- disiplin: the share of working days present, present on time and TK (disiplin.py), when the
  period has attendance records.

A bounded number of statements whatever the size of the province (each figure is one GROUP BY
OPD); the result is kept PUBLIK_CACHE_SECONDS and carries the time it was computed.
"""
from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, timedelta

from flask import current_app
from sqlalchemy import distinct, func, select

from portal import clock
from portal.extensions import db
from portal.models import (
    HariLibur,
    Jabatan,
    Ketidakhadiran,
    Periode,
    ProgramPrioritas,
    ProgresHarian,
    RatingOrganisasi,
    Rhk,
    RhkProgram,
    RiwayatJabatan,
    Skp,
)
from portal.organisasi import cache
from portal.orgtree import holder_current
from portal.penilaian import distribusi
from portal.penilaian.periode import Kode, is_closed
from portal.publik import disiplin
from portal.rules import dokumen as aturan
from portal.rules import hari_kerja, kurva
from portal.rules.kurva import RATING_ORGANISASI_LABEL
from portal.rules.predikat import PREDIKAT_LABEL

INSTANSI = 0  # the key of the whole instansi among OPD ids


def last_closed() -> Kode | None:
    """The closed period (a year or a sub-period) that ended last; the year wins a tie."""
    best: tuple | None = None
    for periode in db.session.scalars(select(Periode).order_by(Periode.tahun.desc())):
        candidates = [Kode(periode, None)] + [Kode(periode, s) for s in periode.sub_periode]
        for k in candidates:
            if is_closed(k.sub, k.periode):
                rank = (k.selesai, k.sub is None)
                if best is None or rank > best[0]:
                    best = (rank, k)
        if best is not None:
            return best[1]
    return None


def _seats(ref: date):
    """(pegawai id, OPD id) of everyone holding a seat on `ref`."""
    m = distribusi._opd_map()
    return (select(RiwayatJabatan.pegawai_id.label("pid"), m.c.opd.label("opd"))
            .join(Jabatan, Jabatan.id == RiwayatJabatan.jabatan_id)
            .join(m, m.c.uid == Jabatan.unit_id).where(holder_current(ref))
            .subquery("kursi"))


def _per_opd(rows) -> dict[int, int]:
    out: dict[int, int] = defaultdict(int)
    for opd, n in rows:
        out[opd] += n
        out[INSTANSI] += n
    return out


def _skp(k: Kode, seats) -> tuple[dict, dict]:
    days = int(current_app.config.get("SKP_TEPAT_WAKTU_HARI", 31))
    batas = k.periode.mulai + timedelta(days=days)
    people = _per_opd(db.session.execute(select(seats.c.opd, func.count(seats.c.pid))
                                         .group_by(seats.c.opd)))
    on_time = select(Skp.pegawai_id).where(Skp.periode_id == k.periode.id,
                                           Skp.disetujui_pada.is_not(None),
                                           func.date(Skp.disetujui_pada) <= batas)
    tepat = _per_opd(db.session.execute(
        select(seats.c.opd, func.count(distinct(seats.c.pid)))
        .where(seats.c.pid.in_(on_time)).group_by(seats.c.opd)))
    return people, tepat


def _hari(k: Kode, seats, people: dict) -> dict:
    """Share of person-working-days with an entry, per OPD."""
    end = min(k.selesai, clock.today())
    libur = set(db.session.scalars(select(HariLibur.tanggal).where(
        HariLibur.tanggal.between(k.mulai, end))))
    days = [k.mulai + timedelta(days=i) for i in range((end - k.mulai).days + 1)]
    working = [d for d in days if hari_kerja.is_hari_kerja(d, libur, ())]
    if not working:
        return {}
    entries = (select(ProgresHarian.pegawai_id, ProgresHarian.tanggal).distinct()
               .where(ProgresHarian.tanggal.in_(working)).subquery("isi"))
    filled = _per_opd(db.session.execute(
        select(seats.c.opd, func.count()).select_from(entries)
        .join(seats, seats.c.pid == entries.c.pegawai_id).group_by(seats.c.opd)))
    away: dict[int, int] = defaultdict(int)
    absences = db.session.execute(
        select(seats.c.opd, Ketidakhadiran.mulai, Ketidakhadiran.selesai)
        .join(seats, seats.c.pid == Ketidakhadiran.pegawai_id)
        .where(Ketidakhadiran.mulai <= end, Ketidakhadiran.selesai >= k.mulai))
    working_set = set(working)
    for opd, mulai, selesai in absences:
        n = sum(1 for i in range((selesai - mulai).days + 1)
                if mulai + timedelta(days=i) in working_set)
        away[opd] += n
        away[INSTANSI] += n
    return {opd: aturan.persen(filled.get(opd, 0), n * len(working) - away.get(opd, 0))
            for opd, n in people.items()}


def _program(k: Kode, seats, opd_ids: list[int]) -> dict[int, list[dict]]:
    programs = list(db.session.scalars(select(ProgramPrioritas).where(
        ProgramPrioritas.tahun == k.periode.tahun, ProgramPrioritas.aktif)
        .order_by(ProgramPrioritas.urutan, ProgramPrioritas.id)))
    rows = db.session.execute(
        select(RhkProgram.program_id, seats.c.opd, func.count(Rhk.id),
               func.count(distinct(Skp.pegawai_id)))
        .join(Rhk, Rhk.id == RhkProgram.rhk_id).join(Skp, Skp.id == Rhk.skp_id)
        .join(seats, seats.c.pid == Skp.pegawai_id)
        .where(Skp.periode_id == k.periode.id, Skp.status == "disetujui")
        .group_by(RhkProgram.program_id, seats.c.opd)).all()
    tally: dict[tuple[int, int], list[int]] = defaultdict(lambda: [0, 0])
    for program_id, opd, rhk, owners in rows:
        for key in ((program_id, opd), (program_id, INSTANSI)):
            tally[key][0] += rhk
            tally[key][1] += owners  # an owner counts once per OPD; across OPDs they differ
    out: dict[int, list[dict]] = defaultdict(list)
    for opd in opd_ids:
        for p in programs:
            rhk, owners = tally.get((p.id, opd), (0, 0))
            out[opd].append({"program": p.nama, "rhk": rhk if owners >= aturan.MIN_KELOMPOK
                             or rhk == 0 else aturan.KECIL})
    return out


def compute(k: Kode) -> dict:
    ref = min(k.selesai, clock.today())
    seats = _seats(ref)
    people, tepat = _skp(k, seats)
    hari = _hari(k, seats, people)
    presensi = disiplin.figures(k, seats, people)
    units = [(INSTANSI, None)] + [(u.id, u) for u in distribusi.opds()]
    program = _program(k, seats, [opd for opd, _u in units])
    by_opd, ratings = distribusi.counts(k), distribusi.ratings(k)
    whole: dict[str, int] = defaultdict(int)
    for c in by_opd.values():
        for key, n in c.items():
            whole[key] += n
    instansi_rating = ratings.get(None)
    wilayah = []
    for opd, unit in units:
        counts = dict(whole) if unit is None else by_opd.get(opd, {})
        rating: RatingOrganisasi | None = (ratings.get(opd) if unit else None) or instansi_rating
        n, rated = people.get(opd, 0), sum(counts.values())
        small = n < aturan.MIN_KELOMPOK
        wilayah.append({
            "nama": unit.nama if unit else _instansi_nama(),
            "jenis": "opd" if unit else "instansi",
            "pegawai": aturan.angka_publik(n),
            "skp_tepat_waktu_persen": aturan.KECIL if small
            else aturan.persen(tepat.get(opd, 0), n),
            "hari_kerja_berisi_persen": aturan.KECIL if small else hari.get(opd),
            "dinilai": aturan.angka_publik(rated),
            "rating_organisasi": RATING_ORGANISASI_LABEL.get(rating.rating) if rating else None,
            "predikat": aturan.sebaran_publik(counts, PREDIKAT_LABEL),
            "sesuai_kurva": None if rated < aturan.MIN_KELOMPOK or rating is None
            else not kurva.check(rating.rating, counts),
            "program": program[opd],
            "disiplin": presensi.get(opd) if presensi is not None else None,
        })
    return {"periode": {"kode": k.teks, "label": k.label, "mulai": k.mulai.isoformat(),
                        "selesai": k.selesai.isoformat()},
            "wilayah": wilayah}


def _instansi_nama() -> str:
    from portal.dokumen.register import instansi_nama

    return instansi_nama()


def figures() -> tuple[dict | None, str]:
    """(figures or None before any period is closed, when they were computed in the
    instansi's zone, ISO). Kept PUBLIK_CACHE_SECONDS and shared by every worker; a period
    closed meanwhile shows once that time has passed."""
    def fresh() -> dict:
        k = last_closed()
        return {"angka": compute(k) if k is not None else None}

    seconds = int(current_app.config.get("PUBLIK_CACHE_SECONDS", 3600))
    value, at = cache.get_or_compute("publik", fresh, seconds=seconds)
    return value["angka"], at.replace(tzinfo=UTC).astimezone(clock.zone()).isoformat(
        timespec="seconds")
