"""Login, logout and passwords."""
from flask import Blueprint

bp = Blueprint("auth", __name__)

from portal.auth import (  # noqa: E402,F401  (views register themselves on bp)
    routes,
)
