"""The OpenAPI 3.1 document, built from the code: each API view declares its operation with
`@operasi(...)` (summary, the scope its token needs, parameters, body and answers as JSON
Schema 2020-12, which OpenAPI 3.1 uses as it is); `dokumen()` walks the app's URL map, so a
view without a declaration, or a path that changed, cannot drift from the document."""
from __future__ import annotations

import re

from flask import current_app

from portal.api import skema
from portal.rules import token as token_rules

_PARAM = re.compile(r"<(?:(\w+):)?(\w+)>")
GALAT_UMUM = (401, 403, 429)


def operasi(ringkasan: str, *, cakupan: str | None = None, parameter: list | None = None,
            isi: dict | None = None, jawaban: dict | None = None, publik: bool = False):
    def decorator(view):
        view.openapi = {"ringkasan": ringkasan, "cakupan": cakupan, "parameter": parameter or [],
                        "isi": isi, "jawaban": jawaban or {}, "publik": publik}
        return view

    return decorator


def query(nama: str, schema: dict, keterangan: str) -> dict:
    return {"name": nama, "in": "query", "required": False, "schema": schema,
            "description": keterangan}


def _galat(keterangan: str) -> dict:
    return {"description": keterangan,
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Galat"}}}}


def _json(schema: dict, keterangan: str) -> dict:
    return {"description": keterangan, "content": {"application/json": {"schema": schema}}}


def _operation(view, method: str, path_params: list[str], endpoint: str) -> dict:
    meta = view.openapi
    params = [{"name": p, "in": "path", "required": True,
               "schema": {"type": "integer", "minimum": 1, "maximum": 2**31 - 1}}
              for p in path_params] + meta["parameter"]
    responses = {str(k): _json(v[1], v[0]) for k, v in meta["jawaban"].items()}
    if not meta["publik"]:
        for code in GALAT_UMUM:
            responses.setdefault(str(code), _galat(skema.KETERANGAN_GALAT[code]))
    if path_params:
        responses.setdefault("404", _galat(skema.KETERANGAN_GALAT[404]))
    if meta["parameter"] or meta["isi"]:
        responses.setdefault("400", _galat(skema.KETERANGAN_GALAT[400]))
    op = {"operationId": endpoint.replace("api.", "").replace(".", "_"),
          "summary": meta["ringkasan"], "parameters": params, "responses": responses}
    if meta["cakupan"]:
        op["description"] = f"Cakupan token: `{meta['cakupan']}`."
    op["security"] = [] if meta["publik"] else [{"token": []}]
    if meta["isi"] is not None:
        op["requestBody"] = {"required": True,
                             "content": {"application/json": {"schema": meta["isi"]}}}
        for code in (413, 415, 422):
            responses.setdefault(str(code), _galat(skema.KETERANGAN_GALAT[code]))
    return op


def dokumen() -> dict:
    paths: dict[str, dict] = {}
    for rule in current_app.url_map.iter_rules():
        if not rule.endpoint.startswith("api."):
            continue
        view = current_app.view_functions[rule.endpoint]
        if not hasattr(view, "openapi"):
            raise RuntimeError(f"Endpoint API tanpa @operasi: {rule.endpoint}")
        path = _PARAM.sub(lambda m: "{" + m.group(2) + "}", rule.rule)
        names = [m.group(2) for m in _PARAM.finditer(rule.rule)]
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            paths.setdefault(path, {})[method.lower()] = _operation(view, method, names,
                                                                    rule.endpoint)
    return {
        "openapi": "3.1.0",
        "info": {"title": "Portal Kinerja ASN — API", "version": "1",
                 "description": "Token API untuk sistem lain di pemda. Cakupan token: "
                 + "; ".join(f"`{k}`: {v}" for k, v in token_rules.CAKUPAN.items()) + "."},
        "servers": [{"url": "/"}],
        "paths": dict(sorted(paths.items())),
        "components": {
            "securitySchemes": {"token": {"type": "http", "scheme": "bearer",
                                          "description": "Token dari halaman /token."}},
            "schemas": skema.KOMPONEN,
        },
    }
