"""The live portal's demo database for the browser tests: the snapshot taken after seeding and
restored before each test, and small look-ups the flows need (a working day, the triwulan being
rated, the text of a downloaded PDF)."""
from __future__ import annotations

from datetime import timedelta

from portal import clock


def workday(pegawai_id: int) -> str:
    """Today unless it is a weekend, holiday, leave day or closed; then the working day before."""
    from portal.harian import kalender

    kal = kalender.kalender(pegawai_id)
    day = clock.today()
    while not (kal.terbuka(day) and kal.hari_kerja(day)):
        day -= timedelta(days=1)
    return day.isoformat()


def last_rated_code() -> str:
    """The sub-period supervisors rate now (the demo rated it for everyone but one person)."""
    from portal.penilaian.periode import default_kode

    return default_kode().teks


def copy(app, to_memory: bool = False, source=None):
    """SQLite's backup API: the live database into memory, or a memory copy back into the file
    (with every pooled connection closed first, so no thread holds a stale page)."""
    import sqlite3

    from portal.extensions import db

    with app.app_context():
        db.session.remove()
        db.engine.dispose()
        path = db.engine.url.database
    file = sqlite3.connect(path)
    try:
        if to_memory:
            memory = sqlite3.connect(":memory:", check_same_thread=False)
            file.backup(memory)
            return memory
        source.backup(file)
        return source
    finally:
        file.close()


def pdf_text(data: bytes) -> str:
    """The text of a PDF, whitespace collapsed (a valid, readable document or an exception)."""
    import io

    from pypdf import PdfReader

    assert data.startswith(b"%PDF-"), data[:80]
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(data)).pages)
