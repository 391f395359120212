"""The import preview grows linearly with the file: 50,000 lines sharing one NIP (the 103 KB
XLSX that took the server past 23 GB) stay under a fixed memory ceiling, measured with
tracemalloc, and the preview lists a bounded number of invalid lines per kind of reason."""
from __future__ import annotations

import json
import tracemalloc

from portal import clock
from portal.impor import rencana
from portal.impor.berkas import Baris
from tests.helpers.impor import new_person


def _lines(n: int) -> list[Baris]:
    row = new_person()
    return [Baris(i + 2, dict(row), []) for i in range(n)]


def _peak(lines: list[Baris]) -> tuple[int, dict]:
    """Peak bytes allocated while the plan is built and its preview written as JSON."""
    tracemalloc.start()
    try:
        plan = rencana.build(lines, clock.today())
        stored = json.dumps(plan.ringkasan(), ensure_ascii=False)
        _now, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak, json.loads(stored)


def test_fifty_thousand_duplicate_lines_preview_in_bounded_memory(app_ctx):
    small_peak, _ = _peak(_lines(10_000))
    peak, preview = _peak(_lines(50_000))
    assert peak < 128 * 1024 * 1024, f"{peak / 2**20:.0f} MiB"  # linear: about 70 MiB
    assert peak < 7 * small_peak  # five times the lines: about five times the memory, not 25
    assert preview["jumlah_tidak_valid"] == 50_000
    listed = preview["tidak_valid"]
    assert len(listed) == rencana.BATAS_PER_JENIS + 1
    assert listed[0]["alasan"] == "NIP ganda dalam berkas (juga di baris 3 dan 49.998 baris lain)."
    assert listed[-1]["alasan"] == "dan 49.980 baris lain dengan NIP yang sama"
    assert len(json.dumps(preview)) < 20_000


def test_each_kind_of_reason_is_listed_up_to_its_limit(app_ctx):
    lines = [Baris(i + 2, new_person(nip=f"{199001012015031000 + i}", golongan="Z/z"), [])
             for i in range(30)]
    plan = rencana.build(lines, clock.today())
    assert plan.jumlah_tidak_valid == 30
    assert len(plan.tidak_valid) == rencana.BATAS_PER_JENIS + 1
    assert plan.tidak_valid[-1]["alasan"].startswith("dan 10 baris lain dengan alasan: ")
