"""Rows of the role × route matrix (tests/test_access_matrix.py): presensi."""
from tests.helpers.access_rows import L

# Check-in/out and the own month: every seat holder (a plain POST answers with a redirect home).
# A person's month: as the profile (the chain above and the Sekda; the admin does not read it).
# Corrections: the direct supervisor (or Plt) decides; the evidence is read like the month.
# Rekap sheet: BKPSDM (admin) and the Sekda all, an atasan the people below.

# (method, url, form data, answers in PERSONAS order)
# anon  peg   pegB  atasan lain  atas2 sekda admin
ROWS = [
    ("POST", "/presensi/datang", {}, (L, 303, 303, 303, 303, 303, 303, 303)),
    ("POST", "/presensi/pulang", {}, (L, 303, 303, 303, 303, 303, 303, 303)),
    ("GET", "/presensi/saya", None, (L, 200, 200, 200, 200, 200, 200, 200)),
    ("GET", "/presensi/pegawai/{pegawai_b}", None, (L, 403, 200, 200, 403, 200, 200, 403)),
    ("GET", "/presensi/pegawai/999999", None, (L, 404, 404, 404, 404, 404, 404, 404)),
    ("GET", "/presensi/tim", None, (L, 403, 403, 200, 200, 200, 200, 403)),
    ("GET", "/presensi/tim/hari-ini", None, (L, 403, 403, 200, 200, 200, 200, 403)),
    ("GET", "/presensi/tim/pengajuan", None, (L, 403, 403, 200, 200, 200, 200, 403)),
    ("POST", "/presensi/tim/pengajuan", {}, (L, 403, 403, 303, 303, 303, 303, 403)),
    ("GET", "/presensi/angka", None, (L, 403, 403, 200, 200, 200, 200, 403)),
    ("GET", "/presensi/rekap.csv", None, (L, 403, 403, 200, 200, 200, 200, 200)),
    ("GET", "/presensi/rekap.xlsx", None, (L, 403, 403, 200, 200, 200, 200, 200)),
    ("GET", "/presensi/rekap.pdf", None, (L, 403, 403, 404, 404, 404, 404, 404)),
    ("GET", "/presensi/pengajuan/baru", None, (L, 200, 200, 200, 200, 200, 200, 200)),
    ("POST", "/presensi/pengajuan/baru", {}, (L, 422, 422, 422, 422, 422, 422, 422)),
    ("GET", "/presensi/pengajuan/{pengajuan.pegawai}/bukti", None,
     (L, 404, 403, 404, 403, 404, 404, 403)),
    ("POST", "/presensi/pengajuan/{pengajuan.pegawai}/keputusan", {},
     (L, 403, 403, 303, 403, 403, 403, 403)),
    ("GET", "/admin/presensi", None, (L, 403, 403, 403, 403, 403, 403, 200)),
    ("POST", "/admin/presensi/jadwal", {}, (L, 403, 403, 403, 403, 403, 403, 422)),
    ("POST", "/admin/presensi/jadwal/{jadwal.admin}/jabatan", {},
     (L, 403, 403, 403, 403, 403, 403, 303)),
    ("POST", "/admin/presensi/pin", {}, (L, 403, 403, 403, 403, 403, 403, 303)),
    ("POST", "/admin/presensi/pin/{pin.admin}/hapus", {}, (L, 403, 403, 403, 403, 403, 403, 303)),
    ("POST", "/admin/presensi/tempat", {}, (L, 403, 403, 403, 403, 403, 403, 303)),
    ("GET", "/admin/presensi/perbaiki", None, (L, 403, 403, 403, 403, 403, 403, 200)),
    ("POST", "/admin/presensi/perbaiki", {}, (L, 403, 403, 403, 403, 403, 403, 422)),
    ("POST", "/admin/presensi/bulan", {}, (L, 403, 403, 403, 403, 403, 403, 303)),
    ("GET", "/admin/presensi/impor", None, (L, 403, 403, 403, 403, 403, 403, 200)),
    ("POST", "/admin/presensi/impor", {}, (L, 403, 403, 403, 403, 403, 403, 422)),
    ("GET", "/admin/presensi/impor/{imporpresensi.admin}", None,
     (L, 403, 403, 403, 403, 403, 403, 200)),
    ("GET", "/admin/presensi/impor/tidak-ada", None, (L, 403, 403, 403, 403, 403, 403, 404)),
    ("POST", "/admin/presensi/impor/{imporpresensi.admin}/terapkan", {},
     (L, 403, 403, 403, 403, 403, 403, 303)),
]
