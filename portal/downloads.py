"""Tabular downloads (CSV and XLSX) for other systems and for spreadsheets.

One helper for every export view: the CSV is streamed line by line from the rows the caller
yields (an aggregate query, read in batches), the XLSX is built in openpyxl's write-only mode;
every cell goes through `rules.csv_aman`, and the file is an attachment with a file name.
Headers and values stay Indonesian whatever the interface language: other systems read them.
"""
from __future__ import annotations

from collections.abc import Iterable

from flask import Response, stream_with_context

from portal.rules import csv_aman

FORMATS = ("csv", "xlsx")
MIME = {"csv": "text/csv; charset=utf-8",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def attachment(body, mimetype: str, filename: str) -> Response:
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "no-store"  # personal data: never kept by a proxy
    return response


def table(fmt: str, basename: str, header: list[str], rows: Iterable[Iterable],
          sheet: str = "Data") -> Response:
    """`basename.csv` or `basename.xlsx` holding `header` and `rows`."""
    if fmt == "xlsx":
        body = csv_aman.xlsx(sheet, header, rows)
    else:
        body = stream_with_context(csv_aman.stream(header, rows))
    return attachment(body, MIME[fmt], f"{basename}.{fmt}")
