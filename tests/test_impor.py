"""Import and export of people (admin): upload → preview → confirm, idempotence."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from portal.extensions import db
from portal.models import AuditLog, ImporPratinjau, Pegawai
from portal.rules.csv_aman import escape_cell
from tests.conftest import YA
from tests.helpers.impor import (
    SURV,
    count,
    export_rows,
    make_csv,
    new_person,
    pending_token,
    summary,
    upload,
    with_dinkes,
)

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



def test_unknown_token_is_404(client, auth):
    auth.login_as("admin")
    for url in ("/admin/impor/p/tidakada", "/admin/impor/ekspor.pdf"):
        response = client.get(url)
        assert response.status_code == 404
        assert "Halaman atau data yang Anda cari tidak ada." in response.get_data(as_text=True)
