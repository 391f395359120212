"""Feedback while waiting, errors in place, and the offline queue of static/js/portal.js."""
import json

import pytest

from tests.e2e.harness import logout

pytestmark = pytest.mark.e2e

SEARCH = "**/tim/semua?q=*"


@pytest.fixture
def search_page(page, live, login):
    login(page, "atasan_atasan")
    page.goto(live.url + "/tim/semua")
    page.wait_for_load_state("load")  # htmx and portal.js are deferred: they ran by now
    return page


def test_indicator_and_busy_button_while_a_request_runs(search_page):
    page = search_page
    held = []
    page.route(SEARCH, lambda route: held.append(route))
    page.fill("#q", "rizky")
    page.locator("#memuat.htmx-request").wait_for()  # (wait_for_function would need eval)
    assert page.locator("#memuat").is_visible()
    assert page.locator("form.search button").is_disabled()
    assert held, "permintaan pencarian tidak terkirim"
    held[0].continue_()
    page.locator("#rows").get_by_text("Rizky Maulana").wait_for()
    page.locator("#memuat:not(.htmx-request)").wait_for(state="attached")
    assert page.locator("form.search button").is_enabled()


def test_plain_post_form_disables_its_button_while_sending(page, live):
    page.goto(live.url + "/masuk")
    page.fill("#nip", live.nip("pegawai"))
    page.fill("#password", "rahasia123")
    held = []
    page.route("**/masuk", lambda route: held.append(route) if route.request.method == "POST"
               else route.continue_())
    # Locators wait for a pending navigation, so the old page reports through the console.
    page.evaluate("""() => { const b = document.querySelector('form button.primary');
      new MutationObserver(() => b.disabled && console.log('tombol-nonaktif'))
        .observe(b, {attributes: true}); }""")
    with page.expect_console_message(lambda m: m.text == "tombol-nonaktif"):
        page.evaluate("document.querySelector('form button.primary').click()")
    for _ in range(100):
        if held:
            break
        page.wait_for_timeout(50)
    assert len(held) == 1 and "nip=" in held[0].request.post_data  # the value went out
    with page.expect_navigation():
        held[0].continue_()
    assert page.url.endswith("/beranda/pegawai")


def test_server_error_shows_a_message_in_place(search_page):
    page = search_page
    page.route(SEARCH, lambda route: route.fulfill(status=500, body="rusak"))
    page.fill("#q", "rizky")
    message = page.locator("#pesan .flash.error")
    message.wait_for()
    assert "Terjadi kesalahan (500)" in message.inner_text()
    assert page.locator("#rows").get_by_text("Andi Pratama").count() == 1  # nothing swapped
    assert page.locator("form.search button").is_enabled()


def test_network_error_shows_a_message_in_place(search_page):
    page = search_page
    page.route(SEARCH, lambda route: route.abort("internetdisconnected"))
    page.fill("#q", "rizky")
    message = page.locator("#pesan .flash.error")
    message.wait_for()
    assert "Koneksi gagal" in message.inner_text()


def test_expired_session_sends_the_whole_page_to_login(search_page, live):
    page = search_page
    page.context.clear_cookies()
    with page.expect_navigation():
        page.fill("#q", "rizky")
    assert "/masuk?next=/tim/semua" in page.url
    assert page.locator("#rows").count() == 0


# --- the offline queue -------------------------------------------------------------------------
# The queue's mechanics (what is stored, what is sent, when) are exercised on a form made in the
# page with the same attributes, posting to an address answered by the test (page.route), so no
# test-only route exists in the app; the last tests drive the real quick entry and count the
# entries in the live portal's database.

QUEUE_FORM = """() => {
  const f = document.createElement('form');
  f.setAttribute('hx-post', '/uji-antrian');
  f.setAttribute('hx-swap', 'none');
  f.setAttribute('data-offline-queue', '');
  f.id = 'uji-antrian';
  f.innerHTML = '<input type="hidden" name="kunci" value="kunci-1">' +
    '<label for="uji-uraian">Uraian</label><input id="uji-uraian" name="uraian">' +
    '<button>Simpan</button><div data-status role="status"></div>';
  document.querySelector('main').append(f);
  htmx.process(f);
}"""


@pytest.fixture
def queue_page(page, live, login):
    login(page, "pegawai")
    page.wait_for_load_state("load")
    page.evaluate(QUEUE_FORM)
    posts = []

    def answer(route):
        posts.append(route.request.post_data)
        route.fulfill(status=200, body="<p>tersimpan</p>")

    page.route("**/uji-antrian", answer)
    return page, posts


def _queue(page):
    return page.evaluate("JSON.parse(localStorage.getItem('portal.antrian') || '[]')")


def test_offline_entry_waits_and_is_sent_once(queue_page):
    page, posts = queue_page
    page.context.set_offline(True)
    page.fill("#uji-uraian", "Rapat koordinasi surveilans")
    page.click("#uji-antrian button")
    status = page.locator("#uji-antrian [data-status]")
    status.get_by_text("Menunggu sinyal", exact=False).wait_for()
    queued = _queue(page)
    assert len(queued) == 1 and queued[0]["kunci"] == "kunci-1"
    assert ["uraian", "Rapat koordinasi surveilans"] in queued[0]["fields"]
    # the next entry is a new one
    assert page.input_value("#uji-antrian input[name=kunci]") != "kunci-1"
    assert posts == []

    page.context.set_offline(False)  # fires `online`
    page.locator("#pesan").get_by_text("1 entri tertunda terkirim").wait_for()
    assert len(posts) == 1
    assert "kunci=kunci-1" in posts[0] and "csrf_token=" in posts[0]
    assert _queue(page) == []
    page.evaluate("window.dispatchEvent(new Event('online'))")
    page.wait_for_timeout(300)
    assert len(posts) == 1  # sent once


def test_failed_send_is_queued_and_sent_on_next_page_load(queue_page, live):
    page, posts = queue_page
    page.unroute("**/uji-antrian")
    page.route("**/uji-antrian", lambda route: route.abort("internetdisconnected"))
    page.fill("#uji-uraian", "Verifikasi laporan kasus")
    page.click("#uji-antrian button")
    page.locator("#uji-antrian [data-status]").get_by_text(
        "Menunggu sinyal", exact=False).wait_for()
    assert len(_queue(page)) == 1

    page.unroute("**/uji-antrian")
    page.route("**/uji-antrian", lambda route: (posts.append(route.request.post_data),
                                                route.fulfill(status=204)))
    page.goto(live.url + "/beranda/pegawai")
    page.locator("#pesan").get_by_text("1 entri tertunda terkirim").wait_for()
    assert len(posts) == 1 and "Verifikasi+laporan+kasus" in posts[0]
    assert _queue(page) == []


def test_expired_session_keeps_the_entry(queue_page, live):
    page, posts = queue_page
    page.evaluate("""localStorage.setItem('portal.antrian', JSON.stringify([
        {url: '/uji-antrian-lama', fields: [['kunci', 'k-2'], ['uraian', 'x']], kunci: 'k-2',
         at: 1}]))""")
    page.route("**/uji-antrian-lama", lambda route: route.fulfill(
        status=401, headers={"HX-Redirect": "/masuk?next=/"}))
    page.evaluate("window.portalAntrian.flush()")
    page.locator("#pesan").get_by_text("Menunggu sinyal", exact=False).wait_for()
    assert json.dumps(_queue(page)).count("k-2") == 2  # still there (kunci in fields and item)


def _saved(live, text: str) -> int:
    from sqlalchemy import func, select

    from portal.extensions import db
    from portal.models import ProgresHarian

    return live.query(lambda: db.session.scalar(select(func.count(ProgresHarian.id)).where(
        ProgresHarian.uraian == text)))


def _enter_offline(page, live, text: str) -> None:
    """The pegawai's quick entry, typed and sent with the phone offline: kept on the device."""
    page.context.set_offline(True)
    page.fill("#entri-form #uraian", text)
    page.fill("#entri-form #tanggal", live.workday("pegawai"))
    page.click("#entri-form button")
    page.locator("#entri-form [data-status]").get_by_text("Menunggu sinyal",
                                                          exact=False).wait_for()


def test_real_daily_entry_made_offline_is_saved_exactly_once(page, live, login):
    """The quick entry on the Pegawai home: typed while offline, kept on the device as
    "menunggu sinyal", sent when the signal returns, and stored once on the server."""
    login(page, "pegawai")
    page.wait_for_load_state("load")
    text = "Entri luring: rekap kasus diare minggu ini"
    _enter_offline(page, live, text)
    page.context.set_offline(False)
    page.locator("#pesan").get_by_text("1 entri tertunda terkirim").wait_for()
    page.evaluate("window.dispatchEvent(new Event('online'))")  # a second "online": no resend
    page.wait_for_timeout(500)
    assert _saved(live, text) == 1


def test_offline_entry_survives_an_expired_session_and_is_sent_after_login(page, live, login):
    """Typed offline; meanwhile the session (and with it the CSRF token) expires. When the
    signal returns the portal answers "log in first": the entry stays on the device, and after
    the person logs in again it is saved, once."""
    login(page, "pegawai")
    page.wait_for_load_state("load")
    text = "Entri luring, sesi habis: rekap kasus campak"
    _enter_offline(page, live, text)
    page.context.clear_cookies()  # the session ends while the phone is offline
    with page.expect_response(lambda r: r.url.endswith("/harian/entri")) as answer:
        page.context.set_offline(False)  # `online`: the queue tries, the portal says 401
    assert answer.value.status == 401 and "/masuk" in answer.value.headers["hx-redirect"]
    page.locator("#pesan").get_by_text("Menunggu sinyal", exact=False).wait_for()
    assert len(_queue(page)) == 1 and _saved(live, text) == 0

    login(page, "pegawai")  # back to the home page, where the queue is flushed on load
    page.locator("#pesan").get_by_text("1 entri tertunda terkirim").wait_for()
    assert _queue(page) == []
    page.reload()
    page.wait_for_load_state("networkidle")
    assert _saved(live, text) == 1


def test_offline_entry_with_a_stale_csrf_token_is_kept_and_sent_later(page, live, login):
    """The person logs in again in another tab while this one waits offline: this page's CSRF
    token no longer matches the session. The portal refuses the queued entry (the form comes
    back, 422); it stays on the device and goes out, once, from the next page with a valid
    token."""
    login(page, "pegawai")
    page.wait_for_load_state("load")
    text = "Entri luring, token basi: rekap kasus pneumonia"
    _enter_offline(page, live, text)
    tried = []
    page.route("**/harian/entri", lambda route: (tried.append(1), route.abort()))
    page.context.set_offline(False)  # the signal is back but still too weak for this tab
    for _ in range(100):
        if tried:
            break
        page.wait_for_timeout(50)
    other = page.context.new_page()  # shares the queue; kept from sending it here
    other.route("**/harian/entri", lambda route: route.abort())
    other.goto(live.url + "/beranda/pegawai")
    logout(other)
    login(other, "pegawai")
    other.close()
    page.unroute("**/harian/entri")
    with page.expect_response(lambda r: r.url.endswith("/harian/entri")) as answer:
        page.evaluate("window.portalAntrian.flush()")
    assert answer.value.status == 422
    page.locator("#pesan").get_by_text("Menunggu sinyal", exact=False).wait_for()
    assert len(_queue(page)) == 1 and _saved(live, text) == 0

    page.reload()  # a page with the new session's token sends it
    page.locator("#pesan").get_by_text("1 entri tertunda terkirim").wait_for()
    assert _queue(page) == [] and _saved(live, text) == 1


def test_feedback_thread_appears_in_place(page, live, login):
    """The supervisor's feedback with htmx: the thread lands on top, the form empties."""
    login(page, "atasan")
    page.goto(live.url + live.path("/umpan-balik/{staf_surv1}"))
    page.wait_for_load_state("load")
    page.select_option("#umpan-form #topik", "nilai:kolaboratif")
    page.fill("#umpan-form #teks", "Koordinasi lintas program minggu ini sangat membantu.")
    page.click("#umpan-form button")
    page.locator("#umpan-form").get_by_text("Umpan balik terkirim", exact=False).wait_for()
    assert page.locator("#utas section").first.get_by_text("Koordinasi lintas program",
                                                          exact=False).count() == 1
    assert page.input_value("#umpan-form #teks") == ""
    assert page.locator("#utas-kosong").count() == 0
