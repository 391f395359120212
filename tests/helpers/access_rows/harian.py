"""Rows of the role × route matrix (tests/test_access_matrix.py): the daily log"""
from tests.helpers.access_rows import L

# (method, url, form data, answers in PERSONAS order)
# anon  peg   pegB  atasan lain  atas2 sekda admin
ROWS = [
    # --- harian ---
    # Quick entry: anon is sent to log in (the text waits in a cookie); an empty form is 422.
    ("POST", "/harian/entri", {}, (L, 422, 422, 422, 422, 422, 422, 422)),
    ("GET", "/harian", None, (L, 200, 200, 200, 200, 200, 200, 200)),
    # Pegawai B's own entry: only B edits it (the chain reads it on the team pages).
    ("GET", "/harian/entri/{entri.pegawai_b}/ubah", None, (L, 403, 200, 403, 403, 403, 403, 403)),
    ("POST", "/harian/entri/{entri.pegawai_b}/ubah", {}, (L, 403, 422, 403, 403, 403, 403, 403)),
    ("POST", "/harian/entri/{entri.pegawai_b}/bukti", {}, (L, 403, 422, 403, 403, 403, 403, 403)),
    # B deletes it (303); afterwards it is gone for everyone.
    ("POST", "/harian/entri/{entri.pegawai_b}/hapus", {}, (L, 403, 303, 404, 404, 404, 404, 404)),
    ("GET", "/harian/entri/999999/ubah", None, (L, 404, 404, 404, 404, 404, 404, 404)),
    # B's evidence file: owner, the chain above and the Sekda.
    ("GET", "/bukti/{bukti.pegawai_b}", None, (L, 403, 200, 200, 403, 200, 200, 403)),
    ("GET", "/bukti/999999", None, (L, 404, 404, 404, 404, 404, 404, 404)),
    ("GET", "/realisasi", None, (L, 200, 200, 200, 200, 200, 200, 200)),
    ("POST", "/realisasi/{sub.pegawai}", {"aksi": "ajukan"},
     (L, 422, 422, 422, 422, 422, 422, 422)),
    ("POST", "/realisasi/{sub.pegawai}/bukti", {}, (L, 422, 422, 422, 422, 422, 422, 422)),
    ("GET", "/tim/realisasi", None, (L, 403, 403, 200, 200, 200, 200, 403)),
    ("POST", "/tim/realisasi/terima", {}, (L, 403, 403, 303, 303, 303, 303, 403)),
    ("GET", "/tim/realisasi/{rp.pegawai_b}", None, (L, 403, 200, 200, 403, 200, 200, 403)),
    ("GET", "/tim/realisasi/999999", None, (L, 404, 404, 404, 404, 404, 404, 404)),
    # Only the direct supervisor decides; B's past realization is already accepted, so a
    # decision now is a second decision: 409 with the current state.
    ("POST", "/tim/realisasi/{rp.pegawai_b}/putuskan", {"aksi": "terima"},
     (L, 403, 403, 409, 403, 403, 403, 403)),
    ("GET", "/tim/minggu", None, (L, 403, 403, 200, 200, 200, 200, 403)),
    ("GET", "/harian/pegawai/{pegawai_b}", None, (L, 403, 200, 200, 403, 200, 200, 403)),
    ("GET", "/umpan-balik/{pegawai_b}", None, (L, 403, 200, 200, 403, 200, 200, 403)),
    ("POST", "/umpan-balik/{pegawai_b}", {}, (L, 403, 403, 422, 403, 403, 403, 403)),
    ("POST", "/umpan-balik/balas/{utas.pegawai_b}", {}, (L, 403, 422, 422, 403, 403, 403, 403)),
    ("POST", "/umpan-balik/balas/999999", {}, (L, 404, 404, 404, 404, 404, 404, 404)),
    ("GET", "/notifikasi", None, (L, 200, 200, 200, 200, 200, 200, 200)),
    ("POST", "/notifikasi/{notif.pegawai_b}/baca", {}, (L, 404, 303, 404, 404, 404, 404, 404)),
    ("POST", "/notifikasi/baca-semua", {}, (L, 303, 303, 303, 303, 303, 303, 303)),
]
