"""Without JavaScript: every form is a plain form, every page a plain page."""
import pytest

from tests.e2e.harness import HOMES, logout, open_task, switch_role

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
    switch_role(page, "pegawai")
    assert page.url.endswith("/beranda/pegawai")
    assert page.locator("details.peran summary").inner_text().endswith("Pegawai")


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


def test_talenta_search_exports_and_prints_without_javascript(page, live, login):
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
    logout(page)
    assert "/masuk" in page.url
    page.goto(live.url + "/beranda/pegawai")
    assert "/masuk" in page.url


# --- the main flows as plain forms: POST, redirect, the outcome in the database ---------------

def _count(live, model, **where):
    from sqlalchemy import func, select

    from portal.extensions import db

    stmt = select(func.count()).select_from(model).filter_by(**where)
    return live.query(lambda: db.session.scalar(stmt))


def _waiting_skp(live) -> int:
    """The demo's one submitted SKP (staf_mutu2's, this year)."""
    from sqlalchemy import select

    from portal.extensions import db
    from portal.models import Skp

    return live.query(lambda: db.session.scalar(select(Skp.id).where(
        Skp.pegawai_id == live.ids["staf_mutu2"], Skp.status == "diajukan")))


def _skp_state(live, skp_id: int):
    from portal.extensions import db
    from portal.models import Skp

    return live.query(lambda: (lambda s: (s.status, s.disetujui_oleh_id))(
        db.session.get(Skp, skp_id)))


def test_daily_entry_without_javascript_is_saved_once(page, live, login):
    from portal.models import ProgresHarian

    login(page, "pegawai")
    text = "Tanpa JS: rekap laporan surveilans mingguan"
    page.fill("#entri-form #uraian", text)
    page.fill("#entri-form #tanggal", live.workday("pegawai"))
    page.fill("#entri-form #output", "2")
    with page.expect_navigation():
        page.click("#entri-form button")
    assert page.url == live.url + "/beranda/pegawai"
    assert page.locator("#pesan").get_by_text("Entri tersimpan.").count() == 1
    page.reload()  # Post/Redirect/Get: reloading the answer sends nothing again
    assert _count(live, ProgresHarian, uraian=text, pegawai_id=live.ids["staf_surv1"]) == 1


def test_empty_daily_entry_without_javascript_answers_in_the_form(page, live, login):
    from portal.models import ProgresHarian

    login(page, "pegawai")
    before = _count(live, ProgresHarian)
    page.fill("#entri-form #output", "banyak")
    page.locator("#entri-form #uraian").evaluate("e => e.removeAttribute('required')")
    with page.expect_navigation():
        page.click("#entri-form button")
    assert page.locator("#uraian-err").inner_text() == "Tuliskan apa yang dikerjakan."
    assert page.input_value("#entri-form #output") == "banyak"  # nothing typed is lost
    assert _count(live, ProgresHarian) == before


def test_skp_row_add_without_javascript(page, live, login):
    from portal.models import Rhk, Skp

    login(page, "staf_kur2")  # has only last year's SKP: starts this year's
    open_task(page, "SKP")
    with page.expect_navigation():
        page.click("text=Buat SKP kosong")
    form = page.locator("#rhk-baru")
    form.locator("#teks").fill("Tersusunnya analisis hasil asesmen nasional per sekolah")
    form.locator("#rhk_atasan_id").select_option(index=1)
    with page.expect_navigation():
        form.locator("button").click()
    assert "#rhk-" in page.url
    assert page.locator("#pesan").get_by_text("RHK ditambahkan.").count() == 1
    assert page.locator("#rhk-list").get_by_text("per sekolah").count() == 1
    assert _count(live, Rhk, teks="Tersusunnya analisis hasil asesmen nasional per sekolah") == 1
    assert _count(live, Skp, pegawai_id=live.ids["staf_kur2"], status="draf") == 1


def test_skp_approval_without_javascript(page, live, login):
    login(page, "kasi_mutu")  # staf_mutu2's SKP waits in this inbox
    skp_id = _waiting_skp(live)
    open_task(page, "Persetujuan SKP")
    item = page.locator("article.inbox", has_text="Tersedianya aplikasi pendaftaran")
    with page.expect_navigation():
        item.get_by_role("button", name="Setujui").click()
    assert page.url.endswith("/skp/persetujuan")
    assert page.locator("#pesan .flash.success").inner_text().endswith("disetujui.")
    assert _skp_state(live, skp_id) == ("disetujui", live.ids["kasi_mutu"])


def test_rating_without_javascript(page, live, login):
    from portal.models import Penilaian

    login(page, "atasan")  # the kepala seksi; Dewi Lestari is not rated yet
    open_task(page, "Penilaian")
    before = _count(live, Penilaian, pegawai_id=live.ids["staf_surv3"])
    with page.expect_navigation():
        page.click("main >> text=Dewi Lestari")
    page.check("input[name=hasil_kerja][value=sesuai]")
    page.check("input[name=perilaku_kerja][value=di_atas]")
    page.fill("#catatan", "Penyelidikan epidemiologi tuntas tepat waktu.")
    with page.expect_navigation():
        page.click("main form button.primary")
    assert page.locator("main h1").inner_text() == "Konfirmasi"  # nothing saved yet
    assert _count(live, Penilaian, pegawai_id=live.ids["staf_surv3"]) == before
    assert "Simpan penilaian Dewi Lestari" in page.locator(".tanya").inner_text()
    with page.expect_navigation():
        page.click("#konfirmasi button.primary")
    assert "/penilaian/tim/" in page.url
    assert "Baik" in page.locator("#pesan").inner_text()
    assert _count(live, Penilaian, pegawai_id=live.ids["staf_surv3"]) == before + 1
    assert _count(live, Penilaian, pegawai_id=live.ids["staf_surv3"], hasil_kerja="sesuai",
                  perilaku_kerja="di_atas", predikat="baik",
                  penilai_id=live.ids["kasi_surv"]) == 1


def test_rapor_download_without_javascript(page, live, login):
    from tests.e2e.demo_db import pdf_text

    login(page, "pegawai")
    open_task(page, "Rapor & riwayat")
    link = page.locator("main a[href*='/rapor/'][href*='-TW']").first
    with page.expect_download() as info:
        link.click()
    download = info.value
    nip = live.nip("pegawai")
    assert download.suggested_filename.startswith(f"rapor-{nip}-")
    with open(download.path(), "rb") as f:
        text = pdf_text(f.read())
    assert "DOKUMEN EVALUASI KINERJA PEGAWAI" in text and nip in text
    assert "Andi Pratama" in text


def test_verify_a_document_without_javascript_or_login(page, live, tmp_path):
    """Someone who received a rapor opens its link and uploads it: the page says it matches."""
    kode = live.path("{dokumen.staf_surv1}")

    def issued_bytes():
        from sqlalchemy import select

        from portal.dokumen.storage import storage
        from portal.extensions import db
        from portal.models import Dokumen

        return storage().get(db.session.scalar(select(Dokumen.kunci_berkas).where(
            Dokumen.kode == kode)))

    copy = tmp_path / "rapor.pdf"
    copy.write_bytes(live.query(issued_bytes))
    page.goto(f"{live.url}/v/{kode}")
    assert page.get_by_text("VALID").count() == 1
    page.set_input_files("#berkas", str(copy))
    with page.expect_navigation():
        page.click("form button.primary")
    assert "Cocok" in page.locator("main").inner_text()
