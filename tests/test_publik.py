"""Public pages: verifying an issued document at /v/<kode> and the region's figures at /publik."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from portal.extensions import db
from portal.models import Dokumen, Pegawai, Periode

pytestmark = pytest.mark.db

KB = 1024


@pytest.fixture
def issued(client, auth, demo, app):
    """pegawai A's sealed rapor of the past year: (register row id, its bytes)."""
    with app.app_context():
        tahun = db.session.scalar(select(Periode.tahun).order_by(Periode.tahun).limit(1))
    auth.login_as("pegawai")
    data = client.get(f"/rapor/{demo.nip['staf_surv1']}/{tahun}.pdf").data
    auth.logout()
    client.cookie_jar.clear() if hasattr(client, "cookie_jar") else None
    with app.app_context():
        row = db.session.scalar(select(Dokumen))
        return {"kode": row.kode, "nomor": row.nomor, "sha": row.sha256, "data": data,
                "id": row.id}


def _wire(client, url) -> int:
    response = client.get(url, headers={"Accept-Encoding": "br, gzip"})
    return len(response.data) + sum(len(f"{k}: {v}\r\n") for k, v in response.headers.items())


def test_verify_page_shows_the_register_row_without_login(client, demo, issued):
    page = client.get(f"/v/{issued['kode']}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    nip = demo.nip["staf_surv1"]
    for expected in (issued["nomor"], issued["sha"], "VALID", "Dokumen Evaluasi Kinerja Pegawai",
                     f"{nip[:4]}**********{nip[-4:]}", "Pemerintah Provinsi Jawa Tengah"):
        assert expected in html, expected
    assert nip not in html and "<script" not in html
    assert page.headers["X-Robots-Tag"] == "noindex"


def test_verify_page_byte_budget(client, issued):
    """First visit without JavaScript: the page, its stylesheet and the favicon within 8 KB."""
    html = client.get(f"/v/{issued['kode']}").get_data(as_text=True)
    import re

    css = re.search(r'href="([^"]+portal\.css[^"]*)"', html)[1]
    total = _wire(client, f"/v/{issued['kode']}") + _wire(client, css) + _wire(
        client, "/favicon.ico")
    assert total <= 8 * KB, total


@pytest.mark.parametrize("kode", ["abc", "0000000000", "zzzzzzzzzzzz", "a" * 300, "%27%3B--",
                                  "..%2F..%2Fetc", "ABCDEFGHJKLM"])
def test_unknown_or_malformed_codes_are_a_plain_404(client, issued, kode):
    response = client.get(f"/v/{kode}")
    assert response.status_code == 404
    html = response.get_data(as_text=True)
    assert issued["nomor"] not in html and "VALID" not in html and issued["sha"] not in html


def _upload(client, kode, data: bytes, name="rapor.pdf"):
    import io

    return client.post(f"/v/{kode}", data={"berkas": (io.BytesIO(data), name)},
                       content_type="multipart/form-data")


def test_uploaded_copy_is_compared_byte_for_byte(client, issued):
    same = _upload(client, issued["kode"], issued["data"])
    assert same.status_code == 200 and "Cocok" in same.get_data(as_text=True)
    at = len(issued["data"]) // 2
    changed = issued["data"][:at] + bytes([issued["data"][at] ^ 1]) + issued["data"][at + 1:]
    other = _upload(client, issued["kode"], changed)
    assert other.status_code == 200 and "Tidak cocok" in other.get_data(as_text=True)


def test_non_pdf_missing_and_oversized_uploads_are_refused_politely(client, app, issued):
    text = _upload(client, issued["kode"], b"MZ\x90\x00 bukan pdf", "virus.exe")
    assert text.status_code == 422 and "bukan PDF" in text.get_data(as_text=True)
    empty = client.post(f"/v/{issued['kode']}", data={}, content_type="multipart/form-data")
    assert empty.status_code == 422 and "Pilih berkas PDF" in empty.get_data(as_text=True)
    limit = app.config["VERIFIKASI_UNGGAH_MAX_BYTES"]
    app.config["VERIFIKASI_UNGGAH_MAX_BYTES"] = 1000
    try:
        big = _upload(client, issued["kode"], issued["data"])
        assert big.status_code == 413 and "terlalu besar" in big.get_data(as_text=True)
        huge = _upload(client, issued["kode"], b"%PDF-" + b"0" * 100_000)
        assert huge.status_code == 413
    finally:
        app.config["VERIFIKASI_UNGGAH_MAX_BYTES"] = limit


def test_superseded_and_withdrawn_documents_say_so(client, app, runner, issued):
    with app.app_context():
        from portal.dokumen import register

        row = db.session.get(Dokumen, issued["id"])
        register.supersede([row], "uji")
        db.session.commit()
    assert "SUPERSEDED" in client.get(f"/v/{issued['kode']}").get_data(as_text=True)
    result = runner.invoke(args=["dokumen", "cabut", issued["nomor"], "--alasan", "Salah cetak"])
    assert result.exit_code == 0, result.output
    html = client.get(f"/v/{issued['kode']}").get_data(as_text=True)
    assert "WITHDRAWN" in html and "Salah cetak" not in html


def test_guesses_from_one_address_are_limited_across_workers(client, app, issued):
    """The count lives in the database: a second app (another worker) sees the same count."""
    from portal import create_app

    app.config["VERIFIKASI_MAX_PER_ALAMAT"] = 5
    other = create_app({k: app.config[k] for k in ("TESTING", "SECRET_KEY",
                                                   "SQLALCHEMY_DATABASE_URI", "WTF_CSRF_ENABLED")}
                       | {"VERIFIKASI_MAX_PER_ALAMAT": 5})
    try:
        answers = [client.get(f"/v/guess{i:07d}").status_code for i in range(3)]
        answers += [other.test_client().get(f"/v/guess{i:07d}").status_code for i in range(2)]
        assert answers == [404] * 5
        assert client.get(f"/v/{issued['kode']}").status_code == 429
        assert other.test_client().get(f"/v/{issued['kode']}").status_code == 429
        elsewhere = client.get(f"/v/{issued['kode']}", environ_base={"REMOTE_ADDR": "10.9.8.7"})
        assert elsewhere.status_code == 200
    finally:
        app.config["VERIFIKASI_MAX_PER_ALAMAT"] = 60
        with other.app_context():
            db.session.remove()
            db.engine.dispose()


# --- /publik ------------------------------------------------------------------------------

def test_publik_page_has_no_names_and_hides_small_groups(client, app, demo):
    response = client.get("/publik")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "<script" not in html and "Dinas Kesehatan" in html
    with app.app_context():
        names = db.session.scalars(select(Pegawai.nama)).all()
    assert not [n for n in names if n in html]
    figures = client.get("/publik.json").get_json()
    assert figures["dihitung_pada"] and figures["periode"]["kode"]
    for w in figures["wilayah"]:
        people = w["pegawai"]
        for value in [w["dinilai"], *w["predikat"].values()]:
            assert value == "< 5" or value >= 5, (w["nama"], value)
        if people == "< 5":
            assert w["skp_tepat_waktu_persen"] == "< 5"
            assert w["hari_kerja_berisi_persen"] == "< 5"
    small = [w for w in figures["wilayah"] if w["pegawai"] == "< 5"]
    assert small, "provinsi demo punya OPD kecil"


def test_publik_with_small_opds_only(client, app, demo):
    """Move everyone but three people out of every OPD's seats: nothing but "< 5" remains."""
    from portal.models import RiwayatJabatan

    with app.app_context():
        keep = {demo["sekda"], demo["kadinkes"], demo["staf_surv1"]}
        for r in db.session.scalars(select(RiwayatJabatan)):
            if r.pegawai_id not in keep:
                db.session.delete(r)
        db.session.commit()
    figures = client.get("/publik.json").get_json()
    for w in figures["wilayah"]:
        assert w["pegawai"] == "< 5" and w["dinilai"] == "< 5"
        assert set(w["predikat"].values()) == {"< 5"}
        assert w["skp_tepat_waktu_persen"] == "< 5" and w["sesuai_kurva"] is None
    csv = client.get("/publik.csv").get_data(as_text=True)
    assert csv.lstrip("\ufeff").startswith("periode,wilayah,ukuran,rincian,nilai,dihitung_pada")


def test_publik_is_cached_and_within_budget(client, app, demo):
    from tests.conftest import QueryCounter

    first = client.get("/publik")
    assert "max-age" in first.headers["Cache-Control"]
    with app.app_context(), QueryCounter(db.engine) as counter:
        again = client.get("/publik")
    assert again.status_code == 200 and counter.count <= 3, counter.statements
    import re

    css = re.search(r'href="([^"]+portal\.css[^"]*)"', first.get_data(as_text=True))[1]
    total = _wire(client, "/publik") + _wire(client, css) + _wire(client, "/favicon.ico")
    assert total <= 15 * KB, total
    data = client.get("/publik.json")
    assert json.loads(data.data)["dihitung_pada"] == client.get(
        "/publik.json").get_json()["dihitung_pada"]


def test_fuzzed_codes_and_uploads_never_fail(client, app, issued):
    """Hostile codes and file contents: a plain answer (404, 200, 413, 422), never an error."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    app.config["VERIFIKASI_MAX_PER_ALAMAT"] = 10_000
    try:
        @settings(max_examples=40, deadline=None,
                  suppress_health_check=[HealthCheck.function_scoped_fixture])
        @given(kode=st.text(min_size=1, max_size=40).filter(lambda s: "/" not in s),
               isi=st.binary(max_size=3000), prefix=st.sampled_from([b"", b"%PDF-1.7\n"]))
        def one(kode, isi, prefix):
            from urllib.parse import quote

            got = client.get(f"/v/{quote(kode, safe='')}")
            assert got.status_code in (200, 404), kode
            sent = _upload(client, issued["kode"], prefix + isi, name=kode[:20] + ".pdf")
            assert sent.status_code in (200, 422), sent.status_code
            text = sent.get_data(as_text=True)
            assert ("Cocok" in text) is (prefix + isi == issued["data"])

        one()
    finally:
        app.config["VERIFIKASI_MAX_PER_ALAMAT"] = 60


def test_discipline_figures_appear_once_presensi_is_recorded(client, app, demo):
    """No attendance record in the period: no discipline figures. With records: the shares of
    working days, "< 5" for small OPDs."""
    from datetime import date, datetime

    from portal.models import Presensi

    assert all(w["disiplin"] is None for w in client.get("/publik.json").get_json()["wilayah"])
    with app.app_context():
        tahun = db.session.scalar(select(Periode.tahun).order_by(Periode.tahun).limit(1))
        for key in ("staf_surv1", "staf_surv2", "kasi_surv"):
            for day, jam in ((3, 7), (4, 9)):  # on time, then late (TL)
                db.session.add(Presensi(pegawai_id=demo[key], tanggal=date(tahun, 3, day),
                                        datang=datetime(tahun, 3, day, jam, 20),
                                        pulang=datetime(tahun, 3, day, 16, 30)))
        db.session.commit()
        db.session.execute(db.text("DELETE FROM angka_tersimpan"))
        db.session.commit()
    wilayah = client.get("/publik.json").get_json()["wilayah"]
    whole = wilayah[0]["disiplin"]
    # Six days present (three of them late) among some 8,000 person-working-days of the year.
    assert 0 < whole["hadir_persen"] < 1 and whole["tepat_waktu_persen"] < whole["hadir_persen"]
    assert whole["tk_persen"] > 90
    for w in wilayah:
        if w["pegawai"] == "< 5":
            assert set(w["disiplin"].values()) == {"< 5"}
    assert "disiplin_hadir_persen" in client.get("/publik.csv").get_data(as_text=True)


def test_verify_page_statements(client, app, issued):
    from tests.conftest import QueryCounter

    with app.app_context(), QueryCounter(db.engine) as counter:
        assert client.get(f"/v/{issued['kode']}").status_code == 200
    # the rate-limit count and its row, the register row, its successor (none)
    assert counter.count <= 5, counter.statements
