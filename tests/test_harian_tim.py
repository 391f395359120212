"""Pelaksanaan, the supervisor's side and the shared parts: team week, atasan home, evidence
files, realization, feedback threads and notifications."""
from __future__ import annotations

import io
from datetime import timedelta

from sqlalchemy import func, select

from portal import clock
from portal.extensions import db
from portal.models import (
    BuktiDukung,
    ModeKerja,
    Notifikasi,
    Periode,
    ProgresHarian,
    RealisasiPeriode,
    Skp,
    SubPeriode,
    UmpanBalik,
)
from portal.rules.hari_kerja import label_minggu
from tests.conftest import PERSONAS, YA, QueryCounter

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def test_team_week_flags_cap_and_empty_days(client, auth, app, demo):
    last_week = clock.today() - timedelta(days=7)
    monday = last_week - timedelta(days=last_week.weekday())
    with app.app_context():
        pid = demo.persona("pegawai_b")
        db.session.execute(ModeKerja.__table__.delete().where(ModeKerja.pegawai_id == pid))
        for i, mode in enumerate(("WFH", "WFA", "WFH")):
            db.session.add(ModeKerja(pegawai_id=pid, tanggal=monday + timedelta(days=i),
                                     mode=mode))
        db.session.execute(ProgresHarian.__table__.delete().where(
            ProgresHarian.pegawai_id == demo["staf_surv3"]))
        db.session.commit()
    auth.login_as("atasan")
    html = client.get(f"/tim/minggu?minggu={label_minggu(monday)}").get_data(as_text=True)
    assert "Siti Nurhaliza" in html and "melebihi batas" in html
    assert "kosong" in html  # Dewi Lestari logged nothing that week
    assert "Irianto" not in html  # only direct reports
    r = client.get("/tim/minggu?minggu=2026-W99")  # no such week: said so, not guessed
    assert r.status_code == 400 and "2026-W48" in r.get_data(as_text=True)


def test_atasan_home_summary_constant_queries(client, auth, app, demo):
    auth.login_as("atasan")
    html = client.get("/beranda/atasan").get_data(as_text=True)
    assert "Andi Pratama" in html and "Dewi Lestari" in html
    assert "Diajukan" in html  # Dewi's current realization waits
    assert "/tim/semua" in html and "/umpan-balik/" in html
    with app.app_context(), QueryCounter(db.engine) as three:
        client.get("/beranda/atasan")
    other = app.test_client()
    other.post("/masuk", data={"nip": demo.nip["kadinkes"], "password": "rahasia123"})
    with app.app_context(), QueryCounter(db.engine) as two:
        other.get("/beranda/atasan")
    assert three.count == two.count


def _entry_id(app, demo, persona="pegawai"):
    with app.app_context():
        # One the supervisor has not accepted (an accepted entry is locked).
        return db.session.scalar(select(ProgresHarian.id).where(
            ProgresHarian.pegawai_id == demo.persona(persona)).order_by(
            func.coalesce(ProgresHarian.verifikasi, "") == "diterima", ProgresHarian.id).limit(1))


def _files(app):
    with app.app_context():
        return db.session.scalar(select(func.count(BuktiDukung.id)))


def test_evidence_upload_and_download_rights(client, auth, app, demo):
    auth.login_as("pegawai")
    eid = _entry_id(app, demo)
    r = client.post(f"/harian/entri/{eid}/bukti",
                    data={"berkas": (io.BytesIO(PDF), "laporan minggu.pdf")},
                    content_type="multipart/form-data")
    assert r.status_code == 303
    with app.app_context():
        b = db.session.scalar(select(BuktiDukung).where(BuktiDukung.progres_id == eid))
        assert b.mime == "application/pdf" and b.nama_simpan != "laporan minggu.pdf"
        bid = b.id
    r = client.get(f"/bukti/{bid}")
    assert r.status_code == 200 and r.data == PDF
    assert r.headers["Content-Disposition"].startswith("attachment")
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    r.close()
    for persona, code in (("atasan", 200), ("atasan_atasan", 200), ("sekda", 200),
                          ("pegawai_b", 403), ("atasan_lain", 403)):
        c = app.test_client()
        c.post("/masuk", data={"nip": demo.nip[PERSONAS[persona]], "password": "rahasia123"})
        r = c.get(f"/bukti/{bid}")
        r.close()
        assert r.status_code == code, persona


def test_bad_evidence_refused(client, auth, app, demo):
    auth.login_as("pegawai")
    eid = _entry_id(app, demo)
    before = _files(app)
    cases = [
        ((PNG, "foto.pdf"), "tidak sesuai dengan jenis"),
        ((b"hello world", "catatan.txt"), "hanya PDF, JPEG atau PNG"),
        ((PDF, "../../etc/x.pdf"), "tidak boleh memuat folder"),
        ((PDF, "C:\\\\data\\\\x.pdf"), "tidak boleh memuat folder"),
        ((b"", "kosong.pdf"), "Berkas kosong"),
    ]
    for (data, name), message in cases:
        r = client.post(f"/harian/entri/{eid}/bukti", data={"berkas": (io.BytesIO(data), name)},
                        content_type="multipart/form-data")
        assert r.status_code == 422 and message in r.get_data(as_text=True), name
    app.config["BUKTI_MAX_BYTES"] = 20
    try:
        r = client.post(f"/harian/entri/{eid}/bukti",
                        data={"berkas": (io.BytesIO(PDF), "besar.pdf")},
                        content_type="multipart/form-data")
        assert r.status_code == 422 and "Berkas terlalu besar" in r.get_data(as_text=True)
    finally:
        app.config.pop("BUKTI_MAX_BYTES")
    r = client.post(f"/harian/entri/{eid}/bukti", data={}, content_type="multipart/form-data")
    assert r.status_code == 422
    assert _files(app) == before


def _current_sub(app):
    with app.app_context():
        return db.session.scalar(select(SubPeriode.id).join(Periode).where(
            Periode.aktif, SubPeriode.mulai <= clock.today(), SubPeriode.selesai >= clock.today()))


def _values(app, pid, value="5"):
    with app.app_context():
        skp = db.session.scalar(select(Skp).join(Periode, Periode.id == Skp.periode_id).where(
            Skp.pegawai_id == pid, Periode.aktif, Skp.status == "disetujui"))
        return {f"nilai-{i.id}": value for r in skp.rhk for i in r.iki}


def _rp(app, pid, sub):
    with app.app_context():
        return db.session.scalar(select(RealisasiPeriode).join(Skp).where(
            Skp.pegawai_id == pid, RealisasiPeriode.sub_periode_id == sub))


def test_realization_submit_review_return_accept(client, auth, app, demo):
    pid, sub = demo.persona("pegawai"), _current_sub(app)
    auth.login_as("pegawai")
    page = client.get("/realisasi").get_data(as_text=True)
    assert "Jumlah output entri harian" in page
    r = client.post(f"/realisasi/{sub}", data={**_values(app, pid, "dua"), "aksi": "ajukan"})
    assert r.status_code == 422 and "Isi dengan angka 0 atau lebih" in r.get_data(as_text=True)
    assert 'value="dua"' in r.get_data(as_text=True) and _rp(app, pid, sub) is None
    r = client.post(f"/realisasi/{sub}/bukti", data={"berkas": (io.BytesIO(PDF), "rekap.pdf")},
                    content_type="multipart/form-data")
    assert r.status_code == 303
    r = client.post(f"/realisasi/{sub}", data={**_values(app, pid), "aksi": "ajukan"})
    assert r.status_code == 303 and _rp(app, pid, sub).status == "diajukan"
    r = client.post(f"/realisasi/{sub}", data=_values(app, pid))  # changing a submitted one
    assert r.status_code == 409 and "diubah oleh orang lain" in r.get_data(as_text=True)
    auth.logout()
    auth.login_as("atasan")
    rp = _rp(app, pid, sub)
    assert "Andi Pratama" in client.get("/tim/realisasi").get_data(as_text=True)
    html = client.get(f"/tim/realisasi/{rp.id}").get_data(as_text=True)
    assert "<progress" in html and "rekap.pdf" in html
    r = client.post(f"/tim/realisasi/{rp.id}/putuskan", data={"aksi": "kembalikan"})
    assert r.status_code == 422 and "Tuliskan catatan" in r.get_data(as_text=True)
    r = client.post(f"/tim/realisasi/{rp.id}/putuskan",
                    data={"aksi": "kembalikan", "catatan": "Lengkapi bukti bulan November"})
    assert r.status_code == 303 and _rp(app, pid, sub).status == "dikembalikan"
    auth.logout()
    auth.login_as("pegawai")
    assert "Lengkapi bukti bulan November" in client.get("/realisasi").get_data(as_text=True)
    client.post(f"/realisasi/{sub}", data={**_values(app, pid), "aksi": "ajukan"})
    auth.logout()
    auth.login_as("atasan")
    dewi = _rp(app, demo["staf_surv3"], sub)
    r = client.post("/tim/realisasi/terima", data={**YA, "rp": [str(rp.id), str(dewi.id)]})
    assert r.status_code == 303
    assert _rp(app, pid, sub).status == "diterima"
    assert _rp(app, demo["staf_surv3"], sub).status == "diterima"
    with app.app_context():
        assert db.session.scalar(select(func.count(Notifikasi.id)).where(
            Notifikasi.penerima_id == pid, Notifikasi.jenis == "realisasi")) >= 2


def test_bulk_accept_skips_people_who_are_not_direct_reports(client, auth, app, demo):
    sub = _current_sub(app)
    dewi = _rp(app, demo["staf_surv3"], sub)
    auth.login_as("atasan_atasan")
    client.post("/tim/realisasi/terima", data={**YA, "rp": [str(dewi.id)]})
    assert _rp(app, demo["staf_surv3"], sub).status == "diajukan"


def test_feedback_thread_rights_and_notifications(client, auth, app, demo):
    pid = demo.persona("pegawai")
    auth.login_as("atasan")
    r = client.post(f"/umpan-balik/{pid}", data={"topik": "nilai:adaptif", "teks": ""})
    assert r.status_code == 422 and "Tuliskan umpan balik" in r.get_data(as_text=True)
    r = client.post(f"/umpan-balik/{pid}", data={"topik": "nilai:bukan", "teks": "x"})
    assert r.status_code == 422
    r = client.post(f"/umpan-balik/{pid}",
                    data={"topik": "nilai:adaptif", "teks": "Cepat beradaptasi dengan aplikasi"})
    assert r.status_code == 303
    with app.app_context():
        thread = db.session.scalar(select(UmpanBalik).where(
            UmpanBalik.teks == "Cepat beradaptasi dengan aplikasi"))
        tid = thread.id
    auth.logout()
    auth.login_as("pegawai")
    html = client.get("/beranda/pegawai").get_data(as_text=True)
    assert 'class="badge"' in html
    assert "Cepat beradaptasi" in client.get(f"/umpan-balik/{pid}").get_data(as_text=True)
    assert client.post(f"/umpan-balik/balas/{tid}", data={"teks": ""}).status_code == 422
    r = client.post(f"/umpan-balik/balas/{tid}", data={"teks": "Terima kasih, Bu"})
    assert r.status_code == 303
    auth.logout()
    auth.login_as("atasan_atasan")
    assert "Terima kasih, Bu" in client.get(f"/umpan-balik/{pid}").get_data(as_text=True)
    assert client.post(f"/umpan-balik/balas/{tid}", data={"teks": "x"}).status_code == 403
    auth.logout()
    auth.login_as("pegawai_b")
    assert client.get(f"/umpan-balik/{pid}").status_code == 403


def test_notifications_read(client, auth, app, demo):
    pid = demo.persona("pegawai")
    auth.login_as("pegawai")
    with app.app_context():
        nid = db.session.scalar(select(Notifikasi.id).where(Notifikasi.penerima_id == pid))
        other = db.session.scalar(select(Notifikasi.id).where(Notifikasi.penerima_id != pid))
    assert "Umpan balik baru" in client.get("/notifikasi").get_data(as_text=True)
    r = client.post(f"/notifikasi/{nid}/baca")
    assert r.status_code == 303 and r.headers["Location"].startswith("/umpan-balik/")
    assert client.post(f"/notifikasi/{other}/baca").status_code == 404
    client.post("/notifikasi/baca-semua")
    with app.app_context():
        assert db.session.scalar(select(func.count(Notifikasi.id)).where(
            Notifikasi.penerima_id == pid, Notifikasi.dibaca.is_(False))) == 0
    assert 'class="badge"' not in client.get("/notifikasi").get_data(as_text=True)


def test_chain_reads_a_reports_week(client, auth, app, demo):
    auth.login_as("atasan_atasan")
    html = client.get(f"/harian/pegawai/{demo.persona('pegawai')}").get_data(as_text=True)
    assert "Andi Pratama" in html and "Ubah" not in html  # read only
    auth.logout()
    auth.login_as("atasan_lain")
    assert client.get(f"/harian/pegawai/{demo.persona('pegawai')}").status_code == 403
