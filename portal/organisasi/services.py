"""Dashboard figures by aggregate SQL: a fixed number of statements whatever the head count.

Every figure is grouped per OPD over one population: the people who hold a seat today, all of
them for the Sekda, the subtree for an atasan.
"""
from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from sqlalchemy import and_, case, func, literal, select

from portal import clock, orgtree
from portal.db_setup import planner
from portal.extensions import db
from portal.home.services import unit_opd_map
from portal.models import (
    Jabatan,
    ModeKerja,
    Penilaian,
    Periode,
    ProgramPrioritas,
    ProgresHarian,
    RatingOrganisasi,
    RealisasiPeriode,
    Rhk,
    RhkProgram,
    RiwayatJabatan,
    Skp,
    UnitKerja,
)
from portal.organisasi import cache
from portal.rules import kurva

# figure key -> label; each has a list behind it (see `daftar.people_for`)
SKP_STATES = ("belum", "draf", "diajukan", "dikembalikan", "disetujui")
REALISASI_STATES = ("belum", "draf", "diajukan", "dikembalikan", "diterima")
MODES = ("WFO", "WFH", "WFA")
PREDIKAT_STATES = ("sangat_baik", "baik", "butuh_perbaikan", "kurang", "sangat_kurang", "belum")


def population(viewer_id: int | None, on: date | None = None, *, with_opd: bool = True):
    """Subquery (pegawai_id, jabatan_id, opd_id, mulai, jenis, eselon) of the people in view
    today. Without `with_opd` the unit→OPD walk is left out (opd_id is NULL): talent search
    needs it only to filter by OPD."""
    on = on or clock.today()
    q = (select(RiwayatJabatan.pegawai_id, RiwayatJabatan.jabatan_id,
                RiwayatJabatan.mulai, Jabatan.jenis, Jabatan.eselon)
         .join(Jabatan, Jabatan.id == RiwayatJabatan.jabatan_id)
         .where(orgtree.holder_current(on)))
    if with_opd:
        uo = unit_opd_map()
        q = q.join(uo, uo.c.unit_id == Jabatan.unit_id).add_columns(uo.c.opd_id)
    else:
        q = q.add_columns(literal(None).label("opd_id"))
    if viewer_id is not None:
        q = q.where(RiwayatJabatan.pegawai_id.in_(orgtree.subtree_pegawai_ids(viewer_id, on)))
    return q.subquery("pop")


def _grouped(rows) -> dict[int, dict[str, int]]:
    out: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for opd_id, key, n in rows:
        out[opd_id][key or "belum"] += n
    return out


def skp_status(pop, periode: Periode):
    skp = aliased_skp(periode)
    rows = db.session.execute(
        select(pop.c.opd_id, skp.c.status, func.count())
        .select_from(pop).outerjoin(skp, and_(skp.c.pegawai_id == pop.c.pegawai_id,
                                              skp.c.jabatan_id == pop.c.jabatan_id))
        .group_by(pop.c.opd_id, skp.c.status)).all()
    return _grouped(rows)


def aliased_skp(periode: Periode):
    """The person's SKP of the period for the seat they hold (one row per person)."""
    return (select(Skp.pegawai_id, Skp.jabatan_id, Skp.status, Skp.id)
            .where(Skp.periode_id == periode.id).subquery("skp_p"))


def realisasi_status(pop, periode: Periode, sub_id: int | None):
    skp = aliased_skp(periode)
    rp = select(RealisasiPeriode.skp_id, RealisasiPeriode.status).where(
        RealisasiPeriode.sub_periode_id == sub_id).subquery("rp")
    rows = db.session.execute(
        select(pop.c.opd_id, rp.c.status, func.count())
        .select_from(pop)
        .outerjoin(skp, and_(skp.c.pegawai_id == pop.c.pegawai_id,
                             skp.c.jabatan_id == pop.c.jabatan_id))
        .outerjoin(rp, rp.c.skp_id == skp.c.id)
        .group_by(pop.c.opd_id, rp.c.status)).all()
    return _grouped(rows)


def predikat_counts(pop, periode: Periode, kode: str):
    pn = select(Penilaian.pegawai_id, Penilaian.predikat).where(
        Penilaian.periode_id == periode.id, Penilaian.kode == kode).subquery("pn")
    rows = db.session.execute(
        select(pop.c.opd_id, pn.c.predikat, func.count())
        .select_from(pop).outerjoin(pn, pn.c.pegawai_id == pop.c.pegawai_id)
        .group_by(pop.c.opd_id, pn.c.predikat)).all()
    return _grouped(rows)


def program_coverage(pop, periode: Periode) -> list[dict]:
    """How many approved RHK in view serve each program, directly or down the cascade."""
    direct = (select(Rhk.id.label("rhk_id"), RhkProgram.program_id)
              .join(RhkProgram, RhkProgram.rhk_id == Rhk.id)
              .join(Skp, Skp.id == Rhk.skp_id)
              .where(Skp.periode_id == periode.id)
              .cte("serves", recursive=True))
    serves = direct.union_all(
        select(Rhk.id, direct.c.program_id).join(direct, Rhk.rhk_atasan_id == direct.c.rhk_id))
    counts = (select(serves.c.program_id, func.count(Rhk.id.distinct()).label("n"))
              .join(Rhk, Rhk.id == serves.c.rhk_id)
              .join(Skp, Skp.id == Rhk.skp_id)
              .where(~Rhk.diarsipkan, Skp.status == "disetujui",
                     Skp.pegawai_id.in_(select(pop.c.pegawai_id)))
              .group_by(serves.c.program_id).subquery("cov"))
    stmt = (select(ProgramPrioritas.id, ProgramPrioritas.nama, func.coalesce(counts.c.n, 0))
            .outerjoin(counts, counts.c.program_id == ProgramPrioritas.id)
            .where(ProgramPrioritas.tahun == periode.tahun, ProgramPrioritas.aktif)
            .order_by(ProgramPrioritas.urutan))
    with hash_joins():
        rows = db.session.execute(stmt).all()
    return [{"id": r[0], "nama": r[1], "rhk": r[2]} for r in rows]


def hash_joins():
    """PostgreSQL plans the cascade walk (a recursive CTE it cannot estimate) as one index probe
    per RHK; at 150,000 RHK hash joins are several times faster (see BENCHMARKS.md). The sort
    gets enough memory to stay off disk."""
    return planner(enable_nestloop="off", work_mem="'32MB'")


def opd_names_of(ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    return dict(db.session.execute(
        select(UnitKerja.id, UnitKerja.nama).where(UnitKerja.id.in_(ids))).all())


def opd_names(pop) -> dict[int, str]:
    rows = db.session.execute(
        select(UnitKerja.id, UnitKerja.nama).where(UnitKerja.id.in_(select(pop.c.opd_id)))
        .order_by(UnitKerja.nama)).all()
    return dict(rows)


def current_sub(periode: Periode, today: date):
    return periode.sub_on(today) or periode.sub_periode[-1]


def last_finished_sub(periode: Periode, today: date):
    done = [s for s in periode.sub_periode if s.selesai < today]
    return done[-1] if done else None


def week_of(today: date) -> tuple[date, date]:
    monday = today - timedelta(days=today.weekday())
    return monday, monday + timedelta(days=6)


def entries_this_week(pop, today: date):
    """People with at least one daily entry this week ("ada") and without ("belum")."""
    monday, sunday = week_of(today)
    active = (select(ProgresHarian.pegawai_id).where(
        ProgresHarian.tanggal.between(monday, sunday)).distinct().subquery("aktif"))
    flag = case((active.c.pegawai_id.is_(None), "belum"), else_="ada")
    rows = db.session.execute(
        select(pop.c.opd_id, flag, func.count())
        .select_from(pop).outerjoin(active, active.c.pegawai_id == pop.c.pegawai_id)
        .group_by(pop.c.opd_id, flag)).all()
    return _grouped(rows)


def mode_mix(pop, today: date):
    """Person-days of each work mode recorded this week."""
    monday, sunday = week_of(today)
    rows = db.session.execute(
        select(pop.c.opd_id, ModeKerja.mode, func.count())
        .select_from(pop).join(ModeKerja, ModeKerja.pegawai_id == pop.c.pegawai_id)
        .where(ModeKerja.tanggal.between(monday, sunday))
        .group_by(pop.c.opd_id, ModeKerja.mode)).all()
    return _grouped(rows)


def verification_coverage(pop, today: date):
    """Last week's daily entries per OPD by verification state (diterima, dikembalikan,
    menunggu): how much of the work the supervisors have looked at."""
    monday, sunday = week_of(today - timedelta(days=7))
    state = func.coalesce(ProgresHarian.verifikasi, "menunggu")
    rows = db.session.execute(
        select(pop.c.opd_id, state, func.count())
        .select_from(pop).join(ProgresHarian, ProgresHarian.pegawai_id == pop.c.pegawai_id)
        .where(ProgresHarian.tanggal.between(monday, sunday))
        .group_by(pop.c.opd_id, state)).all()
    return _grouped(rows)


def org_ratings(periode: Periode, kode: str) -> dict[int | None, str]:
    """Capaian kinerja organisasi of the instansi (key None) and of each OPD that has one."""
    return dict(db.session.execute(
        select(RatingOrganisasi.unit_id, RatingOrganisasi.rating).where(
            RatingOrganisasi.periode_id == periode.id, RatingOrganisasi.kode == kode)).all())


def person_figures(pop, periode: Periode, sub_id: int, rated_kode: str | None, today: date):
    """SKP state, realization state, predikat and "entry this week" per OPD in one statement:
    the population is walked once, not once per figure."""
    skp = aliased_skp(periode)
    rp = select(RealisasiPeriode.skp_id, RealisasiPeriode.status).where(
        RealisasiPeriode.sub_periode_id == sub_id).subquery("rp")
    pn = select(Penilaian.pegawai_id, Penilaian.predikat).where(
        Penilaian.periode_id == periode.id, Penilaian.kode == (rated_kode or "")).subquery("pn")
    monday, sunday = week_of(today)
    wrote = (select(ProgresHarian.id).where(ProgresHarian.pegawai_id == pop.c.pegawai_id,
                                            ProgresHarian.tanggal.between(monday, sunday))
             .exists())
    flag = case((wrote, "ada"), else_="belum")
    # Person-days of each work mode this week, summed per person first.
    modes = (select(ModeKerja.pegawai_id,
                    *(func.sum(case((ModeKerja.mode == m, 1), else_=0)).label(m) for m in MODES))
             .where(ModeKerja.tanggal.between(monday, sunday))
             .group_by(ModeKerja.pegawai_id).subquery("mw"))
    rows = db.session.execute(
        select(pop.c.opd_id, skp.c.status, rp.c.status, pn.c.predikat, flag, func.count(),
               *(func.coalesce(func.sum(modes.c[m]), 0) for m in MODES))
        .select_from(pop)
        .outerjoin(skp, and_(skp.c.pegawai_id == pop.c.pegawai_id,
                             skp.c.jabatan_id == pop.c.jabatan_id))
        .outerjoin(rp, rp.c.skp_id == skp.c.id)
        .outerjoin(pn, pn.c.pegawai_id == pop.c.pegawai_id)
        .outerjoin(modes, modes.c.pegawai_id == pop.c.pegawai_id)
        .group_by(pop.c.opd_id, skp.c.status, rp.c.status, pn.c.predikat, flag)).all()
    out = {key: defaultdict(lambda: defaultdict(int))
           for key in ("skp", "realisasi", "predikat", "entri", "mode")}
    for opd_id, skp_st, rp_st, pred, entri, n, *days in rows:
        for key, value in (("skp", skp_st), ("realisasi", rp_st), ("predikat", pred),
                           ("entri", entri)):
            out[key][opd_id][value or "belum"] += n
        for mode, count in zip(MODES, days, strict=True):
            if count:
                out["mode"][opd_id][mode] += int(count)
    if rated_kode is None:
        out["predikat"] = {}
    return out


DISIPLIN = ("hari_kerja", "tepat_waktu", "TL", "PSW", "TK")


def discipline_of_month(viewer_id: int | None, today: date) -> dict[int, dict[str, int]]:
    """This month's presensi up to yesterday per OPD (person-days), from the same grouped query
    as the discipline figures page (portal/presensi/angka.py)."""
    from portal.presensi import angka

    rows = angka.per_opd(viewer_id, today.year, today.month)["baris"]
    return {r["id"]: {k: r.get(k, 0) for k in DISIPLIN} for r in rows}


def figures(viewer_id: int | None, periode: Periode, today: date) -> dict:
    """The aggregates of the dashboard, per OPD and in total, as plain data (JSON-safe: they
    may be kept for a minute, see portal/organisasi/cache.py)."""
    pop = population(viewer_id, today)
    sub = current_sub(periode, today)
    rated = last_finished_sub(periode, today)
    per_person = person_figures(pop, periode, sub.id, rated.kode if rated else None, today)
    per_person["verifikasi"] = verification_coverage(pop, today)
    per_person["disiplin"] = discipline_of_month(viewer_id, today)
    keys = ("skp", "entri", "mode", "realisasi", "predikat", "verifikasi", "disiplin")
    names = opd_names_of(set(per_person["skp"]))
    rows = []
    for opd_id, nama in sorted(names.items(), key=lambda kv: kv[1]):
        row = {"id": opd_id, "nama": nama}
        for key in keys:
            row[key] = dict(per_person[key].get(opd_id, {}))
        row["pegawai"] = sum(row["skp"].values())
        rows.append(row)
    total = {"id": None, "nama": "Jumlah", "pegawai": sum(r["pegawai"] for r in rows)}
    for key in keys:
        merged: dict[str, int] = defaultdict(int)
        for r in rows:
            for k, v in r[key].items():
                merged[k] += v
        total[key] = dict(merged)
    return {"rows": rows, "total": total, "programs": program_coverage(pop, periode)}


def dashboard(viewer_id: int | None, periode: Periode, today: date) -> dict:
    """Every figure of the dashboard (kept for DASHBOARD_CACHE_SECONDS per viewer scope), with
    the organization ratings and the distribution check applied to them."""
    data, at = cache.get_or_compute(cache.kunci(viewer_id, periode.id, today),
                                    lambda: figures(viewer_id, periode, today))
    rows, total = data["rows"], data["total"]
    sub = current_sub(periode, today)
    rated = last_finished_sub(periode, today)
    ratings = org_ratings(periode, rated.kode) if rated else {}
    for r in rows + [total]:
        org = ratings.get(r["id"]) or ratings.get(None)
        counts = {k: v for k, v in r["predikat"].items() if k != "belum"}
        r["kurva"] = kurva.check(org, counts) if org and counts else []
        r["org_rating"] = org
    return {"rows": rows, "total": total, "sub": sub, "rated": rated,
            "programs": data["programs"], "week": week_of(today), "dihitung": at,
            "minggu_lalu": week_of(today - timedelta(days=7))}
