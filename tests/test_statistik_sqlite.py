"""Planner statistics after a bulk load are committed on SQLite (they used to be rolled back:
the app opens a transaction even on an "autocommit" connection, and nothing committed it)."""
from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import create_engine, text

from portal.db_setup import configure_engine, refresh_statistics

pytestmark = pytest.mark.sqlite_only


def test_analyze_after_a_bulk_load_is_seen_by_another_connection(tmp_path):
    path = tmp_path / "stat.db"
    engine = create_engine(f"sqlite:///{path}")
    configure_engine(engine)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE rhk (id INTEGER PRIMARY KEY, skp_id INTEGER)"))
        conn.execute(text("CREATE INDEX ix_rhk_skp ON rhk (skp_id)"))
        conn.execute(text("INSERT INTO rhk (skp_id) VALUES " + ",".join(
            f"({i % 50})" for i in range(500))))
    refresh_statistics(engine)
    engine.dispose()
    other = sqlite3.connect(path)
    try:
        rows = other.execute("SELECT tbl, idx, stat FROM sqlite_stat1").fetchall()
    finally:
        other.close()
    assert ("rhk", "ix_rhk_skp", "500 10") in rows
