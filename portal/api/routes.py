"""The API's document and its read-only resources about people and ratings."""
from __future__ import annotations

from flask import jsonify
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from portal import access
from portal.api import bp, common, skema, spec
from portal.extensions import db
from portal.models import Penilaian


@bp.get("/openapi.json")
@access.public
@spec.operasi(publik=True, jawaban={200: (None, "Dokumen OpenAPI")})
def openapi():
    """Dokumen OpenAPI 3.1 API ini (dibuat oleh spectree dari kode)"""
    return jsonify(spec.api.spec)


@bp.get("/saya")
@access.scope(None)
@spec.operasi(jawaban={200: (skema.Pegawai, "Pemilik token")})
def saya():
    """Pemilik token: data diri dan peran hari ini

    Cakupan token: apa saja (token yang berlaku)."""
    return jsonify(common.pegawai(current_user, peran=True))


@bp.get("/pegawai/<int:pegawai_id>")
@access.scope("pegawai:baca")
@spec.operasi(cakupan="pegawai:baca", path=True, jawaban={200: (skema.Pegawai, "Pegawai")})
def pegawai(pegawai_id: int):
    """Seorang pegawai: diri sendiri, bawahan di rantai, atau semua bagi Sekda

    Cakupan token: `pegawai:baca`."""
    return jsonify(common.pegawai(access.get_pegawai_readable_or_403(pegawai_id)))


@bp.get("/penilaian")
@access.scope("penilaian:baca")
@spec.operasi(cakupan="penilaian:baca",
              jawaban={200: (skema.DaftarPenilaian, "Daftar penilaian")})
def penilaian():
    """Penilaian kinerja pemilik token, terbaru lebih dahulu

    Cakupan token: `penilaian:baca`."""
    rows = db.session.scalars(select(Penilaian).where(Penilaian.pegawai_id == current_user.id)
                              .options(joinedload(Penilaian.periode))
                              .order_by(Penilaian.dinilai_pada.desc(), Penilaian.id.desc()))
    return jsonify({"data": [common.penilaian(n) for n in rows]})
