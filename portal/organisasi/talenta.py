"""Talent search: employees by their predikat history, position, golongan, unit and time in
their current position. One statement for the page of results, one for the count."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import case, desc, func, select

from portal import audit
from portal.extensions import db
from portal.idempotency import once
from portal.models import (
    DaftarPendek,
    DaftarPendekAnggota,
    Jabatan,
    Pegawai,
    Penilaian,
    Periode,
)
from portal.models.penilaian import TAHUNAN
from portal.organisasi.ekspor import nama_lengkap, unit_paths
from portal.organisasi.services import population
from portal.rules.golongan import GOLONGAN_PNS, pangkat_of
from portal.rules.predikat import PREDIKAT_LABEL

SORTS = ("nama", "golongan", "lama", "predikat")


@dataclass
class Kriteria:
    predikat: str | None = None
    minimal: int = 1          # at least this many times …
    dari_terakhir: int = 3    # … among the last N annual ratings on record
    jenis: str | None = None
    eselon: str | None = None
    golongan_min: str | None = None
    golongan_max: str | None = None
    opd_id: int | None = None
    lama_tahun: int | None = None  # years in the current position, at least
    urut: str = "nama"

    def impossible(self) -> str | None:
        """A hint when the filters cannot match anyone, instead of an error."""
        if self.predikat and self.minimal > self.dari_terakhir:
            return "Jumlah minimal predikat melebihi jumlah periode yang diperiksa."
        if self.golongan_min and self.golongan_max and \
                GOLONGAN_PNS.index(self.golongan_min) > GOLONGAN_PNS.index(self.golongan_max):
            return "Golongan terendah lebih tinggi dari golongan tertinggi."
        if self.jenis and self.jenis != "struktural" and self.eselon:
            return "Eselon hanya berlaku untuk jabatan struktural."
        return None


def golongan_rank():
    return case({g: i for i, g in enumerate(GOLONGAN_PNS)}, value=Pegawai.golongan, else_=-1)


def _query(k: Kriteria, viewer_id: int | None, today: date):
    pop = population(viewer_id, today, with_opd=bool(k.opd_id))
    recent_years = (select(Periode.tahun).join(Penilaian, Penilaian.periode_id == Periode.id)
                    .where(Penilaian.kode == TAHUNAN).distinct()
                    .order_by(Periode.tahun.desc()).limit(k.dari_terakhir))
    history = (select(Penilaian.pegawai_id, func.count().label("n"))
               .join(Periode, Periode.id == Penilaian.periode_id)
               .where(Penilaian.kode == TAHUNAN, Penilaian.predikat == (k.predikat or ""),
                      Periode.tahun.in_(recent_years))
               .group_by(Penilaian.pegawai_id).subquery("hist"))
    hits = func.coalesce(history.c.n, 0)
    conds = [Pegawai.aktif]
    if k.predikat:
        conds.append(hits >= k.minimal)
    if k.jenis:
        conds.append(pop.c.jenis == k.jenis)
    if k.eselon:
        conds.append(pop.c.eselon == k.eselon)
    if k.golongan_min or k.golongan_max:
        lo = GOLONGAN_PNS.index(k.golongan_min) if k.golongan_min else 0
        hi = GOLONGAN_PNS.index(k.golongan_max) if k.golongan_max else len(GOLONGAN_PNS) - 1
        conds += [Pegawai.status == "PNS", golongan_rank().between(lo, hi)]
    if k.opd_id:
        conds.append(pop.c.opd_id == k.opd_id)
    if k.lama_tahun:
        conds.append(pop.c.mulai <= date(today.year - k.lama_tahun, today.month,
                                         min(today.day, 28)))
    q = (select(Pegawai, Jabatan, pop.c.mulai, hits.label("hits"))
         .join(pop, pop.c.pegawai_id == Pegawai.id)
         .join(Jabatan, Jabatan.id == pop.c.jabatan_id)
         .outerjoin(history, history.c.pegawai_id == Pegawai.id)
         .where(*conds))
    # For counting and ordering the ids: no seat row (its filters are in `pop`), and the
    # rating history only when a filter or the order uses it.
    ids = select(Pegawai.id).join(pop, pop.c.pegawai_id == Pegawai.id)
    if k.predikat or k.urut == "predikat":
        ids = ids.outerjoin(history, history.c.pegawai_id == Pegawai.id)
    return q, hits, pop, ids.where(*conds)


def _order(k: Kriteria, hits, pop):
    order = {"nama": (Pegawai.nama,), "golongan": (desc(golongan_rank()), Pegawai.nama),
             "lama": (pop.c.mulai, Pegawai.nama), "predikat": (desc(hits), Pegawai.nama)}
    return order.get(k.urut, order["nama"])


def search(k: Kriteria, viewer_id: int | None, today: date, page: int = 1, per_page: int = 25):
    if k.impossible():
        return [], 0
    q, hits, pop, counted = _query(k, viewer_id, today)
    total = db.session.scalar(select(func.count()).select_from(counted.subquery()))
    # The page's ids first (a narrow sort of the matches), then their rows: sorting the full
    # rows of ~30,000 matches spilled to disk at the size of a province.
    ids = list(db.session.scalars(
        counted.order_by(*_order(k, hits, pop)).limit(per_page).offset((page - 1) * per_page)))
    found = {r[0].id: r for r in db.session.execute(q.where(Pegawai.id.in_(ids))).all()} \
        if ids else {}
    return [found[i] for i in ids if i in found], total


EXPORT_HEADER = ["NIP", "Nama", "Status", "Pangkat", "Golongan", "Jabatan", "Jenis Jabatan",
                 "Eselon", "Unit Kerja", "Menjabat Sejak"]


def export_header(k: Kriteria) -> list[str]:
    if not k.predikat:
        return EXPORT_HEADER
    return EXPORT_HEADER + [f"Jumlah Predikat {PREDIKAT_LABEL.get(k.predikat, k.predikat)} "
                            f"({k.dari_terakhir} Tahun Terakhir)"]


def export_rows(k: Kriteria, viewer_id: int | None, today: date):
    """Every match in the page's order, as plain cells: one statement read in batches plus
    the unit names, whatever the number of rows (no entity loaded per row)."""
    if k.impossible():
        return
    q, hits, pop, _ids = _query(k, viewer_id, today)
    q = q.with_only_columns(
        Pegawai.nip, Pegawai.gelar_depan, Pegawai.nama, Pegawai.gelar_belakang, Pegawai.status,
        Pegawai.golongan, Jabatan.nama.label("jabatan"), Jabatan.jenis, Jabatan.eselon,
        Jabatan.unit_id, pop.c.mulai, hits.label("hits"), maintain_column_froms=True)
    paths = unit_paths()
    result = db.session.execute(q.order_by(*_order(k, hits, pop))
                                .execution_options(yield_per=500))
    for r in result:
        cells = [r.nip, nama_lengkap(r.gelar_depan, r.nama, r.gelar_belakang), r.status,
                 pangkat_of(r.status, r.golongan) or "", r.golongan or "", r.jabatan, r.jenis,
                 r.eselon or "", paths.get(r.unit_id, ""), r.mulai.isoformat()]
        yield cells + [r.hits] if k.predikat else cells


def create_shortlist(pemilik_id: int, kunci: str, anggota: list[int], **fields) -> DaftarPendek:
    """A private shortlist with its members, audited, once per form (its idempotency key)."""
    def build() -> DaftarPendek:
        daftar = DaftarPendek(pemilik_id=pemilik_id, kunci=kunci, **fields)
        daftar.anggota = [DaftarPendekAnggota(pegawai_id=pid) for pid in anggota]
        db.session.add(daftar)
        db.session.flush()
        audit.record("daftar_pendek_dibuat", "daftar_pendek", daftar.id,
                     sesudah={"nama": daftar.nama, "anggota": anggota})
        return daftar

    daftar, _created = once(DaftarPendek, "pemilik_id", pemilik_id, kunci, build)
    return daftar
