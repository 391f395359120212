"""The OpenAPI 3.1 document and request validation, by spectree
(https://github.com/0b01001001/spectree) with the pydantic models of portal/api/skema.py.

Each API view is declared with `@operasi(...)`: its docstring gives the summary (first line)
and the description (the rest, where the token's scope is named), its models the query, body,
headers and answers; the token's scope is also the operation's security requirement (OpenAPI
3.1 allows names beside a bearer scheme). spectree walks the app's URL map for the document
(only views declared here: `mode="strict"`), so a path or model that changes changes the
document with it. Refusals keep the portal's own shape and words (`Galat`): spectree's default
answer to invalid input is replaced by `_sebelum`, which answers 415 for a body that is not JSON,
400 for malformed JSON or a bad query parameter, 422 with Indonesian messages per field."""
from __future__ import annotations

from flask import abort, current_app, request
from pydantic import ValidationError
from spectree import Response, SecurityScheme, SecuritySchemeData, SpecTree

from portal.api.skema import Galat
from portal.json_errors import galat
from portal.rules import token as token_rules

KETERANGAN_GALAT = {
    400: "Parameter atau isi tidak valid",
    401: "Token tidak ada, tidak dikenal, kedaluwarsa atau dicabut",
    403: "Cakupan token atau hak pemiliknya tidak cukup",
    404: "Data tidak ditemukan",
    413: "Isi terlalu besar",
    415: "Isi bukan JSON",
    422: "Isian ditolak (pesan per isian di `kesalahan`)",
    429: "Batas permintaan per menit terlampaui",
}


def _sebelum(req, resp, err: ValidationError | None, _instance, _adapter) -> None:
    """Runs after spectree's validation, before the view: invalid input answered as the portal
    answers (the status spectree would use: 400 for query-only operations, else 422)."""
    if _punya_isi() and not req.is_json:
        abort(galat(415))
    if err is None:
        return
    if _punya_isi() and not isinstance(req.get_json(silent=True), dict):
        abort(galat(400, "Isi permintaan harus objek JSON yang sah."))
    kesalahan: dict[str, list[str]] = {}
    for e in err.errors(include_url=False):
        kesalahan.setdefault(_letak(e["loc"]), []).append(_pesan(e))
    status = resp.status_code
    pesan = "Parameter tidak valid: " + ", ".join(kesalahan) + "." if status == 400 else None
    abort(galat(status, pesan, kesalahan=kesalahan))


def _sesudah(_req, _resp, err: ValidationError | None, _instance, _adapter) -> None:
    """An answer that breaks its own document is the portal's bug: logged, and answered as
    any server error (not spectree's list of errors)."""
    if err is not None:
        current_app.logger.error("Jawaban API tidak sesuai dokumen: %s", err.errors())
        abort(500)


def _punya_isi() -> bool:
    """Whether this operation takes a JSON body (spectree's own record of the view)."""
    meta = api.get_function_metadata(current_app.view_functions[request.endpoint])
    return meta is not None and meta.json is not None


def _letak(loc: tuple) -> str:
    """`rekaman.3.pin` for the third item of a list (people count from one)."""
    return ".".join(str(p + 1) if isinstance(p, int) else str(p) for p in loc) or "isi"


def _angka(v) -> str:
    return str(int(v)) if isinstance(v, int | float) and float(v).is_integer() else str(v)


def _pesan(e: dict) -> str:
    """pydantic's error, in the portal's words."""
    ctx, jenis = e.get("ctx") or {}, e["type"]
    pesan = {
        "missing": "Wajib diisi.",
        "string_type": "Harus berupa teks.",
        "int_type": "Harus berupa bilangan bulat.",
        "int_parsing": "Harus berupa bilangan bulat.",
        "float_type": "Harus berupa angka.",
        "date_type": "Harus tanggal YYYY-MM-DD.",
        "list_type": "Harus berupa daftar.",
        "model_type": "Harus berupa objek JSON.",
        "model_attributes_type": "Harus berupa objek JSON.",
        "literal_error": "Pilih salah satu: "
        + str(ctx.get("expected", "")).replace(" or ", " atau ") + ".",
        "greater_than_equal": f"Paling kecil {_angka(ctx.get('ge'))}.",
        "less_than_equal": f"Paling besar {_angka(ctx.get('le'))}.",
        "string_too_short": "Tidak boleh kosong.",
        "string_too_long": f"Paling banyak {ctx.get('max_length')} karakter.",
        "too_short": f"Paling sedikit {ctx.get('min_length')} butir.",
        "too_long": f"Paling banyak {ctx.get('max_length')} butir.",
    }
    if jenis.startswith("date_"):
        return "Harus tanggal YYYY-MM-DD."
    return pesan.get(jenis, "Isian tidak valid.")


api = SpecTree(
    "flask", mode="strict", before=_sebelum, after=_sesudah,
    validation_error_status=422, validation_error_model=Galat,
    naming_strategy=lambda model: model.__name__,
    nested_naming_strategy=lambda _parent, child: child,
    title="Portal Kinerja ASN — API", version="1", page_templates={},
    description="Token API untuk sistem lain di pemda. Cakupan token: "
    + "; ".join(f"`{k}`: {v}" for k, v in token_rules.CAKUPAN.items()) + ".",
    security_schemes=[SecurityScheme(name="token", data=SecuritySchemeData(
        type="http", scheme="bearer", description="Token dari halaman /token."))],
)


def operasi(*, cakupan: str | None = None, jawaban: dict, query=None, json=None, headers=None,
            path: bool = False, publik: bool = False):
    """spectree's `validate` with what every API operation shares: the refusals it may answer
    (in the `Galat` shape), and the token's scope as its security requirement."""
    codes = {f"HTTP_{k}": v for k, v in jawaban.items()}
    galat_codes = [] if publik else [401, 403, 429]
    galat_codes += [404] if path else []
    galat_codes += [400] if query is not None or json is not None else []
    galat_codes += [413, 415, 422] if json is not None else []
    for code in galat_codes:
        codes.setdefault(f"HTTP_{code}", (Galat, KETERANGAN_GALAT[code]))

    def decorator(view):
        return api.validate(
            query=query, json=json, headers=headers, resp=Response(**codes),
            security=[] if publik else {"token": [cakupan] if cakupan else []},
            validation_error_status=422 if json is not None or headers is not None else 400,
            operation_id=view.__name__)(view)

    return decorator
