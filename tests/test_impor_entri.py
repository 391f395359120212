"""Import of daily entries from the template: preview with a message per wrong line, all or
nothing, the same file twice adds nothing, a month round-trips, memory linear in the file."""
from __future__ import annotations

import csv
import io
import re
import tracemalloc
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from portal import clock
from portal.extensions import db
from portal.harian.kalender import kalender
from portal.models import ProgresHarian, RencanaAksi
from portal.rencana import impor_entri
from portal.rules.tanggal import BULAN
from tests.conftest import QueryCounter

HEADER = list(impor_entri.KOLOM)


def _csv(rows) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(HEADER)
    writer.writerows(rows)
    return out.getvalue().encode()


def _days(app, pid) -> list[date]:
    """Working days of this month so far that the person may still fill (oldest first)."""
    with app.app_context():
        kal = kalender(pid)
        today = clock.today()
        days = [today.replace(day=1) + timedelta(days=i) for i in range(today.day)]
        return [d for d in days if kal.hari_kerja(d) and kal.terbuka(d)]


def _kode(app, pid, bulan: int | None = None) -> str | None:
    today = clock.today()
    with app.app_context():
        ra = db.session.scalar(select(RencanaAksi).where(
            RencanaAksi.pegawai_id == pid, RencanaAksi.tahun == today.year,
            RencanaAksi.bulan == (bulan or today.month)).order_by(RencanaAksi.id))
        return ra.kode if ra else None


def _count(app, pid) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count(ProgresHarian.id)).where(
            ProgresHarian.pegawai_id == pid))


def _upload(client, data: bytes, name="entri.csv"):
    return client.post("/harian/impor", data={"berkas": (io.BytesIO(data), name)},
                       content_type="multipart/form-data")


def test_a_month_of_entries_round_trips_and_twice_adds_nothing(client, auth, app, demo):
    pid = demo.persona("pegawai")
    days = _days(app, pid)
    if not days:
        pytest.skip("belum ada hari kerja terbuka bulan ini")
    kode = _kode(app, pid)
    rows = [[d.isoformat(), kode, f"Rekap kasus harian {d.day}", "2", "WFO",
             "https://drive.example.go.id/x"] for d in days]
    rows += [[days[0].strftime("%d/%m/%Y"), kode.lower(), "Rapat koordinasi", "", "", ""]]
    auth.login_as("pegawai")
    before = _count(app, pid)
    r = _upload(client, _csv(rows))
    html = r.get_data(as_text=True)
    assert r.status_code == 200, html
    assert f"{len(rows)} entri baru" in html and "Simpan" in html
    assert _count(app, pid) == before  # a preview saves nothing
    token = re.search(r'/harian/impor/([^/"]+)/terapkan', html).group(1)
    r = client.post(f"/harian/impor/{token}/terapkan")
    assert r.status_code == 303 and _count(app, pid) == before + len(rows)
    with app.app_context():
        saved = db.session.scalars(select(ProgresHarian).where(
            ProgresHarian.pegawai_id == pid, ProgresHarian.uraian.like("Rekap kasus harian%")))
        assert {e.tanggal for e in saved} == set(days)
    # The same file again: all already there, nothing to apply.
    r = _upload(client, _csv(rows))
    html = r.get_data(as_text=True)
    assert f"0 entri baru, {len(rows)} sudah ada" in html and "/terapkan" not in html
    assert _count(app, pid) == before + len(rows)


def test_each_wrong_line_has_its_message_and_nothing_is_saved(client, auth, app, demo):
    pid = demo.persona("pegawai")
    days = _days(app, pid)
    if not days:
        pytest.skip("belum ada hari kerja terbuka bulan ini")
    kode = _kode(app, pid)
    other = _kode(app, demo.persona("pegawai_b"))
    good = [days[-1].isoformat(), kode, "Baik", "1", "WFO", ""]
    rows = [good,
            [days[-1].isoformat(), "RA-999999", "Kode asing", "", "", ""],
            [days[-1].isoformat(), other, "Kode orang lain", "", "", ""],
            ["2001-01-02", kode, "Kode bulan lain", "", "", ""],
            [(clock.today() + timedelta(days=3)).isoformat(), kode, "Masa depan", "", "", ""],
            ["kemarin", kode, "Tanggal salah", "", "", ""],
            [days[-1].isoformat(), kode, "=HYPERLINK(\"http://x\")", "", "", ""],
            good,
            [days[-1].isoformat(), kode, "Output salah", "dua", "", ""],
            [days[-1].isoformat(), kode, "Mode salah", "", "WFX", ""]]
    old = _kode(app, pid, 1) if clock.today().month > 2 else None
    if old:  # January was planned and is locked by now (the entry deadline has passed)
        rows.append([date(clock.today().year, 1, 14).isoformat(), old, "Lama", "", "", ""])
    auth.login_as("pegawai")
    before = _count(app, pid)
    r = _upload(client, _csv(rows))
    html = r.get_data(as_text=True)
    assert r.status_code == 422 and "/terapkan" not in html
    for line, message in ((3, "tidak dikenal"), (4, "tidak dikenal"), (5, "bukan bulan"),
                          (6, "masa depan"), (7, "Tanggal tidak dikenali"), (8, "rumus"),
                          (9, "duplikat"), (10, "Output harus angka"), (11, "Mode harus")):
        assert f"Baris {line}: <span class=\"err\">" in html, line
        assert message in html, message
    month = f"{BULAN[clock.today().month - 1]} {clock.today().year}"  # "November 2026"
    assert f"untuk bulan {month}, bukan" in html  # the month by its name, never 2026-11
    if old:
        assert "Baris 12" in html and "di luar bulan yang masih terbuka" in html
    assert _count(app, pid) == before


@pytest.mark.parametrize("data,name,message", [
    (b"", "kosong.csv", "Pilih berkas"),
    (b"a;b\n1;2\n", "lain.csv", "judul kolom templat"),
    (b"\x00\x01binary", "x.csv", "CSV atau XLSX"),
    (b"PK\x03\x04rusak", "x.xlsx", "XLSX tidak dapat dibaca"),
    (b"Tanggal;Kode", "x.pdf", "CSV atau XLSX"),
])
def test_unusable_files_are_refused_with_a_message(client, auth, app, demo, data, name,
                                                   message):
    auth.login_as("pegawai")
    r = _upload(client, data, name)
    assert r.status_code == 422 and message in r.get_data(as_text=True)


def test_xlsx_template_downloads_and_imports(client, auth, app, demo):
    pid = demo.persona("pegawai")
    days = _days(app, pid)
    if not days:
        pytest.skip("belum ada hari kerja terbuka bulan ini")
    auth.login_as("pegawai")
    r = client.get("/harian/impor/templat.xlsx")
    assert r.status_code == 200 and r.data.startswith(b"PK")
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(r.data))
    sheet = book.worksheets[0]
    assert [c.value for c in sheet[1]] == HEADER
    sheet.cell(row=2, column=1, value=days[-1].isoformat())
    sheet.cell(row=2, column=3, value="Dari lembar kerja")
    sheet.cell(row=3, column=1, value=days[-1].isoformat())
    sheet.cell(row=3, column=3, value="=1+1")
    out = io.BytesIO()
    book.save(out)
    r = _upload(client, out.getvalue(), "entri.xlsx")
    html = r.get_data(as_text=True)
    assert r.status_code == 422 and "Baris 3" in html and "rumus" in html
    assert "1 entri baru" in html
    assert client.get("/harian/impor/templat.csv").data.startswith("\ufeff".encode())


def test_preview_statements_do_not_grow_with_the_rows(app, demo):
    pid = demo.persona("pegawai")
    days = _days(app, pid)
    if not days:
        pytest.skip("belum ada hari kerja terbuka bulan ini")
    kode = _kode(app, pid)
    counts = []
    for n in (5, 200):
        data = _csv([[days[i % len(days)].isoformat(), kode, f"Pekerjaan {i}", "1", "WFO", ""]
                     for i in range(n)])
        with app.test_request_context(), QueryCounter(db.engine) as counter:
            hasil = impor_entri.periksa(pid, data, "x.csv")
        assert hasil.baru == n
        counts.append(len(counter.statements))
    assert counts[0] == counts[1]


@pytest.mark.sqlite_only  # memory does not depend on the database: one pass is enough
def test_100000_rows_are_checked_in_memory_linear_in_the_file(app, demo):
    pid = demo.persona("pegawai")
    days = _days(app, pid)
    if not days:
        pytest.skip("belum ada hari kerja terbuka bulan ini")
    kode = _kode(app, pid)
    lines = [";".join(HEADER)] + [f"{days[i % len(days)].isoformat()};{kode};Pekerjaan nomor {i};"
                                  f"{i % 7};WFO;" for i in range(100_000)]
    data = "\n".join(lines).encode()
    del lines
    assert len(data) > 4_000_000
    with app.test_request_context():
        tracemalloc.start()
        try:
            hasil = impor_entri.periksa(pid, data, "besar.csv")
            _current, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert hasil.baru == 100_000 and hasil.salah == 0
    # The file itself, the set of row keys (duplicates are found across the whole file) and
    # the capped list of messages; no row objects are kept.
    assert peak < 6 * len(data), (peak, len(data))
