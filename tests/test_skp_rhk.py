"""Perencanaan: editing a draft SKP: RHK, IKI, collaborators, alignment, stale saves, bad input."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from portal.extensions import db
from portal.models import (
    Iki,
    Rhk,
    RhkKolaborator,
    Skp,
    UmpanBalik,
)
from tests.conftest import YA
from tests.helpers.skp import login, make_draft, q, rhk_ids, skp_id


@pytest.fixture
def draft(client, app, demo):
    return make_draft(client, app, demo)


@pytest.mark.parametrize(("target", "message"), [
    ("abc", "Target harus berupa angka"), ("-1", "Target tidak boleh negatif"),
    ("", "Target wajib diisi"),
])
def test_iki_bad_target(client, app, draft, target, message):
    _, rid, _ = draft
    r = client.post(f"/skp/rhk/{rid}/iki", data={"aspek": "kuantitas", "indikator": "Laporan",
                                                 "target": target, "satuan": "laporan"})
    assert r.status_code == 422
    html = r.get_data(as_text=True)
    assert message in html and 'value="Laporan"' in html
    assert q(app, select(func.count(Iki.id)).where(Iki.rhk_id == rid)) == 0


def test_iki_empty_indicator_and_htmx_row(client, app, draft):
    _, rid, _ = draft
    r = client.post(f"/skp/rhk/{rid}/iki", data={"aspek": "waktu", "indikator": " ",
                                                 "target": "3", "satuan": "bulan"},
                    headers={"HX-Request": "true"})
    assert r.status_code == 422 and "Indikator wajib diisi" in r.get_data(as_text=True)
    r = client.post(f"/skp/rhk/{rid}/iki", data={"aspek": "waktu", "indikator": "Selesai",
                                                 "target": "3,5", "satuan": "bulan"},
                    headers={"HX-Request": "true"})
    html = r.get_data(as_text=True)
    assert r.status_code == 200 and "<html" not in html and len(html) < 4000
    assert "3,5 bulan" in html and f"iki-list-{rid}" in html


def test_rhk_atasan_must_be_supervisors_approved(client, app, demo, draft):
    sid, rid, _ = draft
    other = rhk_ids(app, skp_id(app, demo["kasi_surv"]))[0]  # another seksi's RHK
    r = client.post(f"/skp/{sid}/rhk", data={"jenis": "utama", "teks": "Salah induk",
                                             "rhk_atasan_id": other})
    assert r.status_code == 422 and "RHK atasan harus" in r.get_data(as_text=True)
    r = client.post(f"/skp/rhk/{rid}", data={"jenis": "utama", "teks": "x",
                                             "rhk_atasan_id": "abc", "version": 1})
    assert r.status_code == 422
    assert q(app, select(Rhk.teks).where(Rhk.id == rid)) == "Analisis asesmen"


def test_stale_rhk_save_is_told_and_sees_current(client, app, draft):
    sid, rid, parent = draft
    data = {"jenis": "utama", "teks": "Versi tab satu", "rhk_atasan_id": parent, "version": 1}
    assert client.post(f"/skp/rhk/{rid}", data=data).status_code == 303
    data["teks"] = "Versi tab dua"
    r = client.post(f"/skp/rhk/{rid}", data=data)
    html = r.get_data(as_text=True)
    assert r.status_code == 409 and "Data telah diubah oleh orang lain." in html
    assert "Versi tab satu" in html
    assert q(app, select(Rhk.teks).where(Rhk.id == rid)) == "Versi tab satu"


def test_reorder_and_delete_rhk(client, app, draft):
    sid, rid, parent = draft
    client.post(f"/skp/{sid}/rhk", data={"jenis": "tambahan", "teks": "Kedua",
                                         "rhk_atasan_id": parent})
    first, second = rhk_ids(app, sid)
    r = client.post(f"/skp/rhk/{second}/geser", data={"arah": "naik"},
                    headers={"HX-Request": "true"})
    assert r.status_code == 200 and "Kedua" in r.get_data(as_text=True)
    assert rhk_ids(app, sid) == [second, first]
    r = client.post(f"/skp/rhk/{second}/hapus", data=YA, headers={"HX-Request": "true"})
    assert r.status_code == 200 and r.get_data(as_text=True) == ""
    assert rhk_ids(app, sid) == [first]


def test_rhk_in_use_is_retired_not_deleted(client, app, demo, draft):
    sid, rid, _ = draft
    with app.app_context():
        from portal.skp.services import rhk_in_use

        db.session.add(UmpanBalik(pegawai_id=demo["staf_kur2"], penulis_id=demo["kasi_kur"],
                                  rhk_id=rid, teks="Bagus"))
        db.session.commit()
        assert rhk_in_use([rid]) == {rid}
    r = client.post(f"/skp/rhk/{rid}/hapus", data=YA, follow_redirects=True)
    assert "diarsipkan" in r.get_data(as_text=True)
    assert q(app, select(Rhk.diarsipkan).where(Rhk.id == rid)) is True


def test_collaborator_reads_that_rhk_only(client, app, demo, draft):
    sid, rid, _ = draft
    r = client.post(f"/skp/rhk/{rid}/kolaborator", data={"q": demo.nip["staf_ekon1"]})
    assert r.status_code == 303
    r = client.post(f"/skp/rhk/{rid}/kolaborator", data={"q": "999"})
    assert r.status_code == 422 and "tidak ditemukan" in r.get_data(as_text=True)
    assert q(app, select(func.count()).select_from(RhkKolaborator)) == 1
    login(client, demo, "staf_ekon1")  # Bappeda: another OPD
    html = client.get("/skp/").get_data(as_text=True)
    assert "RHK kolaborasi" in html and "Analisis asesmen" in html
    assert client.get(f"/skp/rhk/{rid}").status_code == 200
    assert client.get(f"/skp/{sid}").status_code == 403


def test_alignment_lists_orphans_and_uses_few_queries(client, app, demo, auth, draft):
    login(client, demo, "sekda")
    from tests.conftest import QueryCounter

    with app.app_context():
        counter = QueryCounter(db.engine)
    with counter:
        html = client.get("/skp/keselarasan").get_data(as_text=True)
    assert "Tersusunnya laporan surveilans mingguan" in html
    orphans = html.split("tidak tersambung")[1]
    assert "Analisis asesmen" not in orphans  # intervenes an RHK that reaches a program
    assert counter.count < 25


def test_htmx_fragments_are_small_rows(client, app, draft):
    sid, rid, parent = draft
    hx = {"HX-Request": "true"}
    r = client.post(f"/skp/{sid}/rhk", data={"jenis": "tambahan", "teks": "Baris baru",
                                             "rhk_atasan_id": parent}, headers=hx)
    html = r.get_data(as_text=True)
    assert r.status_code == 200 and "hx-swap-oob" in html and "Baris baru" in html
    assert "<html" not in html
    r = client.get(f"/skp/rhk/{rid}/ubah", headers=hx)
    assert r.status_code == 200 and 'name="version"' in r.get_data(as_text=True)
    assert "<html" not in r.get_data(as_text=True)
    client.post(f"/skp/rhk/{rid}/iki", data={"aspek": "kuantitas", "indikator": "Satu",
                                             "target": "1", "satuan": "dok"})
    client.post(f"/skp/rhk/{rid}/iki", data={"aspek": "kualitas", "indikator": "Dua",
                                             "target": "100", "satuan": "%"})
    with app.app_context():
        first, second = db.session.scalars(select(Iki.id).where(Iki.rhk_id == rid)
                                           .order_by(Iki.urutan)).all()
    r = client.get(f"/skp/iki/{first}/ubah", headers=hx)
    assert r.status_code == 200 and 'value="Satu"' in r.get_data(as_text=True)
    r = client.post(f"/skp/iki/{first}", data={"aspek": "kuantitas", "indikator": "Satu b",
                                                "target": "2", "satuan": "dok", "version": 1},
                    headers=hx)
    html = r.get_data(as_text=True)
    assert r.status_code == 200 and html.startswith(f'<tr id="iki-{first}"') and len(html) < 2000
    r = client.post(f"/skp/iki/{first}", data={"aspek": "kuantitas", "indikator": "Satu c",
                                                "target": "3", "satuan": "dok", "version": 1})
    assert r.status_code == 409 and "Satu b" in r.get_data(as_text=True)
    r = client.post(f"/skp/iki/{second}/geser", data={"arah": "naik"}, headers=hx)
    assert r.status_code == 200
    with app.app_context():
        assert db.session.scalars(select(Iki.id).where(Iki.rhk_id == rid)
                                  .order_by(Iki.urutan)).all() == [second, first]
    r = client.post(f"/skp/{sid}/lampiran", data={"lampiran_skema": "Laporan bulanan",
                                                  "version": 1}, headers=hx)
    assert r.status_code == 200 and "Tersimpan" in r.get_data(as_text=True)
    r = client.post(f"/skp/{sid}/lampiran", data={"lampiran_skema": "x" * 2001, "version": 2},
                    headers=hx)
    assert r.status_code == 422
    with app.app_context():
        assert db.session.get(Skp, sid).lampiran_skema == "Laporan bulanan"
    r = client.post(f"/skp/iki/{second}/hapus", data=YA, headers=hx)
    assert r.status_code == 200 and q(app, select(func.count(Iki.id)).where(
        Iki.rhk_id == rid)) == 1


def test_kolaborator_by_name_part_and_ambiguity(client, app, demo, draft):
    _, rid, _ = draft
    r = client.post(f"/skp/rhk/{rid}/kolaborator", data={"q": "a"})
    assert r.status_code == 422 and "tulis NIP" in r.get_data(as_text=True)
    r = client.post(f"/skp/rhk/{rid}/kolaborator", data={"q": "ratna sari"})
    assert r.status_code == 303
    assert q(app, select(RhkKolaborator.pegawai_id)) == demo["staf_ekon1"]


def test_skp_page_statements_do_not_grow_with_rows(client, app, draft):
    from tests.conftest import QueryCounter

    sid, rid, parent = draft

    def count():
        with app.app_context():
            counter = QueryCounter(db.engine)
        with counter:
            assert client.get(f"/skp/{sid}").status_code == 200
        return counter.count

    before = count()
    for n in range(3):
        client.post(f"/skp/{sid}/rhk", data={"jenis": "utama", "teks": f"RHK {n}",
                                             "rhk_atasan_id": parent})
        new = rhk_ids(app, sid)[-1]
        client.post(f"/skp/rhk/{new}/iki", data={"aspek": "kuantitas", "indikator": "x",
                                                 "target": "1", "satuan": "dok"})
    assert count() == before


def test_concurrent_change_answers_409_not_500(client, app, demo, draft, monkeypatch):
    from sqlalchemy.orm.exc import StaleDataError

    sid, rid, _ = draft

    def stale():
        raise StaleDataError("concurrent")

    order = rhk_ids(app, sid)
    monkeypatch.setattr(db.session, "commit", stale)
    r = client.post(f"/skp/rhk/{rid}/geser", data={"arah": "naik"})
    assert r.status_code == 409 and "Data telah diubah oleh orang lain." in r.get_data(as_text=True)
    monkeypatch.undo()
    assert rhk_ids(app, sid) == order  # the refused move left the order as it was


GARBAGE = {"tahun": "abc", "salin": "x", "jenis": "lain", "teks": "t", "rhk_atasan_id": "abc",
           "perspektif": "Salah", "program_ids": ["x", "99999"], "aspek": "rasa",
           "indikator": "i", "target": "1e999", "satuan": "s", "version": "nan", "arah": "kiri",
           "q": "%_\\", "catatan": "c", "nilai": "jujur", "skp_id": ["x", "-1"],
           "keputusan": "mungkin", "nama": "n" * 300}


def test_garbage_input_never_answers_500(client, app, demo, draft):
    sid, rid, _ = draft
    client.post(f"/skp/rhk/{rid}/iki", data={"aspek": "waktu", "indikator": "a", "target": "1",
                                             "satuan": "b"})
    iid = q(app, select(Iki.id).where(Iki.rhk_id == rid))

    def rows():
        with app.app_context():
            return [db.session.scalar(select(func.count()).select_from(m)) for m in (Skp, Rhk, Iki)]

    before = rows()
    urls = [f"/skp/{sid}/rhk", f"/skp/rhk/{rid}", f"/skp/rhk/{rid}/geser",
            f"/skp/rhk/{rid}/iki", f"/skp/iki/{iid}", f"/skp/iki/{iid}/geser",
            f"/skp/rhk/{rid}/kolaborator", f"/skp/{sid}/lampiran", "/skp/buat"]
    for url in urls:
        for hx in ({}, {"HX-Request": "true"}):
            r = client.post(url, data=GARBAGE, headers=hx)
            assert r.status_code < 500, (url, r.status_code)
    for url in ("/skp/?tahun=x", "/skp/?tahun=99999", "/skp/keselarasan?tahun=1"):
        assert client.get(url).status_code < 500
    login(client, demo, "sekda")
    for url in ("/skp/program?tahun=zz", "/skp/persetujuan/massal"):
        assert client.post(url, data=GARBAGE).status_code < 500
    assert client.get("/skp/keselarasan?tahun=zz").status_code == 400  # the one parameter parser
    login(client, demo, "admin")
    sekda_skp = skp_id(app, demo["sekda"])
    assert client.post(f"/skp/{sekda_skp}/kepala-daerah", data=GARBAGE).status_code < 500
    assert rows() == before  # garbage made no SKP, RHK or IKI
