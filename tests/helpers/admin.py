"""The admin pages in tests: the logged-in operator, lookups by name, audit rows."""
import json

from sqlalchemy import select

from portal.extensions import db
from portal.models import (
    AuditLog,
    Jabatan,
    UnitKerja,
)

HX = {"HX-Request": "true"}
NIP_BARU = "199001012015031001"
VACANT = "Kepala Subbidang Sosial Budaya"


def one(app, stmt):
    with app.app_context():
        return db.session.scalar(stmt)


def seat(app, nama):
    return one(app, select(Jabatan.id).where(Jabatan.nama == nama).order_by(Jabatan.id).limit(1))


def unit(app, nama):
    return one(app, select(UnitKerja.id).where(UnitKerja.nama == nama))


def audits(app, aksi):
    with app.app_context():
        return [(json.loads(a.sebelum or "null"), json.loads(a.sesudah or "null"))
                for a in db.session.scalars(select(AuditLog).where(AuditLog.aksi == aksi)
                                            .order_by(AuditLog.id))]


def html(response):
    return response.get_data(as_text=True)


def person(**changes):
    """The fields of a new person's form, with `changes`."""
    return {"nip": NIP_BARU, "nama": "Budi Santoso", "gelar_depan": "", "gelar_belakang": "S.T.",
            "status": "PNS", "golongan": "III/a", "alamat": "Jl. Pahlawan 1, Semarang"} | changes
