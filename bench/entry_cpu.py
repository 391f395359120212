"""CPU per daily entry in process, and where it goes.

    python bench/entry_cpu.py --database postgresql+psycopg://postgres@127.0.0.1:5432/portal_bench

One staff member of the synthetic province logs in through the form of the app's test client;
then N quick entries (htmx, `Accept-Encoding: br, gzip`, CSRF on, a key each) go sequentially
through the whole app in this process: session, login, hooks, the view, the database round
trips, the fragment, compression. `time.process_time` per entry gives the CPU (the database
server's own work is not in it); a second pass under cProfile splits it by package and by the
steps of the request. The profiler itself inflates the times, so the breakdown is in shares of
the profiled total, scaled to the CPU measured without it.
"""
from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import re
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from common import PASSWORD, flask, staff_nips  # noqa: E402
from entry_post import RHK, entry_day  # noqa: E402

TOKEN = re.compile(r'name="csrf-token" content="([^"]+)"')
PAGE = {"User-Agent": "portal-bench"}
HEADERS = PAGE | {"HX-Request": "true", "Accept-Encoding": "br, gzip"}
# Steps of a request: (label, function name in the profile, file fragment).
STEPS = (("user load + seat (flask-login loader)", "load_user", "auth/loader.py"),
         ("force_password_change", "force_password_change", "auth/routes.py"),
         ("role check (seat)", "has_role", "orgtree.py"),
         ("session open/save", "open_session", "flask/sessions.py"),
         ("CSRF check", "protect", "flask_wtf/csrf.py"),
         ("the view", "entri_new", "harian/"),
         ("fragment (Jinja)", "render_template", "flask/templating.py"),
         ("compression", "by_size", "portal/compression.py"))
PACKAGES = ("sqlalchemy", "psycopg", "sqlite3", "jinja2", "wtforms", "flask_wtf", "flask_login",
            "flask_babel", "babel", "werkzeug", "flask", "brotli", "portal", "templates")


def package_of(filename: str) -> str:
    for name in PACKAGES:
        if f"/{name}/" in filename or filename.startswith(f"<{name}") or \
                (name == "templates" and filename.endswith(".html")):
            return name
    if filename == "~":
        return "builtins (C)"
    return "other"


def entry_body(token: str, field: str, value: str, day: str) -> dict:
    return {"csrf_token": token, field: value, "uraian": "Menyusun laporan harian (profil)",
            "output": "1", "tanggal": day, "mode": "WFO", "kunci": secrets.token_urlsafe(12)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", required=True)
    parser.add_argument("--entries", type=int, default=300)
    parser.add_argument("--json")
    parser.add_argument("--statements", action="store_true", help="print one entry's SQL")
    parser.add_argument("--top", type=int, default=0, help="print the N costliest functions")
    args = parser.parse_args()
    flask(["db", "upgrade"], args.database, tempfile.mkdtemp(), capture_output=True)  # run alone
    os.environ.update({"DATABASE_URL": args.database, "SECRET_KEY": "bench", "PORTAL_ENV": "",
                       "FLASK_ENV": "development", "INSTANCE_PATH": tempfile.mkdtemp(),
                       "LOGIN_MAX_PER_ADDRESS": "1000000", "LOGIN_MAX_PER_NIP": "1000000"})
    from portal import create_app

    app = create_app()
    nip = staff_nips(args.database, 60)[-1]  # not one the wrk phase posts for
    client = app.test_client()
    token = TOKEN.search(client.get("/masuk", headers=PAGE).text).group(1)
    client.post("/masuk", data={"csrf_token": token, "nip": nip, "password": PASSWORD},
                headers=PAGE)
    page = client.get("/beranda/pegawai", headers=PAGE).text
    token, (field, value) = TOKEN.search(page).group(1), RHK.search(page).groups()
    day = entry_day()

    def one() -> None:
        r = client.post("/harian/entri", data=entry_body(token, field, value, day),
                        headers=HEADERS | {"X-CSRFToken": token})
        if r.status_code != 200:
            raise RuntimeError(f"entri: {r.status_code} {r.text[:300]}")

    for _ in range(20):
        one()
    if args.statements:
        from sqlalchemy import event

        from portal.extensions import db

        with app.app_context():
            engine = db.engine
        seen: list[str] = []
        listener = lambda _c, _cur, sql, *_a: seen.append(" ".join(sql.split())[:400])  # noqa: E731
        event.listen(engine, "before_cursor_execute", listener)
        one()
        event.remove(engine, "before_cursor_execute", listener)
        print("\n".join(seen))
    cpu, wall = [], []
    for _ in range(args.entries):
        started, began = time.process_time(), time.perf_counter()
        one()
        cpu.append((time.process_time() - started) * 1000)
        wall.append((time.perf_counter() - began) * 1000)
    profile = cProfile.Profile(time.process_time)  # CPU, not the wait for the database
    profile.enable()
    for _ in range(args.entries):
        one()
    profile.disable()
    if args.top:
        pstats.Stats(profile).sort_stats("cumulative").print_stats(args.top)
    result = {"database": args.database.split(":")[0].split("+")[0], "entries": args.entries,
              "cpu_ms_median": round(statistics.median(cpu), 2),
              "cpu_ms_mean": round(statistics.fmean(cpu), 2),
              "wall_ms_median": round(statistics.median(wall), 2),
              "load": round(os.getloadavg()[0], 2), **breakdown(profile, args.entries,
                                                               statistics.fmean(cpu))}
    print(json.dumps(result, indent=1))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1))
    return 0


def breakdown(profile: cProfile.Profile, n: int, cpu_ms: float) -> dict:
    """Per entry, in µs of the unprofiled CPU: own time by package, and the requests' steps
    (cumulative, so a step includes what it calls; steps may overlap)."""
    stats = pstats.Stats(profile).stats  # (file, line, name) -> (cc, nc, tt, ct, callers)
    total = sum(v[2] for v in stats.values())
    scale = cpu_ms * 1000 / total  # share of the profiled total -> µs of one entry
    by_package: dict[str, float] = {}
    for (filename, _line, _name), (_cc, _nc, tt, _ct, _callers) in stats.items():
        key = package_of(filename)
        by_package[key] = by_package.get(key, 0) + tt
    steps = {}
    for label, name, where in STEPS:
        found = [v[3] for (f, _l, fn), v in stats.items() if fn == name and where in f]
        steps[label] = round(max(found, default=0) * scale)
    statements = sum(v[1] for (f, _l, fn), v in stats.items()
                     if fn == "do_execute" and "sqlalchemy" in f) / n
    return {"statements_per_entry": round(statements, 1),
            "own_time_by_package_us": {k: round(v * scale) for k, v in
                                       sorted(by_package.items(), key=lambda kv: -kv[1])},
            "steps_us": steps}


if __name__ == "__main__":
    sys.exit(main())
