"""Load test: N clients for S seconds making daily entries and approvals against gunicorn with
2 workers, on SQLite (WAL) or PostgreSQL.

    python bench/load.py --clients 50 --seconds 60                 # fresh SQLite database
    python bench/load.py --clients 50 --seconds 60 --database postgresql+psycopg://…/portal_bench
    python bench/load.py --clients 10 --seconds 10 --kill-worker 4  # kill -9 a worker after 4 s

The script prepares the database (migrations + seed-demo), starts gunicorn on a free port, runs
the clients of bench/load_clients.py (entries with idempotency keys, double submits and retries,
realization submits, returns and accepts, password changes) and then checks:
zero 5xx; every acknowledged daily-entry key is exactly one row and no row exists that was not
acknowledged; the audit rows of realization decisions and password changes equal the
acknowledged ones; the database passes its integrity check; after a kill -9 gunicorn has started
a new worker. Traffic goes to 127.0.0.1 only; loops are bounded in time.
"""
from __future__ import annotations

import argparse
import json
import secrets
import shutil
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.load_clients import PASSWORDS, Client, Tally  # noqa: E402
from bench.load_server import Server  # noqa: E402
from portal import clock  # noqa: E402


def demo_nips() -> list[str]:
    from portal.demo import PEOPLE

    return [p.nip for p in PEOPLE.values()]


def load(url: str, clients: int, seconds: float, nips: list[str], run_id: str,
         writers: int = 2, server: Server | None = None,
         kill_after: float | None = None) -> Tally:
    tally = Tally()
    until = time.monotonic() + seconds
    # The first client of each person does that person's realization work; password changes go
    # to people with a single client (a change ends that person's other sessions).
    single = [i for i in range(min(clients, len(nips))) if i + len(nips) >= clients]
    changers = set(single[-writers:]) if writers else set()
    people = [Client(url, nips[i % len(nips)], tally, run_id, i, realisasi=i < len(nips),
                     password=i in changers) for i in range(clients)]
    threads = [threading.Thread(target=c.run, args=(until,), daemon=True) for c in people]
    for t in threads:
        t.start()
    if kill_after is not None and server is not None:
        time.sleep(kill_after)
        server.kill_a_worker()
    for t in threads:
        t.join(seconds + 180)
    return tally


def run(clients: int = 10, seconds: float = 10, url: str | None = None, writers: int = 2,
        database: str | None = None, kill_after: float | None = None) -> dict:
    nips = demo_nips()
    run_id = "beban-" + secrets.token_hex(4)
    if kill_after is not None:
        # A password change whose answer the kill cut off cannot be retried (the old password
        # no longer works), so it could not be counted; every other write retries to one row.
        writers = 0
    if url:
        return report(load(url, clients, seconds, nips, run_id, writers), seconds)
    with Server(database, password=PASSWORDS[0]) as server:
        tally = load(server.url, clients, seconds, nips, run_id, writers, server, kill_after)
        result = report(tally, seconds)
        rows = server.rows(run_id)
        result["database"] = "sqlite" if server.sqlite else "postgresql"
        result["rows"] = {"harian": len(rows["keys"]), **rows["audit"]}
        result["missing_keys"] = len(tally.keys - rows["keys"])
        result["unacknowledged_rows"] = len(rows["keys"] - tally.keys)
        result["max_rows_per_key"] = rows["max_rows_per_key"]
        result["integrity"] = server.integrity()
        if kill_after is not None:
            result["killed_workers"] = server.killed
            result["respawned"] = server.respawned()
        result["server_log"] = str(server.folder / "gunicorn.log")
    if passed(result):
        shutil.rmtree(server.folder, ignore_errors=True)
        result.pop("server_log")
    return result


def passed(result: dict) -> bool:
    ok = result["server_errors"] == 0 and result["gave_up"] == 0
    if "killed_workers" not in result:  # without a fault, not even a dropped connection
        ok = ok and not result["errors"]
    else:
        ok = ok and bool(result["killed_workers"]) and result["respawned"]
    if "rows" in result:
        ok = ok and result["missing_keys"] == 0 and result["unacknowledged_rows"] == 0 \
            and result["max_rows_per_key"] <= 1 and result["integrity"] == "ok" \
            and all(result["rows"][k] == result["acknowledged"].get(k, 0)
                    for k in result["rows"])
    return ok


def report(tally: Tally, seconds: float) -> dict:
    return {"requests": tally.requests, "per_second": round(tally.requests / seconds, 1),
            "statuses": dict(sorted(tally.statuses.items())), "errors": dict(tally.errors),
            "server_errors": tally.server_errors,
            "acknowledged": dict(sorted(tally.acknowledged.items())),
            "acknowledged_writes": sum(tally.acknowledged.values()),
            "double_sent": tally.double_sent, "retried": tally.retried,
            "gave_up": tally.gave_up, "conflicts": tally.conflicts,
            "relogins": tally.relogins, "slowest_seconds": round(tally.slowest, 3)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--writers", type=int, default=2,
                        help="clients that also change their password (counted rows)")
    parser.add_argument("--database", help="SQLAlchemy URL, e.g. postgresql+psycopg://… "
                        "(default: a fresh SQLite file in WAL mode)")
    parser.add_argument("--kill-worker", type=float, metavar="SECONDS",
                        help="kill -9 one gunicorn worker this many seconds into the run")
    parser.add_argument("--url", help="a running portal with the demo data (default: start one)")
    args = parser.parse_args()
    clock.freeze_from_environment()  # the clients' day is the server's (PORTAL_TODAY, if set)
    result = run(args.clients, args.seconds, args.url, args.writers, args.database,
                 args.kill_worker)
    print(json.dumps(result, indent=2, ensure_ascii=False))
    return 0 if passed(result) else 1


if __name__ == "__main__":
    sys.exit(main())
