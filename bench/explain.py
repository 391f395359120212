"""EXPLAIN ANALYZE of the slowest statements behind the heaviest pages (the Sekda's dashboard,
talent search, a kepala OPD's team, the predikat distribution). Prints JSON {name: plan}.

    python bench/explain.py --database postgresql+psycopg://postgres@127.0.0.1:5432/portal_bench
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", required=True)
    parser.add_argument("--top", type=int, default=5)
    args = parser.parse_args()
    os.environ.update({"DATABASE_URL": args.database, "SECRET_KEY": "bench",
                       "INSTANCE_PATH": tempfile.mkdtemp(prefix="portal-explain-")})
    from sqlalchemy import event, select

    from portal import create_app
    from portal.extensions import db
    from portal.home import services as home
    from portal.models import Jabatan, RiwayatJabatan
    from portal.organisasi import services, talenta
    from portal.penilaian import distribusi
    from portal.penilaian.periode import parse_kode

    app = create_app()
    seen: list[tuple[float, str, str, object]] = []
    label = {"now": ""}

    def before(conn, _cur, _stmt, _params, _ctx, _many):
        conn.info["t0"] = time.perf_counter()

    def after(conn, _cur, stmt, params, _ctx, _many):
        seen.append((time.perf_counter() - conn.info["t0"], label["now"], stmt, params))

    with app.app_context():
        today = date.today()
        periode = home.active_periode()
        kepala = db.session.scalar(select(RiwayatJabatan.pegawai_id).join(Jabatan).where(
            Jabatan.eselon == "II").order_by(RiwayatJabatan.pegawai_id).limit(1))
        event.listen(db.engine, "before_cursor_execute", before)
        event.listen(db.engine, "after_cursor_execute", after)
        runs = {
            # the computation itself, not the figures kept for a minute (organisasi/cache.py)
            "dasbor Sekda": lambda: services.figures(None, periode, today),
            "talenta (fungsional)": lambda: talenta.search(
                talenta.Kriteria(jenis="fungsional"), None, today),
            "tim: semua bawahan kepala OPD": lambda: home.subtree_page(kepala, 1),
            "beranda Sekda": lambda: (home.opd_summary(), home.vacant_seats()),
        }
        runs["distribusi predikat (TW1)"] = lambda: distribusi.distribusi(
            parse_kode(f"{periode.tahun}-TW1"))
        for name, run in runs.items():
            label["now"] = name
            try:
                run()
            except Exception as exc:  # noqa: BLE001 - a page helper with another signature
                print(f"{name}: {exc}", file=sys.stderr)
            db.session.rollback()
        event.remove(db.engine, "before_cursor_execute", before)
        event.remove(db.engine, "after_cursor_execute", after)
        plans = {}
        raw = db.session.connection().connection.driver_connection
        for seconds, name, stmt, params in sorted(seen, key=lambda s: -s[0])[:args.top]:
            with raw.cursor() as cur:
                if "serves" in stmt:  # planned with hash joins, as the dashboard runs it
                    cur.execute("SET LOCAL enable_nestloop = off")
                if "OVER ()" in stmt and "RECURSIVE down" in stmt:  # home.index_walk()
                    cur.execute("SET LOCAL enable_hashjoin = off")
                    cur.execute("SET LOCAL enable_mergejoin = off")
                cur.execute("EXPLAIN (ANALYZE) " + stmt, params)
                plan = "\n".join(r[0] for r in cur.fetchall())
                for setting in ("enable_nestloop", "enable_hashjoin", "enable_mergejoin"):
                    cur.execute(f"SET LOCAL {setting} = on")
            plans[f"{name} — {seconds * 1000:.0f} ms: {' '.join(stmt.split())[:90]}…"] = plan
        raw.rollback()
    print(json.dumps(plans, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
