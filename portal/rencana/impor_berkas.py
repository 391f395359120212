"""The uploaded file of a daily-entry import (impor_entri.py): its rows read lazily from CSV or
XLSX, and the file kept in the shared storage between the preview and the apply."""
from __future__ import annotations

import csv
import io
import secrets
from collections.abc import Iterator
from contextlib import suppress

from flask_babel import gettext as _

from portal.dokumen.storage import KunciTidakSah, storage
from portal.extensions import db

XLSX_MAGIC = b"PK\x03\x04"


class BerkasDitolak(ValueError):
    """The whole file is unusable; the message says why."""


def baris(data: bytes, filename: str) -> Iterator[tuple[int, list[str]]]:
    """The file's rows as (line number, cells), read lazily; BerkasDitolak when it is not a
    readable CSV or XLSX."""
    name = (filename or "").lower()
    if data.startswith(XLSX_MAGIC) or name.endswith(".xlsx"):
        yield from _xlsx(data)
    elif name.endswith((".csv", ".txt")):
        if b"\x00" in data[:4096]:
            raise BerkasDitolak(_("Berkas harus CSV atau XLSX dari templat."))
        try:
            text = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8-sig", newline="")
            first = text.readline()
            delimiter = ";" if first.count(";") > first.count(",") else ","
            yield 1, next(csv.reader([first], delimiter=delimiter), [])
            reader = csv.reader(text, delimiter=delimiter)
            for row in reader:
                yield reader.line_num + 1, row
        except (UnicodeDecodeError, csv.Error) as e:
            raise BerkasDitolak(_("Berkas CSV harus UTF-8 dan dapat dibaca.")) from e
    else:
        raise BerkasDitolak(_("Berkas harus CSV atau XLSX dari templat."))


def _xlsx(data: bytes) -> Iterator[tuple[int, list[str]]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as e:  # noqa: BLE001 - any broken zip/xml is the user's file, not a 500
        raise BerkasDitolak(_("Berkas XLSX tidak dapat dibaca.")) from e
    try:
        for number, row in enumerate(book.worksheets[0].iter_rows(values_only=True), start=1):
            yield number, ["" if v is None else (str(int(v)) if isinstance(v, float) and
                                                 v.is_integer() else str(v)) for v in row]
    except BerkasDitolak:
        raise
    except Exception as e:  # noqa: BLE001
        raise BerkasDitolak(_("Berkas XLSX tidak dapat dibaca.")) from e
    finally:
        book.close()


def _key(pegawai_id: int, token: str) -> str:
    return f"impor-entri/{pegawai_id}-{token}"


def simpan_berkas(pegawai_id: int, data: bytes, filename: str) -> str:
    """Keep the uploaded file until it is applied, in the shared storage: the apply may be
    served by another worker or another host."""
    token = secrets.token_urlsafe(16)
    suffix = ".xlsx" if data.startswith(XLSX_MAGIC) or filename.lower().endswith(".xlsx") \
        else ".csv"
    storage().put(_key(pegawai_id, token + suffix), data)
    db.session.commit()
    return token + suffix


def baca_berkas(pegawai_id: int, token: str) -> bytes | None:
    """The stored file of this person, or None (someone else's token is simply absent)."""
    if not token or "/" in token or "\\" in token or not token.endswith((".csv", ".xlsx")):
        return None
    try:
        return storage().get(_key(pegawai_id, token))
    except KunciTidakSah:
        return None


def hapus_berkas(pegawai_id: int, token: str) -> None:
    with suppress(KunciTidakSah):
        storage().delete(_key(pegawai_id, token))
        db.session.commit()
