"""Exports for other systems (CSV/XLSX): periods for the Sekda and the admin; ratings and the
rapor index for the Sekda (everyone) and an atasan (own subtree). The admin gets no ratings."""

from flask import request

from portal import access, clock, downloads
from portal.htmx import render
from portal.organisasi import bp, ekspor
from portal.organisasi.common import viewer_id


def _tahun() -> int | None:
    """The year filter of the query string; anything but a year means every year."""
    value = request.args.get("tahun", "")
    return int(value) if value.isdigit() and 1900 < int(value) < 3000 else None


def _suffix(tahun: int | None) -> str:
    return f"-{tahun}" if tahun else f"-{clock.today().isoformat()}"


@bp.get("/ekspor")
@access.any_role("atasan", "sekda", "admin")
def ekspor_index():
    return render("organisasi/ekspor.html", tahun=_tahun(), years=ekspor.years(),
                  periode=access.has_role("sekda") or access.has_role("admin"),
                  penilaian=access.has_role("atasan"), semua=viewer_id() is None)


@bp.get("/ekspor/periode.csv", defaults={"fmt": "csv"})
@bp.get("/ekspor/periode.xlsx", defaults={"fmt": "xlsx"})
@access.any_role("sekda", "admin")
def ekspor_periode(fmt: str):
    return downloads.table(fmt, f"periode-{clock.today().isoformat()}", ekspor.PERIODE_HEADER,
                       ekspor.periode_rows(), sheet="Periode")


@bp.get("/ekspor/penilaian.csv", defaults={"fmt": "csv"})
@bp.get("/ekspor/penilaian.xlsx", defaults={"fmt": "xlsx"})
@access.role("atasan")
def ekspor_penilaian(fmt: str):
    tahun = _tahun()
    return downloads.table(fmt, f"penilaian{_suffix(tahun)}", ekspor.PENILAIAN_HEADER,
                       ekspor.penilaian_rows(viewer_id(), tahun), sheet="Penilaian")


@bp.get("/ekspor/rapor.csv", defaults={"fmt": "csv"})
@bp.get("/ekspor/rapor.xlsx", defaults={"fmt": "xlsx"})
@access.role("atasan")
def ekspor_rapor(fmt: str):
    tahun = _tahun()
    return downloads.table(fmt, f"indeks-rapor{_suffix(tahun)}", ekspor.RAPOR_HEADER,
                       ekspor.rapor_rows(viewer_id(), tahun), sheet="Rapor")
