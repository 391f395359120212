"""Reading a fingerprint machine's file, one line at a time: CSV (UTF-8, UTF-8 with BOM, UTF-16
with BOM; anything else is read byte for byte and its unreadable lines reported) or XLSX. No
Flask and no database; memory does not grow with the file.

Columns, found by their header (any case, spaces or underscores): `PIN` or `NIP` (either may be
given; a 18-digit value is taken as a NIP), then `Waktu` (date and time) or `Tanggal` + `Jam`,
and optionally `Perangkat`/`Device`/`Mesin`.
"""
from __future__ import annotations

import codecs
import csv
import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from flask_babel import lazy_gettext as _l

ALIAS = {
    "pin": "pin", "id": "pin", "userid": "pin", "nomor": "pin", "acno": "pin", "enno": "pin",
    "nip": "nip",
    "waktu": "waktu", "timestamp": "waktu", "datetime": "waktu", "tanggaljam": "waktu",
    "checktime": "waktu", "time": "waktu", "waktupresensi": "waktu",
    "tanggal": "tanggal", "date": "tanggal", "jam": "jam", "pukul": "jam",
    "perangkat": "perangkat", "device": "perangkat", "mesin": "perangkat", "sn": "perangkat",
}
XLSX_MAGIC = b"PK\x03\x04"
_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})[ T](\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?$")


class BerkasError(ValueError):
    """The whole file is unusable (not CSV/XLSX, unreadable, columns missing)."""


def _norm(header) -> str:
    return re.sub(r"[\s_\-./]+", "", str(header or "").strip().lower())


def kolom(header: list[str]) -> dict[str, int]:
    """Canonical column -> position; BerkasError when the needed ones are missing."""
    found: dict[str, int] = {}
    for i, h in enumerate(header):
        key = ALIAS.get(_norm(h))
        if key and key not in found:
            found[key] = i
    if "pin" not in found and "nip" not in found:
        raise BerkasError(_l("Kolom PIN atau NIP tidak ada di baris judul."))
    if "waktu" not in found and not ("tanggal" in found and "jam" in found):
        raise BerkasError(_l("Kolom Waktu (atau Tanggal dan Jam) tidak ada di baris judul."))
    return found


def waktu(text: str) -> datetime | None:
    """"2026-11-02 07:21:05", "2026-11-02T07:21", "02/11/2026 07:21:05" -> datetime."""
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        m = _DMY.match(text.strip())
        if not m:
            return None
        d, mo, y, h, mi, s = m.groups()
        try:
            value = datetime(int(y), int(mo), int(d), int(h), int(mi), int(s or 0))
        except ValueError:
            return None
    if value.tzinfo is not None or value.microsecond:
        value = value.replace(tzinfo=None, microsecond=0)
    return value


def baris(path: Path) -> Iterator[tuple[int, list[str]]]:
    """(line number, cells) of every non-empty line, the header included."""
    with path.open("rb") as f:
        head = f.read(4)
    if head.startswith(XLSX_MAGIC):
        yield from _xlsx(path)
    else:
        yield from _csv(path)


def _encoding(path: Path) -> str:
    with path.open("rb") as f:
        sample = f.read(65536)
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if b"\x00" in sample:
        raise BerkasError(_l("Berkas harus CSV atau XLSX."))
    try:
        sample.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        if e.start < len(sample) - 4:  # not just a character cut at the sample's end
            return "cp1252"
    return "utf-8-sig"


def _csv(path: Path) -> Iterator[tuple[int, list[str]]]:
    encoding = _encoding(path)
    with path.open("r", encoding=encoding, errors="replace", newline="") as text:
        first = text.readline()
        delimiter = max((";", ",", "\t"), key=first.count)
        text.seek(0)
        reader = csv.reader(text, delimiter=delimiter)
        try:
            for cells in reader:
                if any(cells):
                    yield reader.line_num, cells
        except csv.Error as e:
            raise BerkasError(_l("Berkas CSV tidak dapat dibaca.")) from e


def _xlsx(path: Path) -> Iterator[tuple[int, list[str]]]:
    from openpyxl import load_workbook

    handle = path.open("rb")  # a file object: openpyxl refuses names without ".xlsx"
    try:
        book = load_workbook(handle, read_only=True, data_only=False)
    except Exception as e:  # noqa: BLE001 - a broken zip or xml is the user's file, not a 500
        handle.close()
        raise BerkasError(_l("Berkas XLSX tidak dapat dibaca.")) from e
    try:
        for number, row in enumerate(book.worksheets[0].iter_rows(values_only=True), start=1):
            cells = [_cell(v) for v in row]
            if any(cells):
                yield number, cells
    except Exception as e:  # noqa: BLE001
        raise BerkasError(_l("Berkas XLSX tidak dapat dibaca.")) from e
    finally:
        book.close()
        handle.close()


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()

