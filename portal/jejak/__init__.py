"""Jejak audit: reading the append-only audit trail (the Sekda all of it, the admin people, org
and import events, everybody their own actions) and exporting it as CSV. Nothing here writes."""
from flask import Blueprint

bp = Blueprint("jejak", __name__)

from portal.jejak import (  # noqa: E402,F401  (views register themselves on bp)
    routes,
)
