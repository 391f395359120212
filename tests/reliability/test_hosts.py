"""The portal on several hosts, in its reduced form (`make bench-hosts` is the full one): two
portal hosts (gunicorn, 2 sync workers, an RQ worker each), PostgreSQL and Redis on a host of
their own, HAProxy in front and a client host, each a network namespace joined by veth pairs
(bench/hosts.py). About 15 seconds of mixed work through the balancer with one portal host
killed (`kill -9`) halfway and started again.

It builds its own PostgreSQL and Redis, so it runs once, in the SQLite pass (`sqlite_only`).
It needs root and `ip netns` (and HAProxy, PostgreSQL's server binaries, redis-server): without
them it is skipped with the reason, except in CI, where it fails.
"""
from __future__ import annotations

import os
import time

import pytest

from bench.hosts import missing, run
from tests.conftest import IN_CI

SECONDS = float(os.environ.get("HOSTS_SECONDS", "15"))
pytestmark = [pytest.mark.reliability, pytest.mark.sqlite_only]


def test_two_hosts_behind_a_balancer_survive_a_kill_and_share_everything():
    reason = missing()
    if reason:
        if IN_CI:
            pytest.fail(f"uji beberapa host wajib di CI: {reason}")
        pytest.skip(f"uji beberapa host dilewati: {reason}")
    started = time.monotonic()
    result = run(SECONDS, kill=True, clients=6)
    checks = result["checks"]
    # Each through one host and back through the other.
    assert checks["session_a_to_b"], result
    assert checks["evidence_a_to_b"], result
    assert checks["zip_a_to_b"] and result["zip"]["rapor"] > 0, result
    assert checks["throttle_across_hosts"], result
    # The load through the balancer, with host a killed and restarted halfway.
    assert result["events"]["killed"] > 0 and result["events"]["back"] > 0, result
    assert result["acknowledged"].get("harian", 0) > 0 and result["double_sent"] > 0, result
    assert checks["every_acknowledged_entry_once"], result
    assert checks["decisions_equal_audit"], result
    assert checks["evidence_during_load"] and checks["evidence_failures_only_at_kill"], result
    assert result["gave_up"] == 0, result  # every cut write went through on a retry
    assert result["server_errors_outside_kill"] == 0, result
    assert result["passed"], result
    print(f"beberapa host: {time.monotonic() - started:.1f} s, {result['requests']} permintaan")
