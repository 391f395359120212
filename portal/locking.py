"""Optimistic concurrency for records edited through a form without a mapper version column
(people, seats, units): compare-and-set on a `version` counter that only these edits touch, so a
login or a password change never conflicts with an admin's edit. The column has the same name as
the mapper-versioned records' (`version_id_col`): one name for the optimistic-locking column.

The edit form carries the `version` it was made from. `claim` raises the counter only if it still
holds that value, in the same transaction as the edit; when someone else saved first nothing
is written and the caller answers 409 "data telah diubah oleh orang lain" with the current
values.
"""
from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import update
from wtforms import HiddenField

from portal.extensions import db

STALE = "Data telah diubah oleh orang lain."


class VersionMixin:
    version = HiddenField()

    def posted_version(self) -> int | None:
        """None when the form did not send one (no check); -1 for garbage (always stale)."""
        raw = self.version.raw_data[0] if self.version.raw_data else None
        if raw is None or raw == "":
            return None
        return int(raw) if raw.isdigit() and len(raw) < 10 else -1


def claim(record, posted: int | None) -> bool:
    """Bump `record.version` if it is still `posted` (or no version was posted)."""
    model = type(record)
    query = update(model).where(model.id == record.id)
    if posted is not None:
        query = query.where(model.version == posted)
    done = db.session.execute(query.values(version=model.version + 1)
                              .execution_options(synchronize_session=False)).rowcount == 1
    return done


def message() -> str:
    return _(STALE) + " " + _("Isian di bawah ini adalah data terkini; periksa lalu simpan lagi "
                              "bila perlu.")
