"""The organization view: the Sekda's (and each atasan's) dashboard."""
from flask import Blueprint

bp = Blueprint("organisasi", __name__)

from portal.organisasi import (  # noqa: E402,F401  (views register themselves on bp)
    routes,
    routes_ekspor,
    routes_talenta,
)
