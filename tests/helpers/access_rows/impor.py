"""Rows of the role × route matrix (tests/test_access_matrix.py): the import of people"""
from tests.helpers.access_rows import L

# (method, url, form data, answers in PERSONAS order)
# anon  peg   pegB  atasan lain  atas2 sekda admin
ROWS = [
    # --- impor ---
    # {impor.admin}: the token of the demo's pending import (docs/contoh-impor.csv).
    ("GET", "/admin/impor/", None, (L, 403, 403, 403, 403, 403, 403, 200)),
    ("POST", "/admin/impor/unggah", {}, (L, 403, 403, 403, 403, 403, 403, 422)),
    ("GET", "/admin/impor/p/{impor.admin}", None, (L, 403, 403, 403, 403, 403, 403, 200)),
    ("GET", "/admin/impor/p/tidakada", None, (L, 403, 403, 403, 403, 403, 403, 404)),
    ("POST", "/admin/impor/p/{impor.admin}/terapkan", {},
     (L, 403, 403, 403, 403, 403, 403, 303)),
    ("POST", "/admin/impor/p/tidakada/terapkan", {}, (L, 403, 403, 403, 403, 403, 403, 404)),
    ("GET", "/admin/impor/p/{impor.admin}/sandi", None, (L, 403, 403, 403, 403, 403, 403, 200)),
    ("GET", "/admin/impor/p/{impor.admin}/sandi.csv", None,
     (L, 403, 403, 403, 403, 403, 403, 404)),
    ("POST", "/admin/impor/p/{impor.admin}/sandi/hapus", {},
     (L, 403, 403, 403, 403, 403, 403, 303)),
    ("GET", "/admin/impor/ekspor.csv", None, (L, 403, 403, 403, 403, 403, 403, 200)),
    ("GET", "/admin/impor/ekspor.xlsx", None, (L, 403, 403, 403, 403, 403, 403, 200)),
    ("GET", "/admin/impor/ekspor.pdf", None, (L, 403, 403, 403, 403, 403, 403, 404)),
]
