"""API tokens on a page: a person makes, lists and revokes their own tokens (the admin also a
service's); the secret is shown once (see `services`)."""
from flask import Blueprint

bp = Blueprint("tokenapi", __name__)

from portal.tokenapi import routes  # noqa: E402,F401
