"""Rows of the role × route matrix (tests/test_access_matrix.py): the rapor"""
from tests.helpers.access_rows import L

# (method, url, form data, answers in PERSONAS order)
# anon  peg   pegB  atasan lain  atas2 sekda admin
ROWS = [
    # --- rapor ---
    # pegawai B's rapor of the rated triwulan; a code that is no period; a year not yet rated.
    ("GET", "/rapor/{nip.pegawai_b}/{rapor.pegawai_b}.pdf", None,
     (L, 403, 200, 200, 403, 200, 200, 403)),
    ("GET", "/rapor/{nip.pegawai_b}/abc.pdf", None, (L, 403, 404, 404, 403, 404, 404, 403)),
    ("GET", "/rapor/{nip.pegawai_b}/{tahun.pegawai_b}.pdf", None,
     (L, 403, 404, 404, 403, 404, 404, 403)),
    ("GET", "/rapor/000000000000000000/2026.pdf", None, (L, 404, 404, 404, 404, 404, 404, 404)),
    ("GET", "/skp/{nip.pegawai_b}/{tahun.pegawai_b}.pdf", None,
     (L, 403, 200, 200, 403, 200, 200, 403)),
    ("GET", "/riwayat/{nip.pegawai_b}", None, (L, 403, 200, 200, 403, 200, 200, 403)),
    ("GET", "/riwayat/{nip.atasan_atasan}", None, (L, 403, 403, 403, 403, 200, 200, 403)),
    ("GET", "/riwayat/{nip.pegawai_b}.pdf", None, (L, 403, 200, 200, 403, 200, 200, 403)),
]
