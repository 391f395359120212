"""Public pages, no login: verifying an issued document (`/v/<kode>`) and the region's figures
(`/publik`). Small pages without JavaScript; nothing personal beyond a document's own register
row."""
from flask import Blueprint

bp = Blueprint("publik", __name__)

from portal.publik import routes_angka, routes_verifikasi  # noqa: E402,F401
