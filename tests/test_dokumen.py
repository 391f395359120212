"""Issued documents: sealed when final, served from storage, signed, numbered and registered."""
from __future__ import annotations

import hashlib
import io
from datetime import date

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from portal import clock
from portal.extensions import db
from portal.models import Dokumen, Keberatan, Penilaian, Periode

pytestmark = pytest.mark.db


def _pages(data: bytes) -> list[str]:
    return [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(data)).pages]


def _last_year(app):
    with app.app_context():
        return db.session.scalar(select(Periode.tahun).order_by(Periode.tahun).limit(1))


def _rapor_url(demo, key, code):
    return f"/rapor/{demo.nip[key]}/{code}.pdf"


def test_final_rapor_is_sealed_once_and_served_from_storage(client, auth, demo, app, renders):
    auth.login_as("pegawai")
    url = _rapor_url(demo, "staf_surv1", _last_year(app))
    first = client.get(url)
    assert first.status_code == 200 and renders["n"] == 1
    sha = hashlib.sha256(first.data).hexdigest()
    assert first.headers["ETag"] == f'"{sha}"'
    second = client.get(url)
    assert second.status_code == 200 and renders["n"] == 1  # the second download rendered nothing
    assert second.data == first.data
    again = client.get(url, headers={"If-None-Match": f'"{sha}"'})
    assert again.status_code == 304 and again.data == b""
    with app.app_context():
        rows = db.session.scalars(select(Dokumen)).all()
        assert len(rows) == 1
        row = rows[0]
        assert (row.jenis, row.status, row.sha256, row.ukuran) == ("rapor", "berlaku", sha,
                                                                   len(first.data))
        assert row.subjek_nip == demo.nip["staf_surv1"]
        assert row.periode == f"AKHIR {_last_year(app)}"
        assert row.nomor == f"800/KIN/{clock.today().year}/000001"
    pages = _pages(first.data)
    assert pages and all(row.nomor in p and f"/v/{row.kode}" in p for p in pages)
    assert not any("DRAFT" in p for p in pages)


def test_rapor_not_final_is_a_draft_on_every_page_and_not_sealed(client, auth, demo, app,
                                                                 renders):
    """The current triwulan's rating: the period is still open."""
    auth.login_as("pegawai")
    with app.app_context():
        n = db.session.scalar(select(Penilaian).where(
            Penilaian.pegawai_id == demo["staf_surv1"]).order_by(Penilaian.id.desc()))
        code = f"{n.periode.tahun}-{n.kode}"
    for expected in (1, 2):
        response = client.get(_rapor_url(demo, "staf_surv1", code))
        assert response.status_code == 200 and renders["n"] == expected
        assert "ETag" not in response.headers
        assert response.headers["Cache-Control"] == "no-store"
    pages = _pages(response.data)
    assert pages and all("DRAFT — belum final" in p for p in pages)
    with app.app_context():
        assert db.session.scalar(select(func.count(Dokumen.id))) == 0


def test_pending_objection_keeps_a_closed_rating_a_draft(client, auth, demo, app, renders):
    tahun = _last_year(app)
    with app.app_context():
        n = db.session.scalar(select(Penilaian).join(Penilaian.periode).where(
            Penilaian.pegawai_id == demo["staf_surv1"], Periode.tahun == tahun))
        db.session.add(Keberatan(penilaian_id=n.id, alasan="Mohon ditinjau."))
        db.session.commit()
    auth.login_as("pegawai")
    response = client.get(_rapor_url(demo, "staf_surv1", tahun))
    assert all("DRAFT — belum final" in p for p in _pages(response.data))


def test_reopening_supersedes_and_the_next_final_rating_has_a_new_number(
        client, auth, demo, app, renders):
    tahun = _last_year(app)
    auth.login_as("pegawai")
    url = _rapor_url(demo, "staf_surv1", tahun)
    first = client.get(url)
    auth.logout()
    auth.login_as("sekda")
    reopened = client.post(f"/penilaian/periode/{tahun}/buka",
                           data={"alasan": "Koreksi data", "konfirmasi": "ya"})
    assert reopened.status_code in (302, 303)
    with app.app_context():
        old = db.session.scalar(select(Dokumen))
        assert old.status == "diganti" and old.diganti_oleh_id is None
    auth.logout()
    auth.login_as("pegawai")
    assert all("DRAFT — belum final" in p for p in _pages(client.get(url).data))
    auth.logout()
    auth.login_as("sekda")
    closed = client.post(f"/penilaian/periode/{tahun}/tutup", data={"konfirmasi": "ya"})
    assert closed.status_code in (302, 303)
    auth.logout()
    auth.login_as("pegawai")
    second = client.get(url)
    assert second.data != first.data
    with app.app_context():
        rows = db.session.scalars(select(Dokumen).order_by(Dokumen.id)).all()
        assert [r.status for r in rows] == ["diganti", "berlaku"]
        assert rows[0].diganti_oleh_id == rows[1].id and rows[0].nomor != rows[1].nomor
        assert rows[1].nomor.endswith("000002")


def test_changed_source_reissues_and_supersedes(client, auth, demo, app, renders):
    """A document whose data changed (here: the Dokumen SKP's row) gets a new number."""
    from portal.rapor.services import approved_skp

    auth.login_as("pegawai")
    tahun = clock.today().year
    url = f"/skp/{demo.nip['staf_surv1']}/{tahun}.pdf"
    first = client.get(url)
    assert first.status_code == 200
    client.get(url)
    assert renders["n"] == 1
    with app.app_context():
        periode_id = db.session.scalar(select(Periode.id).where(Periode.tahun == tahun))
        skp = approved_skp(demo["staf_surv1"], periode_id)
        skp.lampiran_konsekuensi = (skp.lampiran_konsekuensi or "") + " (diperbarui)"
        db.session.commit()
    client.get(url)
    assert renders["n"] == 2
    with app.app_context():
        rows = db.session.scalars(select(Dokumen).order_by(Dokumen.id)).all()
        assert [(r.jenis, r.status) for r in rows] == [("skp", "diganti"), ("skp", "berlaku")]
        assert rows[0].diganti_oleh_id == rows[1].id


def test_number_pattern_set_by_admin(client, auth, demo, app):
    from portal.models import Instansi

    with app.app_context():
        instansi = db.session.scalar(select(Instansi))
        instansi.pola_nomor_dokumen = "KIN.{jenis}/{romawi}/{tahun}/{nomor:4}"
        db.session.commit()
    clock.freeze(date(2026, 3, 9))
    try:
        auth.login_as("pegawai")
        assert client.get(_rapor_url(demo, "staf_surv1", _last_year(app))).status_code == 200
    finally:
        clock.freeze(None)
    with app.app_context():
        assert db.session.scalar(select(Dokumen.nomor)) == "KIN.RPR/III/2026/0001"


def test_admin_refuses_a_pattern_without_sequence(client, auth, demo, app):
    auth.login_as("admin")
    page = client.get("/admin/instansi")
    assert 'name="pola_nomor_dokumen"' in page.get_data(as_text=True)
    response = client.post("/admin/instansi", data={
        "nama": "Pemprov", "tempat": "Semarang", "kepala_daerah_nama": "X",
        "kepala_daerah_jabatan": "Gubernur", "batas_hari_fleksibel": "2",
        "pola_nomor_dokumen": "800/{tahun}/{0.__class__}"})
    assert response.status_code == 422
    assert "tidak dikenal" in response.get_data(as_text=True)


def test_numbers_drawn_at_once_by_many_workers_are_distinct_and_gapless(app, demo):
    """Four threads draw six numbers each at the same time, each in its own transactions: the
    numbers are 1…24 without a gap or a repeat."""
    import threading

    from portal.dokumen import register

    kept, errors = [], []

    def worker(n):
        try:
            with app.app_context():
                for _i in range(6):
                    kept.append(register.take_number("rapor"))
                db.session.remove()
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(repr(exc))

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert errors == []
    year = clock.today().year
    assert sorted(kept) == [f"800/KIN/{year}/{i:06d}" for i in range(1, 25)]


def test_two_first_downloads_at_once_issue_one_document(app, demo):
    import threading

    from portal.dokumen import jenis, seal
    from portal.models import Pegawai
    from portal.rapor import services

    tahun = _last_year(app)
    results, errors = [], []

    def download():
        try:
            with app.app_context():
                period = services.period_or_404(str(tahun))
                pegawai = db.session.get(Pegawai, demo["staf_surv1"])
                issued = seal.terbitkan(jenis.rapor(
                    pegawai, period, services.penilaian_of(pegawai.id, period)))
                results.append(issued.sha256)
                db.session.remove()
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(repr(exc))

    threads = [threading.Thread(target=download) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert errors == [] and len(results) == 2 and results[0] == results[1]
    with app.app_context():
        assert db.session.scalar(select(func.count(Dokumen.id))) == 1


def test_a_sealed_download_costs_a_few_statements(client, auth, demo, app):
    """Serving kept bytes reads the person, the period, the rating and the register row and
    its bytes: a fixed handful of statements, nothing of the document's content."""
    from tests.conftest import QueryCounter

    auth.login_as("pegawai")
    url = _rapor_url(demo, "staf_surv1", _last_year(app))
    client.get(url)
    with app.app_context(), QueryCounter(db.engine) as counter:
        assert client.get(url).status_code == 200
    assert counter.count <= 14, counter.statements
