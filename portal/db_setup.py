"""Engine behaviour per database: SQLite gets WAL, foreign keys, a busy timeout and
`BEGIN IMMEDIATE` for requests that write, so concurrent writers queue instead of failing."""
from __future__ import annotations

import time
from contextlib import contextmanager, suppress
from contextvars import ContextVar

from flask import has_request_context, request
from sqlalchemy import event, text
from sqlalchemy.engine import Engine

WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
_writing: ContextVar[bool] = ContextVar("writing", default=False)
OPTIMIZE_EVERY_SECONDS = 3600
_last_optimize = time.monotonic()


@contextmanager
def writing():
    """Transactions begun inside write from their first statement (SQLite: BEGIN IMMEDIATE, so
    they queue behind other writers instead of failing to upgrade a read), also in a GET request
    or a background job. Commit the open transaction before entering."""
    token = _writing.set(True)
    try:
        yield
    finally:
        _writing.reset(token)


def configure_engine(engine: Engine) -> None:
    if engine.dialect.name == "postgresql":
        @event.listens_for(engine, "connect")
        def _no_jit(dbapi_conn, _record):
            # JIT compiling costs 0.3–1 s on the dashboard's aggregates over 50,000 people
            # (misestimated recursive CTEs look expensive) and saves nothing: see BENCHMARKS.md.
            with dbapi_conn.cursor() as cur:
                cur.execute("SET jit = off")
            dbapi_conn.commit()
        return
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):
        # Let SQLAlchemy (not the driver) emit BEGIN, so we can choose IMMEDIATE.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=15000")
        if engine.url.database not in (None, "", ":memory:"):
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    @event.listens_for(engine, "checkin")
    def _optimize_now_and_then(dbapi_conn, _record):
        # SQLite's advice for long-lived connections: `PRAGMA optimize` now and then (it
        # re-analyzes only the tables whose statistics went stale). At most once an hour per
        # process, when a connection goes back to the pool between requests.
        global _last_optimize
        if time.monotonic() - _last_optimize < OPTIMIZE_EVERY_SECONDS or dbapi_conn is None:
            return
        _last_optimize = time.monotonic()
        with suppress(Exception):  # a busy database: next time
            dbapi_conn.execute("PRAGMA optimize")

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        write = _writing.get() or (has_request_context() and request.method in WRITE_METHODS)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


@contextmanager
def planner(**settings: str):
    """PostgreSQL planner settings for the statements inside (SET LOCAL, reset after), where a
    query's plan is known to go wrong at province size; nothing on SQLite. Names and values are
    the caller's constants, never user input."""
    from portal.extensions import db

    pg = db.session.get_bind().dialect.name == "postgresql"
    if pg:
        for name, value in settings.items():
            db.session.execute(text(f"SET LOCAL {name} = {value}"))
    try:
        yield
    finally:
        if pg:
            for name in settings:
                db.session.execute(text(f"RESET {name}"))


def refresh_statistics(engine: Engine) -> None:
    """Fresh planner statistics after a bulk load (seeding, an import of a province), committed.
    SQLite: ANALYZE inside a transaction this function commits (on an "autocommit" connection the
    `begin` hook above would still open one, and nothing would commit it: the statistics were
    rolled back). PostgreSQL: VACUUM ANALYZE, which must run outside any transaction."""
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE"))
        return
    with engine.begin() as conn:
        conn.execute(text("ANALYZE"))


def ids_in(column, ids):
    """`column IN (ids)` for a chunk of integer ids. On PostgreSQL one array parameter
    (`= ANY(%s)`): the statement's text is the same for every chunk, so neither SQLAlchemy nor
    the driver rebuilds a 500-placeholder statement per chunk (a province's TPP run sends over a
    thousand of them). Elsewhere the usual expanding IN."""
    from sqlalchemy import Integer, any_, bindparam
    from sqlalchemy.dialects.postgresql import ARRAY

    from portal.extensions import db

    ids = list(ids)
    if db.session.get_bind().dialect.name == "postgresql":
        return column == any_(bindparam(None, ids, type_=ARRAY(Integer)))
    return column.in_(ids)
