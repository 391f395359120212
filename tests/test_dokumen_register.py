"""The admin's register of issued documents: found by number or NIP, withdrawn with a reason."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from portal.extensions import db
from portal.models import AuditLog, Dokumen, Periode

pytestmark = pytest.mark.db


@pytest.fixture
def issued(client, auth, demo, app):
    """pegawai A's sealed rapor of the past year, issued by a download."""
    with app.app_context():
        tahun = db.session.scalar(select(Periode.tahun).order_by(Periode.tahun).limit(1))
    auth.login_as("pegawai")
    assert client.get(f"/rapor/{demo.nip['staf_surv1']}/{tahun}.pdf").status_code == 200
    auth.logout()
    with app.app_context():
        row = db.session.scalar(select(Dokumen))
        return {"id": row.id, "nomor": row.nomor, "kode": row.kode}


def _status(app, dokumen_id):
    with app.app_context():
        return db.session.get(Dokumen, dokumen_id).status


def test_register_lists_and_finds_documents(client, auth, demo, issued):
    auth.login_as("admin")
    page = client.get("/admin/dokumen").get_data(as_text=True)
    assert issued["nomor"] in page and f"/v/{issued['kode']}" in page
    found = client.get(f"/admin/dokumen?q={demo.nip['staf_surv1']}").get_data(as_text=True)
    assert issued["nomor"] in found
    none = client.get("/admin/dokumen?q=tidak-ada-nomor-ini&jenis=tpp").get_data(as_text=True)
    assert issued["nomor"] not in none and "Belum ada dokumen yang cocok" in none
    odd = client.get("/admin/dokumen?jenis=%3Cx%3E&hal=zz")
    assert odd.status_code == 200 and issued["nomor"] in odd.get_data(as_text=True)


def test_withdrawing_asks_first_then_records_the_reason(client, auth, app, issued):
    auth.login_as("admin")
    url = f"/admin/dokumen/{issued['id']}/cabut"
    asked = client.post(url, data={"alasan": "Salah cetak nama"})
    assert asked.status_code == 200 and "Cabut dokumen" in asked.get_data(as_text=True)
    assert _status(app, issued["id"]) == "berlaku"  # nothing before "Ya"
    done = client.post(url, data={"alasan": "Salah cetak nama", "konfirmasi": "ya"})
    assert done.status_code == 303
    with app.app_context():
        row = db.session.get(Dokumen, issued["id"])
        assert (row.status, row.alasan_status) == ("dicabut", "Salah cetak nama")
        log = db.session.scalar(select(AuditLog).where(AuditLog.aksi == "dokumen.cabut"))
        assert log.objek_id == row.id and log.aktor_id is not None
    public = client.get(f"/v/{issued['kode']}").get_data(as_text=True)
    assert "WITHDRAWN" in public and "Salah cetak nama" not in public
    again = client.post(url, data={"alasan": "Lagi", "konfirmasi": "ya"}, follow_redirects=True)
    assert "sudah dicabut" in again.get_data(as_text=True)


def test_a_withdrawal_without_a_reason_is_refused_and_keeps_the_text(client, auth, app, issued):
    auth.login_as("admin")
    refused = client.post(f"/admin/dokumen/{issued['id']}/cabut",
                          data={"alasan": " abc ", "konfirmasi": "ya"})
    html = refused.get_data(as_text=True)
    assert refused.status_code == 422 and "paling sedikit 5 huruf" in html and ">abc<" in html
    assert _status(app, issued["id"]) == "berlaku"
    assert client.post("/admin/dokumen/999999/cabut", data={"alasan": "Salah cetak",
                                                            "konfirmasi": "ya"}).status_code == 404
