"""Import and export of people (admin): upload → preview → confirm, bad input, idempotence."""
from __future__ import annotations

import csv
import io
import json

import pytest
from sqlalchemy import func, select

from portal.extensions import db
from portal.impor.berkas import KOLOM
from portal.models import AuditLog, ImporPratinjau, Jabatan, Pegawai, RiwayatJabatan, UnitKerja
from portal.rules.csv_aman import escape_cell
from tests.conftest import YA, QueryCounter
from tests.helpers.impor import new_person

HEADER = list(KOLOM.values())


def make_csv(rows: list[dict], header=HEADER, delimiter=";") -> bytes:
    out = io.StringIO()
    w = csv.writer(out, delimiter=delimiter)
    w.writerow(header)
    keys = list(KOLOM)
    for r in rows:
        w.writerow([r.get(k, "") for k in keys])
    return out.getvalue().encode("utf-8")


def upload(client, data: bytes, name="pegawai.csv"):
    return client.post("/admin/impor/unggah", data={"berkas": (io.BytesIO(data), name)},
                       content_type="multipart/form-data")


def pending_token(app) -> str:
    with app.app_context():
        return db.session.scalar(select(ImporPratinjau.token).order_by(ImporPratinjau.id.desc()))


def summary(app) -> dict:
    with app.app_context():
        p = db.session.scalar(select(ImporPratinjau).order_by(ImporPratinjau.id.desc()))
        return json.loads(p.ringkasan_json)


def export_rows(client, fmt="csv") -> list[dict]:
    r = client.get(f"/admin/impor/ekspor.{fmt}")
    assert r.status_code == 200
    if fmt == "xlsx":
        from openpyxl import load_workbook

        sheet = load_workbook(io.BytesIO(r.data), read_only=True).worksheets[0]
        table = [[c or "" for c in row] for row in sheet.iter_rows(values_only=True)]
    else:
        table = list(csv.reader(io.StringIO(r.data.decode("utf-8-sig")), delimiter=";"))
    assert table[0] == HEADER
    return [dict(zip(KOLOM, row, strict=True)) for row in table[1:]]


def with_dinkes(client, rows: list[dict]) -> list[dict]:
    """`rows` first (so their line numbers are 2, 3, …), then the whole Dinas Kesehatan as
    exported: a file covering an OPD lists all its people, or the others are deactivated."""
    return rows + [r for r in export_rows(client) if r["unit"].startswith("Dinas Kesehatan")]


def count(app, model, *where):
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model).where(*where))


SURV = ("Dinas Kesehatan / Bidang Pencegahan dan Pengendalian Penyakit / Seksi Surveilans dan "
        "Imunisasi")


# --- the rule for exported cells -------------------------------------------------------------

@pytest.mark.parametrize("value, expected", [
    ("=SUM(A1:A2)", "'=SUM(A1:A2)"), ("+62812", "'+62812"), ("-1", "'-1"), ("@cmd", "'@cmd"),
    ("\t=1", "'\t=1"), ("Budi", "Budi"), ("", ""), ("a=b", "a=b"), (None, None), (12, 12),
])
def test_escape_cell(value, expected):
    assert escape_cell(value) == expected


def test_check_row_normalizes_a_good_line():
    from portal.impor.validasi import check_row, split_path

    data, reasons = check_row(new_person(status="pns", eselon="", fleksibel="Ya",
                                         nama="  Budi   Santoso "), [])
    assert reasons == []
    assert data["status"] == "PNS" and data["nama"] == "Budi Santoso" and data["fleksibel"]
    assert data["unit"][0] == "Dinas Kesehatan" and len(data["unit"]) == 3
    assert split_path(" A /  B  C ") == ("A", "B C")
    assert split_path("A / / B") is None and split_path("  ") is None
    _, reasons = check_row(new_person(jenis_jabatan="struktural", eselon="eselon III"), [])
    assert reasons == []


# --- pages ---------------------------------------------------------------------------------

def test_index_shows_upload_and_export(client, auth):
    auth.login_as("admin")
    r = client.get("/admin/impor/")
    html = r.get_data(as_text=True)
    assert r.status_code == 200
    assert 'enctype="multipart/form-data"' in html
    assert "/admin/impor/ekspor.csv" in html and "/admin/impor/ekspor.xlsx" in html
    assert "contoh-impor.csv" in html and "menunggu konfirmasi" in html  # the demo's preview


def test_nav_link_for_admin_only(client, auth):
    auth.login_as("admin")
    client.post("/peran", data={"peran": "admin"})
    assert "/admin/impor/" in client.get("/admin/").get_data(as_text=True)
    auth.logout()
    auth.login_as("sekda")
    assert "/admin/impor/" not in client.get("/beranda/sekda").get_data(as_text=True)


# --- round trip and idempotence --------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_then_import_changes_nothing(app, client, auth, demo, fmt):
    auth.login_as("admin")
    rows = export_rows(client, fmt)
    assert len(rows) == 33
    kasi = next(r for r in rows if r["nip"] == demo.nip["staf_surv1"])
    assert kasi["nip_atasan"] == demo.nip["kasi_surv"]
    assert kasi["unit"] == SURV
    # NIP atasan is the supervisor the portal resolves (a vacant seat passes to the next up).
    with app.app_context():
        from portal.orgtree import atasan_of

        for row in rows:
            p = db.session.scalar(select(Pegawai).where(Pegawai.nip == row["nip"]))
            atasan = atasan_of(p)
            assert row["nip_atasan"] == (atasan.nip if atasan else ""), row
    if fmt == "xlsx":
        r = client.get("/admin/impor/ekspor.xlsx")
        data, name = r.data, "pegawai.xlsx"
    else:
        data, name = make_csv(rows), "pegawai.csv"
    r = upload(client, data, name)
    assert r.status_code == 303
    page = client.get(r.headers["Location"]).get_data(as_text=True)
    assert "Tidak ada perubahan." in page
    assert "Terapkan impor" not in page
    opd = sorted({r["unit"].split(" / ")[0] for r in rows})
    assert summary(app) == {"tidak_valid": [], "jumlah_tidak_valid": 0, "baru": [], "ubah": [],
                            "nonaktif": [], "opd": opd}


def test_export_escapes_formula_like_cells(app, client, auth, demo):
    with app.app_context():
        p = db.session.get(Pegawai, demo["staf_surv1"])
        p.nama = "=HYPERLINK(\"x\")"
        db.session.commit()
    auth.login_as("admin")
    body = client.get("/admin/impor/ekspor.csv").data.decode("utf-8-sig")
    assert "'=HYPERLINK" in body
    rows = export_rows(client, "xlsx")
    assert any(r["nama"] == "'=HYPERLINK(\"x\")" for r in rows)
    # Re-importing the escaped export gives back the same name: still no change.
    upload(client, make_csv(export_rows(client)))
    assert summary(app)["ubah"] == [] and summary(app)["tidak_valid"] == []


def test_preview_then_confirm_creates_changes_and_moves(app, client, auth, demo):
    auth.login_as("admin")
    rows = [r for r in export_rows(client) if r["unit"].startswith("Dinas Kesehatan")]
    for r in rows:
        if r["nip"] == demo.nip["staf_surv2"]:
            r["golongan"], r["pangkat"] = "II/d", "Pengatur Tingkat I"
        if r["nip"] == demo.nip["staf_pm1"]:  # moves to Seksi Surveilans, same jabatan name
            r["unit"] = SURV
            r["nip_atasan"] = demo.nip["kasi_surv"]
    rows.append(new_person(nip_atasan=demo.nip["kasi_surv"]))
    pegawai_before = count(app, Pegawai)
    r = upload(client, make_csv(rows))
    page = client.get(r.headers["Location"]).get_data(as_text=True)
    s = summary(app)
    assert [b["nip"] for b in s["baru"]] == ["199001012015031001"]
    changed = {u["nip"]: u["perubahan"] for u in s["ubah"]}
    assert changed[demo.nip["staf_surv2"]] == [["Golongan", "II/c", "II/d"]]
    assert changed[demo.nip["staf_pm1"]][0][0] == "Jabatan"
    assert s["nonaktif"] == [] and s["tidak_valid"] == []
    assert "Budi Santoso" in page and "II/d" in page and "Terapkan impor" in page
    assert count(app, Pegawai) == pegawai_before  # nothing written before confirming

    token = pending_token(app)
    r = client.post(f"/admin/impor/p/{token}/terapkan", data=YA)
    assert r.status_code == 303 and r.headers["Location"].endswith(f"/p/{token}/sandi")
    with app.app_context():
        budi = db.session.scalar(select(Pegawai).where(Pegawai.nip == "199001012015031001"))
        assert budi.wajib_ganti_sandi and budi.aktif
        seat = budi.jabatan_aktif()
        assert seat.unit.path_text == SURV and seat.atasan.nama.startswith("Kepala Seksi Surv")
        assert db.session.get(Pegawai, demo["staf_surv2"]).golongan == "II/d"
        moved = db.session.get(Pegawai, demo["staf_pm1"]).jabatan_aktif()
        assert moved.unit.path_text == SURV
        entries = db.session.scalars(select(AuditLog).where(AuditLog.aksi == "impor")).all()
        assert len(entries) == 1 and json.loads(entries[0].sesudah)["baru"] == 1
        assert budi.password_hash and "sandi" not in (budi.password_hash or "")

    # The one-time password: shown on the page, downloadable once, then gone.
    r = client.get(f"/admin/impor/p/{token}/sandi")
    page = r.get_data(as_text=True)
    assert "199001012015031001" in page and r.headers["Cache-Control"] == "no-store"
    r = client.get(f"/admin/impor/p/{token}/sandi.csv")
    assert r.status_code == 200 and r.headers["Cache-Control"] == "no-store"
    line = [x for x in r.data.decode("utf-8-sig").splitlines() if "199001012015031001" in x][0]
    password = line.split(";")[2]
    assert password in page
    assert client.get(f"/admin/impor/p/{token}/sandi.csv").status_code == 404
    page = client.get(f"/admin/impor/p/{token}/sandi").get_data(as_text=True)
    assert password not in page and "sudah diunduh atau dihapus" in page
    with app.app_context():
        assert db.session.scalar(select(ImporPratinjau.sandi_json).where(
            ImporPratinjau.token == token)) is None

    # The new person logs in with it and must change it first.
    other = app.test_client()
    r = other.post("/masuk", data={"nip": "199001012015031001", "password": password})
    assert r.status_code == 302 and "ganti-sandi" in r.headers["Location"]

    # Applying twice is refused; the same file again changes nothing.
    r = client.post(f"/admin/impor/p/{token}/terapkan", data=YA, follow_redirects=True)
    assert "sudah diterapkan" in r.get_data(as_text=True)
    r = upload(client, make_csv(rows))
    assert "Tidak ada perubahan." in client.get(r.headers["Location"]).get_data(as_text=True)


def test_password_list_can_be_discarded(app, client, auth, demo):
    auth.login_as("admin")
    upload(client, make_csv(with_dinkes(client, [new_person()])))
    token = pending_token(app)
    client.post(f"/admin/impor/p/{token}/terapkan", data=YA)
    r = client.post(f"/admin/impor/p/{token}/sandi/hapus", data=YA, headers={"HX-Request": "true"})
    assert r.status_code == 204 and r.headers["HX-Redirect"] == "/admin/impor/"
    with app.app_context():
        assert db.session.scalar(select(ImporPratinjau.sandi_json).where(
            ImporPratinjau.token == token)) is None
    assert client.get(f"/admin/impor/p/{token}/sandi.csv").status_code == 404


def test_partial_file_deactivates_only_its_opd(app, client, auth, demo):
    auth.login_as("admin")
    rows = [r for r in export_rows(client) if r["unit"].startswith("Dinas Kesehatan")
            and r["nip"] != demo.nip["staf_surv2"]]
    upload(client, make_csv(rows))
    s = summary(app)
    assert s["opd"] == ["Dinas Kesehatan"]
    assert [n["nip"] for n in s["nonaktif"]] == [demo.nip["staf_surv2"]]
    assert s["baru"] == [] and s["ubah"] == []
    client.post(f"/admin/impor/p/{pending_token(app)}/terapkan", data=YA)
    with app.app_context():
        assert db.session.get(Pegawai, demo["staf_surv2"]).aktif is False
        assert db.session.get(Pegawai, demo["staf_surv2"]).jabatan_aktif() is None
        for key in ("kasubid_ekon", "staf_ekon1", "staf_kur1", "sekda", "staf_surv1"):
            assert db.session.get(Pegawai, demo[key]).aktif is True
        batch = db.session.scalar(select(AuditLog).where(AuditLog.aksi == "impor_nonaktif"))
        assert json.loads(batch.sesudah)["nip"] == [demo.nip["staf_surv2"]]


def test_admin_is_never_deactivated(app, client, auth, demo):
    auth.login_as("admin")
    rows = [r for r in export_rows(client) if r["unit"] == "Sekretariat Daerah"
            and r["nip"] != demo.nip["admin"]]
    upload(client, make_csv(rows))
    assert summary(app)["nonaktif"] == []


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


def test_unknown_token_is_404(client, auth):
    auth.login_as("admin")
    assert client.get("/admin/impor/p/tidakada").status_code == 404
    assert client.get("/admin/impor/ekspor.pdf").status_code == 404


# --- a new OPD and the statement count -------------------------------------------------------

def generated(opd: str, n: int, seed: int) -> list[dict]:
    """A new OPD: its head, 4 bidang heads, 5 seksi heads each, the rest staff."""
    rows, k = [], 0

    def nip() -> str:
        nonlocal k
        k += 1
        return f"19{seed:02d}0101201503{1 + k % 2}{k:03d}"[:15] + f"{k % 1000:03d}"

    def person(jabatan, jenis, eselon, unit, atasan="") -> dict:
        nomor = len(rows)
        birth = f"19{70 + seed % 20:02d}{1 + nomor % 12:02d}{1 + (nomor // 12) % 28:02d}"
        code = f"{birth}2015031{nomor % 1000:03d}"
        return {"nip": code, "nama": f"Pegawai {nomor}", "gelar_depan": "", "gelar_belakang": "",
                "pangkat": "Penata Muda", "golongan": "III/a", "status": "PNS",
                "jabatan": jabatan, "jenis_jabatan": jenis, "eselon": eselon or "",
                "unit": unit, "nip_atasan": atasan, "fleksibel": "tidak"}

    rows.append(person(f"Kepala {opd}", "struktural", "II", opd))
    bidang = 0
    while len(rows) < n:
        bidang += 1
        b_unit = f"{opd} / Bidang {bidang}"
        rows.append(person(f"Kepala Bidang {bidang}", "struktural", "III", b_unit))
        for s in range(1, 6):
            s_unit = f"{b_unit} / Seksi {s}"
            rows.append(person(f"Kepala Seksi {s}", "struktural", "IV", s_unit))
            for _ in range(20):
                rows.append(person("Analis", "fungsional", None, s_unit))
    rows = rows[:n]
    assert len({r["nip"] for r in rows}) == n
    return rows


def _statements(app, fn) -> int:
    with app.app_context():
        engine = db.engine
    with QueryCounter(engine) as qc:
        fn()
    return qc.count


def test_statement_count_does_not_grow_with_rows(app, client, auth, demo):
    auth.login_as("admin")
    counts = {}
    for n, opd, seed in ((200, "Dinas Uji Kecil", 1), (2000, "Dinas Uji Besar", 2)):
        data = make_csv(generated(opd, n, seed))
        preview = _statements(app, lambda data=data: upload(client, data))
        s = summary(app)
        assert s["tidak_valid"] == [], s["tidak_valid"][:3]
        assert len(s["baru"]) == n
        token = pending_token(app)
        applied = _statements(app, lambda token=token: client.post(
            f"/admin/impor/p/{token}/terapkan", data=YA))
        counts[n] = (preview, applied)
        with app.app_context():
            assert db.session.scalar(select(func.count()).select_from(Pegawai).where(
                Pegawai.nip.in_([r["nip"] for r in generated(opd, n, seed)]))) == n
        r = upload(client, data)  # the same file again: nothing to do
        assert "Tidak ada perubahan." in client.get(r.headers["Location"]).get_data(as_text=True)
    assert counts[200] == counts[2000]
    with app.app_context():
        head = db.session.scalar(select(Jabatan).where(Jabatan.nama == "Kepala Dinas Uji Besar"))
        assert head.atasan.nama == "Sekretaris Daerah"


def test_conflict_while_applying_keeps_nothing(app, client, auth, demo, monkeypatch):
    from sqlalchemy.exc import IntegrityError

    from portal.impor import terapkan

    def clash(*_args, **_kw):
        db.session.add(AuditLog(aksi="sebagian", objek_jenis="x"))
        raise IntegrityError("INSERT", {}, Exception("unique"))

    monkeypatch.setattr(terapkan, "apply", clash)
    auth.login_as("admin")
    token = pending_token(app)
    r = client.post(f"/admin/impor/p/{token}/terapkan", data=YA, follow_redirects=True)
    assert r.status_code == 200 and "tidak ada yang disimpan" in r.get_data(as_text=True)
    assert count(app, AuditLog, AuditLog.aksi == "sebagian") == 0
    with app.app_context():
        status = db.session.scalar(select(ImporPratinjau.status).where(
            ImporPratinjau.token == token))
    assert status == "menunggu"
