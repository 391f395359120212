"""Machine-file import at province size: a month of punches (jam datang and jam pulang of every
working day) for every employee of the synthetic province, imported on PostgreSQL by
`flask presensi impor` — first into an empty month, then the same file again (which must change
nothing) — with wall time and the importer's peak memory; a tenth of the file first, so that
"memory flat" is a comparison, not a claim.

    python bench/presensi_impor.py [--database URL] [--employees 50000] [--month 2026-10]
"""
from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import common  # noqa: E402

DEFAULT_DB = "postgresql+psycopg://postgres@127.0.0.1:5432/portal_bench_presensi"


def working_days(month: str) -> list[date]:
    year, mon = (int(v) for v in month.split("-"))
    day, out = date(year, mon, 1), []
    while day.month == mon:
        if day.weekday() < 5:
            out.append(day)
        day += timedelta(days=1)
    return out


def write_file(path: Path, nips: list[str], days: list[date], share: float = 1.0) -> int:
    """PIN-less rows by NIP (the mapping is another table lookup of the same cost), two punches
    per person-day, day by day as a machine exports them, plus a few unknown and duplicate
    lines."""
    rnd = random.Random(16)
    rows = 0
    people = nips[: max(1, int(len(nips) * share))]
    with path.open("w", encoding="utf-8") as f:
        f.write("NIP,Waktu,Perangkat\n")
        for day in days:
            for nip in people:
                start = datetime.combine(day, datetime.min.time()) + timedelta(
                    hours=7, minutes=rnd.randint(0, 45), seconds=rnd.randint(0, 59))
                f.write(f"{nip},{start:%Y-%m-%d %H:%M:%S},M{rnd.randint(1, 40)}\n")
                end = start.replace(hour=16, minute=rnd.randint(0, 40))
                f.write(f"{nip},{end:%Y-%m-%d %H:%M:%S},M{rnd.randint(1, 40)}\n")
                rows += 2
            f.write(f"999999999999999999,{day} 07:30:00,M1\n")  # unknown NIP, listed
            rows += 1
    return rows


def run_import(path: Path, database: str, instance: str) -> dict:
    """One `flask presensi impor` in its own process: wall time and that process's peak RSS."""
    env = os.environ | {"DATABASE_URL": database, "INSTANCE_PATH": instance,
                        "SECRET_KEY": "bench", "PORTAL_ENV": "", "FLASK_ENV": "development"}
    load_before = os.getloadavg()[0]
    start = time.perf_counter()
    with tempfile.TemporaryFile("w+") as out, common.PgCpu(database) as server:
        child = subprocess.Popen([sys.executable, "-m", "flask", "--app", "wsgi", "presensi",
                                  "impor", str(path)], cwd=common.ROOT, env=env, stdout=out)
        _pid, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - start
        out.seek(0)
        lines = out.read().splitlines()
    if child.returncode != 0:
        raise SystemExit(f"impor gagal ({child.returncode})")
    summary = json.loads(lines[0])
    return {"seconds": round(seconds, 1), "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),
            # the importer's own CPU (the database server's is not in it) and the machine's load
            "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 1),
            "cpu_seconds_postgresql": server.seconds,  # the backend that did the inserting
            "load_average_1min": [round(load_before, 1), round(os.getloadavg()[0], 1)],
            "rows": summary["baris"], "used": summary["dipakai"], "changed": summary["diubah"],
            "unknown": summary["jumlah"].get("pin", 0)}


def clear_month(database: str, days: list[date]) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(database)
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM presensi WHERE tanggal BETWEEN :a AND :b"),
                     {"a": days[0], "b": days[-1]})
    engine.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default=DEFAULT_DB)
    parser.add_argument("--employees", type=int, default=50000)
    parser.add_argument("--month", default="2026-10")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    instance = tempfile.mkdtemp(prefix="presensi-bench-")
    seeded = common.ensure_province(args.database, args.employees, instance)
    from sqlalchemy import create_engine, text

    engine = create_engine(args.database)
    with engine.connect() as conn:
        nips = [r[0] for r in conn.execute(text("SELECT nip FROM pegawai ORDER BY id"))]
    engine.dispose()
    days = working_days(args.month)
    work = Path(tempfile.mkdtemp(prefix="presensi-file-"))
    res: dict = {"seed": seeded, "employees": len(nips), "days": len(days),
                 "machine": common.machine()}
    tenth = work / "tenth.csv"
    write_file(tenth, nips, days, share=0.1)
    clear_month(args.database, days)
    res["tenth"] = run_import(tenth, args.database, instance)
    clear_month(args.database, days)
    full = work / "month.csv"
    t0 = time.perf_counter()
    write_file(full, nips, days)
    res["file"] = {"mb": round(full.stat().st_size / 1e6, 1),
                   "write_seconds": round(time.perf_counter() - t0, 1)}
    res["first"] = run_import(full, args.database, instance)
    res["again"] = run_import(full, args.database, instance)
    print(json.dumps(res, indent=2))
    if args.json:
        args.json.write_text(json.dumps(res, indent=2))
    for p in (tenth, full):
        p.unlink()
    ok = res["again"]["changed"] == 0 and res["first"]["used"] == 2 * len(nips) * len(days)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
