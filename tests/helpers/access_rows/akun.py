"""Rows of the role × route matrix (tests/test_access_matrix.py): account, homes, profiles,
dashboard, talent search and exports."""
from tests.helpers.access_rows import L

# (method, url, form data, answers in PERSONAS order)
# anon  peg   pegB  atasan lain  atas2 sekda admin
ROWS = [
    ("GET", "/healthz", None, (200, 200, 200, 200, 200, 200, 200, 200)),
    ("GET", "/favicon.ico", None, (200, 200, 200, 200, 200, 200, 200, 200)),
    ("GET", "/static/css/portal.css", None, (200, 200, 200, 200, 200, 200, 200, 200)),
    ("GET", "/masuk", None, (200, L, L, L, L, L, L, L)),
    ("POST", "/masuk", {}, (422, L, L, L, L, L, L, L)),
    ("POST", "/keluar", {}, (L, L, L, L, L, L, L, L)),
    ("GET", "/ganti-sandi", None, (L, 200, 200, 200, 200, 200, 200, 200)),
    ("POST", "/ganti-sandi", {}, (L, 422, 422, 422, 422, 422, 422, 422)),
    ("POST", "/bahasa", {"bahasa": "id"}, (L, L, L, L, L, L, L, L)),
    ("POST", "/peran", {"peran": "sekda"}, (L, L, L, L, L, L, L, L)),
    ("GET", "/", None, (L, L, L, L, L, L, L, L)),
    ("GET", "/beranda/pegawai", None, (L, 200, 200, 200, 200, 200, 200, 200)),
    ("GET", "/beranda/atasan", None, (L, 403, 403, 200, 200, 200, 200, 403)),
    ("GET", "/tim/semua", None, (L, 403, 403, 200, 200, 200, 200, 403)),
    ("GET", "/beranda/sekda", None, (L, 403, 403, 403, 403, 403, 200, 403)),
    # Another person's profile: pegawai B's, then the atasan's own atasan's.
    ("GET", "/pegawai/{pegawai_b}", None, (L, 403, 200, 200, 403, 200, 200, 403)),
    ("GET", "/pegawai/{atasan_atasan}", None, (L, 403, 403, 403, 403, 200, 200, 403)),
    ("GET", "/pegawai/999999", None, (L, 404, 404, 404, 404, 404, 404, 404)),
    ("GET", "/dasbor", None, (L, 403, 403, 200, 200, 200, 200, 403)),
    ("GET", "/dasbor/daftar?f=skp&v=disetujui", None, (L, 403, 403, 200, 200, 200, 200, 403)),
    ("GET", "/talenta?jenis=fungsional", None, (L, 403, 403, 200, 200, 200, 200, 403)),
    ("GET", "/talenta/daftar", None, (L, 403, 403, 200, 200, 200, 200, 403)),
    ("POST", "/talenta/daftar", {"nama": "Uji", "pegawai": "{pegawai_b}"},
     (L, 403, 403, L, L, L, L, 403)),
    ("GET", "/talenta/daftar/{daftar.sekda}", None, (L, 403, 403, 404, 404, 404, 200, 403)),
    ("POST", "/talenta/daftar/{daftar.sekda}/hapus", {}, (L, 403, 403, 404, 404, 404, 303, 403)),
    # The whole result of a search, as the search itself: Sekda all, atasan own subtree.
    ("GET", "/talenta/ekspor.csv?jenis=fungsional", None, (L, 403, 403, 200, 200, 200, 200, 403)),
    ("GET", "/talenta/ekspor.xlsx?jenis=fungsional", None,
     (L, 403, 403, 200, 200, 200, 200, 403)),
    # A shortlist prints for its owner only (others: 404, as the page).
    ("GET", "/talenta/daftar/{daftar.sekda}.pdf", None, (L, 403, 403, 404, 404, 404, 200, 403)),
    ("GET", "/talenta/daftar/{daftar.atasan}.pdf", None, (L, 403, 403, 200, 404, 404, 404, 403)),
    # Exports for other systems: periods are org data (Sekda reads, admin edits); ratings and
    # rapor are read down the chain (atasan: subtree, Sekda: all) and never by the admin.
    ("GET", "/ekspor", None, (L, 403, 403, 200, 200, 200, 200, 200)),
    ("GET", "/ekspor/periode.csv", None, (L, 403, 403, 403, 403, 403, 200, 200)),
    ("GET", "/ekspor/periode.xlsx", None, (L, 403, 403, 403, 403, 403, 200, 200)),
    ("GET", "/ekspor/penilaian.csv", None, (L, 403, 403, 200, 200, 200, 200, 403)),
    ("GET", "/ekspor/penilaian.xlsx?tahun=2025", None, (L, 403, 403, 200, 200, 200, 200, 403)),
    ("GET", "/ekspor/rapor.csv", None, (L, 403, 403, 200, 200, 200, 200, 403)),
    ("GET", "/ekspor/rapor.xlsx", None, (L, 403, 403, 200, 200, 200, 200, 403)),
    ("GET", "/admin/", None, (L, 403, 403, 403, 403, 403, 403, 200)),
]
