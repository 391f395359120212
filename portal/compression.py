"""Compression: static files once per process at the smallest size, pages and fragments per
response at a level chosen by their size, and the fingerprints that let a file be cached forever.

flask-compress stays the fallback for what is not handled here (streamed responses); a body
compressed here carries Content-Encoding, which flask-compress leaves alone.
"""
from __future__ import annotations

import gzip
import hashlib
from functools import cache
from pathlib import Path

import brotli
from flask import current_app, request, url_for

# Below this a body is sent as it is (flask-compress's COMPRESS_MIN_SIZE, the same setting).
# Up to SMALL bytes (the daily entry's answer is ~1.7 KB) brotli 3 / gzip 4 cost ~50 µs and
# give within 10% of brotli 5's size, which costs ~150 µs; larger pages keep the configured
# levels (COMPRESS_BR_LEVEL, COMPRESS_LEVEL), where the saved bytes are worth the time.
SMALL = 16 * 1024
SMALL_LEVELS = {"br": 3, "gzip": 4}


@cache
def _fingerprint(static_folder: str, filename: str) -> str:
    data = (Path(static_folder) / filename).read_bytes()
    return hashlib.sha256(data).hexdigest()[:12]


# Text-like static files worth compressing (the favicon compresses from 1150 to ~80 bytes).
COMPRESSIBLE = {"text/css", "text/javascript", "application/javascript", "image/svg+xml",
                "image/x-icon", "image/vnd.microsoft.icon"}


@cache
def _compressed(static_folder: str, filename: str, version: str, encoding: str) -> bytes:
    """Compress a static file once per process and version, at the slowest, smallest level
    (brotli 11 takes ~50 ms for htmx, so never per request). `version` keys the cache to the
    file's content, and the set of keys is bounded by the files that exist."""
    data = (Path(static_folder) / filename).read_bytes()
    if encoding == "br":
        return brotli.compress(data, quality=11)
    return gzip.compress(data, 9, mtime=0)


def precompressed(response, filename: str):
    """Replace a static file response by its brotli or gzip form when the browser accepts one;
    flask-compress then leaves it alone (it already carries Content-Encoding)."""
    if response.status_code == 304:  # no body goes out: close the opened file now
        _close(response.response)
        response.response = []
    if response.status_code != 200 or response.mimetype not in COMPRESSIBLE:
        return response
    encodings = request.accept_encodings
    encoding = "br" if encodings["br"] else "gzip" if encodings["gzip"] else None
    response.vary.add("Accept-Encoding")
    if encoding is None:
        return response
    folder = current_app.static_folder
    body = _compressed(folder, filename, _fingerprint(folder, filename), encoding)
    etag, _weak = response.get_etag()
    file = response.response
    response.direct_passthrough = False
    response.set_data(body)
    _close(file)
    response.headers["Content-Encoding"] = encoding
    if etag:  # the same file in another encoding: a weak validator still answers 304
        response.set_etag(etag, weak=True)
    return response


def _close(body) -> None:
    if hasattr(body, "close"):
        body.close()


def static_url(filename: str) -> str:
    """URL of a static file carrying its content hash, so it can be cached forever."""
    try:
        version = _fingerprint(current_app.static_folder, filename)
    except OSError:
        version = "0"
    return url_for("static", filename=filename, v=version)


def by_size(response):
    """after_request: compress a page or fragment (not streamed, not already encoded) with
    brotli or gzip at a level that suits its size."""
    config = current_app.config
    if (response.status_code < 200 or response.status_code >= 300 or response.is_streamed
            or response.direct_passthrough or "Content-Encoding" in response.headers
            or response.mimetype not in config["COMPRESS_MIMETYPES"]):
        return response
    encodings = request.accept_encodings
    encoding = "br" if encodings["br"] else "gzip" if encodings["gzip"] else None
    response.vary.add("Accept-Encoding")
    data = response.get_data()
    if encoding is None or len(data) < config["COMPRESS_MIN_SIZE"]:
        return response
    small = len(data) <= SMALL
    if encoding == "br":
        body = brotli.compress(data, quality=SMALL_LEVELS["br"] if small
                               else config["COMPRESS_BR_LEVEL"])
    else:
        body = gzip.compress(data, SMALL_LEVELS["gzip"] if small else config["COMPRESS_LEVEL"],
                             mtime=0)
    response.set_data(body)
    response.headers["Content-Encoding"] = encoding
    etag, weak = response.get_etag()
    if etag and not weak:  # the same content in another encoding is another entity
        response.set_etag(f"{etag}:{encoding}")
    return response
