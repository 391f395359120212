"""What the browser tests check on every page: axe-core's accessibility findings, sideways
scrolling, the phone layout (fit, tap targets, the navigation's share) and that consequential
forms ask first. Used by test_a11y.py; the page list is pages.py."""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def axe_violations(page, impacts=("serious", "critical")) -> list[dict]:
    """Run axe-core (npm, injected through DevTools evaluation, which our CSP does not block)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [{"id": v["id"], "impact": v["impact"], "help": v["help"],
             "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in result["violations"] if v["impact"] in impacts]


def horizontal_overflow(page) -> int:
    """How many CSS pixels the page is wider than the window (0 = no sideways scrolling)."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


# --- phone layout: fit, tap targets, navigation share, confirmations ------------------------

_PHONE = (Path(__file__).parent / "phone_check.js").read_text(encoding="utf-8")


def phone_problems(page) -> tuple[list[str], float]:
    """At a phone's width: what sticks out of the screen or is cut off inside a box, tap targets
    under 44 x 44 px that have no 44 px area of their own, and the share of the first screen's
    height the navigation takes (top bar plus bottom bar)."""
    page.evaluate("window.scrollTo(0, 0)")
    found = page.evaluate(_PHONE)
    return found["problems"], found["nav"]


# Forms that change a period, a rating or a batch: each must ask first (data-konfirmasi).
CONSEQUENTIAL = (r"/tutup$", r"/buka$", r"/rating$", r"/terapkan$", r"/realisasi/terima$",
                 r"/aktif$", r"/\d+/keberatan$", r"/putusan$", r"/hapus$", r"/nonaktif$",
                 r"/akhiri$", r"/reset-sandi$", r"/revisi$", r"^/penilaian/tim/[^/]+/\d+$",
                 r"^/penilaian/kepala-daerah/", r"^/penilaian/\d+/terima$")

_CONFIRMS = (Path(__file__).parent / "confirm_check.js").read_text(encoding="utf-8")


def confirmation_problems(page) -> list[str]:
    """Every form of the page that changes a period, a rating or a batch (or asks with
    data-konfirmasi) answers a POST that did not confirm with the confirmation page, as it does
    without JavaScript; nothing is done before "Ya"."""
    return page.evaluate(_CONFIRMS, list(CONSEQUENTIAL))
