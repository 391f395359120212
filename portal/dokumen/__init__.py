"""Documents: every PDF the portal issues is served from here (routes.py: the rapor, the
Dokumen SKP, the riwayat kinerja, the Format Penetapan, a talent shortlist); the register of
issued documents (register.py), where their bytes are kept (storage.py), the digital signature
(signer.py) and sealing a final document (seal.py)."""
from flask import Blueprint

bp = Blueprint("dokumen", __name__)

from portal.dokumen import (  # noqa: E402,F401  (views register themselves on bp)
    routes,
)
