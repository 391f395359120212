"""Perencanaan: programs, the SKP with cascading RHK, approval, revisions, alignment, rights."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from portal import clock
from portal.extensions import db
from portal.models import (
    AuditLog,
    Iki,
    ProgramPrioritas,
    Rhk,
    RhkKolaborator,
    Skp,
    SkpTransisi,
    UmpanBalik,
)
from tests.conftest import YA
from tests.helpers.skp import YEAR, approve_as, login, make_draft, q, rhk_ids, skp_id


def draft_with_rhk(client, app, demo, key, parent=None, program_ids=(), perspektif=None,
                   teks="RHK uji"):
    """Log in as `key`, create this year's SKP, one RHK with one IKI, and submit it."""
    login(client, demo, key)
    r = client.post("/skp/buat", data={"tahun": YEAR, "salin": "0"})
    assert r.status_code == 303, r.get_data(as_text=True)
    sid = skp_id(app, demo[key])
    data = {"jenis": "utama", "teks": teks}
    if parent:
        data["rhk_atasan_id"] = parent
    if program_ids:
        data["program_ids"] = list(program_ids)
    if perspektif:
        data["perspektif"] = perspektif
    r = client.post(f"/skp/{sid}/rhk", data=data)
    assert r.status_code == 303, r.get_data(as_text=True)
    rid = rhk_ids(app, sid)[-1]
    r = client.post(f"/skp/rhk/{rid}/iki", data={"aspek": "kuantitas", "indikator": "Dokumen",
                                                 "target": "12", "satuan": "dokumen"})
    assert r.status_code == 303
    assert client.post(f"/skp/{sid}/ajukan").status_code == 303
    assert q(app, select(Skp.status).where(Skp.id == sid)) == "diajukan"
    return sid, rid


def test_walk_from_programs_to_staff(client, app, demo_org):
    demo = demo_org
    login(client, demo, "sekda")
    r = client.post(f"/skp/program?tahun={YEAR}", data={"nama": "Pengendalian inflasi",
                                                       "deskripsi": "Inflasi terkendali",
                                                       "indikator": "Inflasi 2,5%"})
    assert r.status_code == 303
    html = client.get(f"/skp/program?tahun={YEAR}").get_data(as_text=True)
    assert "Pengendalian inflasi" in html and "Inflasi 2,5%" in html
    program = q(app, select(ProgramPrioritas.id))

    # A kepala dinas cannot start before the Sekda's SKP is approved; the page names the Sekda.
    login(client, demo, "kadinkes")
    html = client.get("/skp/").get_data(as_text=True)
    assert "belum disetujui" in html and "Sumarno" in html
    assert "Buat SKP kosong" not in html
    r = client.post("/skp/buat", data={"tahun": YEAR}, follow_redirects=True)
    assert skp_id(app, demo["kadinkes"]) is None

    s_sekda, r_sekda = draft_with_rhk(client, app, demo, "sekda", program_ids=[program],
                                      perspektif="Proses Bisnis", teks="Inflasi daerah terkendali")
    # The admin records the kepala daerah's approval; sees no SKP content.
    login(client, demo, "admin")
    r = client.get("/skp/kepala-daerah")
    assert r.status_code == 302 and r.headers["Location"].endswith(f"/skp/{s_sekda}/kepala-daerah")
    html = client.get(f"/skp/{s_sekda}/kepala-daerah").get_data(as_text=True)
    assert "Inflasi daerah terkendali" not in html and "Kepala Daerah" in html
    assert client.get(f"/skp/{s_sekda}").status_code == 403
    r = client.post(f"/skp/{s_sekda}/kepala-daerah", data={"keputusan": "setujui"})
    assert r.status_code == 303
    with app.app_context():
        t = db.session.scalar(select(SkpTransisi).where(SkpTransisi.skp_id == s_sekda,
                                                        SkpTransisi.ke == "disetujui"))
        assert t.atas_nama == "Kepala Daerah" and t.oleh_id == demo["admin"]
        assert db.session.scalar(select(AuditLog).where(AuditLog.aksi == "skp.disetujui",
                                                        AuditLog.objek_id == s_sekda)).atas_nama

    # Down the chain, each approved by the direct supervisor.
    parent = r_sekda
    chain = [("kadinkes", "sekda", "Proses Bisnis"), ("kabid_p2p", "kadinkes", None),
             ("kasi_surv", "kabid_p2p", None), ("staf_surv1", "kasi_surv", None)]
    for key, boss, perspektif in chain:
        sid, rid = draft_with_rhk(client, app, demo, key, parent=parent, perspektif=perspektif,
                                  teks=f"RHK dari {key}")
        login(client, demo, "kabid_p2p" if boss != "kabid_p2p" else "kasi_surv")
        assert client.post(f"/skp/{sid}/setujui").status_code == 403  # not the direct boss
        approve_as(client, app, demo, boss, sid)
        parent = rid

    login(client, demo, "sekda")
    html = client.get(f"/skp/keselarasan?tahun={YEAR}").get_data(as_text=True)
    section = html.split("Pengendalian inflasi")[1].split("tidak tersambung")[0]
    for key, *_ in chain:
        assert f"RHK dari {key}" in section
    assert "Dinas Kesehatan: 4" in section
    # The kepala seksi sees only own subtree.
    login(client, demo, "kasi_surv")
    html = client.get(f"/skp/keselarasan?tahun={YEAR}").get_data(as_text=True)
    assert "RHK dari staf_surv1" in html and "RHK dari kadinkes" not in html


def test_my_skp_page_and_year_choice(client, auth):
    auth.login_as("pegawai")
    html = client.get("/skp/").get_data(as_text=True)
    assert "Tersusunnya laporan surveilans mingguan" in html and "disetujui" in html
    assert "Ajukan revisi" in html and "Tambah RHK" not in html  # locked
    html = client.get(f"/skp/?tahun={YEAR - 1}").get_data(as_text=True)
    assert f"SKP {YEAR - 1}" in html


def test_copy_last_year_in_one_click(client, app, demo):
    login(client, demo, "staf_kur2")
    html = client.get("/skp/").get_data(as_text=True)
    assert "Salin SKP periode lalu" in html
    r = client.post("/skp/buat", data={"tahun": YEAR, "salin": "1"})
    assert r.status_code == 303
    sid = skp_id(app, demo["staf_kur2"])
    with app.app_context():
        skp = db.session.get(Skp, sid)
        assert skp.status == "draf" and [r.teks for r in skp.rhk] == [
            "Terlaksananya analisis hasil asesmen nasional"]
        assert skp.rhk[0].rhk_atasan_id is None and len(skp.rhk[0].iki) == 1
    # A second SKP for the same period is refused, nothing changes.
    r = client.post("/skp/buat", data={"tahun": YEAR, "salin": "1"}, follow_redirects=True)
    assert "sudah ada" in r.get_data(as_text=True)
    assert q(app, select(func.count(Skp.id)).where(Skp.pegawai_id == demo["staf_kur2"])) == 2


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


def test_program_edit_and_deactivate(client, app, auth):
    auth.login_as("sekda")
    pid = q(app, select(ProgramPrioritas.id).where(ProgramPrioritas.tahun == YEAR))
    r = client.post(f"/skp/program/{pid}", data={"nama": ""})
    assert r.status_code == 422 and "Nama program wajib diisi" in r.get_data(as_text=True)
    r = client.post(f"/skp/program/{pid}", data={"nama": "Ekonomi hijau", "indikator": "PDRB"})
    assert r.status_code == 303
    client.post(f"/skp/program/{pid}/aktif", data=YA)
    with app.app_context():
        p = db.session.get(ProgramPrioritas, pid)
        assert (p.nama, p.aktif) == ("Ekonomi hijau", False)


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


def test_pages_render_for_each_role(client, app, demo, auth):
    sid = skp_id(app, demo["staf_surv1"])
    auth.login_as("atasan")
    html = client.get(f"/skp/{sid}").get_data(as_text=True)
    assert "Data surveilans dibagikan" in html and "Berorientasi Pelayanan" in html
    login(client, demo, "kasi_mutu")
    html = client.get("/skp/persetujuan").get_data(as_text=True)
    assert "Dimas Aditya" in html and "Terlaksananya pelatihan peningkatan mutu PTK" in html
    assert "Andi Pratama" not in html


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

    monkeypatch.setattr(db.session, "commit", stale)
    r = client.post(f"/skp/rhk/{rid}/geser", data={"arah": "naik"})
    assert r.status_code == 409 and "Data telah diubah oleh orang lain." in r.get_data(as_text=True)


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


def test_admin_move_ends_the_old_plan_and_starts_a_draft_for_the_new_seat(app, demo):
    """A move recorded by the admin closes the SKP of the old seat on the day before."""
    from datetime import timedelta

    from sqlalchemy import select

    from portal.admin.services import move_pegawai
    from portal.extensions import db
    from portal.models import Jabatan, Pegawai, RiwayatJabatan, Skp

    with app.app_context():
        staf = db.session.get(Pegawai, demo["staf_surv1"])
        target = db.session.scalar(select(Jabatan).where(
            Jabatan.nama == "Kepala Subbidang Sosial Budaya"))  # the vacant seat
        moved_on = clock.today()
        if moved_on.month == 1 and moved_on.day == 1:
            moved_on += timedelta(days=1)
        move_pegawai(staf, target, moved_on)
        db.session.commit()
        plans = db.session.scalars(select(Skp).where(
            Skp.pegawai_id == staf.id, Skp.periode.has(tahun=moved_on.year))
            .order_by(Skp.mulai)).all()
        assert [p.status for p in plans] == ["disetujui", "draf"]
        assert plans[0].selesai == moved_on - timedelta(days=1)
        assert plans[1].mulai == moved_on and plans[1].jabatan_id == target.id
        assert db.session.scalar(select(RiwayatJabatan.jabatan_id).where(
            RiwayatJabatan.pegawai_id == staf.id, RiwayatJabatan.selesai.is_(None))) == target.id


def test_an_rhk_with_daily_entries_is_in_use(app, demo):
    """Such an RHK is retired, never deleted (its entries keep pointing at it)."""
    from sqlalchemy import select

    from portal.extensions import db
    from portal.models import ProgresHarian
    from portal.skp.services import rhk_in_use

    with app.app_context():
        used = db.session.scalar(select(ProgresHarian.rhk_id).limit(1))
        assert used is not None, "the demo has daily entries"
        assert used in rhk_in_use([used])
