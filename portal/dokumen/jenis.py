"""What each kind of document asks of the sealing service (seal.Permintaan): its seri, the
version of the data it is made from, whether it is final, and who it is about and signed by.

- rapor: final when its period is closed and the rating settled (portal/rules/dokumen.py).
- Dokumen SKP: an approved SKP is locked, so final; a revision re-issues it.
- riwayat kinerja, daftar pendek: a record as of the day it is issued, so final; a new rating,
  move or member re-issues it.
- Format Penetapan: final once the period is closed.
- Daftar nominatif TPP: final once its run is approved (a run in review is a draft).
"""
from __future__ import annotations

import hashlib
import json
from datetime import date

from portal import orgtree
from portal.dokumen.seal import Permintaan
from portal.penilaian import periode as periode_svc
from portal.rapor import services
from portal.rapor.identitas import block
from portal.rules import dokumen as aturan
from portal.rules.tanggal import tanggal_indonesia


def _digest(value) -> str:
    text = json.dumps(value, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def _ttd(person: dict | None) -> str:
    person = person or {}
    return ", ".join(x for x in (person.get("nama"), person.get("jabatan")) if x) or "-"


def rapor(pegawai, period: services.Period, penilaian) -> Permintaan:
    keberatan = penilaian.keberatan
    closed = periode_svc.is_closed(period.sub, period.periode)
    final = aturan.rapor_final(closed, penilaian.diterima_pada is not None,
                               keberatan is not None,
                               keberatan is not None and keberatan.keputusan is not None)
    sumber = f"penilaian:{penilaian.id}:{penilaian.version}"
    if keberatan is not None:
        sumber += f":keberatan:{keberatan.id}:{keberatan.version}"
    ident = json.loads(penilaian.identitas or "{}")
    return Permintaan(
        jenis="rapor", seri=f"rapor:{period.code}:{pegawai.id}", sumber=sumber, final=final,
        template="pdf/rapor.html", nama_berkas=f"rapor-{pegawai.nip}-{period.code}.pdf",
        context=lambda: services.rapor_context(pegawai, period, penilaian),
        subjek_nama=pegawai.nama_lengkap, subjek_nip=pegawai.nip, pegawai_id=pegawai.id,
        periode=f"{services.periode_kode.label(period.kode)} {period.periode.tahun}",
        penandatangan=_ttd(ident.get("penilai")))


def skp(pegawai, skp_row, tahun: int) -> Permintaan:
    context = services.skp_context(pegawai, skp_row)
    return Permintaan(
        jenis="skp", seri=f"skp:{tahun}:{pegawai.id}", sumber=f"skp:{skp_row.id}:{skp_row.version}",
        final=True, template="pdf/skp.html", nama_berkas=f"skp-{pegawai.nip}-{tahun}.pdf",
        context=lambda: context, subjek_nama=pegawai.nama_lengkap, subjek_nip=pegawai.nip,
        pegawai_id=pegawai.id, periode=f"Tahun {tahun}",
        penandatangan=_ttd(context["identitas"].get("penilai")))


def riwayat(pegawai, today: date) -> Permintaan:
    context = services.riwayat_context(pegawai)
    context |= {"ident": block(pegawai, orgtree.current_seat(pegawai.id)),
                "dicetak": tanggal_indonesia(today)}
    sumber = _digest({"ratings": context["ratings"], "ident": context["ident"],
                      "jabatan": [(j.id, j.mulai, j.selesai) for j in context["jabatan"]],
                      "prestasi": [p.id for p in context["prestasi"]]})
    return Permintaan(
        jenis="riwayat", seri=f"riwayat:{pegawai.id}", sumber=sumber, final=True,
        template="pdf/riwayat.html", nama_berkas=f"riwayat-kinerja-{pegawai.nip}.pdf",
        context=lambda: context, subjek_nama=pegawai.nama_lengkap, subjek_nip=pegawai.nip,
        pegawai_id=pegawai.id, periode=None, penandatangan=register_instansi())


def penetapan(k, whole, rows, context: dict) -> Permintaan:
    def baris(b):
        return (b.unit.id if b.unit else None, sorted(b.counts.items()),
                (b.rating.id, b.rating.version) if b.rating else None)

    sekda = context["sekda"]
    return Permintaan(
        jenis="penetapan", seri=f"penetapan:{k.teks}:instansi",
        sumber=_digest([baris(whole)] + [baris(b) for b in rows]),
        final=periode_svc.kode_closed(k), template="pdf/penetapan.html",
        nama_berkas=f"penetapan-predikat-{k.teks}.pdf", context=lambda: context,
        subjek_nama=register_instansi(), periode=k.label,
        penandatangan=f"{sekda.nama_lengkap}, Sekretaris Daerah")


def daftar_pendek(daftar, context: dict) -> Permintaan:
    pembuat = context["pembuat"]
    return Permintaan(
        jenis="daftar_pendek", seri=f"daftar_pendek:{daftar.id}",
        sumber=_digest({"nama": daftar.nama, "catatan": daftar.catatan, "rows": context["rows"]}),
        final=True, template="pdf/daftar_pendek.html",
        nama_berkas=f"daftar-pendek-{daftar.id}.pdf", context=lambda: context,
        subjek_nama=f"Daftar pendek talenta: {daftar.nama}", periode=None,
        penandatangan=pembuat.nama_lengkap if pembuat else "-")


def tpp(run, opd_id: int | None, opd_nama: str, context: dict) -> Permintaan:
    bagian = f"opd{opd_id}" if opd_id else "semua"
    penyetuju = context["penyetuju"]
    return Permintaan(
        jenis="tpp", seri=f"tpp:{run.id}:{bagian}",
        sumber=_digest({"run": (run.id, run.status), "rows": context["rows"]}),
        final=run.status == "disetujui", template="pdf/tpp_nominatif.html",
        nama_berkas=f"tpp-{run.bulan:%Y-%m}-run{run.id}" + (f"-opd{opd_id}" if opd_id else "")
        + ".pdf", context=lambda: context,
        subjek_nama=f"Daftar nominatif TPP {run.bulan:%m/%Y} {opd_nama or register_instansi()}",
        periode=f"{run.bulan:%m/%Y}",
        penandatangan=_ttd({"nama": penyetuju.nama_lengkap} if penyetuju else None))


def register_instansi() -> str:
    from portal.dokumen.register import instansi_nama

    return instansi_nama()
