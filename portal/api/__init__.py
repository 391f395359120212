"""The token API at /api/v1 for the region's other systems and a person's own apps: JSON in and
out, a bearer token instead of a session (so no CSRF), the pages' own rules and lookups, errors
as JSON with Indonesian messages. The OpenAPI 3.1 document is built from the views' own
declarations (`spec`) and served at /api/v1/openapi.json."""
from flask import Blueprint

from portal.extensions import csrf

bp = Blueprint("api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)

from portal.api import auth, routes, routes_harian  # noqa: E402,F401
