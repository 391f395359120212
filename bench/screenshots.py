"""Screenshots of each role's home and main task at phone width (360 x 740), for the README.

    .venv/bin/python bench/screenshots.py        # writes docs/screenshots/<name>.png

Uses the browser harness of the tests (a live portal with the demo province, Debian's Chromium)
and reduces each PNG to a small palette so the files stay a few KB.
"""
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.e2e import harness  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
# (file name, role, path): the login page, then each role's home and the task it opens most.
SHOTS = [
    ("masuk", None, "/masuk"),
    *((role, role, path) for role, path in harness.HOMES.items()),
    ("pegawai-progres", "pegawai", "/harian"),
    ("atasan-minggu", "atasan", "/tim/minggu"),
    ("sekda-distribusi", "sekda", "/penilaian/organisasi"),
    ("admin-pegawai", "admin", "/admin/pegawai"),
]


def shrink(path: Path) -> None:
    try:
        from PIL import Image
    except ImportError:
        return
    with Image.open(path) as image:
        small = image.convert("RGB").quantize(colors=48)
        small.save(path, optimize=True)


def main() -> None:
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    live = harness.LiveServer()
    try:
        with sync_playwright() as p:
            browser = harness.launch(p)
            for name, role, path in SHOTS:
                context = browser.new_context(viewport={"width": 360, "height": 740},
                                              locale="id-ID")
                page = context.new_page()
                if role:
                    harness.login(page, live, role, role)
                page.goto(live.url + path)
                target = OUT / f"{name}.png"
                page.screenshot(path=str(target))
                shrink(target)
                print(f"{target.relative_to(ROOT)}  {target.stat().st_size} B")
                context.close()
            browser.close()
    finally:
        live.stop()


if __name__ == "__main__":
    main()
