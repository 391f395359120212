"""Province scale: the synthetic province is consistent, and no main page runs more SQL
statements when the data grows (no N+1). Budgets by counting, never by timing."""
from __future__ import annotations

import io

import pytest
from sqlalchemy import func, select

from portal import clock, orgtree
from portal.extensions import db
from portal.models import (
    Jabatan,
    KebijakanDuaFaktor,
    Pegawai,
    Penilaian,
    Periode,
    ProgresHarian,
    Rhk,
    RiwayatJabatan,
    Skp,
    SubPeriode,
)
from portal.rules.nip import is_valid_nip
from portal.seeding.synthetic import nip_for, seed_synthetic
from tests.conftest import QueryCounter, wipe_tables

PASSWORD = "rahasia123"


def _seed(app, n: int) -> None:
    with app.app_context():
        seed_synthetic(n, PASSWORD, log=lambda *_: None)
        db.session.remove()


def test_nip_for_is_valid_and_unique():
    nips = [nip_for(i, "PNS" if i % 7 else "PPPK") for i in range(1, 30_001)]
    assert all(is_valid_nip(n) for n in nips)
    assert len(set(nips)) == len(nips)


def test_synthetic_province_is_consistent(app):
    _seed(app, 300)
    with app.app_context():
        people = db.session.scalars(select(Pegawai)).all()
        assert len(people) == 300
        # A saved "optional" second-factor policy: the benches log in by password.
        assert db.session.scalars(select(KebijakanDuaFaktor.peran)).all() == [""]
        sekda = people[0]
        assert orgtree.acts_for_root(sekda.id)
        # Everyone but the Sekda has a supervisor by the org tree, and it is the one the SKP names.
        approver = dict(db.session.execute(select(Skp.pegawai_id, Skp.disetujui_oleh_id)).all())
        for p in people[1:]:
            boss = orgtree.atasan_of(p)
            assert boss is not None, p.nip
            assert approver[p.id] == boss.id
        assert db.session.scalar(select(func.count()).select_from(Skp)
                                 .where(Skp.status != "disetujui")) == 0
        assert db.session.scalar(select(func.count()).select_from(Skp)) == 300
        # Every RHK below the Sekda intervenes an RHK of the owner's supervisor.
        parent = Rhk.__table__.alias("parent")
        pskp = Skp.__table__.alias("pskp")
        wrong = db.session.scalar(
            select(func.count()).select_from(Rhk).join(Skp, Skp.id == Rhk.skp_id)
            .join(parent, parent.c.id == Rhk.rhk_atasan_id)
            .join(pskp, pskp.c.id == parent.c.skp_id)
            .where(pskp.c.pegawai_id != Skp.disetujui_oleh_id))
        assert wrong == 0
        assert db.session.scalar(select(func.count()).select_from(Rhk)
                                 .where(Rhk.rhk_atasan_id.is_(None))) == 3  # the Sekda's
        without_entries = db.session.scalar(select(func.count()).select_from(Pegawai).where(
            ~select(ProgresHarian.id).where(ProgresHarian.pegawai_id == Pegawai.id).exists()))
        assert without_entries == 0
        past = db.session.scalar(select(func.count()).select_from(SubPeriode).join(
            SubPeriode.periode).where(SubPeriode.selesai < clock.today(),
                                      Periode.aktif))
        ratings = db.session.scalars(select(Penilaian)).all()
        assert len(ratings) == 300 * past
        assert all(r.predikat for r in ratings)
        assert all(is_valid_nip(p.nip) for p in people)
        # One open seat per person.
        open_seats = db.session.scalar(select(func.count()).select_from(RiwayatJabatan)
                                       .where(RiwayatJabatan.selesai.is_(None)))
        assert open_seats == 300


def test_synthetic_refuses_a_database_with_people(app, demo):
    with app.app_context(), pytest.raises(ValueError):
        seed_synthetic(50, PASSWORD, log=lambda *_: None)


def _personas() -> dict[str, str]:
    """NIPs of one person per role in the synthetic province."""
    def holder(*where):
        return db.session.scalar(
            select(Pegawai.nip).join(RiwayatJabatan, RiwayatJabatan.pegawai_id == Pegawai.id)
            .join(Jabatan, Jabatan.id == RiwayatJabatan.jabatan_id).where(*where)
            .order_by(Pegawai.id).limit(1))

    return {"sekda": holder(Jabatan.atasan_id.is_(None)),
            "admin": db.session.scalar(select(Pegawai.nip).where(Pegawai.is_admin)),
            "kepala": holder(Jabatan.eselon == "II"),
            "kasi": holder(Jabatan.eselon == "IV"),
            "staf": holder(Jabatan.eselon.is_(None), Jabatan.jenis == "fungsional",
                           Jabatan.atasan_id.is_not(None), Pegawai.is_admin.is_(False))}


# (persona, role to view as, page)
PAGES = [
    ("staf", None, "/beranda/pegawai"),
    ("staf", None, "/skp/"),
    ("kasi", "atasan", "/beranda/atasan"),
    ("sekda", "atasan", "/beranda/atasan"),
    ("kepala", "atasan", "/tim/semua"),
    ("sekda", "sekda", "/beranda/sekda"),
    ("sekda", "sekda", "/dasbor"),
    ("sekda", "sekda", "/talenta?jenis=fungsional"),
    ("sekda", "sekda", "/penilaian/organisasi/{tw1}"),
    ("admin", "admin", "/admin/"),
    ("kasi", "atasan", "/presensi/tim"),
    ("kasi", "atasan", "/presensi/tim/hari-ini"),
    ("kepala", "atasan", "/presensi/angka"),
    ("sekda", "sekda", "/presensi/angka"),
]


def _count_pages(app) -> dict[str, int]:
    with app.app_context():
        nips = _personas()
        tahun = db.session.scalar(select(func.max(Skp.mulai)))
        engine = db.engine
    tw1 = f"{tahun.year}-TW1"
    counts = {}
    for persona, role, url in PAGES:
        client = app.test_client()
        assert client.post("/masuk", data={"nip": nips[persona], "password": PASSWORD}
                           ).status_code == 302
        if role:
            client.post("/peran", data={"peran": role})
        url = url.format(tw1=tw1)
        assert client.get(url).status_code == 200, url  # warm: first-use caches
        with QueryCounter(engine) as qc:
            response = client.get(url)
        assert response.status_code == 200, url
        counts[f"{persona} {url}"] = qc.count
    return counts


def test_main_pages_run_as_many_statements_at_any_size(app):
    _seed(app, 60)
    small = _count_pages(app)
    wipe_tables(app)
    _seed(app, 300)
    large = _count_pages(app)
    grew = {page: (small[page], large[page]) for page in small if large[page] > small[page]}
    assert not grew, f"halaman dengan kueri yang tumbuh bersama data: {grew}"
    print({page: large[page] for page in large})


def test_large_rapor_batch_renders_chunks_on_every_core(app, demo, monkeypatch):
    """The parallel path (taken from PARALLEL_FROM documents) gives the same ZIP as one process
    would: every rated person once, progress counted to the end."""
    import zipfile

    from portal.models import Job
    from portal.rapor import batch
    from portal.rules import periode_kode

    monkeypatch.setattr(batch, "PARALLEL_FROM", 1)
    monkeypatch.setattr(batch, "CHUNK", 2)
    with app.app_context():
        p = db.session.scalar(select(Penilaian).order_by(Penilaian.id))
        code = periode_kode.url_code(p.periode.tahun, p.kode)
        rated = db.session.scalar(select(func.count()).select_from(Penilaian).where(
            Penilaian.periode_id == p.periode_id, Penilaian.kode == p.kode))
        job = Job(kind="rapor_zip", params=f'{{"periode": "{code}", "cakupan": "semua"}}',
                  owner_id=demo["sekda"], status="berjalan")
        db.session.add(job)
        db.session.commit()
        seen = {"done": 0, "failures": []}

        def progress(done=None, total=None, failure=None):
            if done is not None:
                seen["done"] = max(seen["done"], done)
            if failure:
                seen["failures"].append(failure)

        path = batch.build_zip(job, progress)
        with zipfile.ZipFile(io.BytesIO(batch.zip_bytes(path))) as archive:
            names = archive.namelist()
    assert rated > 2 and len(names) == len(set(names)) == rated
    assert seen == {"done": rated, "failures": []}


def test_bench_hello_is_only_in_the_bench_harness(app):
    from bench.hello import register
    from portal import create_app

    assert "/_bench/hello" not in {r.rule for r in app.url_map.iter_rules()}
    bench = create_app({"TESTING": True, "SECRET_KEY": "x",
                        "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"]})
    register(bench)
    response = bench.test_client().get("/_bench/hello")
    assert response.status_code == 200 and response.get_data(as_text=True) == "Halo"
