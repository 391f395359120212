"""Read-only resources beyond the daily log: the people one may see and their direct reports,
SKP status, ratings and TPP of a person (each through the profile pages' own lookup: oneself,
anyone below in the chain, all for the Sekda), and a document's register row by its code
(what /v/<kode> shows, nothing more)."""
from __future__ import annotations

from datetime import UTC

from flask import jsonify
from flask_login import current_user
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from portal import access, orgtree
from portal.api import bp, common, skema, spec
from portal.dokumen import register
from portal.dokumen.seal import JUDUL
from portal.extensions import db
from portal.json_errors import galat
from portal.models import Pegawai, Penilaian, Periode, Skp
from portal.rules.nomor_dokumen import samarkan_nip
from portal.tpp import run as runs
from portal.tpp import saya as tpp_saya


@bp.get("/pegawai")
@access.scope("pegawai:baca")
@spec.operasi(cakupan="pegawai:baca", query=skema.HalamanQuery,
              jawaban={200: (skema.Halaman, "Satu halaman daftar pegawai")})
def pegawai_daftar(query: skema.HalamanQuery):
    """Pegawai yang boleh dilihat pemilik token: dirinya dan semua di bawahnya (Sekda: semua)

    Cakupan token: `pegawai:baca`."""
    mulai, batas = query.mulai, query.batas
    if "sekda" in orgtree.roles_of(current_user):
        ids = select(Pegawai.id).where(Pegawai.aktif)
    else:
        ids = orgtree.subtree_pegawai_ids(current_user.id).union(
            select(Pegawai.id).where(Pegawai.id == current_user.id))
    ids = ids.subquery()
    jumlah = db.session.scalar(select(func.count()).select_from(ids))
    rows = db.session.scalars(select(Pegawai).where(Pegawai.id.in_(select(ids.c[0])))
                              .order_by(Pegawai.id).offset(mulai).limit(batas))
    return jsonify({"data": [common.pegawai(p) for p in rows], "jumlah": jumlah,
                    "mulai": mulai, "batas": batas})


@bp.get("/pegawai/<int:pegawai_id>/bawahan")
@access.scope("pegawai:baca")
@spec.operasi(cakupan="pegawai:baca", path=True,
              jawaban={200: (skema.DaftarPegawai, "Bawahan langsung")})
def bawahan(pegawai_id: int):
    """Bawahan langsung seorang pegawai yang boleh dilihat (struktur organisasi)

    Cakupan token: `pegawai:baca`."""
    target = access.get_pegawai_readable_or_403(pegawai_id)
    return jsonify({"data": [common.pegawai(p) for p, _seat in
                             orgtree.direct_reports(target.id)]})


@bp.get("/pegawai/<int:pegawai_id>/skp")
@access.scope("skp:baca")
@spec.operasi(cakupan="skp:baca", path=True, jawaban={200: (skema.DaftarSkp, "Daftar SKP")})
def skp(pegawai_id: int):
    """Status SKP seorang pegawai yang boleh dilihat, terbaru lebih dahulu

    Cakupan token: `skp:baca`."""
    target = access.get_pegawai_readable_or_403(pegawai_id)
    rows = db.session.execute(
        select(Skp, Periode.tahun).join(Periode, Periode.id == Skp.periode_id)
        .where(Skp.pegawai_id == target.id).order_by(Periode.tahun.desc(), Skp.id.desc()))
    return jsonify({"data": [
        {"id": s.id, "tahun": tahun, "status": s.status, "revisi": s.revisi,
         "mulai": s.mulai.isoformat(), "selesai": s.selesai.isoformat()}
        for s, tahun in rows]})


@bp.get("/pegawai/<int:pegawai_id>/penilaian")
@access.scope("penilaian:baca")
@spec.operasi(cakupan="penilaian:baca", path=True,
              jawaban={200: (skema.DaftarPenilaian, "Daftar penilaian")})
def penilaian_pegawai(pegawai_id: int):
    """Penilaian kinerja seorang pegawai yang boleh dilihat, terbaru lebih dahulu

    Cakupan token: `penilaian:baca`."""
    target = access.get_pegawai_readable_or_403(pegawai_id)
    rows = db.session.scalars(select(Penilaian).where(Penilaian.pegawai_id == target.id)
                              .options(joinedload(Penilaian.periode))
                              .order_by(Penilaian.dinilai_pada.desc(), Penilaian.id.desc()))
    return jsonify({"data": [common.penilaian(n) for n in rows]})


@bp.get("/pegawai/<int:pegawai_id>/tpp")
@access.scope("tpp:baca")
@spec.operasi(cakupan="tpp:baca", path=True,
              jawaban={200: (skema.DaftarTpp, "TPP per bulan, terbaru lebih dahulu")})
def tpp(pegawai_id: int):
    """TPP seorang pegawai yang boleh dilihat: dua belas bulan terakhir, seperti halaman TPP saya

    Cakupan token: `tpp:baca`."""
    target = access.get_pegawai_readable_or_403(pegawai_id)
    return jsonify({"data": [
        {"bulan": m.bulan.strftime("%Y-%m"), "status": m.status,
         **{k: getattr(m.hasil, k) for k in ("pagu", "kinerja", "disiplin", "potongan",
                                             "bruto", "bpjs", "pph21", "netto")},
         "koreksi": [{"netto": k.netto, "selisih": k.selisih} for k in m.koreksi]}
        for m in tpp_saya.riwayat(target.id, runs.bulan_ini())]})


@bp.get("/dokumen/<kode>")
@access.scope("dokumen:baca")
@spec.operasi(cakupan="dokumen:baca", path=True,
              jawaban={200: (skema.Dokumen, "Baris register dokumen")})
def dokumen(kode: str):
    """Verifikasi dokumen terbitan portal menurut kodenya (isi halaman /v/{kode})

    Cakupan token: `dokumen:baca`."""
    d = register.by_kode(kode)
    if d is None:
        return galat(404, "Dokumen dengan kode ini tidak ada.")
    return jsonify({
        "kode": d.kode, "nomor": d.nomor, "jenis": d.jenis,
        "judul": str(JUDUL.get(d.jenis, d.jenis)), "status": d.status,
        "subjek_nama": d.subjek_nama,
        "nip": samarkan_nip(d.subjek_nip) if d.subjek_nip else None,
        "periode": d.periode, "penerbit": d.penerbit, "penandatangan": d.penandatangan,
        "diterbitkan_pada": d.diterbitkan_pada.replace(tzinfo=UTC).isoformat(),
        "sha256": d.sha256, "diganti_oleh": d.diganti_oleh.kode if d.diganti_oleh else None})
