"""The dashboard's aggregate figures, kept for a short time and shared by every worker.

Computing them reads the whole province (~0.5 s at 50,000 people, BENCHMARKS.md); a Sekda or
an atasan who reloads the page within DASHBOARD_CACHE_SECONDS (default 60; 0 turns this off)
gets the figures of the last computation, and the page says when that was. The store is Redis
when REDIS_URL is set, else the `angka_tersimpan` table — never one process's memory, so every
worker and machine answers the same figures. The key holds the viewer's scope: the Sekda's
whole-province figures and each atasan's own subtree are separate entries.
"""
from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime, timedelta

from flask import current_app
from sqlalchemy import delete, select

from portal.extensions import db
from portal.models import AngkaTersimpan
from portal.models.audit import utcnow

_redis_clients: dict[str, object] = {}  # connection pools per URL, not data


# The shape of the stored figures: raise it when `services.figures` gains or changes a key, so
# that a deploy never serves figures kept by the previous version (their pages would lack it).
BENTUK = 2


def kunci(viewer_id: int | None, periode_id: int, today: date) -> str:
    """None is the Sekda's view of everything; an id is that atasan's subtree."""
    scope = "sekda" if viewer_id is None else f"atasan-{viewer_id}"
    return f"dasbor:v{BENTUK}:{periode_id}:{today.isoformat()}:{scope}"


def now() -> datetime:
    return utcnow()


def ttl() -> int:
    return int(current_app.config.get("DASHBOARD_CACHE_SECONDS", 60))


def get_or_compute(key: str, compute: Callable[[], dict],
                   seconds: int | None = None) -> tuple[dict, datetime]:
    """(figures, when they were computed, UTC); kept `seconds` (default: the dashboard's)."""
    seconds = ttl() if seconds is None else seconds
    if seconds <= 0:
        return compute(), now()
    found = _read(key, seconds)
    if found is not None:
        return found
    value, at = compute(), now()
    _write(key, value, at, seconds)
    return value, at


def _redis():
    url = current_app.config.get("REDIS_URL")
    if not url:
        return None
    if url not in _redis_clients:
        from redis import Redis

        _redis_clients[url] = Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)
    return _redis_clients[url]


def _read(key: str, seconds: int) -> tuple[dict, datetime] | None:
    conn = _redis()
    if conn is not None:
        from redis.exceptions import RedisError

        try:
            raw = conn.get(key)
        except RedisError:
            current_app.logger.warning("Redis tidak terjangkau; angka dasbor dihitung ulang")
            return None
        if raw is None:
            return None
        stored = json.loads(raw)
        at = datetime.fromisoformat(stored["at"])
        # Redis expires the key itself; the check keeps a clock set back from serving old ones.
        return (stored["isi"], at) if now() - at < timedelta(seconds=seconds) else None
    row = db.session.scalar(select(AngkaTersimpan).where(AngkaTersimpan.kunci == key))
    if row is None or now() - row.dihitung_pada >= timedelta(seconds=seconds):
        return None
    return json.loads(row.isi), row.dihitung_pada


def _write(key: str, value: dict, at: datetime, seconds: int) -> None:
    body = json.dumps(value, separators=(",", ":"))
    conn = _redis()
    if conn is not None:
        from redis.exceptions import RedisError

        try:
            conn.set(key, json.dumps({"at": at.isoformat(), "isi": value}), ex=seconds)
        except RedisError:
            current_app.logger.warning("Redis tidak terjangkau; angka dasbor tidak disimpan")
        return
    # Old entries go first (the table stays as small as the number of recent viewers); then
    # this one, as an upsert, since two workers may finish the same figures at once.
    db.session.execute(delete(AngkaTersimpan).where(
        AngkaTersimpan.dihitung_pada < at - timedelta(seconds=seconds)))
    dialect = db.session.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    db.session.execute(insert(AngkaTersimpan).values(kunci=key, isi=body, dihitung_pada=at)
                       .on_conflict_do_update(index_elements=["kunci"],
                                              set_={"isi": body, "dihitung_pada": at}))
    db.session.commit()
