"""The plan (SKP) in tests: lookups, logging in as a demo persona, a draft, an approval."""
from __future__ import annotations

from sqlalchemy import select

from portal.extensions import db
from portal.models import (
    Periode,
    Rhk,
    Skp,
)
from tests.conftest import TODAY

YEAR = TODAY.year


def q(app, stmt):
    with app.app_context():
        return db.session.scalar(stmt)


def skp_id(app, pegawai_id, year=YEAR):
    return q(app, select(Skp.id).join(Periode, Periode.id == Skp.periode_id)
             .where(Skp.pegawai_id == pegawai_id, Periode.tahun == year))


def rhk_ids(app, skp):
    with app.app_context():
        return list(db.session.scalars(select(Rhk.id).where(Rhk.skp_id == skp)
                                       .order_by(Rhk.urutan, Rhk.id)))


def login(client, demo, key):
    client.post("/keluar")
    r = client.post("/masuk", data={"nip": demo.nip[key], "password": "rahasia123"})
    assert r.status_code == 302


def approve_as(client, app, demo, key, sid):
    login(client, demo, key)
    r = client.post(f"/skp/{sid}/setujui")
    assert r.status_code == 303
    assert q(app, select(Skp.status).where(Skp.id == sid)) == "disetujui"


def make_draft(client, app, demo):
    """staf_kur2's fresh draft with one RHK intervening the kepala seksi's approved RHK."""
    login(client, demo, "staf_kur2")
    client.post("/skp/buat", data={"tahun": YEAR, "salin": "0"})
    sid = skp_id(app, demo["staf_kur2"])
    parent = rhk_ids(app, skp_id(app, demo["kasi_kur"]))[0]
    r = client.post(f"/skp/{sid}/rhk", data={"jenis": "utama", "teks": "Analisis asesmen",
                                             "rhk_atasan_id": parent})
    assert r.status_code == 303
    return sid, rhk_ids(app, sid)[0], parent
