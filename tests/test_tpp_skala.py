"""The monthly TPP run at province scale, by counting: the same statements whatever the head
count (a chunk of people is read and written with a fixed handful), never by timing."""
from __future__ import annotations

from sqlalchemy import func, select

from portal import clock
from portal.extensions import db
from portal.models import TppAturan, TppHasil, TppRun
from portal.seeding.synthetic import seed_synthetic
from portal.tpp import run as runs
from portal.tpp.demo import siapkan_sintetis
from tests.conftest import QueryCounter, wipe_tables


def _province(app, n: int) -> None:
    with app.app_context():
        seed_synthetic(n, "rahasia123", log=lambda *_: None)
        siapkan_sintetis(clock.today().replace(day=1))
        db.session.remove()


def _run_statements(app) -> tuple[int, int]:
    with app.app_context():
        month = clock.today().replace(day=1)
        aturan_id = db.session.scalar(select(TppAturan.id))
        run = TppRun(bulan=month, aturan_id=aturan_id, dibuat_oleh_id=1, status="berjalan")
        db.session.add(run)
        db.session.commit()
        with QueryCounter(db.engine) as qc:
            runs._hitung(run, lambda **_kw: db.session.commit())
        stored = db.session.scalar(select(func.count()).select_from(TppHasil))
        db.session.remove()
        return qc.count, stored


def test_a_run_runs_as_many_statements_at_any_size(app):
    _province(app, 60)
    small, stored_small = _run_statements(app)
    wipe_tables(app)
    _province(app, 300)
    large, stored_large = _run_statements(app)
    assert (stored_small, stored_large) == (60, 300)  # every person's lines are stored
    assert small == large, (small, large)


def test_chunks_over_processes_give_the_same_rows(app, monkeypatch):
    """The province-sized path (chunks in one process per core, then the supervisors whose
    count grew computed again) stores what the single-process path stores."""
    from portal.tpp import proses

    _province(app, 60)
    _run_statements(app)
    monkeypatch.setattr(proses, "CHUNK", 15)
    monkeypatch.setattr(proses, "PARALLEL_FROM", 1)
    _run_statements(app)
    with app.app_context():
        first, second = db.session.scalars(select(TppRun.id).order_by(TppRun.id)).all()

        def rows(run_id):
            return dict(db.session.execute(select(TppHasil.pegawai_id, TppHasil.baris).where(
                TppHasil.run_id == run_id)).all())

        assert len(rows(second)) == 60
        assert rows(second) == rows(first)
