"""Machine files: preview lists every line it cannot use, apply is all or nothing, the same file
twice changes nothing, and files in other encodings, XLSX and night shifts are read right."""
from __future__ import annotations

import io
import re
from datetime import date, datetime

import pytest
from sqlalchemy import delete, func, select

from portal import ROOT, clock
from portal.extensions import db
from portal.models import ImporPresensi, Presensi

SAMPLE = ROOT / "docs" / "contoh-presensi-mesin.csv"


@pytest.fixture
def admin(client, auth, demo, app):
    """The admin, on 20 November 2026, with no presensi recorded yet (the demo's removed)."""
    with app.app_context():
        db.session.execute(delete(Presensi))
        db.session.commit()
    clock.freeze(datetime(2026, 11, 20, 10, 0))
    auth.login_as("admin")
    return client  # the suite's own fixture puts the clock back after the test


def _upload(client, data: bytes, name: str = "mesin.csv"):
    r = client.post("/admin/presensi/impor", data={"berkas": (io.BytesIO(data), name)},
                    content_type="multipart/form-data")
    if r.status_code != 303:
        return r, None
    return client.get(r.headers["Location"]), r.headers["Location"].rsplit("/", 1)[1]


def _apply(client, token):
    return client.post(f"/admin/presensi/impor/{token}/terapkan", data={"konfirmasi": "ya"})


def _days(app, start=date(2026, 11, 2), end=date(2026, 11, 4)):
    with app.app_context():
        return {(r.pegawai_id, r.tanggal): (r.datang, r.pulang) for r in db.session.scalars(
            select(Presensi).where(Presensi.tanggal.between(start, end)))}


def test_sample_file_preview_then_apply_then_the_same_file_again(admin, app, demo):
    page, token = _upload(admin, SAMPLE.read_bytes(), SAMPLE.name)
    html = page.get_data(as_text=True)
    assert "19 baris dibaca, 17 dipakai, 4 pegawai" in html
    assert "Baris 18: PIN atau NIP tidak dikenal: 9999." in html
    assert "Baris 12: Baris ganda (sama dengan baris 11); dipakai sekali." in html
    assert _days(app) == {}  # nothing saved before the apply
    assert _apply(admin, token).status_code == 303
    days = _days(app)
    andi, siti = demo["staf_surv1"], demo["staf_surv2"]
    assert days[(andi, date(2026, 11, 2))] == (datetime(2026, 11, 2, 7, 21, 5),
                                               datetime(2026, 11, 2, 16, 3, 40))
    assert days[(siti, date(2026, 11, 3))][0] == datetime(2026, 11, 3, 8, 41, 7)
    assert days[(andi, date(2026, 11, 4))][1] == datetime(2026, 11, 4, 16, 9)  # by NIP
    assert "17 baris dipakai, 8 hari presensi baru atau berubah" in \
        admin.get(f"/admin/presensi/impor/{token}").get_data(as_text=True)
    # The same file again: preview says so, apply changes nothing.
    page, again = _upload(admin, SAMPLE.read_bytes(), SAMPLE.name)
    assert "menerapkannya lagi tidak mengubah apa pun" in page.get_data(as_text=True)
    _apply(admin, again)
    assert _days(app) == days
    assert "0 hari presensi baru atau berubah" in \
        admin.get(f"/admin/presensi/impor/{again}").get_data(as_text=True)
    # Applying one preview twice is refused, not repeated.
    _apply(admin, again)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(ImporPresensi)) == 2


def test_every_bad_line_has_one_message_and_good_lines_still_apply(admin, app, demo):
    nip = demo.nip["staf_surv1"]
    data = ("NIP;Tanggal;Jam\n"
            f"{nip};2026-11-02;07:20\n"
            f";2026-11-02;07:20\n"
            f"{nip};kemarin;07:20\n"
            f"{nip};2026-11-25;07:20\n"
            f"{nip};2026-11-07;09:00\n"
            "123456789012345678;2026-11-02;07:20\n"
            f"{nip};02/11/2026;16:10\n").encode()
    page, token = _upload(admin, data)
    html = page.get_data(as_text=True)
    for line, message in ((3, "Kolom PIN/NIP atau waktu kosong."),
                          (4, "Waktu tidak terbaca: kemarin 07:20"),
                          (5, "Waktu di masa depan: 2026-11-25 07:20."),
                          (6, "Di luar hari kerja pegawai (2026-11-07); tetap dicatat."),
                          (7, "PIN atau NIP tidak dikenal: 123456789012345678.")):
        assert f"Baris {line}: {message}" in html, message
    _apply(admin, token)
    days = _days(app, end=date(2026, 11, 8))
    assert days[(demo["staf_surv1"], date(2026, 11, 2))] == (datetime(2026, 11, 2, 7, 20),
                                                            datetime(2026, 11, 2, 16, 10))
    assert (demo["staf_surv1"], date(2026, 11, 7)) in days


def test_a_closed_month_is_not_touched(admin, app, demo):
    admin.post("/admin/presensi/bulan", data={"bulan": "2026-11", "aksi": "tutup",
                                             "konfirmasi": "ya"})
    page, token = _upload(admin, SAMPLE.read_bytes(), SAMPLE.name)
    assert "Bulan November 2026 sudah ditutup; baris tidak dipakai." in page.get_data(as_text=True)
    _apply(admin, token)
    assert _days(app) == {}


def test_other_encodings_and_xlsx(admin, app, demo):
    text = ("PIN,Waktu\n1001,2026-11-02 07:10:00\n1001,2026-11-02 16:20:00\n"
            "1002,2026-11-02 07:1\xe9\n")
    page, token = _upload(admin, text.encode("utf-16"))
    assert "2 dipakai" in page.get_data(as_text=True)
    page, token = _upload(admin, text.encode("cp1252"))
    html = page.get_data(as_text=True)
    assert "2 dipakai" in html and "Baris 4: Waktu tidak terbaca" in html
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["PIN", "Waktu", "Perangkat"])
    sheet.append([1001, datetime(2026, 11, 3, 7, 5), "X"])
    sheet.append([1001, datetime(2026, 11, 3, 16, 30), "X"])
    out = io.BytesIO()
    book.save(out)
    page, token = _upload(admin, out.getvalue(), "mesin.xlsx")
    assert "2 dipakai" in page.get_data(as_text=True)
    _apply(admin, token)
    assert _days(app)[(demo["staf_surv1"], date(2026, 11, 3))] == (
        datetime(2026, 11, 3, 7, 5), datetime(2026, 11, 3, 16, 30))


@pytest.mark.parametrize(("data", "message"), [
    (b"", "Berkas kosong."),
    (b"Nama,Jam\nAndi,07:00\n", "Kolom PIN atau NIP tidak ada"),
    (b"PIN,Perangkat\n1001,X\n", "Kolom Waktu (atau Tanggal dan Jam) tidak ada"),
    (b"PK\x03\x04garbage", "Berkas XLSX tidak dapat dibaca."),
    (b"\x00\x01\x02binary", "Berkas harus CSV atau XLSX."),
])
def test_unusable_files_get_one_message(admin, data, message):
    r, token = _upload(admin, data)
    assert token is None and r.status_code == 422
    assert message in r.get_data(as_text=True)


def test_night_shift_punch_before_noon_closes_yesterday(admin, app, demo):
    nurse = demo.nip["staf_rujukan1"]
    data = f"NIP,Waktu\n{nurse},2026-11-02 20:58\n{nurse},2026-11-03 07:04\n".encode()
    _page, token = _upload(admin, data)
    _apply(admin, token)
    assert _days(app)[(demo["staf_rujukan1"], date(2026, 11, 2))] == (
        datetime(2026, 11, 2, 20, 58), datetime(2026, 11, 3, 7, 4))


def test_import_keeps_earliest_and_latest_across_files(admin, app, demo):
    _page, t1 = _upload(admin, b"PIN,Waktu\n1001,2026-11-02 12:00\n")
    _apply(admin, t1)
    assert _days(app)[(demo["staf_surv1"], date(2026, 11, 2))] == (
        datetime(2026, 11, 2, 12, 0), None)
    _page, t2 = _upload(admin, b"PIN,Waktu\n1001,2026-11-02 16:30\n1001,2026-11-02 07:10\n")
    _apply(admin, t2)
    assert _days(app)[(demo["staf_surv1"], date(2026, 11, 2))] == (
        datetime(2026, 11, 2, 7, 10), datetime(2026, 11, 2, 16, 30))


def test_messages_kept_are_bounded_whatever_the_file(admin):
    lines = "".join(f"{9000 + i},2026-11-02 07:00\n" for i in range(1500))
    page, _token = _upload(admin, ("PIN,Waktu\n" + lines).encode())
    html = page.get_data(as_text=True)
    assert len(re.findall(r"Baris \d+: PIN atau NIP tidak dikenal", html)) == 100
    assert "… dan 1400 baris lain." in html


@pytest.mark.parametrize("cols", [{"nip": 0, "waktu": 1}, {"pin": 2, "waktu": 0},
                                  {"nip": 1, "waktu": 1}])
def test_the_one_id_column_reader_reads_as_the_general_one(cols):
    """The usual file (one id column, one time column) has its own quicker reader; it must
    read every line as the general one does, short and padded lines included."""
    from portal.presensi.mesin_baca import _columns

    def general(cells):
        ident = ""
        for i in [cols[k] for k in ("pin", "nip") if k in cols]:
            if i < len(cells) and cells[i].strip():
                ident = cells[i].strip()
                break
        at = cols["waktu"]
        return ident, cells[at].strip() if at < len(cells) else ""

    read = _columns(cols)
    for cells in ([], [""], [" 1990 "], ["a", " 2026-11-02 07:21:05 "], ["x", "y", " 77 ", "z"],
                  [" ", " ", " "], ["199001012015011001", "2026-11-02T07:21", "M1", "extra"]):
        assert read(cells) == general(cells), cells


@pytest.mark.parametrize("chunk", [None, 1])
def test_a_second_file_writes_only_the_days_it_moves(admin, app, demo, monkeypatch, chunk):
    """Only person-days whose jam datang or jam pulang move are written and counted (on
    PostgreSQL they are picked before the insert); a punch inside the stored span changes
    nothing, a later one moves jam pulang alone and keeps jam datang's source. With chunks of
    one person-day a day's two punches are merged in two chunks and still counted once."""
    import json

    from portal.presensi import mesin_tulis

    if chunk:
        monkeypatch.setattr(mesin_tulis, "COPY_CHUNK", chunk)
        monkeypatch.setattr(mesin_tulis, "BATCH", chunk)
    _page, t1 = _upload(admin, b"PIN,Waktu\n1001,2026-11-02 07:10\n1001,2026-11-02 16:30\n"
                               b"1001,2026-11-03 07:20\n")
    _apply(admin, t1)
    # October's calendar is first asked for between two chunks
    _page, t2 = _upload(admin, b"PIN,Waktu\n1001,2026-11-02 12:00\n1001,2026-11-03 16:05\n"
                               b"1001,2026-11-04 07:00\n1001,2026-10-30 07:05\n")
    _apply(admin, t2)
    with app.app_context():
        rows = {r.tanggal.day: (r.datang, r.pulang, r.sumber_datang, r.sumber_pulang)
                for r in db.session.scalars(select(Presensi).where(
                    Presensi.pegawai_id == demo["staf_surv1"]))}
        first = db.session.scalar(select(ImporPresensi).where(ImporPresensi.token == t1))
        second = db.session.scalar(select(ImporPresensi).where(ImporPresensi.token == t2))
    assert rows == {
        2: (datetime(2026, 11, 2, 7, 10), datetime(2026, 11, 2, 16, 30), "mesin", "mesin"),
        3: (datetime(2026, 11, 3, 7, 20), datetime(2026, 11, 3, 16, 5), "mesin", "mesin"),
        4: (datetime(2026, 11, 4, 7, 0), None, "mesin", None),
        30: (datetime(2026, 10, 30, 7, 5), None, "mesin", None)}
    assert json.loads(first.ringkasan_json)["diubah"] == 2
    assert json.loads(second.ringkasan_json)["diubah"] == 3
