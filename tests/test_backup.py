"""Backups: an online SQLite copy taken while the portal writes holds every acknowledged row;
restore goes only into an empty database; PostgreSQL gets the pg_dump/pg_restore commands."""
from __future__ import annotations

import sqlite3
import threading
import time

import pytest
from sqlalchemy import func, select

from portal import audit, create_app
from portal.extensions import db
from portal.models import AuditLog, Pegawai

# The SQLite backup API: deselected (not skipped) in the PostgreSQL pass of `make test`.
pytestmark = pytest.mark.sqlite_only


def sqlite_only(app):
    with app.app_context():
        if db.engine.dialect.name != "sqlite":
            pytest.skip("cadangan daring dengan backup API hanya untuk SQLite")


def fresh_app(tmp_path, name="pulih.db"):
    return create_app({"TESTING": True, "SECRET_KEY": "x",
                       "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / name}"})


def test_backup_during_writes_then_restore_keeps_every_acknowledged_row(app, runner, demo_org,
                                                                       tmp_path):
    sqlite_only(app)
    acknowledged: list[int] = []
    stop = threading.Event()
    failures: list[BaseException] = []

    def writer():
        try:
            with app.app_context():
                while not stop.is_set():
                    entry = audit.record("uji_cadangan", "pegawai", None)
                    db.session.commit()
                    acknowledged.append(entry.id)  # acknowledged: the commit returned
                db.session.remove()
        except BaseException as exc:  # noqa: BLE001 - reported by the main thread
            failures.append(exc)

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        deadline = time.monotonic() + 20
        while len(acknowledged) < 30 and time.monotonic() < deadline:
            time.sleep(0.01)
        before_backup = list(acknowledged)
        path = tmp_path / "cadangan.db"
        result = runner.invoke(args=["backup", str(path)])
        during = len(acknowledged)
        time.sleep(0.2)
    finally:
        stop.set()
        thread.join(30)
    assert not failures
    assert result.exit_code == 0, result.output
    assert "integrity_check: ok" in result.output
    assert len(before_backup) >= 30 and len(acknowledged) > during  # writes went on

    restored = fresh_app(tmp_path)
    outcome = restored.test_cli_runner().invoke(args=["restore", str(path)])
    assert outcome.exit_code == 0, outcome.output
    with restored.app_context():
        ids = set(db.session.scalars(select(AuditLog.id).where(AuditLog.aksi == "uji_cadangan")))
        assert set(before_backup) <= ids
        assert db.session.scalar(select(func.count(Pegawai.id))) >= 30
        db.session.remove()
        db.engine.dispose()
    conn = sqlite3.connect(tmp_path / "pulih.db")
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


def test_restore_refuses_a_database_that_is_not_empty(app, runner, demo_org, tmp_path):
    sqlite_only(app)
    path = tmp_path / "c.db"
    assert runner.invoke(args=["backup", str(path)]).exit_code == 0
    with app.app_context():
        before = db.session.scalar(select(func.count(Pegawai.id)))
    result = runner.invoke(args=["restore", str(path)])
    assert result.exit_code != 0 and "tidak kosong" in result.output
    assert "pegawai" in result.output
    with app.app_context():
        assert db.session.scalar(select(func.count(Pegawai.id))) == before


def test_backup_does_not_overwrite_and_restore_refuses_junk(app, runner, demo_org, tmp_path):
    sqlite_only(app)
    existing = tmp_path / "ada.db"
    existing.write_text("jangan ditimpa")
    result = runner.invoke(args=["backup", str(existing)])
    assert result.exit_code != 0 and "sudah ada" in result.output
    assert existing.read_text() == "jangan ditimpa"
    restored = fresh_app(tmp_path, "kosong.db")
    junk = restored.test_cli_runner().invoke(args=["restore", str(existing)])
    assert junk.exit_code != 0 and "bukan cadangan" in junk.output
    with restored.app_context():
        db.engine.dispose()


def test_postgresql_gets_the_pg_dump_and_pg_restore_commands(tmp_path):
    pg = create_app({"TESTING": True, "SECRET_KEY": "x",
                     "SQLALCHEMY_DATABASE_URI":
                         "postgresql+psycopg://portal:rahasia@127.0.0.1:1/portal"})
    runner = pg.test_cli_runner()
    backup = runner.invoke(args=["backup", str(tmp_path / "p.dump")])
    assert backup.exit_code == 2
    assert "pg_dump --format=custom" in backup.output and "pg_restore" in backup.output
    assert "rahasia" not in backup.output  # the password is never printed
    dump = tmp_path / "p.dump"
    dump.write_bytes(b"x")
    restore = runner.invoke(args=["restore", str(dump)])
    assert restore.exit_code == 2 and "pg_restore" in restore.output and "KOSONG" in restore.output
