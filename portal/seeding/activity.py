"""The synthetic province's year of work (see `portal.seeding.synthetic`): approved SKPs with
RHK that cascade from the Sekda down, daily entries from January to today (about 10 a month per
person), work modes of the last four weeks, accepted realizations, ratings with predikat and the
organization's ratings for every sub-period already over.

Ids are derived from the person's id (SKP = pegawai id, RHK and IKI = 3 per person), so the
rows of each table are written in one pass without asking the database for ids.
"""
from __future__ import annotations

import json
import time
from datetime import date, timedelta

from portal.extensions import db
from portal.models import HariLibur, ProgramPrioritas
from portal.periods import create_periode
from portal.rules.golongan import pangkat_of
from portal.rules.predikat import predikat

ENTRY_TEXT = ("Menyusun laporan kegiatan", "Rapat koordinasi dengan bidang terkait",
              "Memverifikasi data capaian", "Menyiapkan bahan paparan pimpinan",
              "Melakukan monitoring ke lapangan", "Mengolah data survei layanan",
              "Menyusun telaahan staf", "Memperbarui basis data program",
              "Mendampingi kunjungan kerja", "Menyusun rencana tindak lanjut")
RHK_TEXT = (("utama", "Terlaksananya program kerja unit sesuai rencana", "laporan", 12),
            ("utama", "Meningkatnya kualitas layanan dan data unit", "dokumen", 4),
            ("tambahan", "Terselenggaranya kegiatan pengembangan kompetensi", "kegiatan", 2))
SEKDA_PERSPEKTIF = ("Penerima Layanan", "Proses Bisnis", "Penguatan Internal")
HOLIDAYS = ((1, 1, "Tahun Baru"), (5, 1, "Hari Buruh Internasional"),
            (6, 1, "Hari Lahir Pancasila"), (8, 17, "Hari Kemerdekaan RI"),
            (12, 25, "Hari Raya Natal"))
RATINGS = (("di_atas", 0.2), ("sesuai", 0.7), ("di_bawah", 0.1))
PERILAKU = (("di_atas", 0.25), ("sesuai", 0.7), ("di_bawah", 0.05))


def _pick(rng, weighted) -> str:
    x, acc = rng.random(), 0.0
    for key, w in weighted:
        acc += w
        if x < acc:
            return key
    return weighted[-1][0]


def _stamp(day: date, hour: int = 15) -> str:
    """A timestamp in the text form both SQLite (as SQLAlchemy stores it) and PostgreSQL read."""
    return f"{day.isoformat()} {hour:02d}:00:00.000000"


def seed(prov, log, started: float) -> dict:
    from portal.seeding.synthetic import bulk

    today, rng = prov.today, prov.rng
    create_periode(today.year - 1, "triwulan")
    periode = create_periode(today.year, "triwulan", aktif=True)
    for month, day, nama in HOLIDAYS:
        db.session.add(HariLibur(instansi_id=1, tanggal=date(today.year, month, day), nama=nama))
    programs = [ProgramPrioritas(tahun=today.year, nama=n, urutan=i) for i, n in enumerate(
        ("Pertumbuhan ekonomi", "Peningkatan kualitas SDM", "Reformasi birokrasi"))]
    db.session.add_all(programs)
    db.session.flush()
    holidays = {date(today.year, m, d) for m, d, _ in HOLIDAYS}
    past = [s for s in periode.sub_periode if s.selesai < today]
    people = [row[0] for row in prov.people]
    boss = {pid: prov.boss_of(pid) for pid in people}
    counts = {}

    approved = _stamp(date(today.year, 1, 20))
    counts["skp"] = bulk("skp", (
        "id", "pegawai_id", "periode_id", "jabatan_id", "status", "revisi", "mulai", "selesai",
        "diajukan_pada", "disetujui_pada", "disetujui_oleh_id", "dibuat_pada", "version"), (
        (pid, pid, periode.id, prov.seat_of[pid], "disetujui", 1, periode.mulai, periode.selesai,
         approved, approved, boss[pid], approved, 1) for pid in people))
    counts["rhk"] = bulk("rhk", ("id", "skp_id", "jenis", "teks", "rhk_atasan_id", "perspektif",
                                 "urutan", "diarsipkan", "version"), _rhk_rows(people, boss))
    counts["iki"] = bulk("iki", ("id", "rhk_id", "aspek", "indikator", "target", "satuan",
                                 "urutan", "version"), (
        (3 * pid - 2 + k, 3 * pid - 2 + k, "kuantitas", f"Jumlah {satuan}", target, satuan, 0, 1)
        for pid in people for k, (_, _, satuan, target) in enumerate(RHK_TEXT)))
    sekda = people[0]
    counts["rhk_program"] = bulk("rhk_program", ("rhk_id", "program_id"), (
        (3 * sekda - 2 + k, programs[k].id) for k in range(3)))
    log(f"SKP dan RHK: {counts['rhk']} RHK ({time.perf_counter() - started:.1f} dtk)")

    modes: list = []
    counts["progres_harian"] = bulk("progres_harian", (
        "id", "pegawai_id", "rhk_id", "tanggal", "uraian", "output", "bukti_link", "kunci",
        "dibuat_pada"), _entries(prov, people, holidays, modes))
    counts["mode_kerja"] = bulk("mode_kerja", ("id", "pegawai_id", "tanggal", "mode"), modes)
    log(f"progres harian: {counts['progres_harian']} entri "
        f"({time.perf_counter() - started:.1f} dtk)")

    n = len(people)
    counts["realisasi_periode"] = bulk("realisasi_periode", (
        "id", "skp_id", "sub_periode_id", "status", "diajukan_pada", "diputuskan_pada",
        "diputuskan_oleh_id", "version"), (
        (i * n + pid, pid, sub.id, "diterima", _stamp(sub.selesai), _stamp(sub.selesai, 16),
         boss[pid], 1) for i, sub in enumerate(past) for pid in people))
    counts["realisasi"] = bulk("realisasi", ("id", "realisasi_periode_id", "iki_id", "nilai"), (
        ((i * n + pid - 1) * 3 + k + 1, i * n + pid, 3 * pid - 2 + k,
         round(target * (i + 1) / 4 * rng.uniform(0.8, 1.1), 2))
        for i, _ in enumerate(past) for pid in people
        for k, (_, _, _, target) in enumerate(RHK_TEXT)))
    counts["penilaian"] = bulk("penilaian", (
        "id", "pegawai_id", "periode_id", "kode", "sub_periode_id", "skp_id", "penilai_id",
        "atasan_penilai_id", "hasil_kerja", "perilaku_kerja", "predikat", "identitas",
        "dinilai_pada", "version"), _ratings(prov, people, boss, periode, past))
    counts["rating_organisasi"] = bulk("rating_organisasi", (
        "id", "periode_id", "kode", "unit_id", "rating", "oleh_id", "waktu", "version"), (
        (i * (len(prov.opd_units) + 1) + j + 1, periode.id, sub.kode, unit_id,
         "istimewa" if (j % 9 == 4) else "baik", sekda, _stamp(sub.selesai, 17), 1)
        for i, sub in enumerate(past)
        for j, unit_id in enumerate([None, *prov.opd_units])))
    log(f"realisasi dan penilaian: {counts['penilaian']} penilaian "
        f"({time.perf_counter() - started:.1f} dtk)")
    return counts


def _rhk_rows(people, boss):
    for pid in people:
        above = boss[pid]
        for k, (jenis, teks, _, _) in enumerate(RHK_TEXT):
            parent = None if above is None else 3 * above - 2 + (pid + k) % 2
            perspektif = SEKDA_PERSPEKTIF[k] if above is None else None
            yield (3 * pid - 2 + k, pid, jenis, teks, parent, perspektif, k, False, 1)


def working_days_by_month(year: int, until: date, holidays: set) -> list[list[date]]:
    months: list[list[date]] = []
    day = date(year, 1, 1)
    while day < until:
        if day.month > len(months):
            months.append([])
        if day.weekday() < 5 and day not in holidays:
            months[-1].append(day)
        day += timedelta(days=1)
    return [m for m in months if m]


def _entries(prov, people, holidays, modes):
    """About 10 entries a month per person, each on its own working day; the work mode of the
    days of the last four weeks is collected into `modes` on the way."""
    rng, today = prov.rng, prov.today
    months = working_days_by_month(today.year, today, holidays)
    stamps = {d: _stamp(d) for m in months for d in m}
    recent = today - timedelta(days=28)
    flexible = {s[0] for s in prov.seats if s[6]}
    entry_id = 0
    for pid in people:
        fleks = prov.seat_of[pid] in flexible
        for days in months:
            for day in sorted(rng.sample(days, min(10, len(days)))):
                entry_id += 1
                k = (pid + day.day) % 3
                yield (entry_id, pid, 3 * pid - 2 + (k if k < 2 or day.day % 4 == 0 else 0),
                       day, ENTRY_TEXT[(pid + day.toordinal()) % len(ENTRY_TEXT)],
                       1 + day.day % 3, None, f"syn{entry_id}", stamps[day])
                if day >= recent:
                    mode = "WFO" if not fleks or day.weekday() not in (1, 4) else (
                        "WFH" if pid % 3 else "WFA")
                    modes.append((len(modes) + 1, pid, day, mode))


def _block(prov, pid: int | None) -> dict:
    if pid is None:
        return {k: "" for k in ("nama", "nip", "status", "pangkat", "golongan",
                                "pangkat_golongan", "jabatan", "unit_kerja")}
    row = prov.people[pid - 1]
    status, golongan = row[5], row[6]
    pangkat = pangkat_of(status, golongan) or ""
    seat = prov.seats_by_id[prov.seat_of[pid]]
    nama = f"{row[2]}, {row[4]}" if row[4] else row[2]
    pppk = status == "PPPK"
    return {"nama": nama, "nip": row[1], "status": status, "pangkat": "" if pppk else pangkat,
            "golongan": f"{golongan} (PPPK)" if pppk else golongan,
            "pangkat_golongan": (f"Golongan {golongan} (PPPK)" if pppk
                                 else f"{pangkat} / {golongan}"),
            "jabatan": seat[1], "unit_kerja": prov.unit_path[seat[4]]}


def _ratings(prov, people, boss, periode, past):
    kepala = {"nama": "H. Gubernur Sintetis, S.H.", "nip": "", "status": "", "pangkat": "",
              "golongan": "", "pangkat_golongan": "", "jabatan": "Gubernur",
              "unit_kerja": "Pemerintah Provinsi Sintetis"}
    blocks = {pid: _block(prov, pid) for pid in people}
    n, rng = len(people), prov.rng
    for i, sub in enumerate(past):
        for pid in people:
            penilai = boss[pid]
            atasan = boss[penilai] if penilai else None
            identitas = json.dumps({
                "pegawai": blocks[pid],
                "penilai": blocks[penilai] if penilai else kepala,
                "atasan_penilai": blocks[atasan] if atasan else (
                    kepala if penilai else _block(prov, None))}, ensure_ascii=False)
            hasil, perilaku = _pick(rng, RATINGS), _pick(rng, PERILAKU)
            yield (i * n + pid, pid, periode.id, sub.kode, sub.id, pid, penilai, atasan, hasil,
                   perilaku, predikat(hasil, perilaku), identitas, _stamp(sub.selesai, 18), 1)
