"""Perencanaan: priority programs, the SKP, its approval and the alignment view."""
from flask import Blueprint

bp = Blueprint("skp", __name__, url_prefix="/skp")

from portal.skp import (  # noqa: E402,F401  (views register themselves on bp)
    routes,
    routes_approval,
    routes_iki,
    routes_kolaborasi,
    routes_program,
)
