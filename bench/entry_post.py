"""Daily-entry POST throughput with wrk, beside a bare Flask hello-world and the portal's own
`/_bench/hello`, each under the same gunicorn (2 sync workers), back to back in one run.

    python bench/entry_post.py --database postgresql+psycopg://postgres@127.0.0.1:5432/portal_bench

Each of the N people (staff of the synthetic province) logs in through the form with the Python
client; wrk (Debian package `wrk`) then posts the quick entry as the page does (htmx request:
session cookie, CSRF token, `Accept-Encoding: br, gzip`, an idempotency key of its own per
request, bench/entry_post.lua) over N connections. The bare hello-world (bench/hello.py) is the
framework's floor; `/_bench/hello` runs every hook of the portal. wrk runs on the same two cores
as the server, so all numbers are lower than on separate machines; the ratio is what counts.
Traffic goes to 127.0.0.1 only; every phase is bounded in time.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from common import Client, Server, flask, staff_nips  # noqa: E402

# The rencana aksi preselected in the quick entry, or (nothing planned this month) the RHK.
RHK = re.compile(r'name="(rencana|rhk)"[^>]*>.*?<option[^>]*value="(\d+)"', re.S)
AGENT = "portal-bench"  # the login's User-Agent is wrk's too (the session is bound to it)
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def entry_day() -> str:
    """A working day in the instansi's time zone (the server's today; the host's may differ)."""
    day = datetime.now(ZoneInfo(os.environ.get("PORTAL_TIMEZONE", "Asia/Jakarta"))).date()
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return day.isoformat()


def wrk_path() -> str:
    found = shutil.which("wrk")
    if not found:
        raise SystemExit("wrk tidak ada: apt-get install wrk (make bench memasangnya)")
    return found


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return round(float(number) * UNITS[unit], 2)


def wrk(url: str, connections: int, seconds: float, script: list[str] | None = None) -> dict:
    """One wrk phase (2 threads): requests/s, latency percentiles, answers that were not 2xx/3xx,
    and the load average when it ended (the machine is shared)."""
    args = [wrk_path(), "-t2", f"-c{connections}", f"-d{int(seconds)}s", "--latency",
            "--timeout", "30s", "-H", "Accept-Encoding: br, gzip"]
    if script:
        args += ["-s", script[0], url, "--", *script[1:]]
    else:
        args.append(url)
    out = subprocess.run(args, capture_output=True, text=True, timeout=seconds + 60).stdout
    if "Latency Distribution" not in out:
        raise RuntimeError(f"wrk tanpa hasil:\n{out}")
    pct = dict(re.findall(r"^\s+(50|99)(?:\.000)?%\s+(\S+)\s*$", out, re.M))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: (.*)$", out, re.M)
    return {"requests": int(re.search(r"(\d+) requests in", out).group(1)),
            "rps": round(float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)), 1),
            "p50_ms": _ms(pct["50"]), "p99_ms": _ms(pct["99"]),
            "not_2xx": int(bad.group(1)) if bad else 0,
            "socket_errors": errors.group(1) if errors else "",
            "load": round(os.getloadavg()[0], 2)}


def log_in(url: str, nips: list[str], day: str) -> list[str]:
    """One line per person for bench/entry_post.lua: cookie, CSRF token, the form's fields."""
    lines = []
    for nip in nips:
        c = Client(url, user_agent=AGENT).login(nip)
        _status, page = c.get("/beranda/pegawai")
        m = RHK.search(page)
        if not m:
            raise RuntimeError(f"{nip}: formulir entri tanpa RHK")
        body = urlencode({"csrf_token": c.token, m.group(1): m.group(2), "output": "1",
                          "uraian": "Menyusun laporan harian (uji beban)", "tanggal": day,
                          "mode": "WFO"})
        lines.append(f"{c.cookie_header()}\t{c.token}\t{body}")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", required=True)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--json")
    args = parser.parse_args()
    flask(["db", "upgrade"], args.database, tempfile.mkdtemp(), capture_output=True)  # run alone
    nips = staff_nips(args.database, args.clients)
    result: dict = {"database": args.database.split(":")[0].split("+")[0],
                    "clients": args.clients, "seconds": args.seconds, "client": "wrk"}
    with Server(args.database, target="bench.hello:create_bare_app()") as bare:
        wrk(bare.url + "/", args.clients, min(args.seconds, 3))  # warm-up
        result["bare"] = wrk(bare.url + "/", args.clients, args.seconds)
    folder = Path(tempfile.mkdtemp(prefix="portal-wrk-"))
    with Server(args.database, workers=2, hello=True) as server:
        clients = folder / "clients.tsv"
        clients.write_text("\n".join(log_in(server.url, nips, entry_day())) + "\n")
        script = [str(HERE / "entry_post.lua"), str(clients)]
        wrk(server.url + "/harian/entri", args.clients, min(args.seconds, 3),
            [*script, "w" + secrets.token_hex(3)])  # warm-up: connections, caches, plans
        result["hello"] = wrk(server.url + "/_bench/hello", args.clients, args.seconds)
        result["entry"] = wrk(server.url + "/harian/entri", args.clients, args.seconds,
                              [*script, "b" + secrets.token_hex(3)])
    shutil.rmtree(folder, ignore_errors=True)
    result["ratio"] = round(result["entry"]["rps"] / max(result["bare"]["rps"], 0.1), 3)
    result["ratio_portal_hello"] = round(result["entry"]["rps"]
                                         / max(result["hello"]["rps"], 0.1), 3)
    print(f"{'':<28} {'req/s':>8} {'p50':>9} {'p99':>9}  non-2xx  load")
    for key, label in (("bare", "bare Flask hello-world"), ("hello", "portal /_bench/hello"),
                       ("entry", "POST /harian/entri")):
        r = result[key]
        print(f"{label:<28} {r['rps']:>8.1f} {r['p50_ms']:>7.1f}ms {r['p99_ms']:>7.1f}ms  "
              f"{r['not_2xx']:>7}  {r['load']}")
    print(f"rasio entri/hello-world polos: {result['ratio']} (target >= 0.1); "
          f"entri/_bench/hello: {result['ratio_portal_hello']}")
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1))
    return 1 if result["entry"]["not_2xx"] or result["entry"]["socket_errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
