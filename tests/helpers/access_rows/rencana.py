"""Rows of the role × route matrix (tests/test_access_matrix.py): rencana aksi and verification"""
from tests.helpers.access_rows import L

# (method, url, form data, answers in PERSONAS order)
# anon  peg   pegB  atasan lain  atas2 sekda admin
ROWS = [
    # --- rencana aksi and verification ---
    # pegawai A's month plan: A edits; the chain above and the Sekda read; nobody else.
    ("GET", "/skp/{skp.pegawai}/rencana-aksi", None, (L, 200, 403, 200, 403, 200, 200, 403)),
    ("GET", "/skp/999999/rencana-aksi", None, (L, 404, 404, 404, 404, 404, 404, 404)),
    ("POST", "/skp/{skp.pegawai}/rencana-aksi?rhk={rhk.pegawai}", {},
     (L, 422, 403, 403, 403, 403, 403, 403)),
    # Another person's RHK under one's own SKP is refused to the owner too.
    ("POST", "/skp/{skp.pegawai_b}/rencana-aksi?rhk={rhk.pegawai}", {},
     (L, 403, 403, 403, 403, 403, 403, 403)),
    ("POST", "/skp/{skp.pegawai}/rencana-aksi/salin", {}, (L, 303, 403, 403, 403, 403, 403, 403)),
    ("GET", "/rencana-aksi/{ra.pegawai}/ubah", None, (L, 200, 403, 403, 403, 403, 403, 403)),
    ("POST", "/rencana-aksi/{ra.pegawai}/ubah", {}, (L, 422, 403, 403, 403, 403, 403, 403)),
    ("GET", "/rencana-aksi/999999/ubah", None, (L, 404, 404, 404, 404, 404, 404, 404)),
    # A deletes it (303); afterwards it is gone for everyone.
    ("POST", "/rencana-aksi/{ra.pegawai}/hapus", {}, (L, 303, 404, 404, 404, 404, 404, 404)),
    ("GET", "/verifikasi", None, (L, 403, 403, 200, 200, 200, 200, 403)),
    # B's waiting entry: only B's direct supervisor decides (then it is decided: 303 again
    # with the message for anyone after, but nobody else gets past the lookup).
    ("POST", "/verifikasi/entri/{entri.pegawai_b}", {"keputusan": "terima"},
     (L, 403, 403, 303, 403, 403, 403, 403)),
    ("POST", "/verifikasi/entri/999999", {"keputusan": "terima"},
     (L, 403, 403, 404, 404, 404, 404, 403)),
    ("POST", "/verifikasi/minggu", {}, (L, 403, 403, 303, 303, 303, 303, 403)),
    # Import of one's own entries: everyone with daily work; a preview of nobody's file is gone.
    ("GET", "/harian/impor", None, (L, 200, 200, 200, 200, 200, 200, 200)),
    ("GET", "/harian/impor/templat.xlsx", None, (L, 200, 200, 200, 200, 200, 200, 200)),
    ("GET", "/harian/impor/templat.pdf", None, (L, 404, 404, 404, 404, 404, 404, 404)),
    ("POST", "/harian/impor", {}, (L, 422, 422, 422, 422, 422, 422, 422)),
    ("POST", "/harian/impor/tidakada.csv/terapkan", {}, (L, 303, 303, 303, 303, 303, 303, 303)),
    # The instansi's daily-log settings: the admin only (no field sent keeps the stored ones).
    ("GET", "/admin/pengaturan-harian", None, (L, 403, 403, 403, 403, 403, 403, 200)),
    ("POST", "/admin/pengaturan-harian", {}, (L, 403, 403, 403, 403, 403, 403, 303)),
    ("POST", "/admin/pengaturan-harian", {"batas_verifikasi": "99"},
     (L, 403, 403, 403, 403, 403, 403, 422)),
]
