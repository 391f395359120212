"""The rapor: PDF documents (rapor, Dokumen SKP, riwayat kinerja), prestasi and batch ZIPs."""
from flask import Blueprint

bp = Blueprint("rapor", __name__)

from portal.rapor import (  # noqa: E402,F401  (views register themselves on bp)
    routes,
    routes_batch,
    routes_prestasi,
)
