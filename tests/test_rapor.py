"""The rapor area: the PDF rapor, the Dokumen SKP and the track record (prestasi:
test_rapor_prestasi.py; batch ZIP jobs: test_rapor_batch.py)."""
from __future__ import annotations

import io
import json
from datetime import datetime

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from portal import orgtree
from portal.extensions import db
from portal.models import (
    Pegawai,
    Penilaian,
    Periode,
    Prestasi,
    Realisasi,
    RealisasiPeriode,
    Skp,
    UmpanBalik,
)
from portal.rules import berakhlak, periode_kode
from portal.rules.tanggal import tanggal_indonesia
from tests.helpers.rapor import (
    pdf_text,
    rated,
    surveilans_rated,  # noqa: F401  (an autouse fixture)
)

# --- rules ----------------------------------------------------------------------------------

@pytest.mark.parametrize("code, expected", [
    ("2026-TW1", (2026, "TW1")), ("2026-TW4", (2026, "TW4")), ("2026-B01", (2026, "B01")),
    ("2026-B12", (2026, "B12")), ("2026-S2", (2026, "S2")), ("2026", (2026, "TAHUNAN")),
    ("2026-TW9", None), ("2026-TW0", None), ("2026-B13", None), ("2026-S3", None),
    ("abc", None), ("", None), ("2026-tw1", None), ("26-TW1", None),
])
def test_period_codes(code, expected):
    assert periode_kode.parse(code) == expected


def test_period_labels():
    assert periode_kode.label("TW2") == "TRIWULAN II"
    assert periode_kode.label("TAHUNAN") == "AKHIR"
    assert periode_kode.label("S1") == "SEMESTER I"
    assert periode_kode.label("B03") == "BULAN MARET"
    assert periode_kode.url_code(2026, "TAHUNAN") == "2026"


# --- the rapor PDF --------------------------------------------------------------------------

def _add_realisasi_and_feedback(app, demo):
    """Realization of the first IKI and feedback on the first RHK and on Akuntabel."""
    with app.app_context():
        p = db.session.scalar(select(Penilaian).where(
            Penilaian.pegawai_id == demo["staf_surv1"], Penilaian.kode != "TAHUNAN"))
        skp = db.session.get(Skp, p.skp_id)
        rhk = skp.rhk[0]
        rp = db.session.scalar(select(RealisasiPeriode).where(
            RealisasiPeriode.skp_id == skp.id, RealisasiPeriode.sub_periode_id == p.sub_periode_id))
        if rp is None:  # the demo may already have accepted this realization
            rp = RealisasiPeriode(skp_id=skp.id, sub_periode_id=p.sub_periode_id)
            db.session.add(rp)
        rp.status = "diterima"
        value = next((v for v in rp.nilai if v.iki_id == rhk.iki[0].id), None)
        if value is None:
            value = Realisasi(iki_id=rhk.iki[0].id)
            rp.nilai.append(value)
        value.nilai = 13
        db.session.add(UmpanBalik(pegawai_id=demo["staf_surv1"], penulis_id=demo["kasi_surv"],
                                  rhk_id=rhk.id, sub_periode_id=p.sub_periode_id,
                                  teks="Rekap minggu ke-30 terlambat satu hari."))
        db.session.add(UmpanBalik(pegawai_id=demo["staf_surv1"], penulis_id=demo["kasi_surv"],
                                  nilai_perilaku="akuntabel", sub_periode_id=p.sub_periode_id,
                                  teks="Pencatatan logistik vaksin rapi."))
        db.session.commit()
        iki = rhk.iki[0]
        return {"rhk": rhk.teks, "atasan": rhk.rhk_atasan.teks, "iki": iki.indikator,
                "satuan": iki.satuan, "ekspektasi": [e.teks for e in skp.ekspektasi],
                "selesai": p.sub_periode.selesai, "mulai": p.sub_periode.mulai,
                "kode": p.kode, "catatan": p.catatan}


def test_rapor_pdf_holds_every_field(client, auth, demo, app):
    facts = _add_realisasi_and_feedback(app, demo)
    code, _ = rated(app, demo["staf_surv1"])
    auth.login_as("pegawai")
    r = client.get(f"/rapor/{demo.nip['staf_surv1']}/{code}.pdf")
    assert r.status_code == 200
    assert r.mimetype == "application/pdf"
    assert r.headers["Content-Disposition"] == (
        f'attachment; filename="rapor-{demo.nip["staf_surv1"]}-{code}.pdf"')
    text, pages = pdf_text(r.data)
    expected = [
        "Pemerintah Provinsi Jawa Tengah", "DOKUMEN EVALUASI KINERJA PEGAWAI",
        periode_kode.label(facts["kode"]), tanggal_indonesia(facts["mulai"]),
        tanggal_indonesia(facts["selesai"]),
        "Pegawai yang Dinilai", "Pejabat Penilai Kinerja", "Atasan Pejabat Penilai Kinerja",
        "Andi Pratama, S.Kom.", demo.nip["staf_surv1"], "Penata Muda / III/a",
        "Epidemiolog Kesehatan Ahli Pertama", "Seksi Surveilans dan Imunisasi",
        "Retno Wulandari, S.K.M.", demo.nip["kasi_surv"], "Penata Tingkat I / III/d",
        "Kepala Seksi Surveilans dan Imunisasi",
        "Irianto Setiawan, S.K.M., M.Kes.", demo.nip["kabid_p2p"], "Pembina / IV/a",
        "Kepala Bidang Pencegahan dan Pengendalian Penyakit", "Dinas Kesehatan",
        "Capaian Kinerja Organisasi : Baik", "Predikat Kinerja Pegawai : Sangat Baik",
        facts["catatan"], facts["rhk"], facts["atasan"], facts["iki"], "Kuantitas",
        "Target", "Realisasi", f"13 {facts['satuan']}",
        "Rekap minggu ke-30 terlambat satu hari.", "Pencatatan logistik vaksin rapi.",
        "Rating Hasil Kerja : Di Atas Ekspektasi", "Rating Perilaku Kerja : Di Atas Ekspektasi",
        f"Semarang, {tanggal_indonesia(facts['selesai'])}", "Halaman 1 dari",
    ]
    expected += [label for _, label, _ in berakhlak.NILAI]
    expected += [berakhlak.PEDOMAN["adaptif"][0]] + facts["ekspektasi"]
    flat = text.replace("/ ", "/")  # a line may break after a slash ("kabupaten/ kota")
    for item in expected:
        assert " ".join(item.split()).replace("/ ", "/") in flat, item
    assert text.count("Pegawai yang Dinilai,") >= 1  # signature block
    for page in pages:
        assert f"NIP {demo.nip['staf_surv1']}" in page
        assert "Halaman" in page
    assert "Siti Nurhaliza" not in text


def test_rapor_pppk_shows_golongan_without_pangkat(client, auth, demo, app):
    code, _ = rated(app, demo["staf_surv3"])
    auth.login_as("atasan")
    r = client.get(f"/rapor/{demo.nip['staf_surv3']}/{code}.pdf")
    assert r.status_code == 200
    text, _ = pdf_text(r.data)
    assert "Pangkat/Gol. Ruang : - / IX (PPPK)" in text
    assert demo.nip["staf_surv3"] in text


def test_rapor_identity_is_frozen(client, auth, demo, app):
    code, _ = rated(app, demo["staf_surv1"])
    with app.app_context():
        person = db.session.get(Pegawai, demo["staf_surv1"])
        person.golongan, person.nama = "III/c", "Andi Pratama Baru"
        db.session.commit()
    auth.login_as("pegawai")
    text, _ = pdf_text(client.get(f"/rapor/{demo.nip['staf_surv1']}/{code}.pdf").data)
    assert "Penata Muda / III/a" in text
    assert "Andi Pratama Baru" not in text


def test_rapor_archive_variant_is_pdfa(client, auth, demo, app):
    code, _ = rated(app, demo["staf_surv1"])
    auth.login_as("pegawai")
    r = client.get(f"/rapor/{demo.nip['staf_surv1']}/{code}.pdf?arsip=1")
    assert r.status_code == 200
    root = PdfReader(io.BytesIO(r.data)).trailer["/Root"]
    xmp = root["/Metadata"].get_object().get_data()
    assert b'pdfaid:part="3"' in xmp and b'pdfaid:conformance="B"' in xmp
    assert "/OutputIntents" in root
    plain = PdfReader(io.BytesIO(client.get(
        f"/rapor/{demo.nip['staf_surv1']}/{code}.pdf").data)).trailer["/Root"]
    assert "/OutputIntents" not in plain


@pytest.mark.parametrize("code", ["2026-TW9", "abc", "1999", "2026-B01", "2026-S1"])
def test_rapor_unknown_period_is_404(client, auth, demo, code):
    auth.login_as("pegawai")
    r = client.get(f"/rapor/{demo.nip['staf_surv1']}/{code}.pdf")
    assert r.status_code == 404
    assert r.mimetype == "text/html"


def test_rapor_not_yet_rated_is_a_clear_page(client, auth, demo, app):
    with app.app_context():
        tahun = db.session.scalar(select(Periode.tahun).where(Periode.aktif))
    auth.login_as("pegawai")
    r = client.get(f"/rapor/{demo.nip['staf_surv1']}/{tahun}.pdf")
    assert r.status_code == 404
    assert r.mimetype == "text/html"
    assert "belum tersedia" in r.get_data(as_text=True)
    assert b"%PDF" not in r.data


def test_rapor_of_another_person_is_forbidden(client, auth, demo, app):
    code, _ = rated(app, demo["staf_surv2"])
    auth.login_as("pegawai")
    refused = client.get(f"/rapor/{demo.nip['staf_surv2']}/{code}.pdf")
    assert refused.status_code == 403 and not refused.data.startswith(b"%PDF")
    auth.logout()
    auth.login_as("sekda")
    allowed = client.get(f"/rapor/{demo.nip['staf_surv2']}/{code}.pdf")
    assert allowed.status_code == 200 and allowed.data.startswith(b"%PDF")


def test_stylesheets_are_parsed_once_for_many_documents(app, demo, monkeypatch):
    import weasyprint

    from portal import pdf
    from portal.rapor import services

    made = []
    real = weasyprint.CSS

    def counting(*args, **kwargs):
        made.append(kwargs.get("filename"))
        return real(*args, **kwargs)

    monkeypatch.setattr(weasyprint, "CSS", counting)
    monkeypatch.setattr(pdf, "_CACHE", {})
    with app.test_request_context():
        for key in ("staf_surv1", "staf_surv2", "staf_surv3"):
            person = db.session.get(Pegawai, demo[key])
            p = db.session.scalar(select(Penilaian).where(Penilaian.pegawai_id == person.id))
            period = services.period_or_404(periode_kode.url_code(p.periode.tahun, p.kode))
            data = pdf.render_pdf("pdf/rapor.html",
                                  **services.rapor_context(person, period, p))
            assert data.startswith(b"%PDF")
    assert len(made) == len(pdf.STYLESHEETS) == 1


def test_identitas_snapshot_shape(app, demo):
    from portal.rapor.identitas import snapshot

    with app.app_context():
        sekda = db.session.get(Pegawai, demo["sekda"])
        snap = snapshot(sekda, orgtree.current_seat(sekda.id))
        for block in ("pegawai", "penilai", "atasan_penilai"):
            assert {"nama", "nip", "pangkat_golongan", "jabatan", "unit_kerja"} <= set(snap[block])
        assert snap["penilai"]["jabatan"] == "Gubernur Jawa Tengah"  # the kepala daerah
        staf = db.session.get(Pegawai, demo["staf_surv3"])
        snap = snapshot(staf, orgtree.current_seat(staf.id))
        assert snap["pegawai"]["pangkat"] == "" and snap["pegawai"]["golongan"] == "IX (PPPK)"
        assert snap["penilai"]["nip"] == demo.nip["kasi_surv"]
        json.dumps(snap)


# --- Dokumen SKP and the track record -------------------------------------------------------

def test_skp_pdf(client, auth, demo, app):
    with app.app_context():
        skp = db.session.scalar(select(Skp).where(Skp.pegawai_id == demo["staf_surv1"],
                                                  Skp.status == "disetujui")
                                .order_by(Skp.periode_id.desc()))
        tahun, rhk = skp.periode.tahun, skp.rhk[0].teks
    auth.login_as("atasan_atasan")
    r = client.get(f"/skp/{demo.nip['staf_surv1']}/{tahun}.pdf")
    assert r.status_code == 200
    assert f'filename="skp-{demo.nip["staf_surv1"]}-{tahun}.pdf"' in r.headers[
        "Content-Disposition"]
    text, pages = pdf_text(r.data)
    for item in ("SASARAN KINERJA PEGAWAI", rhk, "Andi Pratama", "Retno Wulandari",
                 "Berorientasi Pelayanan", "Halaman 1 dari"):
        assert " ".join(item.split()) in text
    assert all(demo.nip["staf_surv1"] in p for p in pages)
    assert client.get(f"/skp/{demo.nip['staf_surv1']}/1999.pdf").status_code == 404


def test_riwayat_page_and_pdf(client, auth, demo, app):
    auth.login_as("atasan")
    r = client.get(f"/riwayat/{demo.nip['staf_surv1']}")
    html = r.get_data(as_text=True)
    assert r.status_code == 200
    assert "Sangat Baik" in html and "Epidemiolog Kesehatan Ahli Pertama" in html
    assert "Dasbor surveilans mingguan otomatis" in html  # verified
    assert "Juara II Lomba Inovasi" not in html  # still waiting
    assert "<svg" in html and "<rect" in html and "style=" not in html
    r = client.get(f"/riwayat/{demo.nip['staf_surv1']}.pdf")
    assert r.status_code == 200
    assert r.headers["Content-Disposition"].endswith(
        f'riwayat-kinerja-{demo.nip["staf_surv1"]}.pdf"')
    text, pages = pdf_text(r.data)
    assert "RIWAYAT KINERJA PEGAWAI" in text and "Dasbor surveilans mingguan otomatis" in text
    assert "Sangat Baik" in text and "Juara II" not in text
    assert all(demo.nip["staf_surv1"] in p for p in pages)


def test_riwayat_page_statement_count_does_not_grow(client, auth, demo, app):
    from tests.conftest import QueryCounter

    auth.login_as("sekda")
    url = f"/riwayat/{demo.nip['staf_surv1']}"
    client.get(url)
    with app.app_context(), QueryCounter(db.engine) as before:
        client.get(url)
    with app.app_context():
        for i in range(5):
            db.session.add(Prestasi(pegawai_id=demo["staf_surv1"], judul=f"P{i}",
                                    tanggal=datetime(2026, 1, 1).date(), status="diverifikasi"))
        db.session.commit()
    with app.app_context(), QueryCounter(db.engine) as after:
        client.get(url)
    assert after.count == before.count


@pytest.mark.parametrize("url", ["/unduhan/99999999999999999999", "/unduhan/0/zip",
                                 "/skp/199204172019031006/99999999999.pdf",
                                 "/rapor/199204172019031006/99999-TW1.pdf"])
def test_absurd_ids_are_404(client, auth, app, demo, url):
    auth.login_as("atasan")
    with app.app_context():
        before = db.session.execute(select(Prestasi.id, Prestasi.status)).all()
    response = client.get(url)
    assert response.status_code == 404 and not response.data.startswith((b"%PDF", b"PK"))
    assert "Halaman atau data yang Anda cari tidak ada." in response.get_data(as_text=True)
    assert client.post("/prestasi/99999999999999999999/verifikasi",
                       data={"keputusan": "ditolak"}).status_code == 404
    with app.app_context():
        assert db.session.execute(select(Prestasi.id, Prestasi.status)).all() == before
