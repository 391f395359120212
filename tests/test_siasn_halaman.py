"""BKPSDM's SIASN page against the stand-in (tests/siasn_standin.py, NOT BKN): a record SIASN
refused for a missing reference code is listed with its reason, resent after a question once the
code exists, lands once, and the reconciliation shows SIASN's copy beside the portal's."""
from __future__ import annotations

from markupsafe import escape
from sqlalchemy import select

from portal.extensions import db
from portal.models import KirimanSiasn, Pegawai
from portal.rules import siasn as rules
from portal.siasn import referensi
from tests.conftest import YA
from tests.test_siasn import queue_one, row_of, send
from tests.test_siasn import standin as standin  # noqa: PLC0414 - the stand-in fixture


def test_failed_record_is_listed_resent_and_reconciled(app, client, auth, demo, standin):
    row_id = queue_one(app)
    with app.app_context():
        row = db.session.get(KirimanSiasn, row_id)
        predikat, nip = row.penilaian.predikat, db.session.get(Pegawai, row.pegawai_id).nip
    nama = rules.PETA["kuadran"][predikat]
    code = standin.referensi["kuadran"].pop(nama)
    assert send(app)["gagal"] == 1
    auth.login_as("admin")
    failed = client.get("/siasn?status=gagal").get_data(as_text=True)
    assert str(escape(row_of(app, row_id).alasan)) in failed  # the reason, named
    # SIASN now knows the code; the portal fetches the reference lists again.
    standin.referensi["kuadran"][nama] = code
    with app.app_context():
        referensi.lupakan()
    asked = client.post("/siasn/kirim", data={})
    assert "Kirim ulang 1 catatan ke SIASN?" in asked.get_data(as_text=True)
    assert row_of(app, row_id).status == "gagal" and standin.saves() == 0  # nothing before "Ya"
    assert client.post("/siasn/kirim", data=YA).status_code == 303
    sent = row_of(app, row_id)
    assert sent.status == "terkirim" and standin.saves() == 1
    assert sent.siasn_id in standin.records
    # "Kirim ulang" on a record already sent posts nothing again (a changed rating is what
    # updates it: test_siasn.test_a_changed_rating_updates_the_same_record).
    assert client.post(f"/siasn/{row_id}/ulang", data=YA).status_code == 303
    assert len(standin.records) == 1 and standin.saves() == 1
    page = client.get(f"/siasn/rekonsiliasi?nip={nip}").get_data(as_text=True)
    assert sent.siasn_id in page and sent.kunci in page
    with app.app_context():
        assert db.session.scalar(select(KirimanSiasn.status).where(
            KirimanSiasn.id == row_id)) == "terkirim"
