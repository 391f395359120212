"""Background jobs held back in a test: `started` collects the ids the portal would hand to a
worker, `work(app, ids)` then runs them here, in order (conftest registers the fixture;
a module imports `work`)."""
from __future__ import annotations

import pytest

from portal import jobs


@pytest.fixture
def started(monkeypatch):
    ids: list[int] = []
    monkeypatch.setattr(jobs, "_submit", ids.append)
    return ids


def work(app, ids):
    with app.app_context():
        while ids:
            jobs.run_job(ids.pop(0))
