"""On a 360 x 740 phone: every htmx save answers at its button ("✓ Tersimpan · 30 Nov"), the new
row lands under its own day, and a consequential action asks first — in a native dialog with
JavaScript, on a confirmation page without it — and does nothing before "Ya". (The layout of
every page — fit, targets, navigation share, confirmations without JS — is walked in
test_a11y.py.)"""
from datetime import date, timedelta

import pytest

from tests.e2e.harness import login

pytestmark = pytest.mark.e2e


def _closed(live) -> bool:
    from portal.penilaian import periode

    return live.query(lambda: periode.kode_closed(periode.parse_kode(live.triwulan)))


def _open(new_context, live, persona: str, path: str):
    page = new_context().new_page()
    login(page, live, persona)
    page.goto(live.url + path)
    return page


def _saved_here(page, where: str) -> str:
    answer = page.locator(f"{where} .tersimpan")
    answer.wait_for()
    page.wait_for_timeout(100)  # the scroll after the swap settles
    box = answer.bounding_box()
    bar = page.locator("nav.tugas").bounding_box()
    assert answer.is_visible() and box["y"] >= 0 and box["y"] + box["height"] <= bar["y"], \
        (box, bar)  # on the first screen, above the bottom bar
    return answer.inner_text()


def test_every_htmx_save_answers_at_its_button(new_context, live):
    # the daily entry, dated another day: the answer names that day, the row goes under it
    page = new_context().new_page()
    login(page, live, "pegawai")
    day = date.fromisoformat(live.workday("pegawai")) - timedelta(days=1)
    while day.weekday() > 4:
        day -= timedelta(days=1)
    page.fill("#entri-form #uraian", "Verifikasi laporan KIPI puskesmas")
    page.fill("#entri-form #tanggal", day.isoformat())
    page.select_option("#entri-form #mode", "WFO")
    page.click("#entri-form button")
    text = _saved_here(page, "#entri-form")
    from portal.web import tanggal, tanggal_pendek

    short, full = live.query(lambda: (tanggal_pendek(day), tanggal(day)))
    assert text.startswith("Tersimpan · ") and text.endswith(f"untuk {short} · WFO"), text
    other_day = page.locator("#hari-lain > div").first
    assert other_day.locator("h3").inner_text() == full
    assert other_day.get_by_text("Verifikasi laporan KIPI puskesmas").count() == 1
    assert page.locator("#hari-ini").get_by_text("Verifikasi laporan KIPI").count() == 0
    page.context.close()

    # feedback to a report
    page = _open(new_context, live, "atasan", f"/umpan-balik/{live.ids['staf_surv1']}")
    page.select_option("#umpan-form #topik", index=0)
    page.fill("#umpan-form #teks", "Laporan minggu ini lengkap, terima kasih.")
    page.click("#umpan-form button")
    assert _saved_here(page, "#umpan-form").startswith("Umpan balik terkirim")
    page.context.close()

    # an SKP approved from the inbox
    page = _open(new_context, live, "kasi_mutu", "/skp/persetujuan")
    item = page.locator("article.inbox").first
    item_id = item.get_attribute("id")
    item.get_by_role("button", name="Setujui").click()
    assert "disetujui" in _saved_here(page, f"#{item_id}")
    page.context.close()

    # an admin's inline edit of a row of people
    page = _open(new_context, live, "admin", "/admin/pegawai?q=Siti")
    row = page.locator("tr[id^=pegawai-]").first
    row_id = row.get_attribute("id")
    row.get_by_role("link", name="Ubah", exact=True).click()
    page.locator(f"#{row_id} button.primary").click()
    assert _saved_here(page, f"#{row_id}").startswith("Tersimpan · ")


def test_closing_a_period_asks_in_a_dialog_with_javascript(new_context, live):
    page = new_context().new_page()
    login(page, live, "sekda")
    page.goto(live.url + f"/penilaian/organisasi/{live.triwulan}")
    page.get_by_role("button", name="Tutup periode").click()
    dialog = page.locator("dialog.dialog[open]")
    assert "Tutup periode" in dialog.inner_text() and dialog.is_visible()
    dialog.get_by_role("button", name="Batal").click()
    page.locator("dialog").wait_for(state="detached")  # removed once closed, not at the click
    assert not _closed(live)
    page.get_by_role("button", name="Tutup periode").click()
    with page.expect_navigation():
        page.locator("dialog.dialog[open]").get_by_role("button", name="Ya, lanjutkan").click()
    assert _closed(live)
    assert "ditutup" in page.locator("#pesan").inner_text()


def test_closing_a_period_asks_on_a_page_without_javascript(new_context, live):
    page = new_context(java_script_enabled=False).new_page()
    login(page, live, "sekda")
    origin = f"/penilaian/organisasi/{live.triwulan}"
    page.goto(live.url + origin)
    with page.expect_navigation():
        page.get_by_role("button", name="Tutup periode").click()
    assert page.locator("main h1").inner_text() == "Konfirmasi" and not _closed(live)
    assert page.locator("#konfirmasi a", has_text="Batal").get_attribute("href") == origin
    with page.expect_navigation():
        page.locator("#konfirmasi button.primary").click()
    assert _closed(live) and page.url.endswith(origin)


def test_a_person_is_picked_by_name_into_a_nip_field(new_context, live):
    page = _open(new_context, live, "admin", "/admin/presensi/perbaiki")
    page.fill("#cari-nip", "Dewi")
    answer = page.locator("#pilihan-nip button", has_text="Dewi Lestari")
    answer.wait_for()
    answer.click()
    assert page.input_value("#nip") == live.nip("staf_surv3")
    assert page.locator("#pilihan-nip button").count() == 0
    page.context.close()
