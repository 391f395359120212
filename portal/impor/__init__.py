from flask import Blueprint

bp = Blueprint("impor", __name__)

from portal.impor import (  # noqa: E402,F401  (views register themselves on bp)
    routes,
)
