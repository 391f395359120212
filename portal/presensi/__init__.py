"""Disiplin kerja (presensi): check-in and check-out, machine files, corrections and izin, the
month views and the rekap per OPD. Views in `routes_<topic>.py`, logic in the service modules
named by their noun (`rekap`, `catat`, `mesin`, `pengajuan`, `angka`)."""
from flask import Blueprint

bp = Blueprint("presensi", __name__)


@bp.app_template_global("nama_bulan")
def _nama_bulan(tahun: int, bulan: int) -> str:
    from portal.presensi.common import nama_bulan

    return nama_bulan(tahun, bulan)


from portal.presensi import (  # noqa: E402,F401  (views register themselves on bp)
    routes_admin,
    routes_catat,
    routes_impor,
    routes_lihat,
    routes_pengajuan,
)
