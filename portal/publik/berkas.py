"""Is an uploaded file byte for byte the issued document? Read in chunks and hashed while
streaming (memory stays one chunk, time linear in the file), stopped at the size limit."""
from __future__ import annotations

import hashlib
from typing import BinaryIO

CHUNK = 64 * 1024
PDF_MAGIC = b"%PDF-"


def compare(stream: BinaryIO, sha256: str, limit: int) -> str:
    """"cocok", "beda", "bukan_pdf" or "terlalu_besar"."""
    digest, size, first = hashlib.sha256(), 0, True
    while chunk := stream.read(CHUNK):
        if first:
            if not chunk.startswith(PDF_MAGIC):
                return "bukan_pdf"
            first = False
        size += len(chunk)
        if size > limit:
            return "terlalu_besar"
        digest.update(chunk)
    if first:
        return "bukan_pdf"  # an empty file
    return "cocok" if digest.hexdigest() == sha256 else "beda"
