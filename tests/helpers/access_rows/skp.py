"""Rows of the role × route matrix (tests/test_access_matrix.py): the plan (SKP)"""
from tests.helpers.access_rows import L

# (method, url, form data, answers in PERSONAS order)
# anon  peg   pegB  atasan lain  atas2 sekda admin
ROWS = [
    # --- skp ---
    # pegawai A's SKP of this year is approved (locked): edits answer 403 even to the owner.
    ("GET", "/skp/", None, (L, 200, 200, 200, 200, 200, 200, 200)),
    ("POST", "/skp/buat", {}, (L, 303, 303, 303, 303, 303, 303, 303)),
    ("GET", "/skp/{skp.pegawai}", None, (L, 200, 403, 200, 403, 200, 200, 403)),
    ("GET", "/skp/999999", None, (L, 404, 404, 404, 404, 404, 404, 404)),
    ("POST", "/skp/{skp.pegawai}/rhk", {}, (L, 403, 403, 403, 403, 403, 403, 403)),
    ("GET", "/skp/rhk/{rhk.pegawai}", None, (L, 200, 403, 200, 403, 200, 200, 403)),
    ("GET", "/skp/rhk/999999", None, (L, 404, 404, 404, 404, 404, 404, 404)),
    ("GET", "/skp/rhk/{rhk.pegawai}/ubah", None, (L, 403, 403, 403, 403, 403, 403, 403)),
    ("POST", "/skp/rhk/{rhk.pegawai}", {}, (L, 403, 403, 403, 403, 403, 403, 403)),
    ("POST", "/skp/rhk/{rhk.pegawai}/hapus", {}, (L, 403, 403, 403, 403, 403, 403, 403)),
    ("POST", "/skp/rhk/{rhk.pegawai}/geser", {}, (L, 403, 403, 403, 403, 403, 403, 403)),
    ("POST", "/skp/rhk/{rhk.pegawai}/kolaborator", {}, (L, 403, 403, 403, 403, 403, 403, 403)),
    ("POST", "/skp/rhk/{rhk.pegawai}/kolaborator/{pegawai_b}/hapus", {},
     (L, 403, 403, 403, 403, 403, 403, 403)),
    ("POST", "/skp/rhk/{rhk.pegawai}/iki", {}, (L, 403, 403, 403, 403, 403, 403, 403)),
    ("GET", "/skp/iki/{iki.pegawai}/ubah", None, (L, 403, 403, 403, 403, 403, 403, 403)),
    ("GET", "/skp/iki/{iki.pegawai}", None, (L, 403, 403, 403, 403, 403, 403, 403)),
    ("POST", "/skp/iki/{iki.pegawai}", {}, (L, 403, 403, 403, 403, 403, 403, 403)),
    ("POST", "/skp/iki/{iki.pegawai}/hapus", {}, (L, 403, 403, 403, 403, 403, 403, 403)),
    ("POST", "/skp/iki/{iki.pegawai}/geser", {}, (L, 403, 403, 403, 403, 403, 403, 403)),
    ("POST", "/skp/{skp.pegawai}/lampiran", {}, (L, 403, 403, 403, 403, 403, 403, 403)),
    ("POST", "/skp/{skp.pegawai}/ajukan", {}, (L, 403, 403, 403, 403, 403, 403, 403)),
    ("GET", "/skp/{skp.pegawai}/riwayat", None, (L, 200, 403, 200, 403, 200, 200, 403)),
    # Only the owner opens a revision (then it is a draft again).
    ("POST", "/skp/{skp.pegawai}/revisi", {}, (L, 303, 403, 403, 403, 403, 403, 403)),
    ("GET", "/skp/persetujuan", None, (L, 403, 403, 200, 200, 200, 200, 403)),
    # Only the direct supervisor; the SKP is already approved, so they hear someone acted first.
    ("POST", "/skp/{skp.pegawai}/setujui", {}, (L, 403, 403, 303, 403, 403, 403, 403)),
    ("POST", "/skp/{skp.pegawai}/kembalikan", {}, (L, 403, 403, 303, 403, 403, 403, 403)),
    ("POST", "/skp/persetujuan/massal", {}, (L, 403, 403, 303, 303, 303, 303, 403)),
    ("POST", "/skp/{skp.pegawai}/ekspektasi", {}, (L, 403, 403, 422, 403, 403, 403, 403)),
    # The admin records the kepala daerah's decision on the Sekda's SKP, and sees no other SKP.
    ("GET", "/skp/kepala-daerah", None, (L, 403, 403, 403, 403, 403, 403, L)),
    ("GET", "/skp/{skp.sekda}/kepala-daerah", None, (L, 403, 403, 403, 403, 403, 403, 200)),
    ("POST", "/skp/{skp.sekda}/kepala-daerah", {}, (L, 403, 403, 403, 403, 403, 403, 303)),
    ("GET", "/skp/{skp.pegawai}/kepala-daerah", None, (L, 403, 403, 403, 403, 403, 403, 403)),
    ("GET", "/skp/{skp.sekda}", None, (L, 403, 403, 403, 403, 403, 200, 403)),
    ("GET", "/skp/program", None, (L, 403, 403, 403, 403, 403, 200, 403)),
    ("POST", "/skp/program", {}, (L, 403, 403, 403, 403, 403, 422, 403)),
    ("GET", "/skp/program/{program.sekda}/ubah", None, (L, 403, 403, 403, 403, 403, 200, 403)),
    ("POST", "/skp/program/{program.sekda}", {}, (L, 403, 403, 403, 403, 403, 422, 403)),
    ("POST", "/skp/program/{program.sekda}/aktif", {}, (L, 403, 403, 403, 403, 403, 303, 403)),
    ("GET", "/skp/keselarasan", None, (L, 403, 403, 200, 200, 200, 200, 403)),
]
