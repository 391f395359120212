"""The monthly TPP run of the whole synthetic province, as the background job runs it.

    python bench/tpp_run.py --database URL [--employees 50000] [--bulan 2026-10] [--json out.json]

Migrates and seeds the province when the database has nobody (`ensure_province`), gives every
seat a kelas and puts the demo province's rules version in force, then computes this month for
the instansi in one process, timing it and sampling the resident memory after every chunk of
500 people (flat memory: the last chunks cost what the first did) and each worker process's
after every chunk it computed. Statements are counted too, and the CPU seconds of the run's own
processes and of the PostgreSQL backends serving it (`common.PgCpu`), with the load average,
so that a number taken on a shared machine can be read. `--bulan` picks another month than this
one (the synthetic province has presensi only where `bench/presensi_impor.py` imported it).
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from common import PgCpu, ensure_province  # noqa: E402


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def cpu_seconds() -> float:
    """CPU time of this process and of its finished chunk processes: what the run costs
    whatever else the machine is doing (the database server's own time is not in it)."""
    return sum(getattr(resource.getrusage(who), f) for who in (
        resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN) for f in ("ru_utime", "ru_stime"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", required=True)
    parser.add_argument("--employees", type=int, default=50_000)
    parser.add_argument("--bulan", help="YYYY-MM (default: this month)")
    parser.add_argument("--json")
    args = parser.parse_args()
    instance = tempfile.mkdtemp(prefix="tpp-bench-")
    print(ensure_province(args.database, args.employees, instance), flush=True)

    from sqlalchemy import event, func, select

    from portal import clock, create_app
    from portal.extensions import db
    from portal.models import Pegawai, TppAturan, TppHasil, TppRun
    from portal.tpp import proses
    from portal.tpp import run as runs
    from portal.tpp.demo import siapkan_sintetis

    os.environ["INSTANCE_PATH"] = instance
    app = create_app({"SQLALCHEMY_DATABASE_URI": args.database, "SECRET_KEY": "bench"})
    with app.app_context():
        month = clock.today().replace(day=1)
        if args.bulan:
            month = month.replace(year=int(args.bulan[:4]), month=int(args.bulan[5:7]))
        if db.session.scalar(select(func.count()).select_from(TppAturan)) == 0:
            siapkan_sintetis(month)
        admin = db.session.scalar(select(Pegawai.id).limit(1))
        run = TppRun(bulan=month, aturan_id=db.session.scalar(select(TppAturan.id)),
                     dibuat_oleh_id=admin, status="berjalan")
        db.session.add(run)
        db.session.commit()
        counted = {"n": 0}
        event.listen(db.engine, "before_cursor_execute",
                     lambda *_a: counted.__setitem__("n", counted["n"] + 1))
        samples: list[tuple[int, float]] = []

        def progress(done=None, total=None, failure=None):
            if done:
                samples.append((done, round(rss_mb(), 1)))
            db.session.commit()

        evidence = []
        jalankan = proses.jalankan
        proses.jalankan = lambda *a: evidence.append(jalankan(*a)) or evidence[-1]
        start_rss = rss_mb()
        cpu_before = cpu_seconds()
        load_before = os.getloadavg()[0]
        with PgCpu(args.database) as server:
            started = time.perf_counter()
            runs._hitung(run, progress)
            seconds = time.perf_counter() - started
        workers = getattr(evidence[0], "rss_proses", []) if evidence else []
        stored = db.session.scalar(select(func.count()).select_from(TppHasil).where(
            TppHasil.run_id == run.id))
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        cpu = cpu_seconds() - cpu_before
        load = os.getloadavg()[0]
        result = {"employees": stored, "month": month.isoformat()[:7],
                  "seconds": round(seconds, 1), "cpu_seconds_python": round(cpu, 1),
                  "cpu_seconds_postgresql": server.seconds,
                  "load_average_1min": [round(load_before, 1), round(load, 1)],
                  "statements": counted["n"], "rss_start_mb": round(start_rss, 1),
                  "rss_after_first_chunk_mb": samples[0][1] if samples else None,
                  "rss_end_mb": samples[-1][1] if samples else None,
                  "peak_rss_mb": round(peak, 1),
                  "worker_rss_first_last_max_mb": [round(workers[0], 1), round(workers[-1], 1),
                                                   round(max(workers), 1)] if workers else None,
                  "status": run.status,
                  "netto_total": run.total_netto, "dialect": db.engine.dialect.name}
    print(json.dumps(result, indent=1))
    print("rss per chunk (people done, MB):", samples[:: max(len(samples) // 10, 1)])
    if args.json:
        Path(args.json).write_text(json.dumps(result))


if __name__ == "__main__":
    main()
