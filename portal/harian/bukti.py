"""Evidence files (bukti dukung): PDF, JPEG or PNG recognized from their first bytes, at most
BUKTI_MAX_BYTES (2 MB by default), kept under `bukti/<random name>` in the document storage
(`portal/dokumen/storage.py`: the database by default, a directory or a bucket by
configuration) and served only as a download.

Through the storage, a file uploaded to one host is downloaded through any other: nothing is
kept in the host's own `instance/` folder. Files stored there by an older release are still read
from `instance/bukti/` (and `flask dokumen pindahkan-berkas` moves them into the storage)."""
from __future__ import annotations

import secrets
from io import BytesIO
from pathlib import Path

from flask import current_app, send_file
from flask_babel import gettext as _

from portal.dokumen.storage import storage
from portal.extensions import db
from portal.models import BuktiDukung

DEFAULT_MAX = 2 * 1024 * 1024
# magic number -> (mime, extensions that may claim it)
MAGIC = (
    (b"%PDF-", "application/pdf", (".pdf",)),
    (b"\x89PNG\r\n\x1a\n", "image/png", (".png",)),
    (b"\xff\xd8\xff", "image/jpeg", (".jpg", ".jpeg")),
)


def legacy_folder() -> Path:
    """Where releases before the shared storage kept evidence (one host's disk)."""
    return Path(current_app.instance_path) / "bukti"


def key(nama_simpan: str) -> str:
    return f"bukti/{nama_simpan}"


def simpan(nama_simpan: str, data: bytes) -> None:
    """Keep the bytes under their random name (in the caller's transaction on the database
    backend, so the file and its row are committed together)."""
    storage().put(key(nama_simpan), data)


def baca(nama_simpan: str) -> bytes | None:
    data = storage().get(key(nama_simpan))
    if data is None:
        old = legacy_folder() / nama_simpan
        if "/" not in nama_simpan and old.is_file():
            return old.read_bytes()
    return data


def hapus(nama_simpan: str) -> None:
    storage().delete(key(nama_simpan))
    if "/" not in nama_simpan:
        (legacy_folder() / nama_simpan).unlink(missing_ok=True)


def unduhan(nama_simpan: str, mime: str, nama: str):
    """The stored file as a private download, or None when it is gone."""
    data = baca(nama_simpan)
    if data is None:
        return None
    response = send_file(BytesIO(data), mimetype=mime, as_attachment=True, download_name=nama,
                         max_age=0)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-store"
    return response


def detect(head: bytes) -> tuple[str, tuple[str, ...]] | None:
    for magic, mime, exts in MAGIC:
        if head.startswith(magic):
            return mime, exts
    return None


def check(name: str, data: bytes, max_bytes: int) -> str | None:
    """Why an upload is refused (an Indonesian message), or None."""
    if not name:
        return _("Pilih berkas yang akan diunggah.")
    if "/" in name or "\\" in name or name.startswith(".") or "\x00" in name:
        return _("Nama berkas tidak boleh memuat folder atau path; ganti nama berkasnya.")
    if len(data) > max_bytes:
        return _("Berkas terlalu besar: paling besar %(mb)s MB.",
                 mb=f"{max_bytes / 1024 / 1024:g}")
    if not data:
        return _("Berkas kosong.")
    found = detect(data[:16])
    if found is None:
        return _("Jenis berkas tidak didukung: hanya PDF, JPEG atau PNG.")
    if Path(name).suffix.lower() not in found[1]:
        return _("Isi berkas tidak sesuai dengan jenis pada namanya (%(ext)s).",
                 ext=Path(name).suffix or "-")
    return None


def clean_name(name: str) -> str:
    keep = "".join(c for c in name if c.isalnum() or c in " ._-()")
    return keep.strip()[:200] or "bukti"


def save(form, owner_id: int, *, progres_id: int | None = None,
         realisasi_periode_id: int | None = None) -> str | None:
    """Store the form's file; answers an error message (also put on the field) or None."""
    storage = form.berkas.data
    max_bytes = current_app.config.get("BUKTI_MAX_BYTES", DEFAULT_MAX)
    name = getattr(storage, "filename", "") or ""
    data = storage.stream.read(max_bytes + 1) if storage else b""
    error = check(name, data, max_bytes)
    if error:
        form.berkas.errors = [error]
        return error
    mime, exts = detect(data[:16])
    stored = secrets.token_hex(16) + exts[0]
    simpan(stored, data)
    db.session.add(BuktiDukung(pemilik_id=owner_id, progres_id=progres_id,
                               realisasi_periode_id=realisasi_periode_id,
                               nama_asli=clean_name(name), nama_simpan=stored, mime=mime,
                               ukuran=len(data)))
    db.session.commit()
    return None


def send(bukti: BuktiDukung):
    return unduhan(bukti.nama_simpan, bukti.mime, bukti.nama_asli)


def remove(bukti: BuktiDukung) -> None:
    hapus(bukti.nama_simpan)
    db.session.delete(bukti)
