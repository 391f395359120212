"""Supervisors, direct reports and subtrees, on the demo province's real tree."""
from datetime import date

from sqlalchemy import select

from portal import orgtree
from portal.extensions import db
from portal.models import Jabatan, Pegawai, PltJabatan
from tests.conftest import QueryCounter


def P(key, demo):
    return db.session.get(Pegawai, demo[key])


def test_direct_supervisor_and_chain(app, demo):
    with app.app_context():
        staf = P("staf_surv1", demo)
        assert orgtree.atasan_of(staf).id == demo["kasi_surv"]
        assert orgtree.atasan_chain_ids(staf)[:2] == [demo["kasi_surv"], demo["kabid_p2p"]]
        assert orgtree.atasan_of(P("kadinkes", demo)).id == demo["sekda"]
        assert orgtree.atasan_of(P("sekda", demo)) is None


def test_vacant_seat_passes_supervision_up(app, demo):
    with app.app_context():
        # kasubid_sosbud is vacant with no Plt in force: its staff report to the kepala bidang.
        assert orgtree.atasan_of(P("staf_sosbud1", demo)).id == demo["kabid_pemsos"]
        reports = {p.id for p, _ in orgtree.direct_reports(demo["kabid_pemsos"])}
        assert reports == {demo["staf_sosbud1"], demo["staf_sosbud2"]}


def test_plt_takes_over_a_vacant_seat(app, demo):
    with app.app_context():
        seat = db.session.scalar(
            select(Jabatan).where(Jabatan.nama == "Kepala Subbidang Sosial Budaya"))
        db.session.add(PltJabatan(jabatan_id=seat.id, pegawai_id=demo["kasubid_ekon"], jenis="Plt",
                                  nomor_sk="800/1/2026", mulai=date(2000, 1, 1),
                                  selesai=date(2099, 12, 31)))
        db.session.commit()
        assert orgtree.atasan_of(P("staf_sosbud1", demo)).id == demo["kasubid_ekon"]
        reports = {p.id for p, _ in orgtree.direct_reports(demo["kasubid_ekon"])}
        assert {demo["staf_sosbud1"], demo["staf_sosbud2"], demo["staf_ekon1"]} <= reports
        assert demo["staf_sosbud1"] not in {
            p.id for p, _ in orgtree.direct_reports(demo["kabid_pemsos"])}


def test_direct_reports_skip_filled_levels(app, demo):
    with app.app_context():
        reports = {p.id for p, _ in orgtree.direct_reports(demo["kabid_p2p"])}
        assert reports == {demo["kasi_surv"], demo["kasi_pm"]}


def test_subtree_is_whole_chain_below(app, demo):
    with app.app_context():
        below = set(db.session.scalars(orgtree.subtree_pegawai_ids(demo["kadinkes"])))
        assert demo["staf_surv1"] in below and demo["staf_rujukan2"] in below
        assert demo["staf_ekon1"] not in below and demo["kadinkes"] not in below
        assert orgtree.is_below(demo["kabid_p2p"], demo["staf_surv1"])
        assert not orgtree.is_below(demo["staf_surv1"], demo["kabid_p2p"])
        assert not orgtree.is_below(demo["kasubid_ekon"], demo["staf_surv1"])


def test_roles_follow_the_tree(app, demo):
    with app.test_request_context():
        assert orgtree.roles_of(P("staf_surv1", demo)) == ["pegawai"]
        assert orgtree.roles_of(P("kasi_surv", demo)) == ["pegawai", "atasan"]
        assert orgtree.roles_of(P("sekda", demo)) == ["pegawai", "atasan", "sekda"]
        assert orgtree.roles_of(P("admin", demo)) == ["pegawai", "admin"]


def test_queries_do_not_grow_with_the_tree(app, demo):
    """Direct reports and subtree are single statements whatever the tree's size."""
    with app.app_context():
        with QueryCounter(db.engine) as reports:
            orgtree.direct_reports(demo["sekda"])
        with QueryCounter(db.engine) as subtree:
            list(db.session.scalars(orgtree.subtree_pegawai_ids(demo["sekda"])))
        assert reports.count == 1 and subtree.count == 1


def test_an_unknown_role_name_is_no_role(app, demo):
    with app.test_request_context():
        person = db.session.get(Pegawai, demo["sekda"])
        assert orgtree.has_role(person, "sekda")
        assert not orgtree.has_role(person, "")
        assert not orgtree.has_role(person, "raja")
