"""Rows of the role × route matrix (tests/test_access_matrix.py): evaluation"""
from tests.helpers.access_rows import L

# (method, url, form data, answers in PERSONAS order)
# anon  peg   pegB  atasan lain  atas2 sekda admin
ROWS = [
    # --- penilaian ---
    ("GET", "/penilaian/", None, (L, 200, 200, 200, 200, 200, 200, 200)),
    ("GET", "/penilaian/tim", None, (L, 403, 403, L, L, L, L, 403)),
    ("GET", "/penilaian/tim/{kode.pegawai}", None, (L, 403, 403, 200, 200, 200, 200, 403)),
    ("GET", "/penilaian/tim/2026-TW9", None, (L, 403, 403, 404, 404, 404, 404, 403)),
    ("GET", "/penilaian/tim/{kode.pegawai}/{pegawai_b}", None,
     (L, 403, 403, 200, 403, 403, 403, 403)),
    # pegawai B objected, so even the direct supervisor may not change the rating (409).
    ("POST", "/penilaian/tim/{kode.pegawai}/{pegawai_b}", {},
     (L, 403, 403, 409, 403, 403, 403, 403)),
    ("POST", "/penilaian/pratinjau", {}, (L, 200, 200, 200, 200, 200, 200, 200)),
    ("GET", "/penilaian/kepala-daerah/{kode.pegawai}", None,
     (L, 403, 403, 403, 403, 403, 403, 200)),
    ("POST", "/penilaian/kepala-daerah/{kode.pegawai}", {},
     (L, 403, 403, 403, 403, 403, 403, 422)),
    ("GET", "/penilaian/{penilaian.pegawai}", None, (L, 200, 403, 200, 403, 200, 200, 403)),
    ("GET", "/penilaian/{penilaian.pegawai_b}", None, (L, 403, 200, 200, 403, 200, 200, 403)),
    ("GET", "/penilaian/999999", None, (L, 404, 404, 404, 404, 404, 404, 404)),
    ("POST", "/penilaian/{penilaian.pegawai}/terima", {},
     (L, 303, 403, 403, 403, 403, 403, 403)),
    ("POST", "/penilaian/{penilaian.pegawai_b}/keberatan", {},
     (L, 403, 409, 403, 403, 403, 403, 403)),
    ("POST", "/penilaian/keberatan/{keberatan.pegawai_b}/penjelasan", {},
     (L, 403, 403, 422, 403, 403, 403, 403)),
    ("POST", "/penilaian/keberatan/{keberatan.pegawai_b}/putusan", {},
     (L, 403, 403, 403, 403, 422, 403, 403)),
    ("POST", "/penilaian/keberatan/999999/putusan", {}, (L, 404, 404, 404, 404, 404, 404, 404)),
    ("GET", "/penilaian/keberatan", None, (L, 200, 200, 200, 200, 200, 200, 200)),
    ("GET", "/penilaian/organisasi", None, (L, 403, 403, 403, 403, 403, L, 403)),
    ("GET", "/penilaian/organisasi/{kode.pegawai}", None,
     (L, 403, 403, 403, 403, 403, 200, 403)),
    ("GET", "/penilaian/organisasi/abc", None, (L, 403, 403, 403, 403, 403, 404, 403)),
    ("POST", "/penilaian/organisasi/{kode.pegawai}/rating", {},
     (L, 403, 403, 403, 403, 403, 422, 403)),
    ("GET", "/penilaian/organisasi/{kode.pegawai}/penetapan.pdf", None,
     (L, 403, 403, 403, 403, 403, 200, 403)),
    ("POST", "/penilaian/periode/{kode.pegawai}/tutup", {},
     (L, 403, 403, 403, 403, 403, 303, 403)),
    ("POST", "/penilaian/periode/{kode.pegawai}/buka", {},
     (L, 403, 403, 403, 403, 403, 409, 403)),
]
