"""The Sekda's distribution check: predikat counts per OPD and for the whole instansi.

Counts come from one aggregate statement (GROUP BY OPD and predikat); the OPD of a person is
the top unit of the seat they held at the end of the period (or today, if earlier).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import and_, func, select

from portal import clock
from portal.extensions import db
from portal.models import Instansi, Jabatan, Penilaian, RatingOrganisasi, RiwayatJabatan, UnitKerja
from portal.orgtree import holder_current
from portal.penilaian.periode import Kode
from portal.rules import kurva
from portal.rules.predikat import PREDIKAT_LABEL
from portal.rules.tanggal import tanggal_indonesia

BAR_MAX = 220  # width in SVG units of the longest bar


@dataclass
class Baris:
    """One organization's distribution: an OPD, or the instansi when `unit` is None."""

    unit: UnitKerja | None
    counts: dict[str, int]
    rating: RatingOrganisasi | None
    rating_sendiri: bool  # the OPD has its own rating (else the instansi's is used)
    warnings: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def nama(self) -> str:
        return self.unit.nama if self.unit else "Seluruh instansi"

    def bars(self) -> list[tuple[str, int, int]]:
        """(label, count, bar width) per predikat, for the SVG chart."""
        top = max(self.counts.values(), default=0) or 1
        return [(label, self.counts.get(key, 0), round(self.counts.get(key, 0) * BAR_MAX / top))
                for key, label in PREDIKAT_LABEL.items()]


def _opd_map():
    """CTE: every unit id with the id of its top unit (OPD)."""
    m = (select(UnitKerja.id.label("uid"), UnitKerja.id.label("opd"))
         .where(UnitKerja.induk_id.is_(None)).cte("opd_map", recursive=True))
    return m.union_all(select(UnitKerja.id, m.c.opd).join(m, UnitKerja.induk_id == m.c.uid))


def counts(kode: Kode) -> dict[int, dict[str, int]]:
    ref = min(kode.selesai, clock.today())
    m = _opd_map()
    q = (select(m.c.opd, Penilaian.predikat, func.count(Penilaian.id))
         .select_from(Penilaian)
         .join(RiwayatJabatan, and_(RiwayatJabatan.pegawai_id == Penilaian.pegawai_id,
                                    holder_current(ref)))
         .join(Jabatan, Jabatan.id == RiwayatJabatan.jabatan_id)
         .join(m, m.c.uid == Jabatan.unit_id)
         .where(Penilaian.periode_id == kode.periode.id, Penilaian.kode == kode.kode)
         .group_by(m.c.opd, Penilaian.predikat))
    out: dict[int, dict[str, int]] = {}
    for opd, pred, n in db.session.execute(q):
        out.setdefault(opd, {})[pred] = n
    return out


def opds() -> list[UnitKerja]:
    return list(db.session.scalars(select(UnitKerja).where(
        UnitKerja.induk_id.is_(None), UnitKerja.aktif).order_by(UnitKerja.id)))


def ratings(kode: Kode) -> dict[int | None, RatingOrganisasi]:
    rows = db.session.scalars(select(RatingOrganisasi).where(
        RatingOrganisasi.periode_id == kode.periode.id, RatingOrganisasi.kode == kode.kode))
    return {r.unit_id: r for r in rows}


def distribusi(kode: Kode) -> tuple[Baris, list[Baris]]:
    """(the instansi, one row per OPD), each with its warnings; four statements in all."""
    by_opd, by_unit = counts(kode), ratings(kode)
    instansi_rating = by_unit.get(None)
    rows = []
    for unit in opds():
        c = by_opd.get(unit.id, {})
        own = by_unit.get(unit.id)
        rating = own or instansi_rating
        rows.append(Baris(unit, c, rating, own is not None,
                          kurva.check(rating.rating if rating else None, c)))
    total: dict[str, int] = {}
    for c in by_opd.values():
        for k, n in c.items():
            total[k] = total.get(k, 0) + n
    whole = Baris(None, total, instansi_rating, True,
                  kurva.check(instansi_rating.rating if instansi_rating else None, total))
    return whole, rows


def set_rating(kode: Kode, unit_id: int | None, rating: str, justifikasi: str | None,
               oleh_id: int) -> tuple[RatingOrganisasi, dict | None]:
    row = ratings(kode).get(unit_id)
    before = {"rating": row.rating, "justifikasi": row.justifikasi} if row else None
    if row is None:
        row = RatingOrganisasi(periode_id=kode.periode.id, kode=kode.kode, unit_id=unit_id)
        db.session.add(row)
    row.rating, row.justifikasi, row.oleh_id = rating, justifikasi or None, oleh_id
    db.session.flush()
    return row, before


def penetapan(k: Kode, sekda) -> tuple:
    """The distribution of a period and what the Format Penetapan PDF prints beside it."""
    whole, rows = distribusi(k)
    instansi = db.session.scalar(select(Instansi).limit(1))
    context = dict(k=k, whole=whole, rows=rows, instansi=instansi, sekda=sekda,
                   tanggal=tanggal_indonesia(clock.today()), mulai=tanggal_indonesia(k.mulai),
                   selesai=tanggal_indonesia(k.selesai),
                   rating_org_label=lambda key: kurva.RATING_ORGANISASI_LABEL.get(key or "", "-"))
    return whole, rows, context
