"""Idempotency keys for create forms — the mechanism of the daily entry, shared by every form
that makes a record (feedback, replies, keberatan, prestasi, shortlists).

The form carries a hidden random `kunci` made when the page was rendered; the table has a
`kunci` column, unique per owner. Saving looks the key up first and, when a twin request wins
the race to the unique index, answers the twin's record: a double submit, a retry after a lost
answer or a resend from the offline queue make one record, and every one of them is answered as
the first was.
"""
from __future__ import annotations

import secrets
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from wtforms import HiddenField

from portal.extensions import db

T = TypeVar("T")
KUNCI_MAX = 64


class IdempotencyMixin:
    """Adds the hidden key to a form: a fresh one whenever the form is made without posted data,
    the posted one otherwise (so a form re-shown with its errors keeps its key)."""

    kunci = HiddenField(default=lambda: secrets.token_urlsafe(16))

    def fresh_key(self) -> None:
        self.kunci.data = secrets.token_urlsafe(16)

    def ensure_key(self) -> None:
        if not self.kunci.data:
            self.fresh_key()

    def posted_key(self) -> str | None:
        """The key the form came back with (None if absent or unusable: no deduplication)."""
        value = (self.kunci.data or "").strip()
        return value if 0 < len(value) <= KUNCI_MAX else None


def by_key(model: type[T], owner_column: str, owner_id: int, kunci: str | None) -> T | None:
    if not kunci:
        return None
    return db.session.scalar(select(model).where(getattr(model, owner_column) == owner_id,
                                                 model.kunci == kunci))


def once(model: type[T], owner_column: str, owner_id: int, kunci: str | None,
         build: Callable[[], T], *, look_first: bool = True) -> tuple[T, bool]:
    """(record, created). `build` adds the new record (and whatever goes with it) to the
    session; this commits. Without a key it simply creates. `look_first=False` skips the
    lookup before the insert (one statement less on a hot path): a repeated key then ends at
    the unique index, which is answered the same way. Only for a `build` that does nothing
    outside the session (a rollback must undo all of it)."""
    existing = by_key(model, owner_column, owner_id, kunci) if look_first else None
    if existing is not None:
        return existing, False
    try:
        record = build()  # may flush, and so meet the twin's row already
        db.session.commit()
    except IntegrityError:
        db.session.rollback()  # the twin request won the race; answer its record
        existing = by_key(model, owner_column, owner_id, kunci)
        if existing is None:
            raise
        return existing, False
    return record, True
