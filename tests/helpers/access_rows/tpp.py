"""Rows of the role × route matrix (tests/test_access_matrix.py): TPP."""
from tests.helpers.access_rows import ADMIN_ONLY, RUN_READERS, L

# Rights table: every employee reads their own amount, the chain above and the Sekda read it
# (the admin does not); the admin keeps the rules, starts runs and exports to finance; the
# Sekda (the approving official of the demo version) reads every run and approves it.

# (method, url, form data, answers in PERSONAS order)
# anon  peg   pegB  atasan lain  atas2 sekda admin
ROWS = [
    ("GET", "/tpp/", None, (L, 200, 200, 200, 200, 200, 200, 200)),
    ("GET", "/tpp/?bulan=1999-13", None, (L, 200, 200, 200, 200, 200, 200, 200)),
    ("GET", "/tpp/pegawai/{pegawai_b}", None, (L, 403, 200, 200, 403, 200, 200, 403)),
    ("GET", "/tpp/pegawai/{atasan_atasan}", None, (L, 403, 403, 403, 403, 200, 200, 403)),
    ("GET", "/tpp/pegawai/999999", None, (L, 404, 404, 404, 404, 404, 404, 404)),
    ("GET", "/tpp/aturan", None, ADMIN_ONLY),
    ("GET", "/tpp/aturan/{tpp_aturan.admin}", None, ADMIN_ONLY),
    ("GET", "/tpp/aturan/999999", None, (L, 403, 403, 403, 403, 403, 403, 404)),
    ("GET", "/tpp/aturan/baru", None, ADMIN_ONLY),
    ("POST", "/tpp/aturan/baru", {}, (L, 403, 403, 403, 403, 403, 403, 422)),
    ("GET", "/tpp/kelas", None, ADMIN_ONLY),
    ("POST", "/tpp/kelas/{jabatan.pegawai_b}", {"kelas": "7"},
     (L, 403, 403, 403, 403, 403, 403, 303)),
    ("GET", "/tpp/catatan", None, ADMIN_ONLY),
    ("POST", "/tpp/catatan", {}, (L, 403, 403, 403, 403, 403, 403, 422)),
    ("POST", "/tpp/catatan/{tpp_catatan.admin}/hapus", {},
     (L, 403, 403, 403, 403, 403, 403, 303)),
    ("GET", "/tpp/run", None, RUN_READERS),
    ("POST", "/tpp/run", {}, (L, 403, 403, 403, 403, 403, 403, 422)),
    ("GET", "/tpp/run/{tpp_run.admin}", None, RUN_READERS),
    ("GET", "/tpp/run/999999", None, (L, 404, 404, 404, 404, 404, 404, 404)),
    # Only the approving official approves; refused runs come back with the reason (303).
    ("POST", "/tpp/run/{tpp_run.admin}/setujui", {}, (L, 403, 403, 403, 403, 403, 303, 403)),
    ("POST", "/tpp/run/{tpp_run.admin}/sahkan", {}, (L, 403, 403, 403, 403, 403, 403, 303)),
    ("POST", "/tpp/run/{tpp_run.admin}/ulang", {}, (L, 403, 403, 403, 403, 403, 403, 303)),
    ("GET", "/tpp/run/{tpp_run.admin}/nominatif.csv", None, RUN_READERS),
    ("GET", "/tpp/run/{tpp_run.admin}/nominatif.xlsx", None, RUN_READERS),
    ("GET", "/tpp/run/{tpp_run.admin}/nominatif.pdf", None, RUN_READERS),
]
