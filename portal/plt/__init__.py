"""Plt/Plh confirmation: the second person's step of an appointment (see `services`). The
admin proposes in the admin pages; the Sekda (or, for the Sekda's own seat, another admin)
confirms or refuses here."""
from flask import Blueprint

bp = Blueprint("plt", __name__)

from portal.plt import routes  # noqa: E402,F401
