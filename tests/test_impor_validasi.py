"""Import of people (admin): bad rows and unusable files are listed and change nothing."""
from __future__ import annotations

import io

import pytest
from sqlalchemy import select

from portal.extensions import db
from portal.impor.berkas import KOLOM
from portal.models import ImporPratinjau, Jabatan, Pegawai, RiwayatJabatan, UnitKerja
from tests.conftest import YA
from tests.helpers.impor import (
    HEADER,
    count,
    make_csv,
    new_person,
    pending_token,
    summary,
    upload,
    with_dinkes,
)

# --- bad input -----------------------------------------------------------------------------

def _bad_rows(demo):
    kasi = demo.nip["kasi_surv"]
    return {
        "nip": ([new_person(nip="12345")], "NIP harus 18 digit"),
        "duplikat": ([new_person(), new_person(nama="Lain")],
                     "NIP ganda dalam berkas (juga di baris 3)"),
        "golongan": ([new_person(status="PPPK", golongan="III/a", pangkat="")],
                     "Golongan &#39;III/a&#39; tidak dikenal untuk PPPK"),
        "unit_kosong": ([new_person(unit="")], "Unit kerja kosong"),
        "unit_rusak": ([new_person(unit="Dinas Kesehatan //")], "Path unit kerja tidak valid"),
        "opd_tak_dikenal": ([new_person(unit="Dinas Antah / Seksi Entah")],
                            "Unit kerja tidak dikenal"),
        "rumus": ([new_person(nama="=1+2")], "Sel berisi rumus"),
        "atasan_salah": ([new_person(nip_atasan=demo.nip["kabid_p2p"])],
                         "tidak sesuai pohon organisasi"),
        "atasan_hilang": ([new_person(nip_atasan="198001012005011001")],
                          "NIP atasan 198001012005011001 tidak ditemukan"),
        "atasan_diri": ([new_person(nip_atasan="199001012015031001")], "membentuk siklus"),
        "siklus": ([new_person(nip_atasan="199002022015032002"),
                    new_person(nip="199002022015032002", nip_atasan="199001012015031001")],
                   "membentuk siklus"),
        "jenis": ([new_person(jenis_jabatan="honorer")], "Jenis jabatan harus"),
        "eselon": ([new_person(jenis_jabatan="struktural", eselon="")], "perlu eselon"),
        "pangkat": ([new_person(pangkat="Pembina")], "Pangkat tidak sesuai golongan"),
        "fleksibel": ([new_person(fleksibel="kadang")], "Fleksibel harus"),
        "ok_then_bad": ([new_person(nip_atasan=kasi), new_person(nip="1990", nama="")],
                        "Nama kosong"),
    }


@pytest.mark.parametrize("case", ["nip", "duplikat", "golongan", "unit_kosong", "unit_rusak",
                                  "opd_tak_dikenal", "rumus", "atasan_salah", "atasan_hilang",
                                  "atasan_diri", "siklus", "jenis", "eselon", "pangkat",
                                  "fleksibel", "ok_then_bad"])
def test_invalid_rows_are_listed_and_block_the_import(app, client, auth, demo, case):
    rows, reason = _bad_rows(demo)[case]
    auth.login_as("admin")
    before = (count(app, Pegawai), count(app, Jabatan), count(app, UnitKerja),
              count(app, RiwayatJabatan))
    r = upload(client, make_csv(with_dinkes(client, rows)))
    assert r.status_code == 303
    page = client.get(r.headers["Location"]).get_data(as_text=True)
    assert reason in page, page
    assert "Terapkan impor" not in page
    invalid = summary(app)["tidak_valid"]
    assert invalid and all(x["baris"] >= 2 for x in invalid)
    r = client.post(f"/admin/impor/p/{pending_token(app)}/terapkan", data=YA, follow_redirects=True)
    assert "baris tidak valid" in r.get_data(as_text=True)
    assert before == (count(app, Pegawai), count(app, Jabatan), count(app, UnitKerja),
                      count(app, RiwayatJabatan))


def test_line_numbers_count_the_header(app, client, auth, demo):
    auth.login_as("admin")
    upload(client, make_csv(with_dinkes(client, [
        new_person(), new_person(nip="199002022015032002", golongan="X")])))
    assert [x["baris"] for x in summary(app)["tidak_valid"]] == [3]


@pytest.mark.parametrize("data, name, message", [
    (b"%PDF-1.4 bukan tabel", "laporan.pdf", "Berkas harus CSV atau XLSX"),
    (b"\x00\x01\x02", "data.csv", "Berkas harus CSV atau XLSX"),
    (b"PK\x03\x04rusak", "data.xlsx", "Berkas XLSX tidak dapat dibaca"),
    (b"", "kosong.csv", "Berkas kosong"),
    (b"NIP;Nama;Golongan\n199001012015031001;Budi;III/a\n", "a.csv",
     "Kolom wajib tidak ada: Status, Jabatan, Jenis Jabatan, Unit Kerja"),
    (b"\xff\xfe\x00N", "latin.csv", "Berkas harus CSV atau XLSX"),
])
def test_unusable_files_answer_422(app, client, auth, data, name, message):
    auth.login_as("admin")
    before = count(app, ImporPratinjau)
    r = upload(client, data, name)
    assert r.status_code == 422
    assert message in r.get_data(as_text=True)
    assert count(app, ImporPratinjau) == before


def test_no_file_answers_422(client, auth):
    auth.login_as("admin")
    r = client.post("/admin/impor/unggah", data={})
    assert r.status_code == 422 and "Pilih berkas" in r.get_data(as_text=True)


def test_too_large_is_refused_before_reading(app, client, auth):
    auth.login_as("admin")
    before = count(app, ImporPratinjau)
    app.config["IMPORT_MAX_BYTES"] = 2000
    try:
        r = upload(client, make_csv([new_person()] * 10) + b"x" * 200_000)
        assert r.status_code == 413 and "terlalu besar" in r.get_data(as_text=True)
        r = upload(client, make_csv([new_person()] * 30))  # over the limit, under the slack
        assert r.status_code == 413
    finally:
        app.config["IMPORT_MAX_BYTES"] = 10 * 1024 * 1024
    assert count(app, ImporPratinjau) == before


def test_loose_headers_comma_and_bom(app, client, auth, demo):
    auth.login_as("admin")
    header = [" nip ", "NAMA", "gelar_depan", "Gelar  Belakang", "pangkat", "GOLONGAN",
              "status", "Jabatan", "jenis jabatan", "eselon", "Unit Path", "nip atasan",
              "Fleksibel"]
    rows = with_dinkes(client, [new_person(nip_atasan=demo.nip["kasi_surv"])])
    data = b"\xef\xbb\xbf" + make_csv(rows, header=header, delimiter=",")
    upload(client, data)
    s = summary(app)
    assert s["tidak_valid"] == [] and len(s["baru"]) == 1


def test_xlsx_formula_is_reported_not_evaluated(app, client, auth, demo):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    row = new_person()
    row["nama"] = "=CONCAT(\"Bu\",\"di\")"
    sheet.append([row[k] for k in KOLOM])
    out = io.BytesIO()
    book.save(out)
    auth.login_as("admin")
    upload(client, out.getvalue(), "pegawai.xlsx")
    invalid = summary(app)["tidak_valid"]
    assert invalid[0]["baris"] == 2 and "Sel berisi rumus" in invalid[0]["alasan"]


def test_demo_preview_of_the_sample_file(app, client, auth, demo):
    auth.login_as("admin")
    token = pending_token(app)
    page = client.get(f"/admin/impor/p/{token}").get_data(as_text=True)
    assert "contoh-impor.csv" in page and "Bambang Wibisono" in page
    assert "Terapkan impor" in page and "<h2>Baris tidak valid" not in page
    r = client.post(f"/admin/impor/p/{token}/terapkan", data=YA)
    assert r.headers["Location"].endswith("/sandi")
    with app.app_context():
        kadishub = db.session.scalar(select(Pegawai).where(Pegawai.nip == "197505102000031001"))
        assert kadishub.jabatan_aktif().atasan.nama == "Sekretaris Daerah"
