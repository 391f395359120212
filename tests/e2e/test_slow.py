"""Slow network: Chromium's emulation at 400 kbit/s down and up with 400 ms latency.
Login and each home, then the main flows with JavaScript on (htmx): a daily entry (exactly one
saved, even after a double tap), an SKP approval (recorded) and a rapor download (a valid PDF).
Outcomes are asserted; durations are printed (a shared CI machine is no stopwatch)."""
import pytest

from tests.e2e.demo_db import pdf_text
from tests.e2e.harness import HOMES
from tests.e2e.meter import ByteMeter, timed

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("role", list(HOMES))
def test_login_and_home_on_a_slow_network(page, live, role, login):
    meter = ByteMeter(page)
    meter.throttle(down_kbit=400, up_kbit=400, latency_ms=400)
    seconds = timed(lambda: login(page, role, role))
    assert page.url == live.url + HOMES[role]
    assert page.locator("main h1").is_visible()
    again = timed(lambda: page.goto(live.url + HOMES[role]))
    assert page.locator("main h1").is_visible()
    print(f"\nlambat ({role}): masuk sampai beranda {seconds:.1f} s (cache kosong), "
          f"buka ulang {again:.1f} s")


def _slow(page):
    meter = ByteMeter(page)
    meter.throttle(down_kbit=400, up_kbit=400, latency_ms=400)
    return meter


def test_daily_entry_on_a_slow_network_is_saved_exactly_once(page, live, login):
    from sqlalchemy import func, select

    from portal.extensions import db
    from portal.models import ProgresHarian

    login(page, "pegawai")
    page.wait_for_load_state("load")
    _slow(page)
    text = "Sinyal lemah: verifikasi laporan kasus DBD"
    page.fill("#entri-form #uraian", text)
    page.fill("#entri-form #tanggal", live.workday("pegawai"))

    def send():
        with page.expect_response(lambda r: r.url.endswith("/harian/entri")):
            page.dblclick("#entri-form button")  # an impatient double tap
        page.locator("#hari-ini").get_by_text(text).wait_for()

    seconds = timed(send)
    page.wait_for_timeout(1500)  # a second request, had one gone out, would have landed by now
    saved = live.query(lambda: db.session.scalar(select(func.count(ProgresHarian.id)).where(
        ProgresHarian.uraian == text)))
    assert saved == 1
    assert page.input_value("#entri-form #uraian") == ""  # a fresh form for the next entry
    print(f"\nlambat: entri harian tersimpan dalam {seconds:.1f} s")


def test_approval_on_a_slow_network_is_recorded(page, live, login):
    from sqlalchemy import select

    from portal.extensions import db
    from portal.models import Skp

    login(page, "kasi_mutu")
    skp_id = live.query(lambda: db.session.scalar(select(Skp.id).where(
        Skp.pegawai_id == live.ids["staf_mutu2"], Skp.status == "diajukan")))
    page.goto(live.url + "/skp/persetujuan")
    page.wait_for_load_state("load")
    _slow(page)

    def approve():
        page.locator(f"#skp-{skp_id}").get_by_role("button", name="Setujui").click()
        page.locator(f"#skp-{skp_id} .tersimpan").wait_for()

    seconds = timed(approve)
    state = live.query(lambda: (lambda s: (s.status, s.disetujui_oleh_id))(
        db.session.get(Skp, skp_id)))
    assert state == ("disetujui", live.ids["kasi_mutu"])
    print(f"\nlambat: persetujuan SKP tercatat dalam {seconds:.1f} s")


def test_rapor_download_on_a_slow_network_is_a_valid_pdf(page, live, login):
    login(page, "pegawai")
    page.goto(live.url + f"/riwayat/{live.nip('pegawai')}")
    _slow(page)
    link = page.locator("main a[href*='/rapor/'][href*='-TW']").first
    holder = {}

    def download():
        with page.expect_download() as info:
            link.click()
        with open(info.value.path(), "rb") as f:
            holder["data"] = f.read()

    seconds = timed(download)
    text = pdf_text(holder["data"])
    assert "DOKUMEN EVALUASI KINERJA PEGAWAI" in text and live.nip("pegawai") in text
    print(f"\nlambat: rapor {len(holder['data']) // 1024} KB diunduh dalam {seconds:.1f} s")
