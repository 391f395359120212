"""What the TPP views share: reading a month from the query string."""
from __future__ import annotations

from datetime import date

from portal.tpp.formulir import bulan


def bulan_dari(text: str | None, default: date) -> date:
    """"2026-11" -> 1 Nov 2026; anything else (or a month after `default`) -> `default`."""
    chosen = bulan(text or "")
    return chosen if chosen is not None and chosen <= default else default


def opd_pilihan() -> list[tuple[int, str]]:
    """The OPDs (top units) a run can be limited to."""
    from sqlalchemy import select

    from portal.extensions import db
    from portal.models import UnitKerja

    return [tuple(r) for r in db.session.execute(
        select(UnitKerja.id, UnitKerja.nama).where(UnitKerja.induk_id.is_(None),
                                                   UnitKerja.aktif).order_by(UnitKerja.nama))]


def rupiah(value) -> str:
    """Rp 1.234.567 (a negative amount with a minus sign)."""
    from portal.rules.tpp import rp

    return rp(int(value or 0))


def nama_bulan(value: date) -> str:
    from flask_babel import format_date

    return format_date(value, "MMMM y")
