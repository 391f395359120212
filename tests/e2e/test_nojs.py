"""Without JavaScript: every form is a plain form, every page a plain page."""
import pytest

from tests.e2e.harness import HOMES

pytestmark = pytest.mark.e2e


@pytest.fixture
def page(new_context):
    return new_context(java_script_enabled=False).new_page()


@pytest.mark.parametrize("role", list(HOMES))
def test_login_and_home_without_javascript(page, live, login, role):
    login(page, role, role)
    assert page.url == live.url + HOMES[role]
    assert page.locator("main h1").count() == 1
    indicator = page.locator("#memuat")
    assert indicator.evaluate("e => getComputedStyle(e).opacity") == "0"


def test_wrong_password_answers_with_the_form(page, live):
    page.goto(live.url + "/masuk")
    page.fill("#nip", live.nip("pegawai"))
    page.fill("#password", "salah-sekali")
    with page.expect_navigation():
        page.click("form button.primary")
    assert "/masuk" in page.url
    assert page.locator("#password-err").inner_text() == "NIP atau kata sandi salah."
    assert page.input_value("#nip") == live.nip("pegawai")


def test_role_switch_without_javascript(page, live, login):
    login(page, "sekda")
    assert page.url.endswith("/beranda/sekda")
    login_role = page.locator("#peran")
    login_role.select_option("pegawai")
    with page.expect_navigation():
        page.click("form.peran button")
    assert page.url.endswith("/beranda/pegawai")
    assert page.locator("#peran").input_value() == "pegawai"


def test_search_without_javascript(page, live, login):
    login(page, "atasan_atasan")
    page.goto(live.url + "/tim/semua")
    assert page.locator("#rows").get_by_text("Andi Pratama").count() == 1
    page.fill("#q", "rizky")
    with page.expect_navigation():
        page.click("form.search button")
    assert "q=rizky" in page.url
    rows = page.locator("#rows")
    assert rows.get_by_text("Rizky Maulana").count() == 1
    assert rows.get_by_text("Andi Pratama").count() == 0


def test_talent_search_exports_and_prints_without_javascript(page, live, login):
    login(page, "sekda")
    page.goto(live.url + "/talenta")
    page.select_option("#jenis", "fungsional")
    with page.expect_navigation():
        page.click("form button.primary")
    assert "jenis=fungsional" in page.url
    with page.expect_download() as csv_file:
        page.click("a[href^='/talenta/ekspor.csv']")
    assert csv_file.value.suggested_filename.startswith("talenta-")
    with open(csv_file.value.path(), encoding="utf-8-sig") as f:
        assert f.readline().startswith("NIP,Nama")
        assert "Andi Pratama" in f.read()
    page.goto(live.url + "/talenta/daftar")
    page.click("text=Calon Kepala Bidang P2P 2027")
    with page.expect_download() as pdf_file:
        page.click("text=Cetak PDF")
    assert pdf_file.value.suggested_filename.startswith("daftar-pendek-")


def test_logout_without_javascript(page, live, login):
    login(page, "pegawai")
    with page.expect_navigation():
        page.click("form.keluar button")
    assert "/masuk" in page.url
    page.goto(live.url + "/beranda/pegawai")
    assert "/masuk" in page.url
