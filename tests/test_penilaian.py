"""Penilaian: rating direct reports, objections, the Sekda's org rating, distribution, the
Format Penetapan PDF and closing periods."""
from __future__ import annotations

import io
import json
from datetime import date, timedelta

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from portal import clock
from portal.extensions import db
from portal.models import AuditLog, Keberatan, Penilaian, PeriodeLog, RatingOrganisasi
from tests.conftest import ON_DATES, YA, QueryCounter
from tests.helpers.penilaian import kode_aktif


def _penilaian(app, pegawai_id, kode="TW"):
    with app.app_context():
        return db.session.scalar(select(Penilaian).where(
            Penilaian.pegawai_id == pegawai_id, Penilaian.kode.startswith(kode)))


# --- rating ----------------------------------------------------------------------------------

def test_team_list_shows_status(client, auth, demo, app):
    auth.login_as("atasan")
    r = client.get(f"/penilaian/tim/{kode_aktif(app)}")
    html = r.get_data(as_text=True)
    assert r.status_code == 200
    assert "Dewi Lestari" in html and "Belum dinilai" in html  # staf_surv3, not yet rated
    assert "Keberatan" in html  # staf_surv2 objected
    assert "Rizky Maulana" not in html  # another seksi


def test_team_page_statements_do_not_grow_with_ratings(client, auth, demo, app):
    auth.login_as("atasan")
    url = f"/penilaian/tim/{kode_aktif(app)}"
    with QueryCounter(_engine(app)) as before:
        client.get(url)
    client.post(f"{url}/{demo['staf_surv3']}", data={"hasil_kerja": "sesuai",
                                                      "perilaku_kerja": "sesuai"})
    with QueryCounter(_engine(app)) as after:
        client.get(url)
    assert after.count == before.count


def test_rate_a_report_freezes_identity_and_ignores_client_predikat(client, auth, demo, app):
    auth.login_as("atasan")
    url = f"/penilaian/tim/{kode_aktif(app)}/{demo['staf_surv3']}"
    page = client.get(url).get_data(as_text=True)
    assert "Rating hasil kerja" in page and "Laporan penyelidikan epidemiologi" in page
    r = client.post(url, data={**YA, "hasil_kerja": "di_atas", "perilaku_kerja": "di_bawah",
                               "catatan": "Perlu perbaikan sikap.", "predikat": "sangat_baik"})
    assert r.status_code == 303
    assert r.headers["Location"].endswith(f"/penilaian/tim/{kode_aktif(app)}")
    n = _penilaian(app, demo["staf_surv3"])
    assert n.predikat == "kurang"  # the matrix, never the client
    ident = json.loads(n.identitas)
    assert ident["pegawai"]["nip"] == demo.nip["staf_surv3"]
    assert ident["pegawai"]["pangkat"] == ""  # PPPK: no pangkat
    assert ident["penilai"]["nip"] == demo.nip["kasi_surv"]
    assert ident["atasan_penilai"]["nip"] == demo.nip["kabid_p2p"]
    assert n.penilai_id == demo["kasi_surv"] and n.atasan_penilai_id == demo["kabid_p2p"]
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(AuditLog).where(
            AuditLog.aksi == "penilaian.nilai", AuditLog.objek_id == n.id)) == 1


def test_missing_rating_is_422_and_nothing_saved(client, auth, demo, app):
    auth.login_as("atasan")
    url = f"/penilaian/tim/{kode_aktif(app)}/{demo['staf_surv3']}"
    r = client.post(url, data={"hasil_kerja": "sesuai", "catatan": "tetap ketik"})
    assert r.status_code == 422
    html = r.get_data(as_text=True)
    assert "Pilih salah satu rating." in html and "tetap ketik" in html
    assert _penilaian(app, demo["staf_surv3"]) is None


def test_bad_rating_value_is_422(client, auth, demo, app):
    auth.login_as("atasan")
    r = client.post(f"/penilaian/tim/{kode_aktif(app)}/{demo['staf_surv3']}",
                    data={**YA, "hasil_kerja": "luar_biasa", "perilaku_kerja": "sesuai"})
    assert r.status_code == 422
    assert _penilaian(app, demo["staf_surv3"]) is None


def test_rating_someone_not_yours_is_403(client, auth, demo, app):
    auth.login_as("atasan")
    r = client.post(f"/penilaian/tim/{kode_aktif(app)}/{demo['staf_pm2']}",
                    data={**YA, "hasil_kerja": "sesuai", "perilaku_kerja": "sesuai"})
    assert r.status_code == 403
    auth.logout()
    auth.login_as("atasan_atasan")  # the chain above reads but does not rate
    r = client.post(f"/penilaian/tim/{kode_aktif(app)}/{demo['staf_surv3']}",
                    data={**YA, "hasil_kerja": "sesuai", "perilaku_kerja": "sesuai"})
    assert r.status_code == 403
    assert _penilaian(app, demo["staf_surv3"]) is None


@pytest.mark.parametrize("kode", ["2026-TW9", "abc", "1999", "2026-XX1", "2026-tw1"])
def test_unknown_period_code_is_404(client, auth, demo, kode):
    auth.login_as("atasan")
    assert client.get(f"/penilaian/tim/{kode}").status_code == 404
    assert client.post(f"/penilaian/tim/{kode}/{demo['staf_surv3']}",
                       data={**YA, "hasil_kerja": "sesuai", "perilaku_kerja": "sesuai"}
                       ).status_code == 404


@ON_DATES
def test_closed_and_unstarted_periods_refuse(client, auth, demo, app, today):
    auth.login_as("atasan")
    last_year = today.year - 1
    r = client.post(f"/penilaian/tim/{last_year}-TW2/{demo['staf_surv3']}",
                    data={**YA, "hasil_kerja": "sesuai", "perilaku_kerja": "sesuai"})
    assert r.status_code == 409
    assert "sudah ditutup" in r.get_data(as_text=True)
    year = today.year
    future = next((f"{year}-TW{i}" for i in range(1, 5)
                   if date(year, 3 * i - 2, 1) > today), None)
    if future:  # none at the end of the year
        r = client.post(f"/penilaian/tim/{future}/{demo['staf_surv3']}",
                        data={**YA, "hasil_kerja": "sesuai", "perilaku_kerja": "sesuai"})
        assert r.status_code == 409
        assert "belum dimulai" in r.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Penilaian).where(
            Penilaian.pegawai_id == demo["staf_surv3"])) == 1  # only last year's annual


def test_acknowledged_rating_cannot_be_changed(client, auth, demo, app):
    auth.login_as("atasan")
    r = client.post(f"/penilaian/tim/{kode_aktif(app)}/{demo['staf_surv1']}",
                    data={**YA, "hasil_kerja": "di_bawah", "perilaku_kerja": "di_bawah"})
    assert r.status_code == 409
    assert _penilaian(app, demo["staf_surv1"]).predikat == "baik"


def test_preview_computes_predikat(client, auth, demo):
    auth.login_as("atasan")
    r = client.post("/penilaian/pratinjau", data={"hasil_kerja": "di_bawah",
                                                  "perilaku_kerja": "di_atas"},
                    headers={"HX-Request": "true"})
    html = r.get_data(as_text=True)
    assert r.status_code == 200 and "Butuh Perbaikan" in html and "<html" not in html
    assert len(r.data) < 2000
    r = client.post("/penilaian/pratinjau", data={"hasil_kerja": "di_bawah"},
                    headers={"HX-Request": "true"})
    assert "setelah kedua rating dipilih" in r.get_data(as_text=True)


def test_unit_head_gets_hasil_kerja_from_org_rating(client, auth, demo, app):
    """Kepala Bappeda heads an OPD rated Istimewa: hasil kerja is Di Atas, whatever is sent."""
    n = _penilaian(app, demo["kabappeda"])
    assert n.hasil_kerja == "di_atas" and n.capaian_organisasi == "istimewa"
    with app.app_context():
        db.session.delete(db.session.get(Penilaian, n.id))
        db.session.commit()
    auth.login_as("sekda")
    url = f"/penilaian/tim/{kode_aktif(app)}/{demo['kabappeda']}"
    assert "capaian organisasi" in client.get(url).get_data(as_text=True)
    r = client.post(url, data={**YA, "hasil_kerja": "di_bawah", "perilaku_kerja": "sesuai"})
    assert r.status_code == 303
    n = _penilaian(app, demo["kabappeda"])
    assert (n.hasil_kerja, n.predikat) == ("di_atas", "baik")
    ident = json.loads(n.identitas)
    assert ident["atasan_penilai"]["jabatan"] == "Gubernur Jawa Tengah"  # the kepala daerah
    assert n.atasan_penilai_id is None


# --- the employee and objections --------------------------------------------------------------

def test_employee_sees_and_acknowledges(client, auth, demo, app):
    auth.login_as("pegawai_b")
    html = client.get("/penilaian/").get_data(as_text=True)
    assert "Keberatan diproses" in html
    with app.app_context():
        n = db.session.scalar(select(Penilaian).where(Penilaian.pegawai_id == demo["staf_pm2"],
                                                      Penilaian.kode.startswith("TW")))
    auth.logout()
    client.post("/masuk", data={"nip": demo.nip["staf_pm2"], "password": "rahasia123"})
    page = client.get(f"/penilaian/{n.id}").get_data(as_text=True)
    assert "Terima penilaian" in page and "Ajukan keberatan" in page
    r = client.post(f"/penilaian/{n.id}/terima", data=YA)
    assert r.status_code == 303
    assert _penilaian(app, demo["staf_pm2"]).diterima_pada is not None


def test_objection_after_deadline_is_refused(client, auth, demo, app):
    with app.app_context():
        n = db.session.scalar(select(Penilaian).where(Penilaian.pegawai_id == demo["staf_pm2"],
                                                      Penilaian.kode.startswith("TW")))
        n.dinilai_pada = n.dinilai_pada - timedelta(days=30)
        db.session.commit()
        nid = n.id
    client.post("/masuk", data={"nip": demo.nip["staf_pm2"], "password": "rahasia123"})
    r = client.post(f"/penilaian/{nid}/keberatan",
                    data={**YA, "alasan": "Saya tidak setuju sama sekali."})
    assert r.status_code == 409
    assert "Batas waktu keberatan" in r.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(Keberatan).where(Keberatan.penilaian_id == nid)) is None


def test_objection_flow_explain_and_decide(client, auth, demo, app):
    with app.app_context():
        n = db.session.scalar(select(Penilaian).where(Penilaian.pegawai_id == demo["staf_pm2"],
                                                      Penilaian.kode.startswith("TW")))
        nid = n.id
    client.post("/masuk", data={"nip": demo.nip["staf_pm2"], "password": "rahasia123"})
    r = client.post(f"/penilaian/{nid}/keberatan", data={**YA, "alasan": "pendek"})
    assert r.status_code == 422
    r = client.post(f"/penilaian/{nid}/keberatan",
                    data={**YA, "alasan": "Kelas edukasi melampaui target triwulan."})
    assert r.status_code == 303
    client.post("/keluar")
    with app.app_context():
        kid = db.session.scalar(select(Keberatan.id).where(Keberatan.penilaian_id == nid))
    client.post("/masuk", data={"nip": demo.nip["kasi_pm"], "password": "rahasia123"})
    assert client.post(f"/penilaian/keberatan/{kid}/putusan", data=YA).status_code == 403
    r = client.post(f"/penilaian/keberatan/{kid}/penjelasan",
                    data={"penjelasan": "Target kelas tercapai, tidak melampaui."})
    assert r.status_code == 303
    client.post("/keluar")
    auth.login_as("atasan_atasan")
    assert "Memutus" in client.get("/penilaian/keberatan").get_data(as_text=True)
    r = client.post(f"/penilaian/keberatan/{kid}/putusan",
                    data={**YA, "keputusan": "ubah", "pertimbangan": "Bukti kelas tambahan sah."})
    assert r.status_code == 422  # new ratings missing
    r = client.post(f"/penilaian/keberatan/{kid}/putusan",
                    data={**YA, "keputusan": "ubah", "hasil_kerja": "di_atas",
                          "perilaku_kerja": "di_atas", "predikat": "sangat_kurang",
                          "pertimbangan": "Bukti kelas tambahan sah."})
    assert r.status_code == 303
    with app.app_context():
        k = db.session.get(Keberatan, kid)
        assert (k.keputusan, k.predikat_baru, k.atas_nama) == ("ubah", "sangat_baik", None)
        assert k.penilaian.predikat == "sangat_baik"
        assert db.session.scalar(select(func.count()).select_from(AuditLog).where(
            AuditLog.aksi == "keberatan.putus")) == 1


def test_objection_of_opd_head_decided_by_admin_for_kepala_daerah(client, auth, demo, app):
    with app.app_context():
        n = db.session.scalar(select(Penilaian).where(Penilaian.pegawai_id == demo["kadinkes"],
                                                      Penilaian.kode.startswith("TW")))
        db.session.add(Keberatan(penilaian_id=n.id, alasan="Mohon ditinjau kembali."))
        db.session.commit()
        kid = db.session.scalar(select(Keberatan.id).where(Keberatan.penilaian_id == n.id))
    auth.login_as("sekda")  # the penilai explains but does not decide
    assert client.post(f"/penilaian/keberatan/{kid}/putusan",
                       data={**YA, "keputusan": "tetap", "pertimbangan": "x"}).status_code == 403
    client.post("/keluar")
    auth.login_as("admin")
    assert "atas nama Kepala Daerah" in client.get("/penilaian/keberatan").get_data(as_text=True)
    r = client.post(f"/penilaian/keberatan/{kid}/putusan",
                    data={**YA, "keputusan": "tetap", "pertimbangan": "Sesuai capaian OPD."})
    assert r.status_code == 303
    with app.app_context():
        k = db.session.get(Keberatan, kid)
        assert (k.keputusan, k.atas_nama, k.diputuskan_oleh_id) == (
            "tetap", "Kepala Daerah", demo["admin"])
        log = db.session.scalar(select(AuditLog).where(AuditLog.aksi == "keberatan.putus"))
        assert log.atas_nama == "Kepala Daerah"


# --- the Sekda ---------------------------------------------------------------------------------

def test_distribution_page_chart_table_and_warning(client, auth, demo, app):
    auth.login_as("sekda")
    with QueryCounter(_engine(app)) as counter:
        r = client.get(f"/penilaian/organisasi/{kode_aktif(app)}")
    html = r.get_data(as_text=True)
    assert r.status_code == 200
    assert "<svg" in html and "<rect" in html and 'style="' not in html
    assert "Dinas Kesehatan" in html and "Seluruh instansi" in html
    assert "paling banyak 70%" in html  # Dinkes: Baik is 9 of 12
    base = counter.count
    # Statement count does not grow with the number of rated people.
    auth.logout()
    auth.login_as("atasan")
    client.post(f"/penilaian/tim/{kode_aktif(app)}/{demo['staf_surv3']}",
                data={**YA, "hasil_kerja": "sesuai", "perilaku_kerja": "sesuai"})
    auth.logout()
    auth.login_as("sekda")
    with QueryCounter(_engine(app)) as counter:
        client.get(f"/penilaian/organisasi/{kode_aktif(app)}")
    assert counter.count == base


def _engine(app):
    with app.app_context():
        return db.engine


def test_org_rating_recorded_with_justification(client, auth, demo, app):
    auth.login_as("sekda")
    with app.app_context():
        from portal.penilaian.distribusi import opds

        disdik = next(u.id for u in opds() if u.nama == "Dinas Pendidikan")
    r = client.post(f"/penilaian/organisasi/{kode_aktif(app)}/rating",
                    data={**YA, "unit_id": str(disdik), "rating": "kurang",
                          "justifikasi": "Capaian IKU di bawah target."})
    assert r.status_code == 303
    assert client.post(f"/penilaian/organisasi/{kode_aktif(app)}/rating",
                       data={**YA, "unit_id": "abc", "rating": "baik"}).status_code == 422
    assert client.post(f"/penilaian/organisasi/{kode_aktif(app)}/rating",
                       data={**YA, "rating": "hebat"}).status_code == 422
    with app.app_context():
        row = db.session.scalar(select(RatingOrganisasi).where(
            RatingOrganisasi.unit_id == disdik, RatingOrganisasi.kode == kode_aktif(app)[5:]))
        assert (row.rating, row.justifikasi) == ("kurang", "Capaian IKU di bawah target.")


def test_penetapan_pdf(client, auth, demo, app):
    auth.login_as("sekda")
    r = client.get(f"/penilaian/organisasi/{kode_aktif(app)}/penetapan.pdf")
    assert r.status_code == 200 and r.mimetype == "application/pdf"
    assert "attachment" in r.headers["Content-Disposition"]
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(r.data)).pages)
    for expected in ("FORMAT PENETAPAN PREDIKAT KINERJA", "Dinas Kesehatan", "Sangat Baik",
                     "Butuh Perbaikan", "Sekretaris Daerah", "Sumarno", demo.nip["sekda"],
                     "Semarang", "Capaian Kinerja Organisasi"):
        assert expected in text, expected
    from portal.rules.tanggal import tanggal_indonesia

    assert tanggal_indonesia(clock.today()) in text


def test_close_and_reopen(client, auth, demo, app):
    kode = kode_aktif(app)
    auth.login_as("sekda")
    assert client.post(f"/penilaian/periode/{kode}/tutup", data=YA).status_code == 303
    auth.logout()
    auth.login_as("atasan")
    r = client.post(f"/penilaian/tim/{kode}/{demo['staf_surv3']}",
                    data={**YA, "hasil_kerja": "sesuai", "perilaku_kerja": "sesuai"})
    assert r.status_code == 409
    auth.logout()
    auth.login_as("sekda")
    r = client.post(f"/penilaian/periode/{kode}/buka", data={**YA, "alasan": ""})
    assert r.status_code == 422
    r = client.post(f"/penilaian/periode/{kode}/buka",
                    data={**YA, "alasan": "Koreksi data Disdik."})
    assert r.status_code == 303
    with app.app_context():
        from portal.models import SubPeriode
        from portal.penilaian.periode import is_closed

        logs = db.session.scalars(select(PeriodeLog).order_by(PeriodeLog.id.desc())).all()
        assert (logs[0].aksi, logs[0].alasan) == ("buka", "Koreksi data Disdik.")
        assert logs[1].aksi == "tutup"
        tahun, sub = kode.split("-")
        sp = db.session.scalar(select(SubPeriode).where(SubPeriode.kode == sub).join(
            SubPeriode.periode).where(SubPeriode.periode.has(tahun=int(tahun))))
        assert is_closed(sp) is False
        last = db.session.scalar(select(SubPeriode).join(SubPeriode.periode).where(
            SubPeriode.periode.has(tahun=int(tahun) - 1)).limit(1))
        assert is_closed(last) is True


def test_admin_rates_the_sekda_for_the_kepala_daerah(client, auth, demo, app):
    auth.login_as("admin")
    url = f"/penilaian/kepala-daerah/{kode_aktif(app)}"
    page = client.get(url).get_data(as_text=True)
    assert "Sumarno" in page and "atas nama Kepala Daerah" in page
    r = client.post(url, data={**YA, "hasil_kerja": "di_bawah", "perilaku_kerja": "di_atas"})
    assert r.status_code == 303
    n = _penilaian(app, demo["sekda"])
    assert (n.hasil_kerja, n.predikat, n.penilai_id) == ("sesuai", "baik", None)  # instansi: Baik
    ident = json.loads(n.identitas)
    assert ident["penilai"]["jabatan"] == "Gubernur Jawa Tengah"
    with app.app_context():
        log = db.session.scalar(select(AuditLog).where(AuditLog.aksi == "penilaian.nilai",
                                                       AuditLog.objek_id == n.id))
        assert log.atas_nama == "Kepala Daerah" and log.aktor_id == demo["admin"]


def _penetapan_ctx(app):
    from types import SimpleNamespace

    from portal.penilaian.distribusi import Baris

    whole = Baris(None, {"baik": 2}, None, True, [])
    k = SimpleNamespace(label="Triwulan I 2026")
    sekda = SimpleNamespace(nip="196805121990031005", nama_lengkap="Ir. Sumarno, M.Si.",
                            pangkat_golongan="Pembina Utama / IV/e")
    return {"k": k, "whole": whole, "rows": [], "instansi": None, "sekda": sekda,
            "tanggal": "1 April 2026", "mulai": "1 Januari 2026", "selesai": "31 Maret 2026"}


@ON_DATES
def test_closing_the_year_closes_its_sub_periods(client, auth, demo, app):
    year = clock.today().year
    auth.login_as("sekda")
    assert client.post(f"/penilaian/periode/{year}/tutup", data=YA).status_code == 303
    auth.logout()
    auth.login_as("atasan")
    for kode in (str(year), kode_aktif(app)):
        r = client.post(f"/penilaian/tim/{kode}/{demo['staf_surv3']}",
                        data={**YA, "hasil_kerja": "sesuai", "perilaku_kerja": "sesuai"})
        assert r.status_code == 409, kode
    auth.logout()
    auth.login_as("sekda")  # a sub-period cannot be reopened while its year is closed
    r = client.post(f"/penilaian/periode/{kode_aktif(app)}/buka",
                    data={**YA, "alasan": "Koreksi data"})
    assert r.status_code == 409


@ON_DATES
def test_annual_rating(client, auth, demo, app, today):
    auth.login_as("atasan")
    year = today.year
    r = client.post(f"/penilaian/tim/{year}/{demo['staf_surv3']}",
                    data={**YA, "hasil_kerja": "di_bawah", "perilaku_kerja": "di_bawah"})
    if today < date(year, 10, 1):  # the year is rated from its last triwulan on
        assert r.status_code == 409 and "belum dimulai" in r.get_data(as_text=True)
        return
    assert r.status_code == 303
    with app.app_context():
        n = db.session.scalar(select(Penilaian).where(
            Penilaian.pegawai_id == demo["staf_surv3"], Penilaian.kode == "TAHUNAN",
            Penilaian.periode.has(tahun=year)))
    assert n.predikat == "sangat_kurang" and n.sub_periode_id is None
