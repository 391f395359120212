"""Rapor PDF: time per page beside the floor (a one-page plain document with the same
stylesheet, same process) and beside a naive render (stylesheet and fonts parsed for each
document); then a batch of rapor through the job system on every core.

    python bench/pdf_bench.py --database postgresql+psycopg://postgres@127.0.0.1:5432/portal_bench
"""
from __future__ import annotations

import argparse
import html as html_lib
import json
import os
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

PLAIN = ("<html><head><title>Dasar</title></head><body><h1>Dokumen</h1>"
         "<p>Satu halaman teks biasa dengan lembar gaya yang sama.</p></body></html>")


def bare_text(document: str) -> str:
    """The rapor's text as bare paragraphs (one per text run of the HTML): no tables, labels or
    blocks, the cheapest layout the same words can have; pages break wherever they fall."""
    body = document.split("<body", 1)[1].split(">", 1)[1]
    runs = [" ".join(t.split()) for t in re.split(r"<[^>]+>", body)]
    paras = "".join(f"<p>{html_lib.escape(html_lib.unescape(t))}</p>" for t in runs if t)
    return f"<html><head><title>Teks</title></head><body>{paras}</body></html>"


def timed(fn, n: int) -> tuple[float, bytes]:
    start = time.perf_counter()
    for _ in range(n):
        out = fn()
    return (time.perf_counter() - start) * 1000 / n, out


def single(app, pegawai_id: int, code: str, n: int) -> dict:
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    from portal import pdf
    from portal.extensions import db
    from portal.models import Pegawai
    from portal.rapor import services

    with app.app_context():
        person = db.session.get(Pegawai, pegawai_id)
        period = services.period_or_404(code)
        rating = services.penilaian_of(person.id, period)

        def context():
            return services.rapor_context(person, period, rating)

        ctx_ms, ctx = timed(context, n)
        html = app.jinja_env.get_template("pdf/rapor.html").render(**ctx)
        pdf.render_pdf("pdf/rapor.html", **ctx)  # parse the stylesheet once (as a server does)
        fonts, css = pdf._resources()
        rapor_ms, data = timed(lambda: pdf.render_pdf("pdf/rapor.html", **context()), n)
        pages = len(HTML(string=html, base_url=str(ROOT)).render(
            stylesheets=css, font_config=fonts).pages)
        floor_ms, plain = timed(lambda: HTML(string=PLAIN, base_url=str(ROOT)).write_pdf(
            stylesheets=css, font_config=fonts), n)

        text_html = bare_text(html)
        text_ms, _ = timed(lambda: HTML(string=text_html, base_url=str(ROOT)).write_pdf(
            stylesheets=css, font_config=fonts), n)
        text_pages = len(HTML(string=text_html, base_url=str(ROOT)).render(
            stylesheets=css, font_config=fonts).pages)

        def naive():
            f = FontConfiguration()
            sheets = [CSS(filename=str(p), font_config=f) for p in pdf.STYLESHEETS]
            return HTML(string=html, base_url=str(ROOT)).write_pdf(stylesheets=sheets,
                                                                   font_config=f)

        naive_ms, _ = timed(naive, max(2, n // 2))
    per_page = rapor_ms / max(pages, 1)
    return {"pages": pages, "rapor_ms": round(rapor_ms, 1), "context_ms": round(ctx_ms, 1),
            "per_page_ms": round(per_page, 1), "floor_ms": round(floor_ms, 1),
            "floor_pages": len(HTML(string=PLAIN, base_url=str(ROOT)).render(
                stylesheets=css, font_config=fonts).pages), "rapor_bytes": len(data),
            "floor_bytes": len(plain),
            "ratio_per_page": round(per_page / floor_ms, 2), "naive_ms": round(naive_ms, 1),
            "naive_over_cached": round(naive_ms / rapor_ms, 2),
            "text_ms": round(text_ms, 1), "text_pages": text_pages,
            # per page of the rapor: the same words, however many pages bare paragraphs fill
            "text_ratio_per_page": round(text_ms / max(pages, 1) / floor_ms, 2)}


def _tree_rss(root: int) -> dict[int, int]:
    """RSS in KiB of every process below `root` (from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
                ppid = int(stat.rsplit(")", 1)[1].split()[1])
                children.setdefault(ppid, []).append(int(entry))
            except (OSError, IndexError, ValueError):
                continue
    out, todo = {}, list(children.get(root, []))
    while todo:
        pid = todo.pop()
        todo += children.get(pid, [])
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS"):
                    out[pid] = int(line.split()[1])
        except OSError:
            pass
    return out


def batch(app, owner_id: int, scope: str, code: str) -> dict:
    from portal import jobs
    from portal.extensions import db
    from portal.models import Job

    with app.app_context():
        start = time.perf_counter()
        job = jobs.enqueue("rapor_zip", {"periode": code, "cakupan": scope}, owner_id)
        job_id = job.id
        samples = []
        while True:
            time.sleep(1)
            rss = _tree_rss(os.getpid())
            db.session.expire_all()
            job = db.session.get(Job, job_id)
            samples.append((time.perf_counter() - start, sum(rss.values()),
                            max(rss.values(), default=0), job.done))
            if job.status in ("selesai", "gagal"):
                break
        seconds = time.perf_counter() - start
        result = {"status": job.status, "documents": job.done, "total": job.total,
                  "failures": len(job.failure_list), "seconds": round(seconds, 1),
                  "docs_per_s": round(job.done / seconds, 2),
                  "peak_rss_mib": round(max(s[1] for s in samples) / 1024),
                  "peak_process_mib": round(max(s[2] for s in samples) / 1024),
                  "zip": job.result_path}
    third = max(1, len(samples) // 3)
    result["rss_first_third_mib"] = round(max(s[1] for s in samples[:third]) / 1024)
    result["rss_last_third_mib"] = round(max(s[1] for s in samples[-third:]) / 1024)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", required=True)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--batch", type=int, default=1000, help="documents in the batch (0: skip)")
    parser.add_argument("--json")
    args = parser.parse_args()
    os.environ.update({"DATABASE_URL": args.database, "SECRET_KEY": "bench",
                       "INSTANCE_PATH": tempfile.mkdtemp(prefix="portal-pdf-"),
                       "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "")})
    from sqlalchemy import func, select

    from portal import create_app
    from portal.extensions import db
    from portal.models import Jabatan, Penilaian, RiwayatJabatan

    app = create_app()
    year = time.localtime().tm_year
    code = f"{year}-TW1"
    with app.app_context():
        # A kepala seksi (a typical rapor) and, for the batch, the smallest atasan whose
        # subtree holds at least --batch rated people.
        kasi = db.session.scalar(select(RiwayatJabatan.pegawai_id).join(Jabatan).where(
            Jabatan.eselon == "IV").order_by(RiwayatJabatan.pegawai_id).limit(1))
        rated = db.session.scalar(select(func.count()).select_from(Penilaian).where(
            Penilaian.kode == "TW1"))
    result = {"single": single(app, kasi, code, args.repeat)}
    s = result["single"]
    print(f"rapor {s['pages']} hlm: {s['rapor_ms']} ms ({s['per_page_ms']} ms/hlm, konteks "
          f"{s['context_ms']} ms); dasar 1 hlm {s['floor_ms']} ms; rasio per halaman "
          f"{s['ratio_per_page']} (target < 1.5); naif {s['naive_ms']} ms "
          f"({s['naive_over_cached']}x); teks polos {s['text_ms']} ms, {s['text_pages']} hlm, "
          f"rasio per halaman rapor {s['text_ratio_per_page']}", flush=True)
    if args.batch and rated:
        from portal import orgtree
        from portal.models import Pegawai

        with app.app_context():
            owner = _owner_for(args.batch, orgtree, Pegawai)
        result["batch"] = batch(app, owner, "bawahan", code)
        b = result["batch"]
        print(f"batch {b['documents']}/{b['total']} rapor: {b['seconds']} s, {b['docs_per_s']} "
              f"dok/s, puncak RSS {b['peak_rss_mib']} MiB (proses terbesar "
              f"{b['peak_process_mib']} MiB; sepertiga awal {b['rss_first_third_mib']}, akhir "
              f"{b['rss_last_third_mib']} MiB), status {b['status']}, gagal {b['failures']}")
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1))
    return 0


def _owner_for(size: int, orgtree, Pegawai) -> int:
    """The OPD head (or the Sekda) whose subtree is closest above `size` people."""
    from sqlalchemy import func, select

    from portal.extensions import db
    from portal.models import Jabatan, RiwayatJabatan

    heads = db.session.scalars(select(RiwayatJabatan.pegawai_id).join(Jabatan).where(
        Jabatan.eselon.in_(("I", "II"))).order_by(RiwayatJabatan.pegawai_id)).all()
    best = None
    for pid in heads:
        n = db.session.scalar(select(func.count()).select_from(
            orgtree.subtree_pegawai_ids(pid).subquery()))
        if n >= size and (best is None or n < best[1]):
            best = (pid, n)
    return best[0] if best else heads[0]


if __name__ == "__main__":
    sys.exit(main())
