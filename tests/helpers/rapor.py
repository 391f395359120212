"""The rapor in tests: a rated seksi, waiting for a job."""
from __future__ import annotations

import io
import json
import time
from datetime import datetime

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from portal import clock, orgtree
from portal.extensions import db
from portal.models import (
    Job,
    Pegawai,
    Penilaian,
    Periode,
    Skp,
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


def pdf_text(data: bytes) -> tuple[str, list[str]]:
    pages = [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(data)).pages]
    return " ".join(pages), pages


# The Seksi Surveilans rated for the last finished triwulan, as these tests read it back:
# person key -> (hasil kerja, perilaku kerja, predikat, catatan)
RATINGS = {
    "staf_surv1": ("di_atas", "di_atas", "sangat_baik",
                   "Laporan surveilans selalu tepat waktu; pertahankan dan bimbing rekan."),
    "staf_surv2": ("sesuai", "sesuai", "baik", "Tingkatkan kelengkapan data imunisasi desa."),
    "staf_surv3": ("sesuai", "di_atas", "baik", "Kerja sama lintas program sangat baik."),
}


@pytest.fixture(autouse=True)
def surveilans_rated(app, demo):
    """Replace the demo's ratings of the seksi with the ones above (frozen identities)."""

    from portal.rapor.identitas import snapshot

    today = clock.today()
    with app.app_context():
        subs = [s for p in db.session.scalars(select(Periode)) for s in p.sub_periode
                if s.selesai < today]
        sub = max(subs, key=lambda s: s.selesai)
        for key, (hasil, perilaku, predikat, catatan) in RATINGS.items():
            person = db.session.get(Pegawai, demo[key])
            rated = db.session.scalar(select(Penilaian).where(
                Penilaian.pegawai_id == person.id, Penilaian.periode_id == sub.periode_id,
                Penilaian.kode == sub.kode))
            with db.session.no_autoflush:
                skp = db.session.scalar(select(Skp).where(
                    Skp.pegawai_id == person.id, Skp.periode_id == sub.periode_id,
                    Skp.status == "disetujui"))
                chain = orgtree.atasan_chain_ids(person)
            if rated is None:  # the demo leaves one report for the kepala seksi to rate
                rated = Penilaian(pegawai_id=person.id, periode_id=sub.periode_id,
                                  kode=sub.kode, sub_periode_id=sub.id)
                db.session.add(rated)
            rated.skp_id = skp.id if skp else None
            rated.penilai_id, rated.atasan_penilai_id = chain[0], chain[1]
            rated.hasil_kerja, rated.perilaku_kerja, rated.predikat = hasil, perilaku, predikat
            rated.catatan, rated.capaian_organisasi = catatan, "baik"
            with db.session.no_autoflush:
                rated.identitas = json.dumps(snapshot(person, orgtree.current_seat(person.id)),
                                             ensure_ascii=False)
            rated.dinilai_pada = datetime.combine(sub.selesai, datetime.min.time())
        db.session.commit()
