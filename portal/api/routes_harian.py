"""The daily log through the API: the person's RHK and rencana aksi, their entries, and a new
entry made by the very rules and idempotency key of the quick-entry form."""
from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from flask import jsonify
from flask_login import current_user
from werkzeug.datastructures import MultiDict

from portal import access, clock
from portal.api import bp, common, skema, spec
from portal.harian import services
from portal.harian.forms import EntriForm
from portal.json_errors import galat
from portal.rencana import rencana_aksi

MAKS_HARI = 92


@bp.get("/rhk")
@access.scope("harian:baca", peran="pegawai")
@spec.operasi(cakupan="harian:baca", jawaban={200: (skema.DaftarRhk, "Daftar RHK")})
def rhk():
    """RHK SKP yang disetujui beserta rencana aksi bulan ini

    Cakupan token: `harian:baca`; pemiliknya pegawai dengan SKP."""
    today = clock.today()
    ra = rencana_aksi.untuk_bulan(current_user.id, today.year, today.month)
    return jsonify({"data": [
        {"id": r.id, "teks": r.teks, "satuan": services.satuan(r),
         "rencana_aksi": [{"id": a.id, "teks": a.teks, "tahun": a.tahun, "bulan": a.bulan}
                          for a in ra if a.rhk_id == r.id]}
        for r in services.approved_rhk(current_user.id)]})


@bp.get("/harian")
@access.scope("harian:baca", peran="pegawai")
@spec.operasi(cakupan="harian:baca", query=skema.RentangQuery,
              jawaban={200: (skema.DaftarEntri, "Daftar entri")})
def harian_daftar(query: skema.RentangQuery):
    """Entri progres harian pemilik token (paling lama 92 hari sekaligus)

    Cakupan token: `harian:baca`; pemiliknya pegawai dengan SKP."""
    sampai = query.sampai or clock.today()
    dari = query.dari or sampai - timedelta(days=7)
    if dari > sampai or (sampai - dari).days > MAKS_HARI:
        return galat(400, f"Rentang tanggal harus urut dan paling lama {MAKS_HARI} hari.")
    rows = services.entries(current_user.id, dari, sampai)
    return jsonify({"data": [common.entri(e) for e in rows]})


@bp.post("/harian")
@access.scope("harian:tulis", peran="pegawai")
@spec.operasi(cakupan="harian:tulis", json=skema.EntriBaru, headers=skema.KunciIdempoten,
              jawaban={201: (skema.Entri, "Entri dibuat"),
                       200: (skema.Entri, "Entri yang sudah dibuat dengan kunci ini")})
def harian_new(json: skema.EntriBaru, headers: skema.KunciIdempoten):
    """Tambah entri progres harian (aturan dan kunci idempoten sama dengan formulir)

    Cakupan token: `harian:tulis`; pemiliknya pegawai dengan SKP."""
    rhks = services.approved_rhk(current_user.id)
    form = services.prepare(EntriForm(formdata=_form_data(json, headers.kunci),
                                      meta={"csrf": False}),
                            current_user.id, rhks, fresh=False)
    values = services.validate(form, current_user.id, rhks)
    if values is None:
        return galat(422, kesalahan=_errors(form))
    entri, created = services.create(current_user.id, values, form.posted_key())
    return jsonify(common.entri(entri)), 201 if created else 200


def _form_data(isi: skema.EntriBaru, kunci: str | None) -> MultiDict:
    """The checked body as the quick-entry form's fields (the form reads Indonesian numbers:
    a decimal comma, no thousands separator)."""
    data = MultiDict({"uraian": isi.uraian, "mode": isi.mode,
                      "tanggal": (isi.tanggal or clock.today()).isoformat()})
    if isi.bukti_link is not None:
        data["bukti_link"] = isi.bukti_link
    if isi.rencana_aksi_id is not None:
        data["rencana"] = str(isi.rencana_aksi_id)
    if isi.rhk_id is not None:
        data["rhk"] = str(isi.rhk_id)
    if isi.output is not None:
        data["output"] = format(Decimal(str(isi.output)), "f").replace(".", ",")
    if kunci:
        data["kunci"] = kunci
    return data


FIELD_NAMES = {"rencana": "rencana_aksi_id", "rhk": "rhk_id"}


def _errors(form: EntriForm) -> dict:
    return {FIELD_NAMES.get(name, name): [str(m) for m in messages]
            for name, messages in form.errors.items() if messages}
