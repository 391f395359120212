"""TPP: rules versions, the monthly run (background job, review, approval, lock, correction),
"TPP saya" and the daftar nominatif, on the demo province."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from portal import clock, jobs
from portal.extensions import db
from portal.models import AuditLog, Job, TppAturan, TppCatatan, TppHasil, TppJabatan, TppRun
from portal.tpp import proses
from portal.tpp import run as runs
from portal.tpp.demo import NAMA
from tests.helpers.jobs import work


def _count(app, model, *where):
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model).where(*where))


def _month():
    return clock.today().replace(day=1)


@pytest.fixture(autouse=True)
def _presensi_month_closed(request):
    """A run is refused while the month's presensi is open: the runs here are of a closed month."""
    if "demo" not in request.fixturenames:
        return
    app, demo = request.getfixturevalue("app"), request.getfixturevalue("demo")
    from portal.presensi import kunci_bulan

    with app.app_context():
        month = _month()
        kunci_bulan.tutup(month.year, month.month, demo["admin"])
        db.session.commit()


def test_demo_province_has_a_version_and_two_runs(app, demo):
    with app.app_context():
        version = db.session.scalar(select(TppAturan).where(TppAturan.nama == NAMA))
        assert version is not None
        now = db.session.scalar(select(TppRun).where(TppRun.bulan == _month()))
        assert now.status == "tinjau"
        assert any(a["kode"] == "tanpa_kelas" for a in now.anomali_list)
        assert now.jumlah_pegawai == 33


def test_andi_can_explain_his_amount(client, auth, demo):
    auth.login_as("pegawai")
    html = client.get("/tpp/").get_data(as_text=True)
    assert "TPP saya" in html
    assert "Pagu kelas 8 Rp 4.300.000" in html  # the line with its source
    assert "Kriteria kondisi kerja" in html
    assert "PPh 21 5% (golongan III)" in html
    assert "Dua belas bulan terakhir" in html
    assert "TPP = pagu × (60% kinerja + 40% disiplin)." in html
    # Nobody else's amount on his page.
    assert "Siti Nurhaliza" not in html


def _aturan_form(client, **changes):
    html = client.get("/tpp/aturan/baru").get_data(as_text=True)
    assert 'name="pagu_17"' in html
    from tests.urlwalk import forms_on

    form = next(f for f in forms_on(html) if f["action"].endswith("/tpp/aturan/baru"))
    data = {name: spec.get("value") or "" for name, spec in form["fields"].items()}
    for name, spec in form["fields"].items():
        if spec.get("tag") == "select":
            data[name] = spec.get("selected") or spec["options"][0]
    data.pop("pratinjau", None)  # the preview button's name: a plain save does not send it
    data.update(changes)
    return data


def test_bad_rules_are_refused_with_clear_messages_and_nothing_saved(client, auth, demo, app):
    auth.login_as("admin")
    before = _count(app, TppAturan)
    data = _aturan_form(client, nama="Perkada uji", bobot_kinerja="70", pagu_5="-1",
                        mulai=_month().strftime("%Y-%m"))
    response = client.post("/tpp/aturan/baru", data=data)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "harus berjumlah 100" in html
    assert "Tidak boleh negatif." in html
    assert "bertumpang" not in html or "Masa berlaku" in html
    data = _aturan_form(client, nama="Perkada uji", pagu_3="")
    html = client.post("/tpp/aturan/baru", data=data).get_data(as_text=True)
    assert "Kelas 3 belum memiliki pagu." in html
    assert _count(app, TppAturan) == before


def test_overlapping_and_backdated_versions_are_refused(client, auth, demo, app):
    auth.login_as("admin")
    with app.app_context():
        first = db.session.scalar(select(TppAturan.mulai).where(TppAturan.nama == NAMA))
    same = _aturan_form(client, nama="Sama", mulai=first.strftime("%Y-%m"))
    html = client.post("/tpp/aturan/baru", data=same).get_data(as_text=True)
    assert "bertumpang" in html
    # A new version from next month is fine, and the summary tells what it says.
    nxt = runs.bulan_ini().replace(year=runs.bulan_ini().year + 1)
    ok = _aturan_form(client, nama="Pergub baru", mulai=nxt.strftime("%Y-%m"), tk_persen="4")
    response = client.post("/tpp/aturan/baru", data=ok)
    assert response.status_code == 303
    assert _count(app, AuditLog, AuditLog.aksi == "tpp_aturan_baru") == 1
    html = client.get("/tpp/aturan").get_data(as_text=True)
    assert "tanpa keterangan 3% per hari" in html  # the active version, not next year's


def test_preview_recomputes_a_person_with_the_draft_and_saves_nothing(client, auth, demo, app):
    auth.login_as("admin")
    before = _count(app, TppAturan)
    data = _aturan_form(client, nama="Draf", mulai=(runs.bulan_ini().replace(
        year=runs.bulan_ini().year + 1)).strftime("%Y-%m"), pagu_8="5000000",
        pratinjau="1", pratinjau_nip=demo.nip["staf_surv1"],
        pratinjau_bulan=_month().strftime("%Y-%m"))
    html = client.post("/tpp/aturan/baru", data=data).get_data(as_text=True)
    assert "Pratinjau dengan draf" in html
    assert "Pagu kelas 8 Rp 5.000.000" in html
    assert _count(app, TppAturan) == before


def test_a_run_in_the_background_replaces_the_one_in_review(client, auth, demo, app, started):
    auth.login_as("admin")
    response = client.post("/tpp/run", data={"bulan": _month().strftime("%Y-%m")})
    assert response.status_code == 303
    # A second run while one runs is refused, with the reason.
    again = client.post("/tpp/run", data={"bulan": _month().strftime("%Y-%m")})
    assert again.status_code == 422
    assert "sedang berjalan" in again.get_data(as_text=True)
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "<progress" in page
    work(app, started)
    with app.app_context():
        rows = db.session.scalars(select(TppRun).where(TppRun.bulan == _month())
                                  .order_by(TppRun.id)).all()
        assert [r.status for r in rows] == ["diganti", "tinjau"]
        andi = db.session.scalar(select(TppHasil).where(TppHasil.run_id == rows[1].id,
                                                        TppHasil.pegawai_id == demo["staf_surv1"]))
        assert andi.baris_list[0][2].startswith("Pagu kelas 8")
        assert sum(b[3] for b in andi.baris_list if b[0] != "pagu") == andi.netto


def test_a_failed_run_changes_nothing_and_can_be_retried(client, auth, demo, app, started,
                                                         monkeypatch):
    calls = {"n": 0}
    real = proses.hitung

    def flaky(m, a):
        calls["n"] += 1
        if calls["n"] == 5:
            raise RuntimeError("server basis data terputus")
        return real(m, a)

    monkeypatch.setattr(proses, "hitung", flaky)
    auth.login_as("admin")
    location = client.post("/tpp/run", data={"bulan": _month().strftime("%Y-%m")}).headers[
        "Location"]
    work(app, started)
    with app.app_context():
        run = db.session.scalar(select(TppRun).order_by(TppRun.id.desc()))
        assert run.status == "gagal"
        assert db.session.scalar(select(func.count()).select_from(TppHasil).where(
            TppHasil.run_id == run.id)) == 0
        statuses = db.session.scalars(select(TppRun.status).where(
            TppRun.bulan == _month(), TppRun.id != run.id)).all()
        assert statuses == ["tinjau"]  # the run in review is untouched
        run_id = run.id
    assert "server basis data terputus" in client.get(location).get_data(as_text=True)
    client.post(f"/tpp/run/{run_id}/ulang")
    work(app, started)
    with app.app_context():
        assert db.session.get(TppRun, run_id).status == "tinjau"


def _clear_blocking(app, run_id):
    with app.app_context():
        run = db.session.get(TppRun, run_id)
        run.anomali = json.dumps([a for a in run.anomali_list if not a["blokir"]])
        db.session.commit()


def test_approval_no_one_decides_their_own_case_then_lock_and_correction(
        client, auth, demo, app, started):
    with app.app_context():
        run_id = db.session.scalar(select(TppRun.id).where(TppRun.bulan == _month(),
                                                           TppRun.status == "tinjau"))
        db.session.execute(TppRun.__table__.update().where(TppRun.id == run_id)
                           .values(sendiri_oleh_id=None))
        db.session.commit()
    _clear_blocking(app, run_id)
    auth.login_as("atasan")
    assert client.post(f"/tpp/run/{run_id}/setujui").status_code == 403
    auth.logout()
    auth.login_as("sekda")
    client.post(f"/tpp/run/{run_id}/setujui")
    html = client.get(f"/tpp/run/{run_id}").get_data(as_text=True)
    assert "memuat TPP Anda sendiri" in html
    auth.logout()
    auth.login_as("admin")
    client.post(f"/tpp/run/{run_id}/sahkan", data={"konfirmasi": "ya"})
    auth.logout()
    auth.login_as("sekda")
    asked = client.post(f"/tpp/run/{run_id}/setujui").get_data(as_text=True)
    assert 'name="konfirmasi" value="ya"' in asked  # nothing approved before "Ya"
    with app.app_context():
        assert db.session.get(TppRun, run_id).status == "tinjau"
    client.post(f"/tpp/run/{run_id}/setujui", data={"konfirmasi": "ya"})
    with app.app_context():
        assert db.session.get(TppRun, run_id).status == "disetujui"
        recorded = db.session.scalar(select(AuditLog).where(AuditLog.aksi == "tpp_sahkan_sendiri"))
        assert recorded.atas_nama  # on behalf of the kepala daerah
        db.session.add(TppCatatan(pegawai_id=demo["staf_surv1"], jenis="lhkpn",
                                  mulai=_month()))
        db.session.commit()
    auth.logout()
    auth.login_as("admin")
    # Locked: a new run needs a reason and becomes a correction.
    refused = client.post("/tpp/run", data={"bulan": _month().strftime("%Y-%m")})
    assert "koreksi hanya dengan alasan" in refused.get_data(as_text=True)
    client.post("/tpp/run", data={"bulan": _month().strftime("%Y-%m"),
                                  "alasan": "LHKPN Andi belum dilaporkan"})
    work(app, started)
    with app.app_context():
        koreksi = db.session.scalar(select(TppRun).where(TppRun.jenis == "koreksi"))
        assert koreksi.status == "tinjau" and koreksi.induk_id == run_id
        rows = db.session.scalars(select(TppHasil).where(TppHasil.run_id == koreksi.id)).all()
        assert [r.pegawai_id for r in rows] == [demo["staf_surv1"]]
        before = db.session.scalar(select(TppHasil.netto).where(
            TppHasil.run_id == run_id, TppHasil.pegawai_id == demo["staf_surv1"]))
        assert rows[0].selisih == rows[0].netto - before < 0
        # The approved run did not change.
        assert db.session.get(TppRun, run_id).status == "disetujui"
    auth.logout()
    auth.login_as("pegawai")
    assert "Jika koreksi yang sedang ditinjau disetujui" in client.get("/tpp/").get_data(
        as_text=True)


def test_nominatif_for_finance(client, auth, demo, app):
    with app.app_context():
        run_id = db.session.scalar(select(TppRun.id).where(TppRun.bulan == _month()))
        opd = db.session.scalar(select(TppHasil.opd_id).where(
            TppHasil.run_id == run_id, TppHasil.pegawai_id == demo["staf_surv1"]))
    auth.login_as("admin")
    csv = client.get(f"/tpp/run/{run_id}/nominatif.csv?opd={opd}").get_data(as_text=True)
    header = csv.splitlines()[0].lstrip("\ufeff")  # a BOM for spreadsheets
    assert header.startswith("No,NIP,Nama,Golongan,Jabatan,Kelas,Pagu,Kinerja %,Disiplin %,"
                             "Potongan TL,Potongan PSW,Potongan TK")
    assert demo.nip["staf_surv1"] in csv
    assert "Bappeda" not in csv and "Perencana" not in csv  # one OPD only
    xlsx = client.get(f"/tpp/run/{run_id}/nominatif.xlsx")
    assert xlsx.status_code == 200 and xlsx.data[:2] == b"PK"
    pdf = client.get(f"/tpp/run/{run_id}/nominatif.pdf?opd={opd}")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    assert client.get(f"/tpp/run/{run_id}/nominatif.csv?opd=999999").status_code == 404


def test_kelas_and_facts_entered_by_the_admin(client, auth, demo, app):
    auth.login_as("admin")
    with app.app_context():
        seat = db.session.scalar(select(TppJabatan).order_by(TppJabatan.jabatan_id)).jabatan_id
    bad = client.post(f"/tpp/kelas/{seat}", data={"kelas": "18", "kriteria": ""})
    assert bad.status_code == 422 and "1 sampai 17" in bad.get_data(as_text=True)
    bad = client.post(f"/tpp/kelas/{seat}", data={"kelas": "9", "kriteria": "terpencil:-5"})
    assert bad.status_code == 422
    ok = client.post(f"/tpp/kelas/{seat}", data={"kelas": "9", "kriteria": "terpencil:15%"})
    assert ok.status_code == 303
    with app.app_context():
        row = db.session.get(TppJabatan, seat)
        assert row.kelas == 9 and json.loads(row.kriteria)[0]["persen"] == "15"
    bad = client.post("/tpp/catatan", data={"nip": "123", "jenis": "hukuman", "mulai": "x"})
    html = bad.get_data(as_text=True)
    assert bad.status_code == 422 and "Tidak ada pegawai aktif" in html
    before = _count(app, TppCatatan)
    nip = demo.nip["staf_surv2"]
    ok = client.post("/tpp/catatan", data={"nip": f"{nip[:8]} {nip[8:14]}-{nip[14:]}",
                                           "jenis": "hukuman",
                                           "tingkat": "ringan", "mulai": "2026-01-10",
                                           "bulan": "3", "nomor": "800/1"})
    assert ok.status_code == 303 and _count(app, TppCatatan) == before + 1


def test_job_kind_is_registered():
    assert jobs.HANDLERS["tpp_run"] == "portal.tpp.run:hitung_job"
    assert Job.__tablename__ == "job"


def test_a_supervisor_sees_direct_reports_amounts(client, auth, demo):
    auth.login_as("atasan")
    html = client.get("/tpp/").get_data(as_text=True)
    assert "TPP bawahan langsung" in html
    assert f'/tpp/pegawai/{demo["staf_surv1"]}?bulan=' in html
    page = client.get(f'/tpp/pegawai/{demo["staf_surv1"]}').get_data(as_text=True)
    assert "TPP Andi Pratama" in page and "Pagu kelas 8" in page
    assert "TPP bawahan langsung" not in page  # his team is not on someone else's page
