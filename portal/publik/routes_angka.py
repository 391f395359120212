"""`/publik`: the region's performance in the last closed period, as a page and as open data
(CSV, JSON) with the time the figures were computed. No names; groups under 5 shown as "< 5"."""
from __future__ import annotations

import json

from flask import current_app, render_template

from portal import access, downloads
from portal.publik import angka, bp
from portal.rules.predikat import PREDIKAT_LABEL

CACHE = "public, max-age=300"


def _cached(response):
    response.headers["Cache-Control"] = CACHE
    return response


@bp.get("/publik")
@access.public
def publik():
    figures, at = angka.figures()
    return _cached(current_app.make_response(render_template(
        "publik/angka.html", f=figures, dihitung=at, predikat=PREDIKAT_LABEL)))


@bp.get("/publik.json")
@access.public
def publik_json():
    figures, at = angka.figures()
    body = json.dumps({"dihitung_pada": at, **(figures or {"periode": None, "wilayah": []})},
                      ensure_ascii=False, separators=(",", ":"))
    return _cached(current_app.response_class(body, mimetype="application/json"))


def _csv_rows(figures: dict, at: str):
    periode = figures["periode"]["label"]
    for w in figures["wilayah"]:
        base = (periode, w["nama"])
        yield (*base, "pegawai", "", w["pegawai"], at)
        yield (*base, "skp_tepat_waktu_persen", "", w["skp_tepat_waktu_persen"], at)
        yield (*base, "hari_kerja_berisi_persen", "", w["hari_kerja_berisi_persen"], at)
        yield (*base, "dinilai", "", w["dinilai"], at)
        yield (*base, "rating_organisasi", "", w["rating_organisasi"] or "", at)
        yield (*base, "sesuai_kurva", "", "" if w["sesuai_kurva"] is None
               else ("ya" if w["sesuai_kurva"] else "tidak"), at)
        for key, value in (w.get("disiplin") or {}).items():
            yield (*base, f"disiplin_{key}", "", value, at)
        for key, n in w["predikat"].items():
            yield (*base, "predikat", PREDIKAT_LABEL[key], n, at)
        for p in w["program"]:
            yield (*base, "rhk_program_prioritas", p["program"], p["rhk"], at)


@bp.get("/publik.csv")
@access.public
def publik_csv():
    figures, at = angka.figures()
    rows = _csv_rows(figures, at) if figures else iter(())
    response = downloads.table("csv", "kinerja-publik", ["periode", "wilayah", "ukuran", "rincian",
                                                     "nilai", "dihitung_pada"], rows)
    return _cached(response)
