"""What the organisasi views share."""
from __future__ import annotations

from flask_login import current_user

from portal import access


def viewer_id() -> int | None:
    """The Sekda (viewing as Sekda) sees everyone; an atasan sees their subtree."""
    return None if access.current_role() == "sekda" else current_user.id
