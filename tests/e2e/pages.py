"""The page catalogue of the browser tests: every HTML page of every role (PAGES), the GET
endpoints that answer no page and why (NOT_PAGES), and how `{kind.key}` in a path finds a demo
person's object. A new page is one `Page(...)` line in PAGES (test_a11y fails for a GET endpoint
with neither a Page nor a reason in NOT_PAGES)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Page:
    """A page a persona opens; `{key}` in the path is a demo person's id (e.g. {staf_surv1}),
    `{kind.key}` the id of that person's object of a kind (e.g. {skp.staf_surv1}, see _kinds)."""
    persona: str | None  # None: not logged in
    path: str
    name: str
    status: int = 200


# Every HTML page of every role, for axe, narrow screens, zoom and CSP: each GET endpoint of the
# app at least once (test_pages_cover_every_endpoint holds that), plus a few states worth their
# own look (an empty list, a form with its errors, a draft SKP, an objection). `{kind.key}` is the
# id of that demo person's object of that kind (see _kinds below).
PAGES: list[Page] = [
    # --- anonymous, account, errors ---
    Page(None, "/masuk", "masuk"),
    Page(None, "/v/{dokumen.staf_surv1}", "verifikasi dokumen"),
    Page(None, "/v/AAAAAAAAAAAA", "verifikasi, kode tidak ada", status=404),
    Page(None, "/publik", "kinerja daerah untuk publik"),
    Page("pegawai", "/ganti-sandi", "ganti sandi"),
    Page("pegawai", "/pegawai/{kasubid_ekon}", "403", status=403),
    Page("pegawai", "/tidak-ada", "404", status=404),
    Page("pegawai", "/audit/saya", "jejak sendiri"),
    Page("pegawai", "/audit/saya?dari=2026-13-45", "jejak sendiri, tanggal salah", status=422),
    # --- pegawai ---
    Page("pegawai", "/", "awal pegawai"),
    Page("pegawai", "/beranda/pegawai", "beranda pegawai"),
    Page("pegawai", "/pegawai/{staf_surv1}", "profil sendiri"),
    Page("pegawai", "/harian", "catatan harian"),
    Page("pegawai", "/harian?lihat=rhk", "catatan harian per RHK"),
    Page("pegawai", "/harian/entri/{entri.staf_surv1}/ubah", "ubah entri harian"),
    Page("pegawai", "/realisasi", "realisasi"),
    Page("pegawai", "/notifikasi", "notifikasi"),
    Page("pegawai", "/skp/", "SKP saya"),
    Page("pegawai", "/skp/{skp.staf_surv1}", "SKP disetujui"),
    Page("pegawai", "/skp/{skp.staf_surv1}/riwayat", "riwayat SKP"),
    Page("pegawai", "/skp/rhk/{rhk.staf_surv1}", "RHK"),
    Page("pegawai", "/penilaian/", "penilaian saya"),
    Page("pegawai", "/penilaian/{penilaian.staf_surv1}", "hasil penilaian"),
    Page("pegawai", "/penilaian/keberatan", "keberatan (pegawai)"),
    Page("pegawai", "/prestasi", "prestasi"),
    Page("pegawai", "/riwayat/{nip.staf_surv1}", "riwayat kinerja sendiri"),
    Page("pegawai_b", "/penilaian/{penilaian.staf_surv2}", "penilaian dengan keberatan"),
    Page("pegawai_b", "/tim/realisasi/{rp.staf_surv2}", "realisasi sendiri"),
    Page("pegawai_b", "/umpan-balik/{staf_surv2}", "umpan balik sendiri"),
    Page("pegawai_b", "/harian/pegawai/{staf_surv2}", "catatan harian sendiri"),
    Page("pegawai", "/skp/{skp.staf_surv1}/rencana-aksi", "rencana aksi bulan ini"),
    Page("pegawai", "/rencana-aksi/{ra.staf_surv1}/ubah", "ubah rencana aksi"),
    Page("pegawai", "/harian/impor", "impor entri harian"),
    Page("pegawai_b", "/harian/entri/{entri.staf_surv2}/ubah", "entri dikembalikan atasan"),
    # No SKP this year yet (copy last year's), then that copy as a draft being edited.
    Page("staf_kur2", "/skp/", "SKP belum dibuat"),
    Page("staf_kur2", "/skp/{draf.staf_kur2}", "SKP draf"),
    Page("staf_kur2", "/skp/rhk/{rhk_draf.staf_kur2}/ubah", "ubah RHK draf"),
    Page("staf_kur2", "/skp/iki/{iki_draf.staf_kur2}", "IKI draf"),
    Page("staf_kur2", "/skp/iki/{iki_draf.staf_kur2}/ubah", "ubah IKI draf"),
    # --- atasan ---
    Page("atasan", "/beranda/atasan", "beranda atasan"),
    Page("atasan_atasan", "/tim/semua", "semua bawahan"),
    Page("atasan", "/tim/semua?q=zzzz", "semua bawahan, tidak ada"),
    Page("atasan", "/pegawai/{staf_surv1}", "profil bawahan"),
    Page("atasan", "/tim/realisasi", "antrian realisasi"),
    Page("atasan", "/tim/realisasi/{rp.staf_surv1}", "tinjau realisasi"),
    Page("atasan", "/tim/minggu", "minggu tim"),
    Page("atasan", "/verifikasi", "verifikasi entri harian"),
    Page("atasan", "/skp/{skp.staf_surv1}/rencana-aksi", "rencana aksi bawahan"),
    Page("atasan", "/harian/pegawai/{staf_surv1}", "catatan harian bawahan"),
    Page("atasan", "/umpan-balik/{staf_surv1}", "umpan balik"),
    Page("atasan", "/skp/{skp.staf_surv1}", "SKP bawahan"),
    Page("kasi_mutu", "/skp/persetujuan", "persetujuan SKP"),
    Page("atasan", "/skp/keselarasan", "keselarasan"),
    Page("atasan", "/penilaian/tim", "penilaian tim (default)"),
    Page("atasan", "/penilaian/tim/{triwulan}", "penilaian tim"),
    Page("atasan", "/penilaian/tim/{triwulan}/{staf_surv3}", "nilai bawahan"),
    Page("atasan", "/penilaian/keberatan", "keberatan (atasan)"),
    Page("atasan_atasan", "/penilaian/keberatan", "keberatan (atasan pejabat penilai)"),
    Page("atasan", "/prestasi/verifikasi", "verifikasi prestasi"),
    Page("atasan", "/riwayat/{nip.staf_surv2}", "riwayat kinerja bawahan"),
    Page("atasan", "/unduhan", "unduhan rapor"),
    Page("atasan", "/unduhan/{job.kasi_surv}", "unduhan selesai"),
    Page("atasan", "/dasbor", "dasbor"),
    Page("atasan", "/dasbor/daftar?f=skp&v=disetujui", "dasbor daftar"),
    Page("atasan", "/talenta", "pencarian talenta kosong"),
    Page("atasan", "/talenta?minimal=-1", "pencarian talenta, isian salah"),
    Page("atasan", "/talenta/daftar", "daftar pendek"),
    Page("atasan", "/talenta/daftar/{daftar.kasi_surv}", "satu daftar pendek"),
    Page("atasan", "/ekspor", "ekspor (atasan)"),
    # --- sekda ---
    Page("sekda", "/beranda/sekda", "beranda sekda"),
    Page("sekda", "/ekspor", "ekspor data"),
    Page("sekda", "/talenta?jenis=fungsional", "pencarian talenta"),
    Page("sekda", "/dasbor", "dasbor provinsi"),
    Page("sekda", "/audit", "jejak audit"),
    Page("sekda", "/skp/{skp.sekda}", "SKP sekda"),
    Page("sekda", "/skp/program", "program prioritas"),
    Page("sekda", "/skp/program/{program.sekda}/ubah", "ubah program"),
    Page("sekda", "/penilaian/organisasi", "penilaian organisasi (default)"),
    Page("sekda", "/penilaian/organisasi/{triwulan}", "penilaian organisasi"),
    # --- admin ---
    Page("admin", "/admin/", "beranda admin"),
    Page("admin", "/admin/unit", "unit kerja"),
    Page("admin", "/admin/unit/baru", "unit baru"),
    Page("admin", "/admin/unit/{unit.staf_surv1}", "satu unit"),
    Page("admin", "/admin/unit/{unit.staf_surv1}/ubah", "ubah unit"),
    Page("admin", "/admin/jabatan", "jabatan"),
    Page("admin", "/admin/jabatan?q=zzzz", "jabatan, tidak ada"),
    Page("admin", "/admin/jabatan/baru", "jabatan baru"),
    Page("admin", "/admin/jabatan/{jabatan.staf_surv2}", "satu jabatan"),
    Page("admin", "/admin/jabatan/{jabatan.staf_surv2}/ubah", "ubah jabatan"),
    Page("admin", "/admin/pegawai", "pegawai"),
    Page("admin", "/admin/pegawai?q=zzzz", "pegawai, tidak ada"),
    Page("admin", "/admin/pegawai/baru", "pegawai baru"),
    Page("admin", "/admin/pegawai/{staf_surv2}", "detail pegawai"),
    Page("admin", "/admin/pegawai/{staf_surv2}/baris", "baris pegawai"),
    Page("admin", "/admin/pegawai/{staf_surv2}/ubah", "ubah pegawai"),
    Page("admin", "/admin/pegawai/{staf_surv2}/pindah", "pindah jabatan"),
    Page("admin", "/admin/plt", "plt"),
    Page("admin", "/admin/dokumen", "register dokumen"),
    Page("admin", "/admin/token", "semua token API"),
    Page("admin", "/admin/plt/baru", "plt baru"),
    Page("sekda", "/plt/konfirmasi", "konfirmasi plt"),  # the demo's Plt waits for the Sekda
    Page("admin", "/admin/periode", "periode"),
    Page("admin", "/admin/kalender", "kalender"),
    Page("admin", "/admin/instansi", "instansi"),
    Page("admin", "/admin/pengaturan-harian", "pengaturan entri harian"),
    Page("admin", "/admin/impor/", "impor"),
    Page("admin", "/admin/impor/p/{impor.admin}", "pratinjau impor"),
    Page("admin", "/admin/impor/p/{impor.admin}/sandi", "sandi impor"),
    Page("admin", "/audit", "jejak audit (admin)"),
    Page("admin", "/ekspor", "ekspor (admin)"),
    Page("admin", "/skp/kepala-daerah", "SKP sekda (admin)"),
    Page("admin", "/skp/{skp.sekda}/kepala-daerah", "keputusan kepala daerah"),
    Page("admin", "/penilaian/kepala-daerah/{triwulan}", "nilai sekda"),
    # --- presensi ---
    Page("pegawai", "/presensi/saya", "presensi saya"),
    Page("pegawai", "/presensi/pengajuan/baru", "ajukan koreksi presensi"),
    Page("atasan", "/presensi/tim", "presensi tim"),
    Page("atasan", "/presensi/tim?saring=TL&q=a", "presensi tim, disaring"),
    Page("atasan", "/presensi/tim/hari-ini", "tim hari ini"),
    Page("atasan", "/presensi/tim/pengajuan", "koreksi presensi menunggu"),
    Page("atasan", "/presensi/pegawai/{staf_surv1}", "presensi bawahan"),
    Page("atasan", "/presensi/angka", "disiplin per OPD (atasan)"),
    Page("sekda", "/presensi/angka", "disiplin per OPD"),
    Page("admin", "/admin/presensi", "pengaturan presensi"),
    Page("admin", "/admin/presensi/impor", "impor berkas mesin"),
    Page("admin", "/admin/presensi/impor/{imporpresensi.admin}", "pratinjau berkas mesin"),
    Page("admin", "/admin/presensi/perbaiki", "perbaiki presensi"),
    # TPP: the employee's amount, the supervisor's view, the admin's rules and the runs.
    Page("pegawai", "/tpp/", "TPP saya"),
    Page("atasan", "/tpp/pegawai/{staf_surv1}", "TPP bawahan"),
    Page("admin", "/tpp/aturan", "aturan TPP"),
    Page("admin", "/tpp/aturan/{tpp_aturan.admin}", "versi aturan TPP"),
    Page("admin", "/tpp/aturan/baru", "versi aturan TPP baru"),
    Page("admin", "/tpp/kelas", "kelas jabatan TPP"),
    Page("admin", "/tpp/catatan", "catatan TPP pegawai"),
    Page("admin", "/tpp/run", "perhitungan TPP"),
    Page("sekda", "/tpp/run/{tpp_run.sekda}", "tinjauan perhitungan TPP"),
    # Tokens, the SIASN outbox, the second factor.
    Page("pegawai", "/token", "token API"),
    Page("pegawai", "/siasn/saya", "kinerja saya di SIASN"),
    Page("pegawai", "/dua-faktor", "dua faktor saya"),
    Page("pegawai", "/dua-faktor/daftar", "daftarkan dua faktor"),
    Page(None, "/dua-faktor/masuk", "kode dua faktor tanpa login: ke halaman masuk"),
    Page("sekda", "/siasn", "kiriman SIASN (Sekda membaca)"),
    Page("admin", "/siasn", "kiriman SIASN"),
    Page("admin", "/siasn/rekonsiliasi?nip=199204172019031006", "rekonsiliasi SIASN"),
    Page("admin", "/admin/dua-faktor", "kebijakan dua faktor"),
]

# GET endpoints that answer no HTML page, each with the reason (test_pages_cover_every_endpoint).
NOT_PAGES = {
    "static": "CSS/JS/images",
    "publik.publik_csv": "CSV (open data)",
    "publik.publik_json": "JSON (open data)",
    "favicon": "an icon",
    "healthz": "plain-text health check",
    "harian.bukti_download": "the evidence file itself",
    "admin.jabatan_pilih": "the <option>s of the seat picker (an htmx fragment)",
    "admin.pegawai_pilih": "the answers of the person picker (an htmx fragment)",
    "impor.ekspor": "CSV/XLSX of people",
    "impor.sandi_csv": "CSV of one-time passwords",
    "jejak.export": "CSV of the audit trail",
    "organisasi.ekspor_penilaian": "CSV/XLSX",
    "organisasi.ekspor_periode": "CSV/XLSX",
    "organisasi.ekspor_rapor": "CSV/XLSX",
    "organisasi.talenta_export": "CSV/XLSX",
    "dokumen.shortlist_pdf": "PDF",
    "dokumen.penetapan_pdf": "PDF",
    "dokumen.rapor_pdf": "PDF",
    "dokumen.riwayat_pdf": "PDF",
    "dokumen.skp_pdf": "PDF",
    "rapor.job_zip": "ZIP of rapor PDFs",
    "presensi.rekap_download": "CSV/XLSX of the month's rekap",
    "presensi.bukti": "the evidence file itself",
    "rencana.impor_templat": "CSV/XLSX template of daily entries",
    "tpp.nominatif_tabel": "CSV/XLSX daftar nominatif",
    "tpp.nominatif_pdf": "PDF daftar nominatif",
    "api.openapi": "the API's OpenAPI document (JSON)",
    "api.saya": "API: JSON",
    "api.pegawai": "API: JSON",
    "api.penilaian": "API: JSON",
    "api.rhk": "API: JSON",
    "api.harian_daftar": "API: JSON",
    "api.bawahan": "API: JSON",
    "api.dokumen": "API: JSON",
    "api.pegawai_daftar": "API: JSON",
    "api.penilaian_pegawai": "API: JSON",
    "api.skp": "API: JSON",
    "api.tpp": "API: JSON",
}


def _draft_skp(app, pegawai_id):
    """That person's SKP of this year, made as a draft copied from last year's when they have none
    (as their "salin" button does): the demo has no draft, and only a draft shows edit forms."""
    from portal.extensions import db
    from portal.models import Pegawai
    from portal.skp import services

    periode = services.periode_of_year(None)
    skp = services.skp_of(pegawai_id, periode.id)
    if skp is None:
        skp = services.create_skp(db.session.get(Pegawai, pegawai_id), periode, copy_last=True)
        db.session.commit()
    return skp.id


def _draft_rhk(app, pegawai_id):
    from portal.skp import services

    return services.load_skp(_draft_skp(app, pegawai_id)).rhk[0].id


def _draft_iki(app, pegawai_id):
    from portal.skp import services

    return services.load_skp(_draft_skp(app, pegawai_id)).rhk[0].iki[0].id


def _kinds() -> dict:
    """Object kinds for `{kind.key}`: the access matrix's RESOLVERS and a draft SKP's parts."""
    from tests.helpers.resolvers import RESOLVERS

    return RESOLVERS | {"draf": _draft_skp, "rhk_draf": _draft_rhk, "iki_draf": _draft_iki}


class _Of:
    """`{kind.key}` in a path: resolved only when a path names it (some kinds create objects)."""

    def __init__(self, live, resolve):
        self._live, self._resolve = live, resolve

    def __getattr__(self, key):
        pid = self._live.ids[key]
        value = self._live.query(lambda: self._resolve(self._live.app, pid))
        assert value is not None, f"tidak ada objek untuk {key} di data demo"
        return value
