"""The people import in tests: one line of a file, a file, its upload and what it left."""
from __future__ import annotations

import csv
import io
import json

from sqlalchemy import func, select

from portal.extensions import db
from portal.impor.berkas import KOLOM
from portal.models import ImporPratinjau


def new_person(nip="199001012015031001", **over) -> dict:
    row = {"nip": nip, "nama": "Budi Santoso", "gelar_depan": "", "gelar_belakang": "S.K.M.",
           "pangkat": "Penata Muda", "golongan": "III/a", "status": "PNS",
           "jabatan": "Epidemiolog Kesehatan Ahli Muda", "jenis_jabatan": "fungsional",
           "eselon": "", "unit": "Dinas Kesehatan / Bidang Pencegahan dan Pengendalian Penyakit"
           " / Seksi Surveilans dan Imunisasi", "nip_atasan": "", "fleksibel": "tidak"}
    return row | over


HEADER = list(KOLOM.values())


def make_csv(rows: list[dict], header=HEADER, delimiter=";") -> bytes:
    out = io.StringIO()
    w = csv.writer(out, delimiter=delimiter)
    w.writerow(header)
    keys = list(KOLOM)
    for r in rows:
        w.writerow([r.get(k, "") for k in keys])
    return out.getvalue().encode("utf-8")


def upload(client, data: bytes, name="pegawai.csv"):
    return client.post("/admin/impor/unggah", data={"berkas": (io.BytesIO(data), name)},
                       content_type="multipart/form-data")


def pending_token(app) -> str:
    with app.app_context():
        return db.session.scalar(select(ImporPratinjau.token).order_by(ImporPratinjau.id.desc()))


def summary(app) -> dict:
    with app.app_context():
        p = db.session.scalar(select(ImporPratinjau).order_by(ImporPratinjau.id.desc()))
        return json.loads(p.ringkasan_json)


def export_rows(client, fmt="csv") -> list[dict]:
    r = client.get(f"/admin/impor/ekspor.{fmt}")
    assert r.status_code == 200
    if fmt == "xlsx":
        from openpyxl import load_workbook

        sheet = load_workbook(io.BytesIO(r.data), read_only=True).worksheets[0]
        table = [[c or "" for c in row] for row in sheet.iter_rows(values_only=True)]
    else:
        table = list(csv.reader(io.StringIO(r.data.decode("utf-8-sig")), delimiter=";"))
    assert table[0] == HEADER
    return [dict(zip(KOLOM, row, strict=True)) for row in table[1:]]


def with_dinkes(client, rows: list[dict]) -> list[dict]:
    """`rows` first (so their line numbers are 2, 3, …), then the whole Dinas Kesehatan as
    exported: a file covering an OPD lists all its people, or the others are deactivated."""
    return rows + [r for r in export_rows(client) if r["unit"].startswith("Dinas Kesehatan")]


def count(app, model, *where):
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model).where(*where))


SURV = ("Dinas Kesehatan / Bidang Pencegahan dan Pengendalian Penyakit / Seksi Surveilans dan "
        "Imunisasi")
