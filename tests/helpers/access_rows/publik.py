"""Rows of the role × route matrix (tests/test_access_matrix.py): public pages"""
from tests.helpers.access_rows import L

# (method, url, form data, answers in PERSONAS order)
# anon  peg   pegB  atasan lain  atas2 sekda admin
ROWS = [
    # --- public: verifying an issued document, the region's figures (no login, everyone) ---
    ("GET", "/v/{dokumen.pegawai_b}", None, (200, 200, 200, 200, 200, 200, 200, 200)),
    ("POST", "/v/{dokumen.pegawai_b}", {}, (422, 422, 422, 422, 422, 422, 422, 422)),
    ("GET", "/v/AAAAAAAAAAAA", None, (404, 404, 404, 404, 404, 404, 404, 404)),
    ("GET", "/publik", None, (200, 200, 200, 200, 200, 200, 200, 200)),
    ("GET", "/publik.csv", None, (200, 200, 200, 200, 200, 200, 200, 200)),
    ("GET", "/publik.json", None, (200, 200, 200, 200, 200, 200, 200, 200)),
    ("GET", "/prestasi", None, (L, 200, 200, 200, 200, 200, 200, 200)),
    ("POST", "/prestasi", {}, (L, 422, 422, 422, 422, 422, 422, 422)),
    ("POST", "/prestasi/{prestasi.pegawai}/hapus", {}, (L, 303, 404, 404, 404, 404, 404, 404)),
    ("GET", "/prestasi/verifikasi", None, (L, 403, 403, 200, 200, 200, 200, 403)),
    ("POST", "/prestasi/{prestasi.pegawai}/verifikasi", {},
     (L, 403, 403, 422, 403, 403, 403, 403)),
    ("GET", "/unduhan", None, (L, 403, 403, 200, 200, 200, 200, 403)),
    ("POST", "/unduhan", {}, (L, 403, 403, 422, 422, 422, 422, 403)),
    ("GET", "/unduhan/{job.atasan}", None, (L, 404, 404, 200, 404, 404, 404, 404)),
    ("GET", "/unduhan/{job.atasan}/zip", None, (L, 404, 404, 200, 404, 404, 404, 404)),
    ("POST", "/unduhan/{job.atasan}/ulang", {}, (L, 404, 404, 303, 404, 404, 404, 404)),
]
