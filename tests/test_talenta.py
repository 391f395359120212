"""Talent search finds who it should and no one else; shortlists are private."""
import json

import pytest
from sqlalchemy import delete, select

from portal import clock
from portal.extensions import db
from portal.models import DaftarPendek, KirimanSiasn, Pegawai, Penilaian, Periode
from portal.periods import create_periode
from tests.conftest import TODAY, YA

Y = TODAY.year


@pytest.fixture
def history(app, demo):
    """Annual predikat of three past years for a few Dinkes people."""
    plan = {"staf_surv1": ["sangat_baik", "sangat_baik", "baik"],
            "staf_surv2": ["sangat_baik", "baik", "baik"],
            "staf_pm1": ["baik", "sangat_baik", "sangat_baik"],
            "staf_ekon1": ["sangat_baik", "sangat_baik", "sangat_baik"]}
    with app.app_context():
        for year in (Y - 3, Y - 2):
            if db.session.scalar(select(Periode).where(Periode.tahun == year)) is None:
                create_periode(year)
        periods = {p.tahun: p.id for p in db.session.scalars(select(Periode))}
        # The demo rates last year for everyone: replace those with the history under test
        # (and the demo's SIASN outbox rows made from them).
        tahunan = select(Penilaian.id).where(Penilaian.kode == "TAHUNAN")
        db.session.execute(delete(KirimanSiasn).where(KirimanSiasn.penilaian_id.in_(tahunan)))
        db.session.execute(delete(Penilaian).where(Penilaian.kode == "TAHUNAN"))
        for key, predikats in plan.items():
            for year, predikat in zip((Y - 3, Y - 2, Y - 1), predikats, strict=True):
                db.session.add(Penilaian(pegawai_id=demo[key], periode_id=periods[year],
                                         kode="TAHUNAN", hasil_kerja="di_atas",
                                         perilaku_kerja="di_atas", predikat=predikat,
                                         identitas=json.dumps({})))
        db.session.commit()
    return plan


def names(html):
    return {n for n in ("Andi Pratama", "Siti Nurhaliza", "Rizky Maulana", "Ratna Sari")
            if n in html}


def test_sangat_baik_twice_in_the_last_three_years(client, auth, history):
    auth.login_as("sekda")
    html = client.get("/talenta?predikat=sangat_baik&minimal=2&dari_terakhir=3").get_data(
        as_text=True)
    assert names(html) == {"Andi Pratama", "Rizky Maulana", "Ratna Sari"}


def test_only_the_last_two_years_counts(client, auth, history):
    auth.login_as("sekda")
    html = client.get("/talenta?predikat=sangat_baik&minimal=2&dari_terakhir=2").get_data(
        as_text=True)
    assert names(html) == {"Rizky Maulana", "Ratna Sari"}


def test_atasan_searches_only_own_subtree(client, auth, history):
    auth.login_as("atasan_atasan")  # kepala bidang P2P: no Bappeda people
    html = client.get("/talenta?predikat=sangat_baik&minimal=2&dari_terakhir=3").get_data(
        as_text=True)
    assert names(html) == {"Andi Pratama", "Rizky Maulana"}


def test_position_and_golongan_filters(client, auth, demo):
    auth.login_as("sekda")
    html = client.get("/talenta?jenis=struktural&eselon=II").get_data(as_text=True)
    assert "Yunita Dyah Suminar" in html and "Irianto Setiawan" not in html
    html = client.get("/talenta?golongan_min=IV/c&golongan_max=IV/e").get_data(as_text=True)
    assert "Sumarno" in html and "Yunita Dyah Suminar" in html and "Andi Pratama" not in html


def test_impossible_filters_give_a_hint_not_an_error(client, auth, demo):
    auth.login_as("sekda")
    r = client.get("/talenta?golongan_min=IV/a&golongan_max=III/a")
    assert r.status_code == 200 and "Golongan terendah lebih tinggi" in r.get_data(as_text=True)
    r = client.get("/talenta?predikat=baik&minimal=5&dari_terakhir=3")
    assert "melebihi" in r.get_data(as_text=True)
    r = client.get("/talenta?minimal=abc&lama_tahun=-1")
    assert r.status_code == 200 and "Isi angka" in r.get_data(as_text=True)


def test_results_fragment_for_htmx(client, auth, demo):
    auth.login_as("sekda")
    r = client.get("/talenta?jenis=fungsional", headers={"HX-Request": "true"})
    assert "<html" not in r.get_data(as_text=True) and "Andi Pratama" in r.get_data(as_text=True)


def test_shortlist_saved_private_and_deleted(client, auth, app, demo):
    auth.login_as("sekda")
    r = client.post("/talenta/daftar", data={"nama": "Calon Kabid P2P", "catatan": "Rotasi 2027",
                                             "pegawai": [demo["kasi_surv"], demo["kasi_pm"]]})
    assert r.status_code == 302
    mine = select(DaftarPendek).where(DaftarPendek.nama == "Calon Kabid P2P")
    with app.app_context():
        daftar = db.session.scalar(mine)
        assert daftar.nama == "Calon Kabid P2P" and len(daftar.anggota) == 2
        daftar_id = daftar.id
    assert "Bambang Hermanto" in client.get(f"/talenta/daftar/{daftar_id}").get_data(as_text=True)
    other = app.test_client()
    other.post("/masuk", data={"nip": demo.nip["kadinkes"], "password": "rahasia123"})
    assert other.get(f"/talenta/daftar/{daftar_id}").status_code == 404
    assert other.post(f"/talenta/daftar/{daftar_id}/hapus", data=YA).status_code == 404
    client.post(f"/talenta/daftar/{daftar_id}/hapus", data=YA)
    with app.app_context():
        assert db.session.scalar(mine) is None


def test_shortlist_refuses_people_outside_the_subtree_and_empty_names(client, auth, app, demo):
    auth.login_as("atasan")
    r = client.post("/talenta/daftar", data={"nama": "X", "pegawai": [demo["staf_ekon1"]]})
    assert r.status_code == 302
    client.post("/talenta/daftar", data={"nama": "", "pegawai": [demo["staf_surv1"]]})
    with app.app_context():
        assert db.session.scalar(select(DaftarPendek).where(
            DaftarPendek.pemilik_id == demo["kasi_surv"])) is None


def test_absurd_page_numbers_are_not_errors(client, auth, demo):
    auth.login_as("sekda")
    for url, title in (("/talenta?jenis=fungsional&hal=99999999999999999999999",
                        "Pencarian talenta"),
                       ("/dasbor/daftar?f=skp&v=disetujui&hal=-5", "Daftar pegawai"),
                       ("/dasbor/daftar?f=skp&v=draf&hal=x", "Daftar pegawai")):
        response = client.get(url)
        assert response.status_code == 200 and title in response.get_data(as_text=True), url


# --- export of the result and the printed shortlist ---------------------------------------------

def _csv(response):
    import csv
    import io

    text = response.get_data(as_text=True)
    assert text.startswith("\ufeff")  # Excel reads UTF-8 only after a byte-order mark
    return list(csv.reader(io.StringIO(text[1:])))


def _xlsx(response):
    import io

    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(response.data)).worksheets[0]
    return sheet, [["" if v is None else v for v in row] for row in sheet.iter_rows(
        values_only=True)]


def test_export_holds_every_match_not_one_page(client, auth, app, demo):
    from portal.organisasi import talenta

    auth.login_as("sekda")
    r = client.get("/talenta/ekspor.csv?urut=golongan&hal=2")
    assert r.status_code == 200 and r.mimetype == "text/csv"
    assert r.headers["Content-Disposition"] == \
        f'attachment; filename="talenta-{clock.today().isoformat()}.csv"'
    rows = _csv(r)
    with app.app_context():
        page, total = talenta.search(talenta.Kriteria(urut="golongan"), None, clock.today())
    assert total > 25 and len(rows) == total + 1  # every person, beyond the first page
    assert rows[0][:3] == ["NIP", "Nama", "Status"]
    assert [row[0] for row in rows[1:26]] == [p.nip for p, *_ in page]  # the page's order


def test_export_follows_the_search_criteria(client, auth, history, demo):
    auth.login_as("sekda")
    rows = _csv(client.get("/talenta/ekspor.csv?predikat=sangat_baik&minimal=2&dari_terakhir=3"))
    assert rows[0][-1] == "Jumlah Predikat Sangat Baik (3 Tahun Terakhir)"
    got = {row[0]: row[-1] for row in rows[1:]}
    assert got == {demo.nip["staf_surv1"]: "2", demo.nip["staf_pm1"]: "2",
                   demo.nip["staf_ekon1"]: "3"}


def test_export_of_an_atasan_stays_in_the_subtree(client, auth, app, demo):
    from portal import orgtree

    auth.login_as("atasan_atasan")  # kepala bidang P2P
    rows = _csv(client.get("/talenta/ekspor.csv"))
    with app.app_context():
        below = set(db.session.scalars(
            select(Pegawai.nip).where(Pegawai.id.in_(orgtree.subtree_pegawai_ids(
                demo["kabid_p2p"])))))
    nips = {row[0] for row in rows[1:]}
    assert nips == below and demo.nip["staf_surv1"] in nips
    assert demo.nip["staf_ekon1"] not in nips and demo.nip["kabid_p2p"] not in nips


def test_export_cells_are_escaped_against_formulas(client, auth, app, demo):
    with app.app_context():
        person = db.session.get(Pegawai, demo["staf_surv1"])
        person.nama, person.gelar_belakang = "=HYPERLINK(\"http://x\")", "@SUM(1)"
        db.session.commit()
    auth.login_as("sekda")
    rows = _csv(client.get("/talenta/ekspor.csv?jenis=fungsional"))
    mine = next(row for row in rows if row[0] == demo.nip["staf_surv1"])
    assert mine[1] == "'=HYPERLINK(\"http://x\"), @SUM(1)"
    sheet, cells = _xlsx(client.get("/talenta/ekspor.xlsx?jenis=fungsional"))
    mine = next(row for row in cells if row[0] == demo.nip["staf_surv1"])
    assert mine[1] == "'=HYPERLINK(\"http://x\"), @SUM(1)"
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)


def test_xlsx_export_reads_back_like_the_csv(client, auth, demo):
    auth.login_as("sekda")
    r = client.get("/talenta/ekspor.xlsx?jenis=struktural")
    assert r.mimetype == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert r.headers["Content-Disposition"].endswith('.xlsx"')
    sheet, cells = _xlsx(r)
    assert sheet.title == "Talenta"
    assert [[str(c) for c in row] for row in cells] == _csv(
        client.get("/talenta/ekspor.csv?jenis=struktural"))
    assert all(isinstance(row[0], str) and len(row[0]) == 18 for row in cells[1:])  # NIP text


def test_export_statements_do_not_grow_with_the_rows(client, auth, app, demo):
    from tests.conftest import QueryCounter

    auth.login_as("sekda")
    counts = {}
    for query in ("jenis=struktural&eselon=II", "urut=nama"):
        with app.app_context(), QueryCounter(db.engine) as counter:
            rows = _csv(client.get(f"/talenta/ekspor.csv?{query}"))
        counts[query] = (len(rows), counter.count)
    (few, n1), (many, n2) = counts.values()
    assert many > few * 5 and n1 == n2


def test_export_with_bad_criteria_goes_back_to_the_form(client, auth, demo):
    auth.login_as("sekda")
    r = client.get("/talenta/ekspor.csv?minimal=abc")
    assert r.status_code == 302 and r.headers["Location"].endswith("/talenta?minimal=abc")
    rows = _csv(client.get("/talenta/ekspor.csv?golongan_min=IV/a&golongan_max=III/a"))
    assert len(rows) == 1  # impossible filters: the header alone, no error


def test_search_page_links_the_exports_of_the_same_criteria(client, auth, demo):
    auth.login_as("sekda")
    html = client.get("/talenta?jenis=fungsional&hal=1").get_data(as_text=True)
    assert 'href="/talenta/ekspor.csv?jenis=fungsional"' in html
    assert 'href="/talenta/ekspor.xlsx?jenis=fungsional"' in html


def _pdf_text(data: bytes) -> str:
    import io

    from pypdf import PdfReader

    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(data)).pages)


def test_shortlist_pdf_says_what_it_should(client, auth, app, demo, history):
    from portal.rules.tanggal import tanggal_indonesia

    auth.login_as("sekda")
    client.post("/talenta/daftar", data={
        "nama": "Calon Kasi Surveilans", "catatan": "Promosi 2027, uji kompetensi Januari",
        "pegawai": [demo["staf_surv1"], demo["staf_surv3"]]})
    client.post("/bahasa", data={"bahasa": "en"})  # the document stays Indonesian
    with app.app_context():
        daftar_id = db.session.scalar(select(DaftarPendek.id).where(
            DaftarPendek.nama == "Calon Kasi Surveilans"))
    r = client.get(f"/talenta/daftar/{daftar_id}.pdf")
    assert r.status_code == 200 and r.mimetype == "application/pdf"
    assert r.headers["Content-Disposition"] == \
        f'attachment; filename="daftar-pendek-{daftar_id}.pdf"'
    text = _pdf_text(r.data)
    for expected in ("DAFTAR PENDEK TALENTA", "Calon Kasi Surveilans",
                     "Promosi 2027, uji kompetensi Januari", "Ir. Sumarno, M.Si.",
                     demo.nip["sekda"], tanggal_indonesia(clock.today()),
                     "Andi Pratama, S.Kom.", demo.nip["staf_surv1"],
                     "Epidemiolog Kesehatan Ahli Pertama", "Seksi Surveilans dan Imunisasi",
                     "Penata Muda / III/a", f"{Y - 3} Tahunan: Sangat Baik",
                     f"{Y - 1} Tahunan: Baik", "Dewi Lestari", demo.nip["staf_surv3"],
                     "Golongan IX (PPPK)", "Riwayat Predikat", "Jumlah pegawai : 2"):
        assert expected in text, expected
    assert "Siti Nurhaliza" not in text and "Shortlist" not in text


def test_shortlist_pdf_statements_do_not_grow_with_members(client, auth, app, demo):
    from tests.conftest import QueryCounter

    auth.login_as("sekda")
    keys = ("staf_surv1", "staf_surv2", "staf_surv3", "staf_pm1", "staf_ekon1", "kasi_pm")
    counts = []
    for name, members in (("Dua", keys[:2]), ("Enam", keys)):
        client.post("/talenta/daftar", data={"nama": name,
                                             "pegawai": [demo[k] for k in members]})
        with app.app_context():
            daftar_id = db.session.scalar(select(DaftarPendek.id).where(
                DaftarPendek.nama == name))
        with app.app_context(), QueryCounter(db.engine) as counter:
            assert client.get(f"/talenta/daftar/{daftar_id}.pdf").status_code == 200
        counts.append(counter.count)
    assert counts[0] == counts[1]


def test_demo_has_a_shortlist_to_print(client, auth, app, demo):
    auth.login_as("sekda")
    html = client.get("/talenta/daftar").get_data(as_text=True)
    assert "Calon Kepala Bidang P2P 2027" in html
    with app.app_context():
        daftar = db.session.scalar(select(DaftarPendek).where(
            DaftarPendek.pemilik_id == demo["sekda"]))
        daftar_id = daftar.id
    assert f"/talenta/daftar/{daftar_id}.pdf" in html
    page = client.get(f"/talenta/daftar/{daftar_id}").get_data(as_text=True)
    assert f'href="/talenta/daftar/{daftar_id}.pdf"' in page
    assert "Retno Wulandari" in _pdf_text(client.get(f"/talenta/daftar/{daftar_id}.pdf").data)
