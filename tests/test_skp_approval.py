"""Perencanaan: approval, return, bulk approval, Plt, the kepala daerah's record, revisions,
ekspektasi khusus and the mid-year move."""
from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import select

from portal import clock
from portal.extensions import db
from portal.models import Jabatan, Periode, Skp, SkpRevisi, SkpTransisi
from tests.conftest import YA
from tests.helpers.skp import YEAR, approve_as, login, make_draft, q, rhk_ids, skp_id


@pytest.fixture
def draft(client, app, demo):
    return make_draft(client, app, demo)


def test_submit_needs_iki_and_return_note_limit(client, app, demo, draft):
    sid, rid, _ = draft
    r = client.post(f"/skp/{sid}/ajukan", follow_redirects=True)
    assert "minimal satu IKI" in r.get_data(as_text=True)
    client.post(f"/skp/rhk/{rid}/iki", data={"aspek": "kuantitas", "indikator": "Laporan",
                                             "target": "4", "satuan": "laporan"})
    assert client.post(f"/skp/{sid}/ajukan").status_code == 303
    login(client, demo, "kasi_kur")
    html = client.get("/skp/persetujuan").get_data(as_text=True)
    assert "Analisis asesmen" in html and "Terlaksananya implementasi kurikulum" in html
    r = client.post(f"/skp/{sid}/kembalikan", data={"catatan": "x" * 2001},
                    headers={"HX-Request": "true"})
    assert r.status_code == 422 and "paling banyak 2000" in r.get_data(as_text=True)
    assert q(app, select(Skp.status).where(Skp.id == sid)) == "diajukan"
    r = client.post(f"/skp/{sid}/kembalikan", data={"catatan": "Tambah target kualitas"},
                    headers={"HX-Request": "true"})
    assert r.status_code == 200 and "dikembalikan" in r.get_data(as_text=True)
    # Someone acted first: approving a returned SKP says so.
    r = client.post(f"/skp/{sid}/setujui", follow_redirects=True)
    assert "lebih dulu" in r.get_data(as_text=True)
    assert q(app, select(Skp.status).where(Skp.id == sid)) == "dikembalikan"
    login(client, demo, "staf_kur2")
    assert "Tambah target kualitas" in client.get(f"/skp/{sid}").get_data(as_text=True)


def test_bulk_approve(client, app, demo):
    login(client, demo, "kasi_mutu")
    waiting = skp_id(app, demo["staf_mutu2"])
    other = skp_id(app, demo["staf_surv1"])  # not a direct report: skipped
    r = client.post("/skp/persetujuan/massal", data={"skp_id": [waiting, other]},
                    follow_redirects=True)
    html = r.get_data(as_text=True)
    assert "1 SKP disetujui" in html and "dilewati" in html
    assert q(app, select(Skp.status).where(Skp.id == waiting)) == "disetujui"
    with app.app_context():
        assert db.session.scalar(select(SkpRevisi.revisi).where(SkpRevisi.skp_id == waiting)) == 1


def test_revision_keeps_snapshot_and_records_changes(client, app, demo, auth):
    auth.login_as("pegawai")
    sid = skp_id(app, demo["staf_surv1"])
    assert client.post(f"/skp/{sid}/revisi", data=YA).status_code == 303
    with app.app_context():
        skp = db.session.get(Skp, sid)
        assert (skp.status, skp.revisi) == ("draf", 2)
        snap = json.loads(db.session.scalar(select(SkpRevisi.snapshot).where(
            SkpRevisi.skp_id == sid, SkpRevisi.revisi == 1)))
        assert len(snap["rhk"]) == 1
    parent = rhk_ids(app, skp_id(app, demo["kasi_surv"]))[0]
    client.post(f"/skp/{sid}/rhk", data={"jenis": "tambahan", "teks": "Dasbor surveilans",
                                         "rhk_atasan_id": parent})
    new = rhk_ids(app, sid)[-1]
    client.post(f"/skp/rhk/{new}/iki", data={"aspek": "waktu", "indikator": "Dasbor daring",
                                             "target": "6", "satuan": "bulan"})
    assert client.post(f"/skp/{sid}/ajukan").status_code == 303
    approve_as(client, app, demo, "kasi_surv", sid)
    with app.app_context():
        changes = json.loads(db.session.scalar(select(SkpRevisi.perubahan).where(
            SkpRevisi.skp_id == sid, SkpRevisi.revisi == 2)))
    assert "RHK ditambah: Dasbor surveilans" in changes
    for key in ("staf_surv1", "kasi_surv", "kabid_p2p", "sekda"):
        login(client, demo, key)
        html = client.get(f"/skp/{sid}/riwayat").get_data(as_text=True)
        assert "RHK ditambah: Dasbor surveilans" in html, key
    for key in ("staf_surv2", "kasubid_ekon", "admin"):
        login(client, demo, key)
        assert client.get(f"/skp/{sid}/riwayat").status_code == 403, key


def test_approved_skp_is_locked(client, app, demo, auth):
    auth.login_as("pegawai")
    sid = skp_id(app, demo["staf_surv1"])
    rid = rhk_ids(app, sid)[0]
    assert client.post(f"/skp/{sid}/rhk", data={"teks": "x"}).status_code == 403
    assert client.post(f"/skp/rhk/{rid}/hapus", data=YA).status_code == 403
    assert client.post(f"/skp/{sid}/ajukan").status_code == 403
    assert rid in rhk_ids(app, sid)
    assert q(app, select(Skp.status).where(Skp.id == sid)) == "disetujui"


def test_ekspektasi_by_direct_supervisor(client, app, demo, auth):
    sid = skp_id(app, demo["staf_surv1"])
    auth.login_as("atasan")
    r = client.post(f"/skp/{sid}/ekspektasi", data={"nilai": "adaptif", "teks": "Cepat belajar"},
                    headers={"HX-Request": "true"})
    assert r.status_code == 200 and "Cepat belajar" in r.get_data(as_text=True)

    def stored():
        from portal.models import EkspektasiPerilaku

        return q(app, select(EkspektasiPerilaku.teks).where(EkspektasiPerilaku.skp_id == sid,
                                                            EkspektasiPerilaku.nilai == "adaptif"))

    assert stored() == "Cepat belajar"
    r = client.post(f"/skp/{sid}/ekspektasi", data={"nilai": "adaptif", "teks": "x" * 2001})
    assert r.status_code == 422
    assert stored() == "Cepat belajar"  # a refused text leaves the saved one
    login(client, demo, "kabid_p2p")
    assert client.post(f"/skp/{sid}/ekspektasi",
                       data={"nilai": "adaptif", "teks": "x"}).status_code == 403
    assert stored() == "Cepat belajar"  # not the direct supervisor: nothing written


def test_end_skp_on_move(app, demo):
    from portal.models import RiwayatJabatan
    from portal.skp.mutasi import end_skp_on_move

    with app.app_context():
        pid = demo["staf_surv1"]
        old = db.session.scalar(select(Skp).join(Periode).where(
            Skp.pegawai_id == pid, Periode.tahun == YEAR))
        move = date(YEAR, 6, 30)
        assignment = db.session.scalar(select(RiwayatJabatan).where(
            RiwayatJabatan.pegawai_id == pid, RiwayatJabatan.selesai.is_(None)))
        held = select(RiwayatJabatan.jabatan_id).where(RiwayatJabatan.selesai.is_(None))
        new_seat = db.session.scalar(select(Jabatan.id).where(Jabatan.id.not_in(held),
                                                              Jabatan.aktif).limit(1))
        assignment.selesai = move
        db.session.add(RiwayatJabatan(pegawai_id=pid, jabatan_id=new_seat,
                                      mulai=date(YEAR, 7, 1)))
        db.session.flush()
        new = end_skp_on_move(pid, move)
        db.session.commit()
        assert old.selesai == move and old.status == "disetujui"
        assert (new.jabatan_id, new.mulai, new.status) == (new_seat, date(YEAR, 7, 1), "draf")
        assert end_skp_on_move(pid, date(YEAR + 5, 1, 1)) is None


def test_plt_of_a_vacant_seat_approves(client, app, demo):
    from datetime import timedelta

    from portal.models import PltJabatan, RiwayatJabatan

    sid = skp_id(app, demo["staf_surv1"])
    login(client, demo, "staf_surv1")
    client.post(f"/skp/{sid}/revisi", data=YA)
    assert client.post(f"/skp/{sid}/ajukan").status_code == 303
    with app.app_context():
        seat = db.session.scalar(select(RiwayatJabatan).where(
            RiwayatJabatan.pegawai_id == demo["kasi_surv"], RiwayatJabatan.selesai.is_(None)))
        seat.selesai = clock.today() - timedelta(days=1)
        db.session.add(PltJabatan(jabatan_id=seat.jabatan_id, pegawai_id=demo["kasubid_ekon"],
                                  nomor_sk="800/1/2026", mulai=clock.today() - timedelta(days=1),
                                  selesai=clock.today() + timedelta(days=30)))
        db.session.commit()
    login(client, demo, "kasi_surv")  # no longer in the seat
    assert client.post(f"/skp/{sid}/setujui").status_code == 403
    login(client, demo, "kasubid_ekon")
    assert "Andi Pratama" in client.get("/skp/persetujuan").get_data(as_text=True)
    assert client.post(f"/skp/{sid}/setujui").status_code == 303
    assert q(app, select(Skp.status).where(Skp.id == sid)) == "disetujui"


def test_diff_names_added_changed_retired_and_deleted(app):
    from portal.skp.revisi import diff

    def rhk(teks, arsip=False, iki=None):
        return {"jenis": "utama", "teks": teks, "rhk_atasan_id": None, "perspektif": None,
                "diarsipkan": arsip, "iki": iki or {}}

    iki = {"aspek": "kuantitas", "indikator": "Laporan", "target": "12", "satuan": "laporan"}
    old = {"rhk": {"1": rhk("A", iki={"5": iki}), "2": rhk("B"), "3": rhk("C")}}
    new = {"rhk": {"1": rhk("A", iki={"5": dict(iki, target="14"), "6": iki}),
                   "2": rhk("B", arsip=True), "4": rhk("D")}}
    with app.test_request_context():
        changes = diff(old, new)
    assert changes == ["IKI diubah: Laporan", "IKI ditambah: Laporan", "RHK diarsipkan: B",
                       "RHK ditambah: D", "RHK dihapus: C"]


def test_admin_returns_sekda_skp_with_a_note(client, app, demo):
    login(client, demo, "sekda")
    sid = skp_id(app, demo["sekda"])
    client.post(f"/skp/{sid}/revisi", data=YA)
    assert client.post(f"/skp/{sid}/ajukan").status_code == 303
    login(client, demo, "admin")
    r = client.post(f"/skp/{sid}/kepala-daerah", data={"keputusan": "kembalikan"})
    assert r.status_code == 422 and "Tulis alasan pengembalian" in r.get_data(as_text=True)
    r = client.post(f"/skp/{sid}/kepala-daerah", data={"keputusan": "kembalikan",
                                                       "catatan": "Tambah indikator kemiskinan"})
    assert r.status_code == 303
    with app.app_context():
        t = db.session.scalar(select(SkpTransisi).where(SkpTransisi.skp_id == sid)
                              .order_by(SkpTransisi.id.desc()).limit(1))
        assert (t.ke, t.atas_nama, t.catatan) == ("dikembalikan", "Kepala Daerah",
                                                  "Tambah indikator kemiskinan")
    # Someone acted first: a second record on a returned SKP is refused with a message.
    r = client.post(f"/skp/{sid}/kepala-daerah", data={"keputusan": "setujui"},
                    follow_redirects=True)
    assert "lebih dulu" in r.get_data(as_text=True)
    login(client, demo, "sekda")
    html = client.get(f"/skp/{sid}/riwayat").get_data(as_text=True)
    assert "atas nama Kepala Daerah" in html
