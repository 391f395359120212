"""Perencanaan: programs, the cascade from Sekda to staff, this year's SKP, a move of seat."""
from __future__ import annotations

from sqlalchemy import func, select

from portal import clock
from portal.extensions import db
from portal.models import (
    AuditLog,
    ProgramPrioritas,
    Skp,
    SkpTransisi,
)
from tests.conftest import YA
from tests.helpers.skp import YEAR, approve_as, login, q, rhk_ids, skp_id


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


def test_pages_render_for_each_role(client, app, demo, auth):
    sid = skp_id(app, demo["staf_surv1"])
    auth.login_as("atasan")
    html = client.get(f"/skp/{sid}").get_data(as_text=True)
    assert "Data surveilans dibagikan" in html and "Berorientasi Pelayanan" in html
    login(client, demo, "kasi_mutu")
    html = client.get("/skp/persetujuan").get_data(as_text=True)
    assert "Dimas Aditya" in html and "Terlaksananya pelatihan peningkatan mutu PTK" in html
    assert "Andi Pratama" not in html


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
