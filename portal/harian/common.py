"""What the harian views share: the stale-data message and the version a form was read at."""
from __future__ import annotations

from flask import request

from portal.locking import STALE  # noqa: F401  (the one stale-data message)


def posted_version() -> int | None | str:
    """The version the form was made from: None when absent (old clients), "" for a new one."""
    raw = request.form.get("version")
    if raw is None or raw == "":
        return raw
    return int(raw) if raw.isdigit() else -1
