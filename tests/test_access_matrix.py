"""The role × route matrix: every endpoint, every persona, the answer written down by hand.

Expectations here come from docs/domain.md's rights table, never from the code's own declarations.
URLs carry real ids of other people's objects from the demo province. Later capabilities add
their rows to ROUTES.
"""
import pytest

from tests.helpers.resolvers import RESOLVERS

PERSONAS = ("anon", "pegawai", "pegawai_b", "atasan", "atasan_lain", "atasan_atasan", "sekda",
            "admin")
L = 302  # redirect (to the login page for anon; to a home or the next page otherwise)

# (method, url, form data, answers in PERSONAS order)
# anon  peg   pegB  atasan lain  atas2 sekda admin
ROUTES = [
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
    # --- admin ---
    # (every page of the BKPSDM operator: admin only; POSTs without data answer 422 for forms,
    # 303 for actions that redirect back, 200 for the one-time password)
    ("GET", "/admin/unit", None, (L, 403, 403, 403, 403, 403, 403, 200)),
    ("GET", "/admin/unit/baru", None, (L, 403, 403, 403, 403, 403, 403, 200)),
    ("POST", "/admin/unit/baru", {}, (L, 403, 403, 403, 403, 403, 403, 422)),
    ("GET", "/admin/unit/{unit.pegawai}", None, (L, 403, 403, 403, 403, 403, 403, 200)),
    ("GET", "/admin/unit/999999", None, (L, 403, 403, 403, 403, 403, 403, 404)),
    ("GET", "/admin/unit/{unit.pegawai}/ubah", None, (L, 403, 403, 403, 403, 403, 403, 200)),
    # An edit that sends no field keeps the stored values (WTForms reads obj for them).
    ("POST", "/admin/unit/{unit.pegawai}/ubah", {}, (L, 403, 403, 403, 403, 403, 403, 303)),
    ("POST", "/admin/unit/{unit.pegawai}/nonaktif", {}, (L, 403, 403, 403, 403, 403, 403, 303)),
    ("GET", "/admin/jabatan", None, (L, 403, 403, 403, 403, 403, 403, 200)),
    ("GET", "/admin/jabatan/baru", None, (L, 403, 403, 403, 403, 403, 403, 200)),
    ("GET", "/admin/jabatan/pilih?q=seksi", None, (L, 403, 403, 403, 403, 403, 403, 200)),
    ("GET", "/admin/pegawai/pilih?untuk=nip&q=siti", None,
     (L, 403, 403, 403, 403, 403, 403, 200)),
    ("POST", "/admin/jabatan/baru", {}, (L, 403, 403, 403, 403, 403, 403, 422)),
    ("GET", "/admin/jabatan/{jabatan.pegawai_b}", None, (L, 403, 403, 403, 403, 403, 403, 200)),
    ("GET", "/admin/jabatan/{jabatan.pegawai_b}/ubah", None,
     (L, 403, 403, 403, 403, 403, 403, 200)),
    ("POST", "/admin/jabatan/{jabatan.pegawai_b}/ubah", {},
     (L, 403, 403, 403, 403, 403, 403, 422)),
    ("POST", "/admin/jabatan/{jabatan.pegawai_b}/nonaktif", {},
     (L, 403, 403, 403, 403, 403, 403, 303)),
    ("GET", "/admin/pegawai", None, (L, 403, 403, 403, 403, 403, 403, 200)),
    ("GET", "/admin/pegawai/baru", None, (L, 403, 403, 403, 403, 403, 403, 200)),
    ("POST", "/admin/pegawai/baru", {}, (L, 403, 403, 403, 403, 403, 403, 422)),
    ("GET", "/admin/pegawai/{pegawai_b}", None, (L, 403, 403, 403, 403, 403, 403, 200)),
    ("GET", "/admin/pegawai/999999", None, (L, 403, 403, 403, 403, 403, 403, 404)),
    ("GET", "/admin/pegawai/{pegawai_b}/baris", None, (L, 403, 403, 403, 403, 403, 403, 200)),
    ("GET", "/admin/pegawai/{pegawai_b}/ubah", None, (L, 403, 403, 403, 403, 403, 403, 200)),
    ("POST", "/admin/pegawai/{pegawai_b}/ubah", {}, (L, 403, 403, 403, 403, 403, 403, 303)),
    ("POST", "/admin/pegawai/{pegawai_b}/nonaktif", {}, (L, 403, 403, 403, 403, 403, 403, 303)),
    ("POST", "/admin/pegawai/{pegawai_b}/aktifkan", {}, (L, 403, 403, 403, 403, 403, 403, 303)),
    ("POST", "/admin/pegawai/{pegawai_b}/reset-sandi", {},
     (L, 403, 403, 403, 403, 403, 403, 200)),
    ("GET", "/admin/pegawai/{pegawai_b}/pindah", None, (L, 403, 403, 403, 403, 403, 403, 200)),
    ("POST", "/admin/pegawai/{pegawai_b}/pindah", {}, (L, 403, 403, 403, 403, 403, 403, 422)),
    ("GET", "/admin/plt", None, (L, 403, 403, 403, 403, 403, 403, 200)),
    ("GET", "/admin/plt/baru", None, (L, 403, 403, 403, 403, 403, 403, 200)),
    ("POST", "/admin/plt/baru", {}, (L, 403, 403, 403, 403, 403, 403, 422)),
    ("POST", "/admin/plt/{plt.admin}/akhiri", {}, (L, 403, 403, 403, 403, 403, 403, 303)),
    ("GET", "/admin/dokumen", None, (L, 403, 403, 403, 403, 403, 403, 200)),
    ("POST", "/admin/dokumen/{dokumen_id.pegawai_b}/cabut", {},
     (L, 403, 403, 403, 403, 403, 403, 422)),
    # A Plt/Plh of a seat with reports waits for a second person: the Sekda confirms the demo's
    # (proposed by the admin, who may not confirm her own proposal).
    ("GET", "/plt/konfirmasi", None, (L, 403, 403, 403, 403, 403, 200, 200)),
    ("POST", "/plt/{plt_menunggu.admin}/konfirmasi", {}, (L, 403, 403, 403, 403, 403, 303, 403)),
    # (refused, it is gone: the admin, asking after the Sekda, finds nothing)
    ("POST", "/plt/{plt_menunggu.admin}/tolak", {}, (L, 403, 403, 403, 403, 403, 303, 404)),
    ("GET", "/admin/periode", None, (L, 403, 403, 403, 403, 403, 403, 200)),
    ("POST", "/admin/periode/baru", {}, (L, 403, 403, 403, 403, 403, 403, 303)),
    ("POST", "/admin/periode/{periode.admin}/aktif", {}, (L, 403, 403, 403, 403, 403, 403, 303)),
    ("GET", "/admin/kalender", None, (L, 403, 403, 403, 403, 403, 403, 200)),
    ("POST", "/admin/kalender/libur", {}, (L, 403, 403, 403, 403, 403, 403, 422)),
    ("POST", "/admin/kalender/libur/{libur.admin}/hapus", {},
     (L, 403, 403, 403, 403, 403, 403, 303)),
    ("POST", "/admin/kalender/ketidakhadiran", {}, (L, 403, 403, 403, 403, 403, 403, 422)),
    ("POST", "/admin/kalender/ketidakhadiran/{ketidakhadiran.pegawai_b}/hapus", {},
     (L, 403, 403, 403, 403, 403, 403, 303)),
    ("GET", "/admin/instansi", None, (L, 403, 403, 403, 403, 403, 403, 200)),
    ("POST", "/admin/instansi", {}, (L, 403, 403, 403, 403, 403, 403, 422)),
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
    # --- security ---
    # The audit trail: the Sekda all, the admin people/org/import events, everyone their own.
    ("GET", "/audit", None, (L, 403, 403, 403, 403, 403, 200, 200)),
    ("GET", "/audit/saya", None, (L, 200, 200, 200, 200, 200, 200, 200)),
    ("GET", "/audit.csv", None, (L, 403, 403, 403, 403, 403, 200, 200)),
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


class Ids:
    """`{skp.pegawai_b}` in a URL: the id of pegawai B's object of that kind."""

    def __init__(self, resolve):
        self._resolve = resolve

    def __getattr__(self, persona):
        return self._resolve(persona)


# --- presensi ---
# Check-in/out and the own month: every seat holder (a plain POST answers with a redirect home).
# A person's month: as the profile (the chain above and the Sekda; the admin does not read it).
# Corrections: the direct supervisor (or Plt) decides; the evidence is read like the month.
# Rekap sheet: BKPSDM (admin) and the Sekda all, an atasan the people below.
ROUTES += [
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


# --- TPP ---
# Rights table: every employee reads their own amount, the chain above and the Sekda read it
# (the admin does not); the admin keeps the rules, starts runs and exports to finance; the
# Sekda (the approving official of the demo version) reads every run and approves it.
ADMIN_ONLY = (L, 403, 403, 403, 403, 403, 403, 200)
RUN_READERS = (L, 403, 403, 403, 403, 403, 200, 200)
ROUTES += [
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


# --- connected: tokens, SIASN outbox, second factor, and the API without a token ---
# Tokens: everyone makes their own; a token is revoked by its owner only (others: 404).
# SIASN outbox: the Sekda reads, BKPSDM (admin) resends and reconciles (domain.md).
# The second factor's login step belongs to a half-done login: any session is sent on (302).
# The API takes no session at all: every persona without a token gets 401.
def _token(_app, pid):
    from sqlalchemy import select

    from portal.extensions import db
    from portal.models import ApiToken

    return db.session.scalar(select(ApiToken.id).where(ApiToken.pemilik_id == pid))


def _kiriman(_app, _pid):
    from sqlalchemy import select

    from portal.extensions import db
    from portal.models import KirimanSiasn

    return db.session.scalar(select(KirimanSiasn.id).order_by(KirimanSiasn.id))


RESOLVERS.update({"token": _token, "kiriman": _kiriman})
EVERYONE = (L, 200, 200, 200, 200, 200, 200, 200)
NO_TOKEN = (401, 401, 401, 401, 401, 401, 401, 401)
ROUTES += [
    ("GET", "/token", None, EVERYONE),
    ("POST", "/token", {}, (L, 422, 422, 422, 422, 422, 422, 422)),
    ("POST", "/token/{token.pegawai}/cabut", {}, (L, 303, 404, 404, 404, 404, 404, 404)),
    ("GET", "/siasn/saya", None, EVERYONE),
    ("GET", "/siasn", None, RUN_READERS),
    ("GET", "/siasn?status=gagal", None, RUN_READERS),
    ("POST", "/siasn/kirim", {}, (L, 403, 403, 403, 403, 403, 403, 303)),
    ("POST", "/siasn/{kiriman.admin}/ulang", {}, (L, 403, 403, 403, 403, 403, 403, 303)),
    ("GET", "/siasn/rekonsiliasi", None, ADMIN_ONLY),
    ("GET", "/dua-faktor/masuk", None, (L, L, L, L, L, L, L, L)),
    ("POST", "/dua-faktor/masuk", {}, (L, L, L, L, L, L, L, L)),
    ("GET", "/dua-faktor/daftar", None, EVERYONE),
    ("POST", "/dua-faktor/daftar", {}, (L, 422, 422, 422, 422, 422, 422, 422)),
    ("GET", "/dua-faktor", None, EVERYONE),
    ("POST", "/dua-faktor/nonaktif", {}, (L, 303, 303, 303, 303, 303, 303, 303)),
    ("GET", "/admin/dua-faktor", None, ADMIN_ONLY),
    ("POST", "/admin/dua-faktor", {}, (L, 403, 403, 403, 403, 403, 403, 422)),
    ("POST", "/admin/pegawai/{pegawai_b}/dua-faktor/reset", {},
     (L, 403, 403, 403, 403, 403, 403, 303)),
    ("GET", "/api/v1/openapi.json", None, (200, 200, 200, 200, 200, 200, 200, 200)),
    ("GET", "/api/v1/saya", None, NO_TOKEN),
    ("GET", "/api/v1/pegawai/{pegawai_b}", None, NO_TOKEN),
    ("GET", "/api/v1/penilaian", None, NO_TOKEN),
    ("GET", "/api/v1/rhk", None, NO_TOKEN),
    ("GET", "/api/v1/harian", None, NO_TOKEN),
    ("POST", "/api/v1/harian", {}, NO_TOKEN),
]


def _url(template, demo, app=None):
    from tests.conftest import PERSONAS as KEYS

    values = {name: demo[key] for name, key in KEYS.items()}
    kinds = {}
    for kind, fn in RESOLVERS.items():
        kinds[kind] = Ids(lambda persona, fn=fn: _resolved(app, fn, demo[KEYS[persona]]))
    return template.format(**values, **kinds, anon=0)


def _resolved(app, fn, pegawai_id):
    with app.app_context():
        value = fn(app, pegawai_id)
    assert value is not None, "objek untuk URL matriks tidak ada di data demo"
    return value


@pytest.fixture
def clients(app, demo):
    from tests.conftest import PERSONAS as KEYS

    made = {"anon": app.test_client()}
    for persona in PERSONAS[1:]:
        c = app.test_client()
        r = c.post("/masuk", data={"nip": demo.nip[KEYS[persona]], "password": "rahasia123"})
        assert r.status_code == 302, persona
        made[persona] = c
    return made


def test_every_endpoint_is_in_the_matrix(app):
    adapter = app.url_map.bind("localhost")
    ids = dict.fromkeys(PERSONAS, 1) | {kind: Ids(lambda _p: 1) for kind in RESOLVERS}
    covered = {adapter.match(url.format(**ids).split("?")[0], method=method)[0]
               for method, url, *_ in ROUTES}
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    assert endpoints - covered == set(), "endpoint tanpa baris di matriks akses"


def test_every_endpoint_declares_a_rule(app):
    missing = [ep for ep, view in app.view_functions.items()
               if not getattr(view, "access_rule", None)]
    assert missing == []


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: f"{r[0]} {r[1]}")
def test_matrix(route, clients, demo, app):
    method, template, data, answers = route
    url = _url(template, demo, app)
    got = {}
    for persona in PERSONAS:
        c = clients[persona]
        response = c.get(url) if method == "GET" else c.post(url, data=confirmed(data))
        got[persona] = response.status_code
        response.close()
    expected = dict(zip(PERSONAS, answers, strict=True))
    assert got == expected


def confirmed(data):
    """A POST as after "Ya" in the confirmation dialog (portal/konfirmasi.py): the matrix is about
    who may act, so the action itself is reached."""
    if isinstance(data, dict):
        return {**data, "konfirmasi": "ya"}
    return data
