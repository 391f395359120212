"""Exports for other systems: periods (Sekda, admin), ratings and the rapor index (Sekda: all;
atasan: own subtree; admin: none), every cell escaped, CSV and XLSX alike."""
from __future__ import annotations

import csv
import io
import json

from openpyxl import load_workbook
from sqlalchemy import func, select

from portal import clock, orgtree
from portal.extensions import db
from portal.models import Pegawai, Penilaian, Periode, SubPeriode
from portal.periods import create_periode
from tests.conftest import TODAY, QueryCounter

Y = TODAY.year


def rows_of(response) -> list[list[str]]:
    assert response.status_code == 200, response.status_code
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def cells_of(response) -> list[list[str]]:
    sheet = load_workbook(io.BytesIO(response.data)).worksheets[0]
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
    return [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(
        values_only=True)]


def test_periods_export(client, auth, app, demo):
    auth.login_as("sekda")
    r = client.get("/ekspor/periode.csv")
    assert r.headers["Content-Disposition"] == \
        f'attachment; filename="periode-{clock.today().isoformat()}.csv"'
    rows = rows_of(r)
    assert rows[0] == ["Kode", "Tahun", "Jenis", "Nomor", "Mulai", "Selesai", "Periode Aktif",
                       "Ditutup"]
    with app.app_context():
        n = db.session.scalar(select(func.count(Periode.id))) + \
            db.session.scalar(select(func.count(SubPeriode.id)))
    assert len(rows) == n + 1
    by_code = {row[0]: row for row in rows[1:]}
    # Last year closed in the demo; this year active and open.
    assert by_code[str(Y - 1)][2:] == ["tahunan", "0", f"{Y - 1}-01-01", f"{Y - 1}-12-31",
                                       "tidak", "ya"]
    assert by_code[f"{Y - 1}-TW2"][7] == "ya"
    assert by_code[f"{Y}-TW1"][2:] == ["triwulan", "1", f"{Y}-01-01", f"{Y}-03-31", "ya",
                                       "tidak"]
    auth.logout()
    auth.login_as("admin")  # periods are org data: the admin reads them too
    assert cells_of(client.get("/ekspor/periode.xlsx")) == rows


def _all_ratings(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count(Penilaian.id)))


def test_ratings_export_holds_every_rating_for_the_sekda(client, auth, app, demo):
    auth.login_as("sekda")
    rows = rows_of(client.get("/ekspor/penilaian.csv"))
    assert rows[0] == ["NIP", "Nama", "Unit Kerja", "Jabatan", "Periode", "Hasil Kerja",
                       "Perilaku Kerja", "Predikat", "Status", "Dinilai Pada", "Diterima Pada"]
    assert len(rows) - 1 == _all_ratings(app) > 20
    surv2 = [row for row in rows if row[0] == demo.nip["staf_surv2"]]
    assert len(surv2) == 2  # last year's annual rating and this year's rated sub-period
    objected = next(row for row in surv2 if row[4] != str(Y - 1))
    assert objected[1] == "Siti Nurhaliza, A.Md.Kes."
    assert objected[2] == "Dinas Kesehatan / Bidang Pencegahan dan Pengendalian Penyakit / " \
                          "Seksi Surveilans dan Imunisasi"
    assert objected[5:9] == ["Sesuai Ekspektasi", "Sesuai Ekspektasi", "Baik",
                             "keberatan diajukan"]
    acknowledged = [row for row in rows if row[0] == demo.nip["staf_surv1"]
                    and row[4] != str(Y - 1)]
    assert acknowledged[0][8] == "diterima" and acknowledged[0][10]
    assert cells_of(client.get("/ekspor/penilaian.xlsx")) == rows


def test_ratings_export_of_one_year(client, auth, app, demo):
    auth.login_as("sekda")
    r = client.get(f"/ekspor/penilaian.csv?tahun={Y - 1}")
    assert f'filename="penilaian-{Y - 1}.csv"' in r.headers["Content-Disposition"]
    rows = rows_of(r)
    assert len(rows) > 1 and {row[4] for row in rows[1:]} == {str(Y - 1)}
    assert len(rows_of(client.get("/ekspor/penilaian.csv?tahun=abc"))) - 1 == _all_ratings(app)


def test_an_atasan_exports_only_the_subtree(client, auth, app, demo):
    auth.login_as("atasan_atasan")  # kepala bidang P2P
    with app.app_context():
        below = set(db.session.scalars(select(Pegawai.nip).join(
            Penilaian, Penilaian.pegawai_id == Pegawai.id).where(
            Pegawai.id.in_(orgtree.subtree_pegawai_ids(demo["kabid_p2p"])))))
    for url in ("/ekspor/penilaian.csv", "/ekspor/rapor.csv"):
        nips = {row[0] for row in rows_of(client.get(url))[1:]}
        assert nips == below and demo.nip["staf_surv1"] in nips
        assert demo.nip["kabid_p2p"] not in nips and demo.nip["staf_ekon1"] not in nips
        assert demo.nip["kadinkes"] not in nips


def test_rapor_index_points_at_real_rapor(client, auth, app, demo):
    auth.login_as("sekda")
    r = client.get("/ekspor/rapor.xlsx")
    assert r.headers["Content-Disposition"] == \
        f'attachment; filename="indeks-rapor-{clock.today().isoformat()}.xlsx"'
    rows = cells_of(r)
    assert rows[0] == ["NIP", "Nama", "Unit Kerja", "Periode", "Label Periode", "Predikat",
                       "Dinilai Pada", "URL Rapor"]
    assert len(rows) - 1 == _all_ratings(app)
    mine = next(row for row in rows if row[0] == demo.nip["staf_surv1"] and row[3] == str(Y - 1))
    assert mine[4] == f"AKHIR {Y - 1}"
    assert mine[7] == f"/rapor/{demo.nip['staf_surv1']}/{Y - 1}.pdf"
    pdf = client.get(mine[7])
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"


def test_cells_starting_with_a_formula_sign_are_escaped(client, auth, app, demo):
    with app.app_context():
        person = db.session.get(Pegawai, demo["staf_surv1"])
        person.nama, person.gelar_belakang = "=1+2", None
        rating = db.session.scalar(select(Penilaian).where(
            Penilaian.pegawai_id == person.id).limit(1))
        ident = json.loads(rating.identitas)
        ident["pegawai"]["unit_kerja"] = "+Seksi -Surveilans"
        rating.identitas = json.dumps(ident)
        db.session.commit()
    auth.login_as("sekda")
    for url, reader in (("/ekspor/penilaian.csv", rows_of), ("/ekspor/penilaian.xlsx", cells_of),
                        ("/ekspor/rapor.csv", rows_of), ("/ekspor/rapor.xlsx", cells_of)):
        rows = [row for row in reader(client.get(url)) if row[0] == demo.nip["staf_surv1"]]
        assert rows and all(row[1] == "'=1+2" for row in rows), url
        assert "'+Seksi -Surveilans" in {row[2] for row in rows}, url


def _more_ratings(app, demo, year: int):
    """Rate every demo person for another year: many more rows, nothing else changed."""
    with app.app_context():
        periode = create_periode(year)
        db.session.flush()
        for pid in demo.values():
            db.session.add(Penilaian(pegawai_id=pid, periode_id=periode.id, kode="TAHUNAN",
                                     hasil_kerja="sesuai", perilaku_kerja="sesuai",
                                     predikat="baik", identitas="{}"))
        db.session.commit()


def test_statements_do_not_grow_with_the_rows(client, auth, app, demo):
    auth.login_as("sekda")

    def measure():
        out = []
        for url in ("/ekspor/penilaian.csv", "/ekspor/rapor.xlsx", "/ekspor/periode.csv"):
            with app.app_context(), QueryCounter(db.engine) as counter:
                body = client.get(url).data
            out.append((len(body), counter.count))
        return out

    before = measure()
    _more_ratings(app, demo, Y - 3)
    after = measure()
    assert all(a[0] > b[0] for a, b in zip(after, before, strict=True))  # more rows …
    assert [b[1] for b in before] == [a[1] for a in after]  # … same statements


def test_export_page_shows_what_each_role_may_take(client, auth, app, demo):
    auth.login_as("sekda")
    html = client.get("/ekspor").get_data(as_text=True)
    for link in ("/ekspor/periode.csv", "/ekspor/penilaian.xlsx", "/ekspor/rapor.csv"):
        assert link in html
    assert "seluruh instansi" in html
    html = client.get(f"/ekspor?tahun={Y - 1}").get_data(as_text=True)
    assert f"/ekspor/penilaian.csv?tahun={Y - 1}" in html
    assert 'href="/ekspor"' in client.get("/dasbor").get_data(as_text=True)
    auth.logout()
    auth.login_as("atasan")
    html = client.get("/ekspor").get_data(as_text=True)
    assert "/ekspor/penilaian.csv" in html and "/ekspor/periode.csv" not in html
    assert "bawahan Anda" in html
    auth.logout()
    auth.login_as("admin")
    html = client.get("/ekspor").get_data(as_text=True)
    assert "/ekspor/periode.csv" in html and "/ekspor/penilaian" not in html
    assert "/ekspor/periode.xlsx" in client.get("/admin/periode").get_data(as_text=True)


def test_the_sekda_nav_leads_to_the_exports(client, auth, demo):
    auth.login_as("sekda")
    assert 'href="/ekspor"' in client.get("/beranda/sekda").get_data(as_text=True)


def test_page_in_english_files_stay_indonesian(client, auth, demo):
    auth.login_as("sekda")
    client.post("/bahasa", data={"bahasa": "en"})
    assert "Data export for other systems" in client.get("/ekspor").get_data(as_text=True)
    assert rows_of(client.get("/ekspor/rapor.csv"))[0][-1] == "URL Rapor"
