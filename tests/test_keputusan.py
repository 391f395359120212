"""Separation of duties through the routes: no one decides their own case, "atas nama Kepala
Daerah" included; Plt/Plh take a second person's confirmation; bulk routes and inboxes ask
the same question as the single routes."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from portal import clock, orgtree
from portal.extensions import db
from portal.models import (
    AuditLog,
    Keberatan,
    Pegawai,
    Penilaian,
    PltJabatan,
    RealisasiPeriode,
    RiwayatJabatan,
    Skp,
    SubPeriode,
)
from portal.models.org import PLT_BERLAKU, PLT_MENUNGGU
from tests.helpers.skp import login, skp_id


@pytest.fixture
def client(client):
    """Every POST here is sent as after "Ya" in the confirmation (portal/konfirmasi.py): these
    tests are about who may decide, not about the question asked first."""
    post = client.post

    def confirmed(url, data=None, **kwargs):
        return post(url, data={**(data or {}), "konfirmasi": "ya"}, **kwargs)

    client.post = confirmed
    return client

def _kode(app) -> str:
    with app.app_context():
        from portal.penilaian.periode import default_kode

        return default_kode().teks


def _seat_of(app, pid) -> int:
    with app.app_context():
        return db.session.scalar(select(RiwayatJabatan.jabatan_id).where(
            RiwayatJabatan.pegawai_id == pid, RiwayatJabatan.selesai.is_(None)))


def _flag_admin(app, pid):
    with app.app_context():
        db.session.get(Pegawai, pid).is_admin = True
        db.session.commit()


def _plt(app, seat_id, pid, status="berlaku"):
    with app.app_context():
        db.session.add(PltJabatan(jabatan_id=seat_id, pegawai_id=pid, jenis="Plh",
                                  nomor_sk="800/9/2026", status=status,
                                  mulai=clock.today() - timedelta(days=1),
                                  selesai=clock.today() + timedelta(days=30)))
        db.session.commit()


def _rating_of(app, pid) -> Penilaian:
    with app.app_context():
        return db.session.scalar(select(Penilaian).where(Penilaian.pegawai_id == pid)
                                 .order_by(Penilaian.id.desc()))


# 1. Self-decision through "atas nama Kepala Daerah" ------------------------------------------

def test_the_admin_never_decides_her_own_objection_for_the_kepala_daerah(client, app, demo):
    kode = _kode(app)
    login(client, demo, "sekda")  # the Sekda rates the admin, who sits right under him
    r = client.post(f"/penilaian/tim/{kode}/{demo['admin']}",
                    data={"hasil_kerja": "sesuai", "perilaku_kerja": "sesuai"})
    assert r.status_code == 303
    n = _rating_of(app, demo["admin"])
    assert n.penilai_id == demo["sekda"] and n.atasan_penilai_id is None  # the kepala daerah
    login(client, demo, "admin")
    assert client.post(f"/penilaian/{n.id}/keberatan",
                       data={"alasan": "Capaian saya melampaui target"}).status_code == 303
    with app.app_context():
        k = db.session.scalar(select(Keberatan).where(Keberatan.penilaian_id == n.id))
    r = client.post(f"/penilaian/keberatan/{k.id}/putusan",
                    data={"keputusan": "ubah", "pertimbangan": "Diterima",
                          "hasil_kerja": "di_atas", "perilaku_kerja": "di_atas"})
    assert r.status_code == 403
    assert _rating_of(app, demo["admin"]).predikat == "baik"
    page = client.get("/penilaian/keberatan").get_data(as_text=True)
    assert f"/penilaian/{n.id}" not in page  # not in her inbox either
    # Another admin records the kepala daerah's decision, and the page says who.
    _flag_admin(app, demo["staf_setda"])
    login(client, demo, "staf_setda")
    assert f"/penilaian/{n.id}" in client.get("/penilaian/keberatan").get_data(as_text=True)
    r = client.post(f"/penilaian/keberatan/{k.id}/putusan",
                    data={"keputusan": "tetap", "pertimbangan": "Sesuai bukti"})
    assert r.status_code == 303
    login(client, demo, "admin")
    page = client.get(f"/penilaian/{n.id}").get_data(as_text=True)
    assert "dicatat atas nama Kepala Daerah oleh Hadi Prayitno" in page


def test_a_sekda_with_the_admin_flag_neither_rates_himself_nor_approves_his_skp(
        client, app, demo):
    _flag_admin(app, demo["sekda"])
    before = _rating_of(app, demo["sekda"])
    login(client, demo, "sekda")
    url = f"/penilaian/kepala-daerah/{_kode(app)}"
    assert client.get(url).status_code == 403
    assert client.post(url, data={"hasil_kerja": "di_atas",
                                  "perilaku_kerja": "di_atas"}).status_code == 403
    after = _rating_of(app, demo["sekda"])
    assert (after and after.id, after and after.version) == \
        (before and before.id, before and before.version)
    sid = skp_id(app, demo["sekda"])
    assert client.post(f"/skp/{sid}/kepala-daerah",
                       data={"keputusan": "setujui"}).status_code == 403


def test_the_kepala_daerahs_rating_names_the_admin_who_recorded_it(client, app, demo):
    login(client, demo, "admin")
    url = f"/penilaian/kepala-daerah/{_kode(app)}"
    assert client.post(url, data={"hasil_kerja": "sesuai",
                                  "perilaku_kerja": "sesuai"}).status_code == 303
    n = _rating_of(app, demo["sekda"])
    assert n.dicatat_oleh_id == demo["admin"]
    login(client, demo, "sekda")
    page = client.get(f"/penilaian/{n.id}").get_data(as_text=True)
    assert "dicatat atas nama Kepala Daerah oleh Rina Oktaviani" in page


# 2. Plt/Plh: never oneself, and a second person's confirmation ------------------------------

def test_an_admin_cannot_appoint_herself(client, app, demo):
    login(client, demo, "admin")
    r = client.post("/admin/plt/baru", data={
        "jabatan_id": _seat_of(app, demo["sekda"]), "jenis": "Plh", "nip": demo.nip["admin"],
        "nomor_sk": "800/1/2026", "mulai": clock.today().isoformat(),
        "selesai": (clock.today() + timedelta(days=5)).isoformat()})
    assert r.status_code == 422 and "diri sendiri" in r.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(PltJabatan.id).where(
            PltJabatan.pegawai_id == demo["admin"])) is None


def _appoint(client, app, demo, seat_key, appointee, sk):
    return client.post("/admin/plt/baru", data={
        "jabatan_id": _seat_of(app, demo[seat_key]), "jenis": "Plh", "nip": demo.nip[appointee],
        "nomor_sk": sk, "mulai": clock.today().isoformat(),
        "selesai": (clock.today() + timedelta(days=5)).isoformat()})


def test_a_plh_of_a_seat_with_reports_acts_only_once_the_sekda_confirms(client, app, demo):
    login(client, demo, "admin")
    assert _appoint(client, app, demo, "kasi_surv", "kasubid_ekon", "800/7/2026").status_code \
        == 303
    with app.app_context():
        plt = db.session.scalar(select(PltJabatan).where(PltJabatan.nomor_sk == "800/7/2026"))
        plt_id, status = plt.id, plt.status
        staff = db.session.get(Pegawai, demo["staf_surv1"])
        assert status == PLT_MENUNGGU
        assert orgtree.atasan_of(staff).id == demo["kasi_surv"]  # nothing changed yet
    assert client.post(f"/plt/{plt_id}/konfirmasi").status_code == 403  # not her own proposal
    login(client, demo, "sekda")
    assert "800/7/2026" in client.get("/plt/konfirmasi").get_data(as_text=True)
    assert client.post(f"/plt/{plt_id}/konfirmasi", data={"konfirmasi": "ya"}).status_code == 303
    with app.app_context():
        staff = db.session.get(Pegawai, demo["staf_surv1"])
        assert orgtree.atasan_of(staff).id == demo["kasubid_ekon"]
        events = list(db.session.scalars(select(AuditLog.aksi).where(
            AuditLog.objek_jenis == "plt_jabatan", AuditLog.objek_id == plt_id)
            .order_by(AuditLog.id)))
    assert events == ["plt.tunjuk", "plt.konfirmasi"]
    # The admin's audit trail lists both steps (its filter knows the kind plt_jabatan).
    login(client, demo, "admin")
    page = client.get("/audit?aksi=plt.konfirmasi").get_data(as_text=True)
    assert ">plt.konfirmasi</td>" in page


def test_the_sekdas_own_seat_is_confirmed_by_another_admin_never_by_the_sekda(
        client, app, demo):
    _flag_admin(app, demo["sekda"])
    login(client, demo, "admin")
    assert _appoint(client, app, demo, "sekda", "kadinkes", "800/8/2026").status_code == 303
    with app.app_context():
        plt_id = db.session.scalar(select(PltJabatan.id).where(
            PltJabatan.nomor_sk == "800/8/2026"))
    login(client, demo, "sekda")
    assert client.post(f"/plt/{plt_id}/konfirmasi").status_code == 403
    with app.app_context():
        plt = db.session.get(PltJabatan, plt_id)
        assert (plt.status, plt.dikonfirmasi_oleh_id) == (PLT_MENUNGGU, None)  # still waiting
    _flag_admin(app, demo["staf_setda"])
    login(client, demo, "staf_setda")
    assert client.post(f"/plt/{plt_id}/konfirmasi", data={"konfirmasi": "ya"}).status_code == 303
    with app.app_context():
        plt = db.session.get(PltJabatan, plt_id)
        assert (plt.status, plt.dikonfirmasi_oleh_id) == (PLT_BERLAKU, demo["staf_setda"])


def test_a_seat_without_reports_takes_its_plt_at_once(client, app, demo):
    login(client, demo, "admin")
    assert _appoint(client, app, demo, "staf_surv2", "staf_surv3", "800/6/2026").status_code \
        == 303
    with app.app_context():
        assert db.session.scalar(select(PltJabatan.status).where(
            PltJabatan.nomor_sk == "800/6/2026")) == "berlaku"


# 3. Bulk routes and inboxes ask what the single route asks ----------------------------------

def test_with_a_plh_on_his_seat_the_holder_decides_nothing_in_bulk(client, app, demo):
    _plt(app, _seat_of(app, demo["kasi_mutu"]), demo["kasubid_ekon"])
    waiting = skp_id(app, demo["staf_mutu2"])
    login(client, demo, "kasi_mutu")
    assert client.post(f"/skp/{waiting}/setujui").status_code == 403
    assert f"/skp/{waiting}" not in client.get("/skp/persetujuan").get_data(as_text=True)
    client.post("/skp/persetujuan/massal", data={"skp_id": [waiting]})
    with app.app_context():
        assert db.session.get(Skp, waiting).status == "diajukan"
    login(client, demo, "kasubid_ekon")  # the Plh decides
    assert f"/skp/{waiting}" in client.get("/skp/persetujuan").get_data(as_text=True)
    client.post("/skp/persetujuan/massal", data={"skp_id": [waiting]})
    with app.app_context():
        assert db.session.get(Skp, waiting).status == "disetujui"


def _submitted_realisasi(app, pid) -> int:
    with app.app_context():
        return db.session.scalar(
            select(RealisasiPeriode.id).join(Skp).join(SubPeriode)
            .where(Skp.pegawai_id == pid, RealisasiPeriode.status == "diajukan"))


def test_with_a_plh_on_his_seat_the_holder_accepts_no_realization_in_bulk(client, app, demo):
    rp = _submitted_realisasi(app, demo["staf_surv3"])
    assert rp is not None
    _plt(app, _seat_of(app, demo["kasi_surv"]), demo["kasubid_ekon"])
    login(client, demo, "kasi_surv")
    assert client.post(f"/tim/realisasi/{rp}/putuskan", data={"aksi": "terima"}).status_code \
        == 403
    assert f"/tim/realisasi/{rp}" not in client.get("/tim/realisasi").get_data(as_text=True)
    client.post("/tim/realisasi/terima", data={"rp": [str(rp)]})
    with app.app_context():
        assert db.session.get(RealisasiPeriode, rp).status == "diajukan"
    login(client, demo, "kasubid_ekon")
    assert f"/tim/realisasi/{rp}" in client.get("/tim/realisasi").get_data(as_text=True)
    client.post("/tim/realisasi/terima", data={"rp": [str(rp)]})
    with app.app_context():
        assert db.session.get(RealisasiPeriode, rp).status == "diterima"


def test_a_pending_plh_changes_nobodys_inbox(client, app, demo):
    _plt(app, _seat_of(app, demo["kasi_mutu"]), demo["kasubid_ekon"], status=PLT_MENUNGGU)
    waiting = skp_id(app, demo["staf_mutu2"])
    login(client, demo, "kasi_mutu")
    assert f"/skp/{waiting}" in client.get("/skp/persetujuan").get_data(as_text=True)
    login(client, demo, "kasubid_ekon")
    assert f"/skp/{waiting}" not in client.get("/skp/persetujuan").get_data(as_text=True)
