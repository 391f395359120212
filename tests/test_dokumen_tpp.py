"""The daftar nominatif TPP as an issued document: a draft while its run is in review, numbered,
signed and kept once the run is approved."""
from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from portal.extensions import db
from portal.models import Dokumen, TppRun

pytestmark = pytest.mark.db


def _text(data: bytes) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(data)).pages)


def _run(app, status: str) -> int:
    with app.app_context():
        run = db.session.scalar(select(TppRun).order_by(TppRun.bulan.desc()).limit(1))
        run.status = status
        db.session.commit()
        return run.id


def test_list_of_a_run_in_review_is_a_draft_and_not_registered(client, auth, demo, app,
                                                                renders):
    run_id = _run(app, "tinjau")
    auth.login_as("admin")
    for expected in (1, 2):
        response = client.get(f"/tpp/run/{run_id}/nominatif.pdf")
        assert response.status_code == 200 and renders["n"] == expected
        assert response.headers["Cache-Control"] == "no-store"
    assert "DRAFT" in _text(response.data)
    with app.app_context():
        assert db.session.scalars(select(Dokumen).where(Dokumen.jenis == "tpp")).all() == []


def test_list_of_an_approved_run_is_sealed_once(client, auth, demo, app, renders):
    run_id = _run(app, "disetujui")
    auth.login_as("admin")
    first = client.get(f"/tpp/run/{run_id}/nominatif.pdf")
    second = client.get(f"/tpp/run/{run_id}/nominatif.pdf")
    assert first.status_code == second.status_code == 200
    assert renders["n"] == 1 and second.data == first.data  # the second download rendered nothing
    with app.app_context():
        row = db.session.scalar(select(Dokumen).where(Dokumen.jenis == "tpp"))
        assert row.status == "berlaku" and row.seri == f"tpp:{run_id}:semua"
    text = _text(first.data)
    assert row.nomor in text and f"/v/{row.kode}" in text and "DRAFT" not in text
    public = client.get(f"/v/{row.kode}").get_data(as_text=True)
    assert "Daftar Nominatif TPP" in public and row.nomor in public
