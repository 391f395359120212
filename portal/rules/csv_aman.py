"""CSV and XLSX that a spreadsheet opens without running anything (CSV/formula injection).

A cell whose text starts with `=`, `+`, `-` or `@` (or a tab or carriage return, which some
spreadsheets skip before reading a formula) is prefixed with an apostrophe, so it is shown as
text. Numbers stay numbers. `stream` writes CSV line by line, `xlsx` a one-sheet workbook; every
download of the portal goes through one of the two.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r")
# Excel reads UTF-8 only when the file starts with a byte-order mark.
BOM = "\ufeff"


def escape_cell(value):
    """The value as it is safe to write into a cell (CSV or XLSX); non-strings pass unchanged."""
    if isinstance(value, str) and value.startswith(DANGEROUS_START):
        return "'" + value
    return value


def unescape_cell(value: str) -> str:
    """Reverse of `escape_cell` for a re-imported cell: drop the apostrophe we added."""
    if value.startswith("'") and value[1:].startswith(DANGEROUS_START):
        return value[1:]
    return value


def cell(value) -> str | int | float:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        return value
    return escape_cell(str(value))


def row(values: Iterable) -> list:
    return [cell(v) for v in values]


def stream(header: Iterable[str], rows: Iterable[Iterable]) -> Iterator[str]:
    """The CSV text in pieces of one line, for a streamed response."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def take() -> str:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate(0)
        return text

    writer.writerow(row(header))
    yield BOM + take()
    for values in rows:
        writer.writerow(row(values))
        yield take()


def xlsx(title: str, header: Iterable[str], rows: Iterable[Iterable], text_only: bool = False
         ) -> bytes:
    """A one-sheet workbook (openpyxl write-only mode: rows are not kept in memory as cells).
    With `text_only` every cell is written as text, so an 18-digit NIP keeps its digits even
    where a caller passed it as a number."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title[:31])
    sheet.append(row(header))
    for values in rows:
        if text_only:
            values = ("" if v is None else str(v) for v in values)
        sheet.append(row(values))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
