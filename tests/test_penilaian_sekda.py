"""Penilaian by the Sekda and admin: distribution, org rating, penetapan, closing the year."""
from __future__ import annotations

import io
import json
from datetime import date

from pypdf import PdfReader
from sqlalchemy import func, select

from portal import clock
from portal.extensions import db
from portal.models import AuditLog, Penilaian, PeriodeLog, RatingOrganisasi
from tests.conftest import ON_DATES, YA, QueryCounter
from tests.helpers.penilaian import engine_of, kode_aktif, penilaian_of

# --- the Sekda ---------------------------------------------------------------------------------

def test_distribution_page_chart_table_and_warning(client, auth, demo, app):
    auth.login_as("sekda")
    with QueryCounter(engine_of(app)) as counter:
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
    with QueryCounter(engine_of(app)) as counter:
        client.get(f"/penilaian/organisasi/{kode_aktif(app)}")
    assert counter.count == base


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
    n = penilaian_of(app, demo["sekda"])
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

    def ratings() -> int:
        with app.app_context():
            return db.session.scalar(select(func.count()).select_from(Penilaian).where(
                Penilaian.pegawai_id == demo["staf_surv3"]))

    before = ratings()
    for kode in (str(year), kode_aktif(app)):
        r = client.post(f"/penilaian/tim/{kode}/{demo['staf_surv3']}",
                        data={**YA, "hasil_kerja": "sesuai", "perilaku_kerja": "sesuai"})
        assert r.status_code == 409, kode
    assert ratings() == before  # neither the year nor its sub-period took a rating
    auth.logout()
    auth.login_as("sekda")  # a sub-period cannot be reopened while its year is closed
    r = client.post(f"/penilaian/periode/{kode_aktif(app)}/buka",
                    data={**YA, "alasan": "Koreksi data"})
    assert r.status_code == 409
    with app.app_context():
        from portal.models import Periode, SubPeriode

        sub = db.session.scalar(select(SubPeriode).join(Periode).where(
            Periode.tahun == year, SubPeriode.kode == kode_aktif(app).split("-")[-1]))
        assert sub.is_closed  # still closed with its year


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
