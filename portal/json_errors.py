"""The token API's error answer: JSON with an Indonesian message, also for errors raised outside
its views (portal/errors.py answers /api/ paths with it). Apart from the API blueprint so that the
app-wide error pages need no view module."""
from __future__ import annotations

from flask import jsonify

PESAN = {
    400: "Permintaan tidak valid.",
    401: "Token API tidak ada atau tidak berlaku.",
    403: "Token ini tidak berwenang untuk tindakan ini.",
    404: "Data tidak ditemukan.",
    405: "Metode ini tidak didukung di alamat ini.",
    409: "Data telah diubah oleh orang lain; muat ulang lalu coba lagi.",
    413: "Data yang dikirim terlalu besar.",
    415: "Kirim isi permintaan sebagai JSON (Content-Type: application/json).",
    422: "Isian tidak dapat diterima.",
    429: "Terlalu banyak permintaan; tunggu sebentar lalu coba lagi.",
    500: "Terjadi kesalahan di server; coba lagi sebentar lagi.",
}


def galat(kode: int, pesan: str | None = None, **lain):
    body = {"kode": kode, "pesan": pesan or PESAN.get(kode, PESAN[500]), **lain}
    response = jsonify(body)
    response.status_code = kode
    if kode == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="api"'
    return response
