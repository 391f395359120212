"""Reading and writing the employee file (CSV or XLSX): the columns, the header matching and
the cells. No Flask and no database here."""
from __future__ import annotations

import contextlib
import csv
import io
import re
from dataclasses import dataclass

from flask_babel import gettext
from flask_babel import lazy_gettext as _l

from portal.rules.csv_aman import escape_cell, unescape_cell, xlsx

# Canonical key -> header written on export (the import matches headers loosely).
KOLOM = {
    "nip": "NIP", "nama": "Nama", "gelar_depan": "Gelar Depan",
    "gelar_belakang": "Gelar Belakang", "pangkat": "Pangkat", "golongan": "Golongan",
    "status": "Status", "jabatan": "Jabatan", "jenis_jabatan": "Jenis Jabatan",
    "eselon": "Eselon", "unit": "Unit Kerja", "nip_atasan": "NIP Atasan",
    "fleksibel": "Fleksibel",
}
WAJIB = ("nip", "nama", "golongan", "status", "jabatan", "jenis_jabatan", "unit")
ALIAS = {"unit": "unit", "unitpath": "unit", "pathunit": "unit", "nipatasan": "nip_atasan",
         "jenis": "jenis_jabatan"}
XLSX_MAGIC = b"PK\x03\x04"


def _norm(header: str) -> str:
    return re.sub(r"[\s_\-./]+", "", str(header or "").strip().lower())


HEADER_KEYS = {_norm(label): key for key, label in KOLOM.items()} | ALIAS


class BerkasError(ValueError):
    """The whole file is unusable (not CSV/XLSX, unreadable, columns missing)."""


@dataclass
class Baris:
    """One data line: its line number in the file and its cells by canonical key."""

    nomor: int
    sel: dict[str, str]
    formula: list[str]


def read_rows(data: bytes, filename: str) -> list[Baris]:
    """Parse CSV or XLSX content into rows; raise BerkasError for a file-level problem."""
    name = (filename or "").lower()
    if data.startswith(XLSX_MAGIC) or name.endswith(".xlsx"):
        table = _xlsx_table(data)
    elif name.endswith(".csv") or name.endswith(".txt"):
        table = _csv_table(data)
    else:
        raise BerkasError(_l("Berkas harus CSV atau XLSX."))
    return _rows(table)


def _csv_table(data: bytes) -> list[tuple[int, list[str]]]:
    if b"\x00" in data[:4096]:
        raise BerkasError(_l("Berkas harus CSV atau XLSX."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise BerkasError(_l("Berkas CSV harus berkodekan UTF-8.")) from e
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    with contextlib.suppress(csv.Error):
        delimiter = csv.Sniffer().sniff(first, delimiters=";,").delimiter
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return [(reader.line_num, row) for row in reader]
    except csv.Error as e:
        raise BerkasError(_l("Berkas CSV tidak dapat dibaca.")) from e


def _xlsx_table(data: bytes) -> list[tuple[int, list[str]]]:
    from openpyxl import load_workbook

    try:
        # openpyxl never computes formulas; with data_only=False a formula cell reads as its
        # text ("=SUM(…)"), which the import reports as an invalid cell instead of using it.
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as e:  # noqa: BLE001  (any broken zip/xml is the user's file, not a 500)
        raise BerkasError(_l("Berkas XLSX tidak dapat dibaca.")) from e
    try:
        sheet = book.worksheets[0]
        table = []
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            table.append((number, [_xlsx_text(v) for v in row]))
        return table
    except Exception as e:  # noqa: BLE001
        raise BerkasError(_l("Berkas XLSX tidak dapat dibaca.")) from e
    finally:
        book.close()


def _xlsx_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _rows(table: list[tuple[int, list[str]]]) -> list[Baris]:
    table = [(n, cells) for n, cells in table if any(str(c).strip() for c in cells)]
    if not table:
        raise BerkasError(_l("Berkas kosong."))
    header_line, header = table[0]
    keys = [HEADER_KEYS.get(_norm(h)) for h in header]
    missing = [KOLOM[k] for k in WAJIB if k not in keys]
    if missing:
        # Eager gettext: a lazy string renders as markup and the names come from the file.
        raise BerkasError(gettext("Kolom wajib tidak ada: %(kolom)s.", kolom=", ".join(missing)))
    rows = []
    for number, cells in table[1:]:
        sel, formula = {}, []
        for key, raw in zip(keys, cells, strict=False):
            if key is None:
                continue
            value = str(raw).strip()
            if value.startswith("="):
                formula.append(KOLOM[key])
            sel[key] = unescape_cell(value)
        for key in KOLOM:
            sel.setdefault(key, "")
        rows.append(Baris(number, sel, formula))
    return rows


def write_csv(records: list[dict], kolom: dict[str, str] | None = None) -> bytes:
    kolom = kolom or KOLOM
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(kolom.values())
    for r in records:
        writer.writerow([escape_cell(r.get(k) or "") for k in kolom])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def write_xlsx(records: list[dict]) -> bytes:
    # Text cells only: NIPs keep their 18 digits, nothing becomes a number or a formula.
    return xlsx("Pegawai", KOLOM.values(), ([r.get(k) or "" for k in KOLOM] for r in records),
                text_only=True)
