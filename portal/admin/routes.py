"""Admin (BKPSDM operator) pages."""
from flask import Blueprint

from portal import access
from portal.htmx import render

bp = Blueprint("admin", __name__)


@bp.get("/")
@access.role("admin")
def index():
    return render("admin/index.html")
