"""The dashboard's figures kept for DASHBOARD_CACHE_SECONDS: shared (Redis or the database,
never one process's memory), separate per viewer scope, and the page says when they were
computed."""
import os
import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from portal.extensions import db
from portal.models import AngkaTersimpan, Periode, Skp
from portal.organisasi import cache, services
from tests.conftest import redis_or_skip


@pytest.fixture
def counted(monkeypatch, app):
    """Turns the cache on and counts how often the figures are really computed."""
    monkeypatch.setitem(app.config, "DASHBOARD_CACHE_SECONDS", 60)
    calls = []
    real = services.figures

    def figures(viewer_id, periode, today):
        calls.append(viewer_id)
        return real(viewer_id, periode, today)

    monkeypatch.setattr(services, "figures", figures)
    return calls


def _people(html: str) -> int:
    return int(re.search(r"· (\d+) pegawai ·", html).group(1))


def _skp_figures(html: str) -> str:
    """The SKP-status table of the dashboard (figures, not the page's tokens)."""
    return re.search(r"<h2>Status SKP</h2>.*?</table>", html, re.S).group(0)


def _computed_at(html: str) -> str:
    return re.search(r"angka dihitung pukul ([\d.:]+)", html).group(1)


def _approve_everything(app):
    with app.app_context():
        periode = db.session.scalar(select(Periode).where(Periode.aktif))
        for s in db.session.scalars(select(Skp).where(Skp.periode_id == periode.id)):
            s.status = "disetujui"
        db.session.commit()


def test_second_visit_is_answered_from_the_stored_figures(client, auth, app, counted):
    auth.login_as("sekda")
    first = client.get("/dasbor").get_data(as_text=True)
    _approve_everything(app)  # the stored figures are a minute old at most, by design
    second = client.get("/dasbor").get_data(as_text=True)
    assert counted == [None]
    assert _skp_figures(first) == _skp_figures(second)  # not yet the approvals just made
    assert _computed_at(first) == _computed_at(second)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(AngkaTersimpan)) == 1


def test_figures_are_computed_again_after_the_ttl(client, auth, app, counted, monkeypatch):
    auth.login_as("sekda")
    start = cache.now()
    monkeypatch.setattr(cache, "now", lambda: start)
    client.get("/dasbor")
    monkeypatch.setattr(cache, "now", lambda: start + timedelta(seconds=59))
    client.get("/dasbor")
    assert counted == [None]
    monkeypatch.setattr(cache, "now", lambda: start + timedelta(seconds=61))
    client.get("/dasbor")
    assert counted == [None, None]
    with app.app_context():  # the old entry was replaced, not added to
        assert db.session.scalar(select(func.count()).select_from(AngkaTersimpan)) == 1


def test_an_atasan_never_sees_the_sekdas_figures(client, auth, app, counted, demo):
    auth.login_as("sekda")
    sekda_html = client.get("/dasbor").get_data(as_text=True)
    auth.logout()
    auth.login_as("atasan")
    html = client.get("/dasbor").get_data(as_text=True)
    assert 0 < _people(html) < _people(sekda_html)
    assert "Badan Perencanaan" not in html
    assert counted == [None, demo.persona("atasan")]
    client.get("/dasbor")
    assert len(counted) == 2  # the atasan's own entry answers the atasan


def test_scope_is_part_of_the_key():
    from datetime import date

    day = date(2026, 5, 4)
    assert cache.kunci(None, 1, day) != cache.kunci(7, 1, day) != cache.kunci(8, 1, day)
    assert cache.kunci(7, 1, day) != cache.kunci(7, 2, day)
    assert cache.kunci(7, 1, day) != cache.kunci(7, 1, day + timedelta(days=1))


def test_zero_seconds_computes_every_time(client, auth, app, counted, monkeypatch):
    monkeypatch.setitem(app.config, "DASHBOARD_CACHE_SECONDS", 0)
    auth.login_as("sekda")
    client.get("/dasbor")
    client.get("/dasbor")
    assert counted == [None, None]


def test_unreachable_redis_still_answers_the_page(client, auth, app, counted, monkeypatch):
    monkeypatch.setitem(app.config, "REDIS_URL", "redis://127.0.0.1:1/0")
    auth.login_as("sekda")
    assert client.get("/dasbor").status_code == 200
    assert client.get("/dasbor").status_code == 200
    assert counted == [None, None]


def test_redis_store_is_shared_and_scoped(client, auth, app, counted, monkeypatch, demo):
    url = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/8")
    connection = redis_or_skip(url)
    monkeypatch.setitem(app.config, "REDIS_URL", url)
    auth.login_as("sekda")
    first = client.get("/dasbor").get_data(as_text=True)
    again = client.get("/dasbor").get_data(as_text=True)
    assert (_skp_figures(again), _computed_at(again)) == (_skp_figures(first), _computed_at(first))
    auth.logout()
    auth.login_as("atasan")
    assert 0 < _people(client.get("/dasbor").get_data(as_text=True)) < _people(first)
    assert counted == [None, demo.persona("atasan")]
    keys = sorted(k.decode() for k in connection.keys("dasbor:*"))
    assert len(keys) == 2 and keys[0].endswith(f":atasan-{demo.persona('atasan')}")
    assert all(k.startswith(f"dasbor:v{cache.BENTUK}:") for k in keys)  # a deploy changes it
    assert 0 < connection.ttl(keys[0]) <= 60
    with app.app_context():  # nothing went to the table when Redis is the store
        assert db.session.scalar(select(func.count()).select_from(AngkaTersimpan)) == 0
    connection.flushdb()
