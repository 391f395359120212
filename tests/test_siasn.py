"""The SIASN outbox against the stand-in (tests/siasn_standin.py, NOT BKN): a final rating
reaches it exactly once even when the first send times out; 401, 429 and 500 are retried with
backoff; a missing reference code fails the record with its reason and sends nothing; BKPSDM's
page lists the refusal, resends after asking, and reconciles."""
from __future__ import annotations

import json
from datetime import timedelta

import pytest
from markupsafe import escape
from sqlalchemy import select

from portal import clock
from portal.extensions import db
from portal.models import KirimanSiasn, Pegawai, Penilaian, ReferensiSiasn
from portal.models.penilaian import TAHUNAN
from portal.rules import siasn as rules
from portal.siasn import outbox, referensi
from portal.siasn.client import Client
from tests import siasn_standin
from tests.conftest import YA


@pytest.fixture
def standin(app, monkeypatch):
    server = siasn_standin.StandIn().start()
    with app.app_context():
        referensi.lupakan()
    for key, value in {"SIASN_MODE": "kirim", "SIASN_BASE_URL": server.url,
                       "SIASN_CLIENT_ID": siasn_standin.CLIENT_ID,
                       "SIASN_CLIENT_SECRET": siasn_standin.CLIENT_SECRET,
                       "SIASN_SSO_TOKEN": siasn_standin.SSO_TOKEN, "SIASN_TIMEOUT": 0.5,
                       "REDIS_URL": None}.items():
        monkeypatch.setitem(app.config, key, value)
    yield server
    server.stop()
    with app.app_context():
        referensi.lupakan()


def queue_one(app) -> int:
    """A final rating of the demo, queued as closing its period does."""
    with app.app_context():
        db.session.execute(KirimanSiasn.__table__.delete())  # the demo's own outbox rows
        p = db.session.scalar(select(Penilaian).order_by(Penilaian.id).limit(1))
        row = outbox.antrekan(p)
        db.session.commit()
        return row.id


def send(app) -> dict:
    with app.app_context():
        return outbox.kirim_jatuh_tempo()


def row_of(app, row_id) -> KirimanSiasn:
    with app.app_context():
        row = db.session.get(KirimanSiasn, row_id)
        db.session.expunge(row)
        return row


def test_timeout_then_retry_reaches_siasn_exactly_once(app, demo, standin):
    row_id = queue_one(app)
    standin.faults = ["lambat"]
    assert send(app)["antre"] == 1
    row = row_of(app, row_id)
    assert row.tidak_pasti and row.percobaan == 1 and "batas waktu" in row.alasan
    assert len(standin.records) == 1  # SIASN saved it; the portal never heard back
    assert send(app) == {"terkirim": 0, "antre": 0, "gagal": 0}  # not due yet (backoff)
    with clock.frozen(clock.now() + timedelta(minutes=2)):
        assert send(app)["terkirim"] == 1
    row = row_of(app, row_id)
    assert row.status == "terkirim" and row.siasn_id in standin.records
    assert len(standin.records) == 1
    # The retry first asked SIASN what it holds, then sent the record as an update of that one
    # (two saves, one record); nothing is posted after that.
    assert ("GET", "/kinerja-periodik") in standin.requests and standin.saves() == 2
    with clock.frozen(clock.now() + timedelta(days=1)):
        assert send(app) == {"terkirim": 0, "antre": 0, "gagal": 0}
    assert len(standin.records) == 1 and standin.saves() == 2


def test_the_record_has_siasn_fields_codes_and_headers(app, demo, standin):
    row_id = queue_one(app)
    assert send(app)["terkirim"] == 1
    record = next(iter(standin.records.values()))
    assert set(siasn_standin.WAJIB) <= set(record)
    assert record["kuadranKinerjaNilai"] in siasn_standin.REFERENSI["kuadran"].values()
    assert ("POST", "/oauth/token") in standin.requests
    assert json.loads(row_of(app, row_id).isi_siasn)["pnsDinilaiNip"] == record["pnsDinilaiNip"]


@pytest.mark.parametrize("fault", ["401", "429", "500"])
def test_refusals_are_retried_and_sent_once(app, demo, standin, fault):
    row_id = queue_one(app)
    standin.faults = [fault]
    first = send(app)
    if fault == "401":  # an expired access token is renewed at once, in the same try
        assert first["terkirim"] == 1
    else:
        assert first["antre"] == 1
        row = row_of(app, row_id)
        assert row.berikutnya_pada > clock.utcnow() and fault in row.alasan
        with clock.frozen(clock.now() + timedelta(minutes=2)):
            assert send(app)["terkirim"] == 1
    assert len(standin.records) == 1


def test_a_missing_reference_code_fails_with_its_reason(app, demo, standin):
    row_id = queue_one(app)
    with app.app_context():
        predikat = db.session.get(KirimanSiasn, row_id).penilaian.predikat
    nama = rules.PETA["kuadran"][predikat]
    del standin.referensi["kuadran"][nama]
    assert send(app)["gagal"] == 1
    row = row_of(app, row_id)
    assert row.status == "gagal" and "kuadran" in row.alasan and standin.saves() == 0


def test_unreachable_siasn_keeps_the_rows_waiting(app, demo, standin):
    row_id = queue_one(app)
    standin.stop()
    assert send(app) == {"terkirim": 0, "antre": 0, "gagal": 0}
    assert row_of(app, row_id).status == "antre" and row_of(app, row_id).percobaan == 0


def test_a_changed_rating_updates_the_same_record(app, demo, standin):
    row_id = queue_one(app)
    send(app)
    with app.app_context():
        row = db.session.get(KirimanSiasn, row_id)
        row.penilaian.catatan = "diubah"
        payload = json.loads(row.payload)
        payload["hasil_kerja"] = "di_atas" if payload["hasil_kerja"] != "di_atas" else "sesuai"
        row.payload, row.status, row.berikutnya_pada = json.dumps(payload), "antre", \
            clock.utcnow()
        db.session.commit()
    assert send(app)["terkirim"] == 1
    assert len(standin.records) == 1 and standin.saves() == 2


def test_dry_mode_sends_nothing_and_shows_the_record(app, client, auth, demo, monkeypatch):
    monkeypatch.setitem(app.config, "SIASN_MODE", "kering")
    send(app)
    auth.login_as("admin")
    page = client.get("/siasn").text
    assert "Mode kering" in page and "kuadranKinerjaNilai" in page


def test_closing_a_period_queues_its_ratings(app, client, auth, demo, monkeypatch):
    monkeypatch.setitem(app.config, "SIASN_MODE", "kering")
    with app.app_context():
        db.session.execute(KirimanSiasn.__table__.delete())
        db.session.commit()
        p = db.session.scalar(select(Penilaian).join(Penilaian.sub_periode).where(
            Penilaian.sub_periode.has(ditutup=False)).limit(1))
        kode, periode_id = p.sub_periode.kode_lengkap, p.periode_id
        expected = db.session.query(Penilaian).filter_by(periode_id=periode_id,
                                                         kode=p.kode).count()
    auth.login_as("sekda")
    assert client.post(f"/penilaian/periode/{kode}/tutup", data=YA).status_code in (302, 303)
    with app.app_context():
        assert db.session.query(KirimanSiasn).count() == expected


def test_cli_sends_what_is_due(app, demo, standin, runner):
    queue_one(app)
    result = runner.invoke(args=["siasn", "kirim"])
    assert "1 terkirim" in result.output and len(standin.records) == 1


def test_rq_worker_sends_when_redis_is_configured(app, demo, standin, monkeypatch):
    import os

    from rq import Queue, SimpleWorker

    from tests.conftest import redis_or_skip

    url = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/5")
    connection = redis_or_skip(url)
    monkeypatch.setitem(app.config, "REDIS_URL", url)
    queue_one(app)
    with app.app_context():
        assert outbox.jadwalkan()
        SimpleWorker([Queue("portal", connection=connection)], connection=connection
                     ).work(burst=True)
    assert len(standin.records) == 1
    connection.flushdb()


def test_the_demo_outbox_has_a_sent_and_a_waiting_record(app, client, auth, demo):
    with app.app_context():
        statuses = sorted(db.session.scalars(select(KirimanSiasn.status)))
    assert statuses == ["antre", "terkirim"]
    auth.login_as("sekda")
    page = client.get("/siasn").text
    assert "DEMO-0001" in page and "Kirim ulang" not in page  # the Sekda reads only


def test_each_person_reads_only_their_own_rows(app, client, auth, demo):
    with app.app_context():
        owners = list(db.session.scalars(select(KirimanSiasn.pegawai_id)
                                         .order_by(KirimanSiasn.id)))
    from portal.models import Pegawai

    with app.app_context():
        nip = db.session.get(Pegawai, owners[0]).nip
    auth.login(nip)
    assert "DEMO-0001" in client.get("/siasn/saya").text
    auth.logout()
    auth.login_as("pegawai_b" if owners[0] != demo.persona("pegawai_b") else "pegawai")
    assert "DEMO-0001" not in client.get("/siasn/saya").text


def _reference_calls(standin) -> int:
    return sum(1 for method, path in standin.requests if path.startswith("/referensi/"))


def test_reference_codes_are_kept_in_the_database_for_every_worker(app, demo, standin):
    with app.app_context():
        first = referensi.ambil(Client())  # one worker fetches them
        db.session.commit()
    calls = _reference_calls(standin)
    assert calls == len(rules.REFERENSI)
    with app.app_context():
        assert referensi.ambil(Client()) == first  # another worker, another process: no call
        assert db.session.query(ReferensiSiasn).filter_by(alamat=standin.url).count() == sum(
            len(v) for v in first.values())
    assert _reference_calls(standin) == calls
    with clock.frozen(clock.now() + timedelta(days=1, minutes=1)), app.app_context():
        referensi.ambil(Client())  # a day old: fetched again, the rows replaced
        db.session.commit()
        assert db.session.query(ReferensiSiasn).count() == sum(len(v) for v in first.values())
    assert _reference_calls(standin) == 2 * calls


def test_closing_the_year_queues_the_annual_record(app, client, auth, demo, standin):
    with app.app_context():
        db.session.execute(KirimanSiasn.__table__.delete())
        p = db.session.scalar(select(Penilaian).where(Penilaian.kode == TAHUNAN)
                              .order_by(Penilaian.id).limit(1))
        assert p is not None, "demo tanpa penilaian tahunan"
        row = outbox.antrekan(p)
        db.session.commit()
        row_id, nip, tahun = row.id, p.pegawai.nip, p.periode.tahun
    assert send(app)["terkirim"] == 1
    record = next(iter(standin.records.values()))
    assert record["periodikId"] == siasn_standin.REFERENSI["periodik"]["Tahunan"]
    assert (record["bulanMulaiPenilaian"], record["bulanSelesaiPenilaian"]) == ("1", "12")
    assert row_of(app, row_id).kunci == f"kinerja-periodik:{nip}:{tahun}:TAHUNAN"


def test_failed_record_is_listed_resent_and_reconciled(app, client, auth, demo, standin):
    """BKPSDM's page: a record SIASN refused for a missing reference code is listed with its
    reason, resent after a question once the code exists, lands once; the reconciliation shows
    SIASN's copy beside the portal's."""
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
    # "Kirim ulang" on a record already sent schedules nothing and says why (a changed rating
    # is what updates it: test_a_changed_rating_updates_the_same_record); the bulk resend
    # checks each record with the same rule.
    assert "1 catatan dijadwalkan" in client.get("/siasn").get_data(as_text=True)
    said = client.post(f"/siasn/{row_id}/ulang", data=YA,
                       follow_redirects=True).get_data(as_text=True)
    assert "sudah terkirim ke SIASN, jadi tidak dijadwalkan lagi" in said
    assert "dijadwalkan untuk dikirim ulang" not in said
    said = client.post("/siasn/kirim", data={**YA, "pilih": str(row_id)},
                       follow_redirects=True).get_data(as_text=True)
    assert "Tidak ada catatan yang dijadwalkan" in said
    assert "dijadwalkan untuk dikirim ulang" not in said
    assert len(standin.records) == 1 and standin.saves() == 1
    page = client.get(f"/siasn/rekonsiliasi?nip={nip}").get_data(as_text=True)
    assert sent.siasn_id in page and sent.kunci in page
    with app.app_context():
        assert db.session.scalar(select(KirimanSiasn.status).where(
            KirimanSiasn.id == row_id)) == "terkirim"
