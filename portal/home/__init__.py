"""Each role's home page."""
from flask import Blueprint

bp = Blueprint("home", __name__)

from portal.home import (  # noqa: E402,F401  (views register themselves on bp)
    routes,
)
