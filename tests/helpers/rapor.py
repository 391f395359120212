"""The rapor in tests: a rated seksi, waiting for a job."""
from __future__ import annotations

import time

from sqlalchemy import select

from portal.extensions import db
from portal.models import (
    Job,
    Penilaian,
    Periode,
)
from portal.rules import periode_kode


def rated(app, key_id: int):
    """(url code, Penilaian) of the triwulan rating of a person."""
    with app.app_context():
        p = db.session.scalar(select(Penilaian).where(
            Penilaian.pegawai_id == key_id, Penilaian.kode != "TAHUNAN"))
        tahun = db.session.get(Periode, p.periode_id).tahun
        return periode_kode.url_code(tahun, p.kode), p.id


def wait(app, job_id: int, seconds: float = 240) -> Job:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with app.app_context():
            job = db.session.get(Job, job_id)
            if job.finished:
                db.session.expunge(job)
                return job
        time.sleep(0.5)
    raise AssertionError("pekerjaan tidak selesai")
