"""The daily log through the API: the person's RHK and rencana aksi, their entries, and a new
entry made by the very rules and idempotency key of the quick-entry form."""
from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from flask import jsonify, request
from flask_login import current_user
from werkzeug.datastructures import MultiDict

from portal import access, clock
from portal.api import bp, common, spec
from portal.api.skema import TANGGAL, daftar, ref
from portal.harian import services
from portal.harian.forms import EntriForm
from portal.json_errors import galat
from portal.rencana import rencana_aksi

MAKS_HARI = 92
TEKS = {"uraian": "uraian", "tanggal": "tanggal", "bukti_link": "bukti_link", "mode": "mode"}
ANGKA = {"rencana_aksi_id": "rencana", "rhk_id": "rhk"}


@bp.get("/rhk")
@access.scope("harian:baca", peran="pegawai")
@spec.operasi("RHK SKP yang disetujui beserta rencana aksi bulan ini", cakupan="harian:baca",
              jawaban={200: ("Daftar RHK", daftar("Rhk"))})
def rhk():
    today = clock.today()
    ra = rencana_aksi.untuk_bulan(current_user.id, today.year, today.month)
    return jsonify({"data": [
        {"id": r.id, "teks": r.teks, "satuan": services.satuan(r),
         "rencana_aksi": [{"id": a.id, "teks": a.teks, "tahun": a.tahun, "bulan": a.bulan}
                          for a in ra if a.rhk_id == r.id]}
        for r in services.approved_rhk(current_user.id)]})


@bp.get("/harian")
@access.scope("harian:baca", peran="pegawai")
@spec.operasi(
    "Entri progres harian pemilik token (paling lama 92 hari sekaligus)", cakupan="harian:baca",
    parameter=[spec.query("dari", TANGGAL, "Tanggal awal (bawaan: 7 hari lalu)"),
               spec.query("sampai", TANGGAL, "Tanggal akhir (bawaan: hari ini)")],
    jawaban={200: ("Daftar entri", daftar("Entri"))})
def harian_daftar():
    today = clock.today()
    sampai = common.tanggal_query("sampai", today)
    dari = common.tanggal_query("dari", sampai - timedelta(days=7))
    if dari > sampai or (sampai - dari).days > MAKS_HARI:
        return galat(400, f"Rentang tanggal harus urut dan paling lama {MAKS_HARI} hari.")
    rows = services.entries(current_user.id, dari, sampai)
    return jsonify({"data": [common.entri(e) for e in rows]})


@bp.post("/harian")
@access.scope("harian:tulis", peran="pegawai")
@spec.operasi(
    "Tambah entri progres harian (aturan dan kunci idempoten sama dengan formulir)",
    cakupan="harian:tulis", isi=ref("EntriBaru"),
    parameter=[{"name": "Idempotency-Key", "in": "header", "required": False,
                "schema": {"type": "string", "maxLength": 64},
                "description": "Kirim ulang dengan kunci yang sama: tidak ada entri kembar"}],
    jawaban={201: ("Entri dibuat", ref("Entri")),
             200: ("Entri yang sudah dibuat dengan kunci ini", ref("Entri"))})
def harian_baru():
    body = common.json_object()
    form_data, kesalahan = _form_data(body)
    if kesalahan:
        return galat(422, kesalahan=kesalahan)
    rhks = services.approved_rhk(current_user.id)
    form = services.prepare(EntriForm(formdata=form_data, meta={"csrf": False}),
                            current_user.id, rhks, fresh=False)
    values = services.validate(form, current_user.id, rhks)
    if values is None:
        return galat(422, kesalahan=_errors(form))
    entri, created = services.create(current_user.id, values, form.posted_key())
    return jsonify(common.entri(entri)), 201 if created else 200


def _form_data(body: dict) -> tuple[MultiDict, dict]:
    """The JSON body as the quick-entry form's fields; wrong types answered per field."""
    data, kesalahan = MultiDict(), {}
    for key, field in TEKS.items():
        value = body.get(key)
        if value is None:
            continue
        if not isinstance(value, str):
            kesalahan[key] = ["Harus berupa teks."]
        else:
            data[field] = value
    for key, field in ANGKA.items():
        value = body.get(key)
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int):
            kesalahan[key] = ["Harus berupa bilangan bulat."]
        else:
            data[field] = str(value)
    output = body.get("output")
    if output is not None:
        if isinstance(output, bool) or not isinstance(output, int | float):
            kesalahan["output"] = ["Harus berupa angka."]
        else:  # the form reads Indonesian numbers: a decimal comma, no thousands separator
            data["output"] = format(Decimal(str(output)), "f").replace(".", ",")
    data.setdefault("tanggal", clock.today().isoformat())
    data.setdefault("mode", "WFO")
    key = request.headers.get("Idempotency-Key") or ""
    if key:
        data["kunci"] = key
    return data, kesalahan


FIELD_NAMES = {"rencana": "rencana_aksi_id", "rhk": "rhk_id"}


def _errors(form: EntriForm) -> dict:
    return {FIELD_NAMES.get(name, name): [str(m) for m in messages]
            for name, messages in form.errors.items() if messages}
