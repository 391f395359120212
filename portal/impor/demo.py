"""Demo data of the import: the sample file docs/contoh-impor.csv (a new Dinas Perhubungan)
uploaded by the admin and waiting in preview, so `make run` shows a preview to confirm."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select

from portal import ROOT
from portal.extensions import db
from portal.impor import services
from portal.impor.berkas import read_rows
from portal.models import ImporPratinjau

SAMPLE = ROOT / "docs" / "contoh-impor.csv"


def seed(people: dict, today: date) -> None:
    if db.session.scalar(select(ImporPratinjau.id).where(
            ImporPratinjau.nama_berkas == SAMPLE.name)) is not None:
        return
    lines = read_rows(SAMPLE.read_bytes(), SAMPLE.name)
    services.create_pending(lines, SAMPLE.name, people["admin"].id, today)
