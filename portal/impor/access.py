"""Object lookups of the import area (the admin role is checked by the view's decorator)."""
from flask import abort
from sqlalchemy import select

from portal.extensions import db
from portal.models import ImporPratinjau


def get_pratinjau_or_404(token: str) -> ImporPratinjau:
    pending = db.session.scalar(select(ImporPratinjau).where(ImporPratinjau.token == token[:64]))
    if pending is None:
        abort(404)
    return pending
