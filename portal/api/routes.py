"""The API's document and its read-only resources about people and ratings."""
from __future__ import annotations

from flask import jsonify
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from portal import access
from portal.api import bp, common, spec
from portal.api.skema import daftar, ref
from portal.extensions import db
from portal.models import Penilaian


@bp.get("/openapi.json")
@access.public
@spec.operasi("Dokumen OpenAPI 3.1 API ini", publik=True,
              jawaban={200: ("Dokumen OpenAPI", {"type": "object"})})
def openapi():
    return jsonify(spec.dokumen())


@bp.get("/saya")
@access.scope(None)
@spec.operasi("Pemilik token: data diri dan peran hari ini",
              jawaban={200: ("Pemilik token", ref("Pegawai"))})
def saya():
    return jsonify(common.pegawai(current_user, peran=True))


@bp.get("/pegawai/<int:pegawai_id>")
@access.scope("pegawai:baca")
@spec.operasi("Seorang pegawai: diri sendiri, bawahan di rantai, atau semua bagi Sekda",
              cakupan="pegawai:baca", jawaban={200: ("Pegawai", ref("Pegawai"))})
def pegawai(pegawai_id: int):
    return jsonify(common.pegawai(access.get_pegawai_readable_or_403(pegawai_id)))


@bp.get("/penilaian")
@access.scope("penilaian:baca")
@spec.operasi("Penilaian kinerja pemilik token, terbaru lebih dahulu", cakupan="penilaian:baca",
              jawaban={200: ("Daftar penilaian", daftar("Penilaian"))})
def penilaian():
    rows = db.session.scalars(select(Penilaian).where(Penilaian.pegawai_id == current_user.id)
                              .options(joinedload(Penilaian.periode))
                              .order_by(Penilaian.dinilai_pada.desc(), Penilaian.id.desc()))
    return jsonify({"data": [common.penilaian(n) for n in rows]})
