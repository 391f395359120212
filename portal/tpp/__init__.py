"""TPP (tambahan penghasilan pegawai): the Perkada's rules as versioned data, the monthly run
in the background, review and approval, "TPP saya" for every employee, and the daftar nominatif
for finance. The computation itself is `portal.rules.tpp` (no Flask, no database)."""
from flask import Blueprint

bp = Blueprint("tpp", __name__)


@bp.app_template_filter("rupiah")
def _rupiah(value) -> str:
    from portal.tpp.common import rupiah

    return rupiah(value)


@bp.app_template_filter("bulan")
def _bulan(value) -> str:
    from portal.tpp.common import nama_bulan

    return nama_bulan(value)


from portal.tpp import routes_aturan, routes_run, routes_saya, routes_unduh  # noqa: E402,F401
