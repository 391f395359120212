"""Two-factor login (TOTP): the second step after the password, enrolment with a QR code drawn
on the server, recovery codes, the admin's policy of whom it is required, and the admin's reset
(see `services`)."""
from flask import Blueprint

bp = Blueprint("duafaktor", __name__)

from portal.duafaktor import routes, routes_admin  # noqa: E402,F401
