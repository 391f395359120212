"""Computing a run's people, chunk by chunk: each chunk of 500 is read with a fixed handful of
statements, computed and written. A province-sized run spreads its chunks over one process per
core (each replaced after a few chunks, so memory stays flat); a small one stays in the job's
own process.

The one input that crosses chunks is the count of entries each supervisor left unverified (it
comes with the entries of their reports). People are ordered deepest seat first, so in one
process a supervisor's count is complete when their turn comes; whoever was computed with a
count that later grew (reports in another process's chunk) is computed again at the end.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from datetime import date, timedelta
from multiprocessing import get_context

from flask import current_app
from sqlalchemy import delete, insert, or_, select

from portal.db_setup import ids_in
from portal.extensions import db
from portal.models import TppHasil, TppRun
from portal.rules.tpp import hitung, rp
from portal.tpp import aturan as versi
from portal.tpp import masukan

CHUNK = 500
PARALLEL_FROM = 3000  # below this many people the job's own process is quicker
# A worker process is replaced after this many chunks (memory stays flat: each chunk's objects are
# garbage by the next). Starting one costs ~1.4 CPU seconds (the app, its imports), so a
# province's run starts a couple per core rather than ten.
CHUNKS_PER_PROCESS = 50
CONTOH = 1000  # names kept per anomaly


@dataclass
class Hitungan:
    """Anomaly evidence of a run in progress (names capped, counts exact)."""

    jumlah: dict[str, int] = field(default_factory=dict)
    contoh: dict[str, list[str]] = field(default_factory=dict)
    hilang: set[str] = field(default_factory=set)
    rss_proses: list[float] = field(default_factory=list)  # worker MB after each chunk, in order

    def catat(self, kode: str, teks: str) -> None:
        self.jumlah[kode] = self.jumlah.get(kode, 0) + 1
        names = self.contoh.setdefault(kode, [])
        if len(names) < CONTOH:
            names.append(teks)

    def gabung(self, other: Hitungan) -> None:
        for kode, n in other.jumlah.items():
            self.jumlah[kode] = self.jumlah.get(kode, 0) + n
            self.contoh.setdefault(kode, []).extend(other.contoh.get(kode, [])[:CONTOH])
        self.hilang |= other.hilang


@dataclass(frozen=True)
class Tugas:
    """What every chunk of one run shares (picklable: it travels to the worker processes)."""

    run_id: int
    bulan: date
    opd_id: int | None
    koreksi: bool
    days: tuple[date, ...]
    sampai: date


def cakupan_bertemu(opd_id: int | None):
    """Runs whose scope meets `opd_id`'s (the instansi meets every OPD)."""
    if opd_id is None:
        return True
    return or_(TppRun.unit_id.is_(None), TppRun.unit_id == opd_id)


def disetujui_untuk(bulan: date, opd_id: int | None, ids=None) -> dict[int, tuple[int, int]]:
    """{pegawai: (bruto, netto)} as approved for `bulan` (later corrections win)."""
    q = (select(TppHasil.pegawai_id, TppHasil.bruto, TppHasil.netto)
         .join(TppRun, TppRun.id == TppHasil.run_id)
         .where(TppRun.bulan == bulan, TppRun.status == "disetujui", cakupan_bertemu(opd_id))
         .order_by(TppRun.id))
    if ids is not None:
        q = q.where(ids_in(TppHasil.pegawai_id, ids))
    return {pid: (b, n) for pid, b, n in db.session.execute(q)}


def _bulan_lalu(bulan: date) -> date:
    return (bulan - timedelta(days=1)).replace(day=1)


def hitung_chunk(tugas: Tugas, people: list, tertunda: dict[int, int],
                 tambah: bool = True) -> tuple[Hitungan, dict[int, int], dict[int, int]]:
    """Compute and store one chunk. Returns the anomaly evidence, the chunk's own unverified
    counts per supervisor, and the count each of its people was computed with."""
    run = db.session.get(TppRun, tugas.run_id)
    aturan = versi.isi(run.aturan)
    ids = [o.pegawai_id for o in people]
    lalu = disetujui_untuk(_bulan_lalu(tugas.bulan), tugas.opd_id, ids)
    induk = disetujui_untuk(tugas.bulan, tugas.opd_id, ids) if tugas.koreksi else {}
    before = dict(tertunda)
    inputs, hilang = masukan.masukan_chunk(people, tugas.bulan, list(tugas.days),
                                           tugas.sampai, tertunda, tambah)
    t = Hitungan(hilang=set(hilang))
    rows = []
    for o in people:
        m = inputs[o.pegawai_id]
        row = baris(tugas, o, hitung(m, aturan), aturan, lalu, induk, t, m, hilang)
        if row is not None:
            rows.append(row)
    if rows:
        # The reads end here: on SQLite a write in a transaction that began with reads fails
        # when another process wrote meanwhile; a fresh one waits its turn instead.
        db.session.commit()
        simpan(rows)
    own = {k: v - before.get(k, 0) for k, v in tertunda.items() if v != before.get(k, 0)}
    used = {pid: tertunda[pid] for pid in ids if tertunda.get(pid)}
    return t, own, used


KOLOM = ("run_id", "pegawai_id", "opd_id", "nip", "nama", "golongan", "jabatan", "kelas", "pagu",
         "skor_kinerja", "skor_disiplin", "kinerja", "disiplin", "potongan", "bruto", "bpjs",
         "pph21", "netto", "selisih", "catatan", "baris")


def simpan(rows: list[tuple]) -> None:
    """Store a chunk's rows (tuples in `KOLOM` order): one COPY on PostgreSQL (no ORM, no
    parameter list of 10,000 values), one executemany elsewhere."""
    connection = db.session.connection()
    if connection.dialect.name == "postgresql":
        raw = connection.connection.driver_connection
        with raw.cursor() as cursor, cursor.copy(
                f"COPY tpp_hasil ({', '.join(KOLOM)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        return
    db.session.execute(insert(TppHasil), [dict(zip(KOLOM, row, strict=True)) for row in rows])


def baris(tugas: Tugas, o, h, aturan, lalu, induk, t: Hitungan, m, hilang) -> tuple | None:
    """One person's stored row (None for a correction that changes nothing for them)."""
    if "tanpa_kelas" in h.catatan:
        t.catat("tanpa_kelas", f"{o.nama} ({o.jabatan})")
    if m.hari and not any(d.status != "tk" for d in m.hari):
        t.catat("tanpa_presensi", o.nama)
    prev = lalu.get(o.pegawai_id)
    # A change caused by a missing kelas is reported under that anomaly, not twice.
    if (prev and prev[1] and "tanpa_kelas" not in h.catatan
            and abs(h.netto - prev[1]) * 100 > aturan.ambang_anomali * prev[1]):
        # Only the amounts are formatted: a name keeps its own commas ("Andi Pratama, S.Kom.").
        t.catat("perubahan", f"{o.nama}: {rp(prev[1])} → {rp(h.netto)}")
    selisih = None
    if tugas.koreksi:
        before = induk.get(o.pegawai_id, (0, 0))
        if (h.bruto, h.netto) == before:
            return None
        selisih = h.netto - before[1]
    return (tugas.run_id, o.pegawai_id, o.opd_id, o.nip, o.nama, o.golongan, o.jabatan, o.kelas,
            h.pagu, h.skor_kinerja, h.skor_disiplin, h.kinerja, h.disiplin,
            sum(b.jumlah for b in h.baris if b.kelompok == "potongan"), h.bruto, h.bpjs, h.pph21,
            h.netto, selisih, ",".join(h.catatan + [f"{x}_hilang" for x in hilang])[:120],
            json.dumps([[b.kelompok, b.kode, b.uraian, b.jumlah] for b in h.baris],
                       ensure_ascii=False))


def _task(args):
    """In a worker process: its own app computes and commits one chunk."""
    from portal.jobs import _app_for

    overrides, tugas, people = args
    with _app_for(overrides).app_context():
        try:
            result = hitung_chunk(tugas, people, {})
            db.session.commit()
        finally:
            db.session.remove()
    return len(people), *result, _rss_mb()


def _rss_mb() -> float:
    """This process's resident memory (Linux; 0 elsewhere): the bench checks it stays flat."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError):
        return 0.0


def jalankan(tugas: Tugas, people: list, progress) -> Hitungan:
    """Every chunk, then the people whose supervisor count grew after their turn."""
    chunks = [people[i:i + CHUNK] for i in range(0, len(people), CHUNK)]
    t, total, used, done = Hitungan(), {}, {}, 0
    workers = min(os.cpu_count() or 1, len(chunks))
    if len(people) >= PARALLEL_FROM and workers > 1:
        overrides = {"SQLALCHEMY_DATABASE_URI": current_app.config["SQLALCHEMY_DATABASE_URI"],
                     "SECRET_KEY": current_app.config["SECRET_KEY"],
                     "_instance": current_app.instance_path}
        with get_context("spawn").Pool(workers, maxtasksperchild=CHUNKS_PER_PROCESS) as pool:
            for n, part, own, seen, rss in pool.imap_unordered(
                    _task, [(overrides, tugas, c) for c in chunks]):
                done += n
                t.rss_proses.append(rss)
                t.gabung(part)
                for k, v in own.items():
                    total[k] = total.get(k, 0) + v
                used.update(seen)
                progress(done=done)
    else:
        for chunk in chunks:
            part, _own, seen = hitung_chunk(tugas, chunk, total)
            t.gabung(part)
            used.update(seen)
            done += len(chunk)
            progress(done=done)
    again = [o for o in people if total.get(o.pegawai_id, 0) != used.get(o.pegawai_id, 0)]
    for i in range(0, len(again), CHUNK):
        part = again[i:i + CHUNK]
        db.session.execute(delete(TppHasil).where(
            TppHasil.run_id == tugas.run_id,
            TppHasil.pegawai_id.in_([o.pegawai_id for o in part])))
        hitung_chunk(tugas, part, total, tambah=False)
    return t
