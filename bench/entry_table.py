"""BENCHMARKS.md's section on the daily entry: wrk against the bare Flask floor, and the CPU
per entry in process with its breakdown (bench/entry_post.py, bench/entry_cpu.py)."""
from __future__ import annotations

LABELS = (("bare", "bare Flask hello-world (no extensions)"),
          ("hello", "the portal's `/_bench/hello` (every hook)"),
          ("entry", "POST `/harian/entri` (htmx, br/gzip)"))


def entry_markdown(res: dict) -> list[str]:
    md: list[str] = []
    runs = [(name, res.get(f"entry_{key}")) for key, name in (("pg", "PostgreSQL"),
                                                               ("sqlite", "SQLite"))]
    if any(r for _n, r in runs):
        md += ["## Daily-entry POST with wrk against a bare Flask app", "",
               "gunicorn, 2 sync workers; wrk, 2 threads, 50 connections, one phase after the "
               "other in the same run; 50 logged-in people, a new idempotency key per request "
               "(bench/entry_post.lua). Load average (1 min) when each phase ended.", "",
               "| database | endpoint | req/s | p50 | p99 | not 2xx | load |",
               "|---|---|---:|---:|---:|---:|---:|"]
        for name, r in runs:
            if not r:
                continue
            for key, label in LABELS:
                x = r[key]
                md.append(f"| {name} | {label} | {x['rps']} | {x['p50_ms']} ms | "
                          f"{x['p99_ms']} ms | {x['not_2xx']} | {x['load']} |")
        md.append("")
        for name, r in runs:
            if r:
                md.append(f"- {name}: entry / bare hello-world **{r['ratio']}** (aim ≥ 0.1); "
                          f"entry / `/_bench/hello` {r['ratio_portal_hello']}")
        md.append("")
    cpus = [(name, res.get(f"cpu_{key}")) for key, name in (("pg", "PostgreSQL"),
                                                             ("sqlite", "SQLite"))]
    if any(c for _n, c in cpus):
        md += ["## CPU per daily entry, in process (bench/entry_cpu.py)", "",
               "Sequential entries through the whole app (test client: session, hooks, CSRF, "
               "view, statements, fragment, brotli); `time.process_time` per entry, then the "
               "same under cProfile (CPU clock) for the split, scaled to the unprofiled CPU. "
               "Steps are cumulative and may overlap (the user load happens inside "
               "`force_password_change`).", "",
               "| database | CPU per entry (median) | statements | load |",
               "|---|---:|---:|---:|"]
        for name, c in cpus:
            if c:
                md.append(f"| {name} | **{c['cpu_ms_median']} ms** (aim ≤ 4 ms) | "
                          f"{c['statements_per_entry']} | {c['load']} |")
        md.append("")
        present = [(n, c) for n, c in cpus if c]
        head = " | ".join(n for n, _c in present)
        for title, key in (("step", "steps_us"), ("package (own time)",
                                                  "own_time_by_package_us")):
            md += [f"| {title} | {head} |", "|---|" + "---:|" * len(present)]
            keys = list(present[0][1][key])
            for k in keys:
                md.append(f"| {k} | " + " | ".join(f"{c[key].get(k, 0):,} µs"
                                                   for _n, c in present) + " |")
            md.append("")
    return md
