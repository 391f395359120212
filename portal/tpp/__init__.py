"""TPP (tambahan penghasilan pegawai): the Perkada's rules as versioned data, the monthly run
in the background, review and approval, "TPP saya" for every employee, and the daftar nominatif
for finance. The computation itself is `portal.rules.tpp` (no Flask, no database)."""
from flask import Blueprint

bp = Blueprint("tpp", __name__)


from portal.tpp import routes_aturan, routes_run, routes_saya, routes_unduh  # noqa: E402,F401
