"""Documents from storage, measured in process (Flask's test client: the portal's whole stack
of hooks, no network):

- a sealed rapor's download (stored bytes, ETag) against the static favicon, same client, same
  headers (a browser's Accept-Encoding), median and p95 of many requests;
- a batch ZIP through `portal.rapor.batch.build_zip` of every sealed rapor of the demo's past
  year, and 1,000 sealed rapor served from stored bytes into one ZIP the way build_zip does
  (register lookup, storage read, SHA-256 check, deflate) — the demo has a few dozen sealed
  rapor, so the 1,000 cycle through them.

    python bench/dokumen_tersimpan.py [--requests 300] [--documents 1000]

A fresh SQLite database in a temporary folder (seed-demo, the demo certificate, segel-demo).
"""
from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

HEADERS = {"Accept-Encoding": "gzip, deflate, br"}


def _statements(app, client, url: str) -> int:
    """SQL statements one request runs."""
    from sqlalchemy import event

    from portal.extensions import db

    seen = []
    with app.app_context():
        engine = db.engine

    def count(*_args):
        seen.append(1)

    event.listen(engine, "before_cursor_execute", count)
    try:
        client.get(url, headers=HEADERS).close()
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return len(seen)


def _times(client, url: str, n: int) -> dict:
    for _ in range(20):
        client.get(url, headers=HEADERS).close()
    took = []
    for _ in range(n):
        started = time.perf_counter()
        r = client.get(url, headers=HEADERS)
        r.get_data()
        took.append((time.perf_counter() - started) * 1000)
        assert r.status_code == 200, (url, r.status_code)
        r.close()
    took.sort()
    return {"median_ms": round(statistics.median(took), 3),
            "p95_ms": round(took[int(len(took) * 0.95)], 3)}


def run(requests: int, documents: int) -> dict:
    folder = Path(tempfile.mkdtemp(prefix="portal-dokumen-"))
    os.environ["INSTANCE_PATH"] = str(folder)
    from sqlalchemy import func, select

    from portal import create_app
    from portal.dokumen import jenis, seal
    from portal.dokumen.storage import storage
    from portal.extensions import db
    from portal.models import Dokumen, Job, Pegawai, Penilaian, Periode
    from portal.models.penilaian import TAHUNAN
    from portal.rapor import batch, services

    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'portal.db'}",
                      "SECRET_KEY": "bench", "WTF_CSRF_ENABLED": False})
    try:
        with app.app_context():
            db.create_all()
        runner = app.test_cli_runner()
        for args in (["seed-demo", "--password", "kinerja2026"], ["dokumen", "sertifikat-demo"],
                     ["dokumen", "segel-demo"]):
            out = runner.invoke(args=args)
            assert out.exit_code == 0, (args, out.output, out.exception)
        with app.app_context():
            rows = db.session.scalars(select(Dokumen).where(Dokumen.jenis == "rapor")).all()
            sample = rows[0]
            nip, period_code = sample.subjek_nip, sample.seri.split(":")[1]
            sizes = [r.ukuran for r in rows]
        client = app.test_client()
        client.post("/masuk", data={"nip": nip, "password": "kinerja2026"})
        rapor_url = f"/rapor/{nip}/{period_code}.pdf"
        result = {"sealed_rapor": len(rows), "rapor_kb_median": round(
            statistics.median(sizes) / 1024, 1)}
        result["favicon"] = _times(client, "/favicon.ico", requests)
        result["sealed_rapor_download"] = _times(client, rapor_url, requests)
        result["favicon"]["statements"] = _statements(app, client, "/favicon.ico")
        result["sealed_rapor_download"]["statements"] = _statements(app, client, rapor_url)
        result["ratio"] = round(result["sealed_rapor_download"]["median_ms"]
                                / result["favicon"]["median_ms"], 2)
        with app.app_context():
            sekda = db.session.scalar(select(Pegawai.id).where(
                Pegawai.nip == "196805121990031005"))
            job = Job(kind="rapor_zip", owner_id=sekda, status="berjalan",
                      params=json.dumps({"periode": period_code, "cakupan": "semua"}))
            db.session.add(job)
            db.session.commit()
            started = time.perf_counter()
            key = batch.build_zip(job, lambda **_kw: None)
            db.session.commit()
            took = time.perf_counter() - started
            count = len(batch.nips_in_zip(storage().get(key)))
            result["build_zip"] = {"rapor": count, "seconds": round(took, 3),
                                   "ms_per_rapor": round(took * 1000 / max(count, 1), 2),
                                   "zip_kb": round(len(storage().get(key)) / 1024)}
            # 1,000 through the same path, cycling through the sealed ones.
            period = services.period_or_404(period_code)
            year = db.session.scalar(select(Periode).where(Periode.tahun == period.periode.tahun))
            people = db.session.execute(
                select(Pegawai, Penilaian).join(Penilaian, Penilaian.pegawai_id == Pegawai.id)
                .where(Penilaian.periode_id == year.id, Penilaian.kode == TAHUNAN)
                .where(Pegawai.nip.in_([r.subjek_nip for r in rows]))).all()
            issued_before = db.session.scalar(select(func.count(Dokumen.id)))
            started = time.perf_counter()
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
                for i in range(documents):
                    pegawai, penilaian = people[i % len(people)]
                    issued = seal.terbitkan(jenis.rapor(pegawai, period, penilaian))
                    assert issued.dokumen is not None  # sealed, not a draft
                    archive.writestr(f"{i:04d}-rapor-{pegawai.nip}.pdf", issued.data)
            storage().put(f"unduhan/bench/{documents}.zip", out.getvalue())
            db.session.commit()
            took = time.perf_counter() - started
            # stored bytes only: not one document was issued (rendered) again
            assert db.session.scalar(select(func.count(Dokumen.id))) == issued_before
            result["zip_of_stored"] = {"rapor": documents, "seconds": round(took, 3),
                                       "ms_per_rapor": round(took * 1000 / documents, 2),
                                       "zip_mb": round(out.tell() / 1024 / 1024, 1)}
        result["load_average"] = [round(x, 2) for x in os.getloadavg()]
        return result
    finally:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()
        shutil.rmtree(folder, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--json", help="also write the result to this file (make bench)")
    args = parser.parse_args()
    result = run(args.requests, args.documents)
    print(json.dumps(result, indent=2))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
