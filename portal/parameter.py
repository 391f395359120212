"""One parser for the date, week, year and id parameters of a query string.

A parameter that is absent gives None (the page's default). One that is present but malformed
answers 400, and an id beyond any row 404, each with a message that names the parameter — never
a 500 from a date that overflows or an integer the database cannot hold.
"""
from __future__ import annotations

from datetime import date

from flask import abort, make_response, request
from flask_babel import gettext as _

from portal.access import MAX_ID
from portal.rules.hari_kerja import parse_minggu
from portal.rules.tanggal import TAHUN_MAX, TAHUN_MIN, parse_tahun, parse_tanggal


def _refuse(code: int, message: str):
    from portal.errors import render_error

    abort(make_response(render_error(code, message)))


def _raw(name: str) -> str | None:
    value = request.args.get(name)
    return None if value is None or not value.strip() else value.strip()


def id_arg(name: str) -> int | None:
    raw = _raw(name)
    if raw is None:
        return None
    if not raw.isdigit():
        _refuse(400, _("Parameter %(p)s harus berupa nomor.", p=name))
    if not 0 < int(raw) <= MAX_ID:
        _refuse(404, _("Data dengan nomor %(p)s itu tidak ada.", p=name))
    return int(raw)


def tanggal_arg(name: str) -> date | None:
    raw = _raw(name)
    if raw is None:
        return None
    try:
        return parse_tanggal(raw)
    except ValueError:
        _refuse(400, _("Parameter %(p)s harus tanggal YYYY-MM-DD antara tahun %(a)s dan %(b)s.",
                       p=name, a=TAHUN_MIN, b=TAHUN_MAX))


def minggu_arg(name: str = "minggu") -> date | None:
    """The Monday of the ISO week named like 2026-W48."""
    raw = _raw(name)
    if raw is None:
        return None
    monday = parse_minggu(raw)
    if monday is None:
        _refuse(400, _("Parameter %(p)s harus minggu seperti 2026-W48, antara tahun %(a)s dan "
                       "%(b)s.", p=name, a=TAHUN_MIN, b=TAHUN_MAX))
    return monday


def tahun_arg(name: str = "tahun", source=None) -> int | None:
    raw = (source or request.args).get(name)
    if raw is None or not raw.strip():
        return None
    try:
        return parse_tahun(raw)
    except ValueError:
        _refuse(400, _("Parameter %(p)s harus tahun antara %(a)s dan %(b)s.", p=name,
                       a=TAHUN_MIN, b=TAHUN_MAX))
