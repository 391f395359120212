"""The rapor area: PDF rapor, Dokumen SKP, track record, prestasi and batch ZIP jobs."""
from __future__ import annotations

import io
import json
import zipfile
from datetime import datetime, timedelta

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from portal import clock, orgtree
from portal.extensions import db
from portal.models import (
    Job,
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
from tests.conftest import redis_or_skip
from tests.helpers.rapor import rated, wait


def _text(data: bytes) -> tuple[str, list[str]]:
    pages = [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(data)).pages]
    return " ".join(pages), pages


# The Seksi Surveilans rated for the last finished triwulan, as these tests read it back:
# person key -> (hasil kerja, perilaku kerja, predikat, catatan)
RATINGS = {
    "staf_surv1": ("di_atas", "di_atas", "sangat_baik",
                   "Laporan surveilans selalu tepat waktu; pertahankan dan bimbing rekan."),
    "staf_surv2": ("sesuai", "sesuai", "baik", "Tingkatkan kelengkapan data imunisasi desa."),
    "staf_surv3": ("sesuai", "di_atas", "baik", "Kerja sama lintas program sangat baik."),
}


@pytest.fixture(autouse=True)
def surveilans_rated(app, demo):
    """Replace the demo's ratings of the seksi with the ones above (frozen identities)."""

    from portal.rapor.identitas import snapshot

    today = clock.today()
    with app.app_context():
        subs = [s for p in db.session.scalars(select(Periode)) for s in p.sub_periode
                if s.selesai < today]
        sub = max(subs, key=lambda s: s.selesai)
        for key, (hasil, perilaku, predikat, catatan) in RATINGS.items():
            person = db.session.get(Pegawai, demo[key])
            rated = db.session.scalar(select(Penilaian).where(
                Penilaian.pegawai_id == person.id, Penilaian.periode_id == sub.periode_id,
                Penilaian.kode == sub.kode))
            with db.session.no_autoflush:
                skp = db.session.scalar(select(Skp).where(
                    Skp.pegawai_id == person.id, Skp.periode_id == sub.periode_id,
                    Skp.status == "disetujui"))
                chain = orgtree.atasan_chain_ids(person)
            if rated is None:  # the demo leaves one report for the kepala seksi to rate
                rated = Penilaian(pegawai_id=person.id, periode_id=sub.periode_id,
                                  kode=sub.kode, sub_periode_id=sub.id)
                db.session.add(rated)
            rated.skp_id = skp.id if skp else None
            rated.penilai_id, rated.atasan_penilai_id = chain[0], chain[1]
            rated.hasil_kerja, rated.perilaku_kerja, rated.predikat = hasil, perilaku, predikat
            rated.catatan, rated.capaian_organisasi = catatan, "baik"
            with db.session.no_autoflush:
                rated.identitas = json.dumps(snapshot(person, orgtree.current_seat(person.id)),
                                             ensure_ascii=False)
            rated.dinilai_pada = datetime.combine(sub.selesai, datetime.min.time())
        db.session.commit()


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
    text, pages = _text(r.data)
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
    text, _ = _text(r.data)
    assert "Pangkat/Gol. Ruang : - / IX (PPPK)" in text
    assert demo.nip["staf_surv3"] in text


def test_rapor_identity_is_frozen(client, auth, demo, app):
    code, _ = rated(app, demo["staf_surv1"])
    with app.app_context():
        person = db.session.get(Pegawai, demo["staf_surv1"])
        person.golongan, person.nama = "III/c", "Andi Pratama Baru"
        db.session.commit()
    auth.login_as("pegawai")
    text, _ = _text(client.get(f"/rapor/{demo.nip['staf_surv1']}/{code}.pdf").data)
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
    assert client.get(f"/rapor/{demo.nip['staf_surv2']}/{code}.pdf").status_code == 403
    auth.logout()
    auth.login_as("sekda")
    assert client.get(f"/rapor/{demo.nip['staf_surv2']}/{code}.pdf").status_code == 200


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
    from portal import orgtree
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
    text, pages = _text(r.data)
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
    text, pages = _text(r.data)
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


# --- prestasi -------------------------------------------------------------------------------

def test_prestasi_recorded_and_verified(client, auth, demo, app):
    auth.login_as("pegawai_b")
    r = client.post("/prestasi", data={"jenis": "prestasi", "judul": "Pegawai teladan",
                                       "tanggal": "2026-05-02", "uraian": "Dinkes",
                                       "bukti_url": "https://contoh.go.id/sk"})
    assert r.status_code == 303
    with app.app_context():
        item = db.session.scalar(select(Prestasi).where(Prestasi.judul == "Pegawai teladan"))
        assert item.status == "menunggu" and item.pegawai_id == demo["staf_surv2"]
        pid = item.id
    auth.logout()
    auth.login_as("atasan_lain")
    assert client.post(f"/prestasi/{pid}/verifikasi",
                       data={"keputusan": "diverifikasi"}).status_code == 403
    auth.logout()
    auth.login_as("atasan")
    page = client.get("/prestasi/verifikasi").get_data(as_text=True)
    assert "Pegawai teladan" in page
    r = client.post(f"/prestasi/{pid}/verifikasi", data={"keputusan": "diverifikasi",
                                                         "catatan": "Sesuai SK."})
    assert r.status_code == 303
    with app.app_context():
        item = db.session.get(Prestasi, pid)
        assert item.status == "diverifikasi" and item.diverifikasi_oleh_id == demo["kasi_surv"]
    assert "Pegawai teladan" in client.get(f"/riwayat/{demo.nip['staf_surv2']}").get_data(
        as_text=True)


def test_prestasi_invalid_input_is_422_and_nothing_saved(client, auth, demo, app):
    auth.login_as("pegawai")
    r = client.post("/prestasi", data={"jenis": "lain", "judul": "Judul saya",
                                       "tanggal": "kemarin", "bukti_url": "bukan url"},
                    headers={"HX-Request": "true"})
    assert r.status_code == 422
    html = r.get_data(as_text=True)
    assert "Tanggal tidak valid" in html and "Not a valid" not in html
    assert "Tautan bukti harus alamat web" in html
    assert 'value="Judul saya"' in html
    assert len(r.data) < 4000 and "<html" not in html
    r = client.post("/prestasi", data={"jenis": "prestasi", "judul": "Nanti",
                                       "tanggal": "2999-01-01"})
    assert r.status_code == 422 and "masa depan" in r.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(Prestasi).where(
            Prestasi.judul.in_(("Judul saya", "Nanti")))) is None


def test_verifikasi_without_choice_is_422(client, auth, demo, app):
    with app.app_context():
        pid = db.session.scalar(select(Prestasi.id).where(Prestasi.status == "menunggu"))
    auth.login_as("atasan")
    r = client.post(f"/prestasi/{pid}/verifikasi", data={"catatan": "x"})
    assert r.status_code == 422 and "Pilih verifikasi atau tolak." in r.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Prestasi, pid).status == "menunggu"


# --- batch ZIP jobs -------------------------------------------------------------------------

def _check_zip(client, app, job_id, demo, code):
    job = wait(app, job_id)
    assert job.status == "selesai", job.error
    assert job.done == job.total == 3 and job.failure_list == []
    page = client.get(f"/unduhan/{job_id}").get_data(as_text=True)
    assert "<progress" in page and 'value="3"' in page and "every 2s" not in page
    r = client.get(f"/unduhan/{job_id}/zip")
    assert r.status_code == 200 and r.mimetype == "application/zip"
    names = sorted(zipfile.ZipFile(io.BytesIO(r.data)).namelist())
    r.close()
    assert names == sorted(f"rapor-{demo.nip[k]}-{code}.pdf"
                           for k in ("staf_surv1", "staf_surv2", "staf_surv3"))


def test_batch_zip_with_process_pool(client, auth, demo, app):
    code, _ = rated(app, demo["staf_surv1"])
    auth.login_as("atasan")
    r = client.post("/unduhan", data={"periode": code, "cakupan": "bawahan"})
    assert r.status_code == 303
    job_id = int(r.headers["Location"].rsplit("/", 1)[1])
    page = client.get(f"/unduhan/{job_id}", headers={"HX-Request": "true"})
    assert page.status_code == 200 and "<progress" in page.get_data(as_text=True)
    _check_zip(client, app, job_id, demo, code)
    assert "unduhan" in client.get("/unduhan").get_data(as_text=True)
    auth.logout()
    auth.login_as("sekda")
    r = client.get(f"/unduhan/{job_id}/zip")
    assert r.status_code == 404
    r.close()


def test_batch_zip_with_rq(client, auth, demo, app, monkeypatch):
    from rq import Queue, SimpleWorker
    url = "redis://127.0.0.1:6379/14"
    connection = redis_or_skip(url)
    monkeypatch.setitem(app.config, "REDIS_URL", url)
    code, _ = rated(app, demo["staf_surv1"])
    auth.login_as("atasan")
    r = client.post("/unduhan", data={"periode": code, "cakupan": "bawahan"})
    assert r.status_code == 303
    job_id = int(r.headers["Location"].rsplit("/", 1)[1])
    with app.app_context():
        assert db.session.get(Job, job_id).status == "antre"
        queue = Queue("portal", connection=connection)
        assert queue.count == 1
        SimpleWorker([queue], connection=connection).work(burst=True)
    _check_zip(client, app, job_id, demo, code)
    connection.flushdb()


def test_sekda_scopes_and_atasan_limits(client, auth, demo, app, monkeypatch):
    from portal import jobs

    started = []
    monkeypatch.setattr(jobs, "_submit", started.append)
    code, _ = rated(app, demo["staf_surv1"])
    auth.login_as("atasan")
    r = client.post("/unduhan", data={"periode": code, "cakupan": "semua"})
    assert r.status_code == 422
    r = client.post("/unduhan", data={"periode": "2026-TW9", "cakupan": "bawahan"})
    assert r.status_code == 422 and "Periode tidak dikenal." in r.get_data(as_text=True)
    assert started == []
    auth.logout()
    auth.login_as("sekda")
    page = client.get("/unduhan").get_data(as_text=True)
    assert "Dinas Kesehatan" in page and "Seluruh instansi" in page
    with app.app_context():
        from portal.models import UnitKerja

        dinkes = db.session.scalar(select(UnitKerja.id).where(UnitKerja.nama == "Dinas Kesehatan"))
    r = client.post("/unduhan", data={"periode": code, "cakupan": f"opd:{dinkes}"})
    assert r.status_code == 303 and len(started) == 1
    with app.app_context():
        from portal.rapor import batch, services

        owner = demo["sekda"]
        period = services.period_or_404(code)
        rated_dinkes = len(batch.rated_in_scope(owner, f"opd:{dinkes}", period))
        assert rated_dinkes >= 3
        assert rated_dinkes == db.session.scalar(select(func.count(Penilaian.id)).where(
            Penilaian.periode_id == period.periode.id, Penilaian.kode == period.kode,
            Penilaian.pegawai_id.in_(orgtree.subtree_pegawai_ids(demo["kadinkes"]))
            | (Penilaian.pegawai_id == demo["kadinkes"])))
        # An atasan of another OPD gets only their own subtree, never Dinas Kesehatan.
        theirs = {p.id for p in batch.rated_in_scope(demo["kasubid_ekon"], "bawahan", period)}
        assert theirs <= {demo["staf_ekon1"], demo["staf_ekon2"]}
        assert demo["staf_surv1"] not in theirs


def test_stale_job_is_failed_and_can_be_retried(client, auth, demo, app, monkeypatch):
    from portal import jobs

    started = []
    monkeypatch.setattr(jobs, "_submit", started.append)
    with app.app_context():
        job = Job(kind="rapor_zip", params='{"periode": "2026-TW1", "cakupan": "bawahan"}',
                  owner_id=demo["kasi_surv"], status="berjalan", total=10, done=4,
                  worker_pid=999999, heartbeat=clock.utcnow() - timedelta(hours=1))
        db.session.add(job)
        db.session.commit()
        job_id = job.id
    auth.login_as("atasan")
    html = client.get(f"/unduhan/{job_id}").get_data(as_text=True)
    assert "gagal" in html and "Ulangi" in html and "every 2s" not in html
    r = client.post(f"/unduhan/{job_id}/ulang")
    assert r.status_code == 303 and started == [job_id]
    with app.app_context():
        job = db.session.get(Job, job_id)
        assert job.status == "antre" and job.done == 0
    html = client.get(f"/unduhan/{job_id}").get_data(as_text=True)
    assert 'hx-trigger="every 2s"' in html and "Muat ulang" in html


def test_pool_recovers_after_a_worker_was_killed(app, demo, monkeypatch):
    """A killed worker breaks a ProcessPoolExecutor; the next job gets a fresh pool."""
    from concurrent.futures.process import BrokenProcessPool

    from portal import jobs

    class Broken:
        def submit(self, *args):
            raise BrokenProcessPool("worker killed")

        def shutdown(self, **kwargs):
            pass

    submitted = []

    class Fresh:
        def submit(self, fn, *args):
            submitted.append(args[0])

    monkeypatch.setitem(jobs._POOL, "pool", Broken())
    real_pool = jobs._pool

    def fake_pool(fresh=False):
        if fresh:
            jobs._POOL["pool"] = Fresh()
        return real_pool(fresh=False)

    monkeypatch.setattr(jobs, "_pool", fake_pool)
    with app.app_context():
        job = jobs.enqueue("rapor_zip", {"periode": "2026", "cakupan": "bawahan"},
                           demo["kasi_surv"])
        assert submitted == [job.id]
    jobs._POOL.pop("pool", None)


def test_worker_command_needs_redis(runner, app, monkeypatch):
    monkeypatch.setitem(app.config, "REDIS_URL", None)
    result = runner.invoke(args=["worker", "--burst"])
    assert result.exit_code != 0 and "REDIS_URL" in result.output


@pytest.mark.parametrize("url", ["/unduhan/99999999999999999999", "/unduhan/0/zip",
                                 "/skp/199204172019031006/99999999999.pdf",
                                 "/rapor/199204172019031006/99999-TW1.pdf"])
def test_absurd_ids_are_404(client, auth, demo, url):
    auth.login_as("atasan")
    assert client.get(url).status_code == 404
    assert client.post("/prestasi/99999999999999999999/verifikasi",
                       data={"keputusan": "ditolak"}).status_code == 404
