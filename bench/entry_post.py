"""Daily-entry POST throughput and p99 at N concurrent clients, beside a hello-world endpoint
of the same server (gunicorn, 2 workers) in the same run.

    python bench/entry_post.py --database postgresql+psycopg://postgres@127.0.0.1:5432/portal_bench

Each client is a different staff member of the synthetic province (logged in through the form),
posting the quick entry as the page does (htmx request: session, CSRF, validation against the SKP,
calendar and flexible-work rules, insert, fragment render). The hello-world endpoint exists only
in the server this script starts through bench/hello.py. The client runs on the
same two cores as the server, so both numbers are lower than on separate machines; the ratio is
what counts. Traffic goes to 127.0.0.1 only; loops are bounded in time.
"""
from __future__ import annotations

import argparse
import json
import re
import secrets
import sys
import threading
import time
import urllib.request
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import Client, Server, percentile, staff_nips  # noqa: E402

# The rencana aksi preselected in the quick entry, or (nothing planned this month) the RHK.
RHK = re.compile(r'name="(rencana|rhk)"[^>]*>.*?<option[^>]*value="(\d+)"', re.S)


def entry_day() -> str:
    day = date.today()
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return day.isoformat()


def run_phase(workers: int, seconds: float, one_request) -> dict:
    """`workers` threads call one_request(i) until the time is up: (status, ms) each."""
    latencies: list[float] = []
    statuses: Counter = Counter()
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def loop(i: int) -> None:
        mine, codes = [], Counter()
        while time.monotonic() < stop:
            start = time.perf_counter()
            try:
                status = one_request(i)
            except OSError:
                status = 0
            mine.append((time.perf_counter() - start) * 1000)
            codes[status] += 1
        with lock:
            latencies.extend(mine)
            statuses.update(codes)

    threads = [threading.Thread(target=loop, args=(i,)) for i in range(workers)]
    began = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - began
    ok = sum(n for code, n in statuses.items() if 200 <= code < 400)
    return {"requests": sum(statuses.values()), "ok": ok, "rps": round(ok / elapsed, 1),
            "p50_ms": round(percentile(latencies, 50), 1),
            "p99_ms": round(percentile(latencies, 99), 1),
            "statuses": {str(k): v for k, v in sorted(statuses.items())}}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", required=True)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--json")
    args = parser.parse_args()
    nips = staff_nips(args.database, args.clients)
    day = entry_day()
    with Server(args.database, workers=2, hello=True) as server:
        clients = []
        for nip in nips:
            c = Client(server.url).login(nip)
            _status, page = c.get("/beranda/pegawai")
            m = RHK.search(page)
            if not m:
                raise RuntimeError(f"{nip}: formulir entri tanpa RHK")
            clients.append((c, (m.group(1), m.group(2))))

        def hello(_i: int) -> int:
            with urllib.request.urlopen(server.url + "/_bench/hello", timeout=60) as r:
                r.read()
                return r.status

        def entry(i: int) -> int:
            c, (field, value) = clients[i % len(clients)]
            status, _body = c.post("/harian/entri", {
                field: value, "uraian": "Menyusun laporan harian (uji beban)", "output": "1",
                "tanggal": day, "mode": "WFO", "kunci": secrets.token_urlsafe(12)},
                headers={"HX-Request": "true"})
            return status

        result = {"clients": args.clients, "seconds": args.seconds,
                  "hello": run_phase(args.clients, args.seconds, hello),
                  "entry": run_phase(args.clients, args.seconds, entry)}
    result["ratio"] = round(result["entry"]["rps"] / max(result["hello"]["rps"], 0.1), 3)
    print(f"{'':<22} {'req/s':>8} {'p50':>9} {'p99':>9}  status")
    for key, label in (("hello", "hello-world"), ("entry", "POST entri harian")):
        r = result[key]
        print(f"{label:<22} {r['rps']:>8.1f} {r['p50_ms']:>7.1f}ms {r['p99_ms']:>7.1f}ms  "
              f"{r['statuses']}")
    print(f"rasio entri/hello-world: {result['ratio']} (target >= 0.3)")
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1))
    bad = sum(n for code, n in result["entry"]["statuses"].items() if code != "200")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
