"""Object lookups of the import area (the admin role is checked by the view's decorator)."""
from flask import abort
from sqlalchemy import select

from portal.extensions import db
from portal.models import ImporPratinjau


def get_pratinjau_or_404(token: str, lock: bool = False) -> ImporPratinjau:
    """The pending import of that token; `lock` holds its row until the commit (PostgreSQL),
    so two confirmations of the same preview cannot both apply it."""
    query = select(ImporPratinjau).where(ImporPratinjau.token == token[:64])
    pending = db.session.scalar(query.with_for_update() if lock else query)
    if pending is None:
        abort(404)
    return pending
