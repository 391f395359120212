"""Where the bytes of issued documents (and, later, other files) are kept: one small interface,
three backends chosen by configuration.

    store = storage()            # from DOKUMEN_STORAGE
    store.put("dokumen/2026/ab12.pdf", data)
    store.get("dokumen/2026/ab12.pdf")   # bytes, or None when nothing is kept under that key
    store.delete("dokumen/2026/ab12.pdf")

- "database" (default): the `berkas` table; documents are tens of KB and a backup of the
  database then holds them too. Written in the caller's transaction, so a document and its
  register row are committed (or rolled back) together.
- "direktori": files under DOKUMEN_STORAGE_DIR (default `instance/berkas`), written to a
  temporary name and renamed, so a reader never sees half a file.
- "s3": an S3-compatible bucket (DOKUMEN_S3_BUCKET, DOKUMEN_S3_ENDPOINT, credentials from the
  usual AWS_* variables) through boto3, which is imported only when this backend is chosen.

Keys are relative paths of letters, digits, `-`, `_`, `.` and `/`; anything else (`..`, an
absolute path, a backslash) is refused before any backend sees it.
"""
from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import Protocol

from flask import current_app

from portal.extensions import db

_KEY = re.compile(r"^[A-Za-z0-9_\-][A-Za-z0-9_\-./]{0,199}$")


class KunciTidakSah(ValueError):
    """A storage key that could escape its place."""


def check_key(key: str) -> str:
    if not _KEY.match(key or "") or ".." in key.split("/") or "//" in key or key.endswith("/"):
        raise KunciTidakSah(f"kunci penyimpanan tidak sah: {key!r}")
    return key


class Storage(Protocol):
    def put(self, key: str, data: bytes) -> None: ...

    def get(self, key: str) -> bytes | None: ...

    def delete(self, key: str) -> None: ...


class DatabaseStorage:
    """Bytes in the `berkas` table, inside the caller's transaction (the caller commits)."""

    def put(self, key: str, data: bytes) -> None:
        from portal.models import Berkas

        row = db.session.get(Berkas, check_key(key))
        if row is None:
            db.session.add(Berkas(kunci=key, isi=data, ukuran=len(data)))
        else:
            row.isi, row.ukuran = data, len(data)
        db.session.flush()

    def get(self, key: str) -> bytes | None:
        from sqlalchemy import select

        from portal.models import Berkas

        return db.session.scalar(select(Berkas.isi).where(Berkas.kunci == check_key(key)))

    def delete(self, key: str) -> None:
        from sqlalchemy import delete

        from portal.models import Berkas

        db.session.execute(delete(Berkas).where(Berkas.kunci == check_key(key)))


class DirectoryStorage:
    def __init__(self, root: str | Path):
        self.root = Path(root)

    def _path(self, key: str) -> Path:
        return self.root / check_key(key)

    def put(self, key: str, data: bytes) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, partial = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.replace(partial, path)
        except BaseException:
            Path(partial).unlink(missing_ok=True)
            raise

    def get(self, key: str) -> bytes | None:
        path = self._path(key)
        try:
            return path.read_bytes()
        except FileNotFoundError:
            return None

    def delete(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)


class S3Storage:
    """An S3-compatible bucket (AWS, MinIO, Ceph…); tested against moto's server on 127.0.0.1."""

    def __init__(self, bucket: str, endpoint: str | None = None, prefix: str = ""):
        import boto3  # only a deployment that chooses this backend needs boto3 installed

        self.bucket, self.prefix = bucket, prefix.strip("/")
        self.client = boto3.client("s3", endpoint_url=endpoint or None)

    def _name(self, key: str) -> str:
        return f"{self.prefix}/{check_key(key)}" if self.prefix else check_key(key)

    def put(self, key: str, data: bytes) -> None:
        self.client.put_object(Bucket=self.bucket, Key=self._name(key), Body=data)

    def get(self, key: str) -> bytes | None:
        try:
            answer = self.client.get_object(Bucket=self.bucket, Key=self._name(key))
        except self.client.exceptions.NoSuchKey:
            return None
        return answer["Body"].read()

    def delete(self, key: str) -> None:
        self.client.delete_object(Bucket=self.bucket, Key=self._name(key))


def storage() -> Storage:
    """The backend the configuration names (DOKUMEN_STORAGE)."""
    cfg = current_app.config
    kind = cfg.get("DOKUMEN_STORAGE", "database")
    if kind == "direktori":
        return DirectoryStorage(cfg.get("DOKUMEN_STORAGE_DIR")
                                or Path(current_app.instance_path) / "berkas")
    if kind == "s3":
        return S3Storage(cfg["DOKUMEN_S3_BUCKET"], cfg.get("DOKUMEN_S3_ENDPOINT"),
                         cfg.get("DOKUMEN_S3_PREFIX", ""))
    if kind != "database":
        raise RuntimeError(f"DOKUMEN_STORAGE tidak dikenal: {kind!r} "
                           "(pilih database, direktori atau s3)")
    return DatabaseStorage()
