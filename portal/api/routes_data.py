"""Read-only resources beyond the daily log: the people one may see and their direct reports,
SKP status, ratings and TPP of a person (each through the profile pages' own lookup: oneself,
anyone below in the chain, all for the Sekda), and a document's register row by its code
(what /v/<kode> shows, nothing more)."""
from __future__ import annotations

from datetime import UTC

from flask import abort, jsonify, request
from flask_login import current_user
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from portal import access, orgtree
from portal.api import bp, common, spec
from portal.api.skema import daftar, ref
from portal.dokumen import register
from portal.dokumen.seal import JUDUL
from portal.extensions import db
from portal.json_errors import galat
from portal.models import Pegawai, Penilaian, Periode, Skp
from portal.rules.nomor_dokumen import samarkan_nip
from portal.tpp import run as runs
from portal.tpp import saya as tpp_saya

BATAS = 100


def _angka_query(name: str, default: int, lo: int, hi: int) -> int:
    value = request.args.get(name)
    if value is None:
        return default
    if not value.isdigit() or not lo <= int(value) <= hi:
        abort(400, description=f"Parameter {name} harus bilangan bulat {lo}–{hi}.")
    return int(value)


@bp.get("/pegawai")
@access.scope("pegawai:baca")
@spec.operasi(
    "Pegawai yang boleh dilihat pemilik token: dirinya dan semua di bawahnya (Sekda: semua)",
    cakupan="pegawai:baca",
    parameter=[spec.query("mulai", {"type": "integer", "minimum": 0, "maximum": 10**6},
                          "Lewati sekian baris (bawaan 0)"),
               spec.query("batas", {"type": "integer", "minimum": 1, "maximum": BATAS},
                          f"Paling banyak sekian baris (bawaan {BATAS})")],
    jawaban={200: ("Satu halaman daftar pegawai", ref("Halaman"))})
def pegawai_daftar():
    mulai = _angka_query("mulai", 0, 0, 10**6)
    batas = _angka_query("batas", BATAS, 1, BATAS)
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
@spec.operasi("Bawahan langsung seorang pegawai yang boleh dilihat (struktur organisasi)",
              cakupan="pegawai:baca", jawaban={200: ("Bawahan langsung", daftar("Pegawai"))})
def bawahan(pegawai_id: int):
    target = access.get_pegawai_readable_or_403(pegawai_id)
    return jsonify({"data": [common.pegawai(p) for p, _seat in
                             orgtree.direct_reports(target.id)]})


@bp.get("/pegawai/<int:pegawai_id>/skp")
@access.scope("skp:baca")
@spec.operasi("Status SKP seorang pegawai yang boleh dilihat, terbaru lebih dahulu",
              cakupan="skp:baca", jawaban={200: ("Daftar SKP", daftar("Skp"))})
def skp(pegawai_id: int):
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
@spec.operasi("Penilaian kinerja seorang pegawai yang boleh dilihat, terbaru lebih dahulu",
              cakupan="penilaian:baca",
              jawaban={200: ("Daftar penilaian", daftar("Penilaian"))})
def penilaian_pegawai(pegawai_id: int):
    target = access.get_pegawai_readable_or_403(pegawai_id)
    rows = db.session.scalars(select(Penilaian).where(Penilaian.pegawai_id == target.id)
                              .options(joinedload(Penilaian.periode))
                              .order_by(Penilaian.dinilai_pada.desc(), Penilaian.id.desc()))
    return jsonify({"data": [common.penilaian(n) for n in rows]})


@bp.get("/pegawai/<int:pegawai_id>/tpp")
@access.scope("tpp:baca")
@spec.operasi("TPP seorang pegawai yang boleh dilihat: dua belas bulan terakhir, seperti "
              "halaman TPP saya", cakupan="tpp:baca",
              jawaban={200: ("TPP per bulan, terbaru lebih dahulu", daftar("Tpp"))})
def tpp(pegawai_id: int):
    target = access.get_pegawai_readable_or_403(pegawai_id)
    return jsonify({"data": [
        {"bulan": m.bulan.strftime("%Y-%m"), "status": m.status,
         **{k: getattr(m.hasil, k) for k in ("pagu", "kinerja", "disiplin", "potongan",
                                             "bruto", "bpjs", "pph21", "netto")},
         "koreksi": [{"netto": k.netto, "selisih": k.selisih} for k in m.koreksi]}
        for m in tpp_saya.riwayat(target.id, runs.bulan_ini())]})


@bp.get("/dokumen/<kode>")
@access.scope("dokumen:baca")
@spec.operasi("Verifikasi dokumen terbitan portal menurut kodenya (isi yang sama dengan "
              "halaman /v/{kode})", cakupan="dokumen:baca",
              jawaban={200: ("Baris register dokumen", ref("Dokumen"))})
def dokumen(kode: str):
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
