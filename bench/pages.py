"""Server time of each main page: sequential requests from one logged-in client per persona
against gunicorn (2 workers), median and p95.

    python bench/pages.py --database postgresql+psycopg://postgres@127.0.0.1:5432/portal_bench \
        --employees 50000 --repeat 30
    python bench/pages.py --database sqlite:////tmp/portal-5000.db --employees 5000

The database is migrated and seeded with the synthetic province when empty. Prints a table and,
with --json, writes the numbers for bench/run.py.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import Client, Server, ensure_province, percentile, personas  # noqa: E402

# (label, persona, role to view as, path, aim in ms)
PAGES = [
    ("Beranda pegawai", "staf", None, "/beranda/pegawai", 100),
    ("SKP saya", "staf", None, "/skp/", 100),
    ("Progres harian (minggu)", "staf", None, "/harian", 100),
    ("Beranda atasan (kasi)", "kasi", "atasan", "/beranda/atasan", 100),
    ("Beranda atasan (kepala OPD)", "kepala", "atasan", "/beranda/atasan", 100),
    ("Tim: semua bawahan (kepala OPD)", "kepala", "atasan", "/tim/semua", 100),
    ("Beranda Sekda", "sekda", "sekda", "/beranda/sekda", 100),
    ("Dasbor Sekda", "sekda", "sekda", "/dasbor", 250),
    ("Talenta (fungsional)", "sekda", "sekda", "/talenta?jenis=fungsional", 100),
    ("Distribusi predikat (TW1)", "sekda", "sekda", "/penilaian/organisasi/{tw1}", 250),
    ("Beranda admin", "admin", "admin", "/admin/", 100),
]


def measure(url: str, database: str, repeat: int, year: int) -> list[dict]:
    nips = personas(database)
    clients: dict[tuple, Client] = {}
    out = []
    for label, persona, role, path, aim in PAGES:
        key = (persona, role)
        if key not in clients:
            clients[key] = Client(url).login(nips[persona], role)
        client = clients[key]
        path = path.format(tw1=f"{year}-TW1")
        for _ in range(2):  # warm both workers
            status, _body = client.get(path)
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            status, _body = client.get(path)
            times.append((time.perf_counter() - start) * 1000)
            if status != 200:
                raise RuntimeError(f"{path}: HTTP {status}")
        out.append({"page": label, "path": path, "median_ms": round(percentile(times, 50), 1),
                    "p95_ms": round(percentile(times, 95), 1), "aim_ms": aim})
    return out


def table(rows: list[dict]) -> str:
    lines = [f"{'halaman':<34} {'median':>8} {'p95':>8} {'target':>7}"]
    for r in rows:
        ok = "ya" if r["p95_ms"] <= r["aim_ms"] else "TIDAK"
        lines.append(f"{r['page']:<34} {r['median_ms']:>6.1f}ms {r['p95_ms']:>6.1f}ms "
                     f"<{r['aim_ms']}ms {ok}")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", required=True)
    parser.add_argument("--employees", type=int, default=50000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--json", help="write the results here")
    args = parser.parse_args()
    seeded = ensure_province(args.database, args.employees, tempfile.mkdtemp())
    print(f"provinsi: {seeded}", flush=True)
    year = time.localtime().tm_year
    with Server(args.database, workers=args.workers) as server:
        rows = measure(server.url, args.database, args.repeat, year)
    print(table(rows))
    if args.json:
        Path(args.json).write_text(json.dumps({"seed": seeded, "pages": rows}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
