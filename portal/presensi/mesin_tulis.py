"""Writing a machine file's punches: the first and last punch of each person-day, merged with
what is stored (a punch only ever moves jam datang earlier or jam pulang later, so the same file
twice changes nothing). PostgreSQL: COPY into a temporary table, then one grouped insert of the
person-days that change, in index order; SQLite (tests, small installs): batches of `BATCH`.
"""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, Integer, case, column, func, literal, select, table

from portal import clock
from portal.extensions import db
from portal.models import Presensi

BATCH = 4000
COPY_CHUNK = 20_000  # person-days per COPY (and the most held at once)
STAGING = table("presensi_masuk", column("pegawai_id", Integer), column("tanggal", Date),
                column("datang", DateTime), column("pulang", DateTime))


def tulis(punches) -> int:
    """Merge (pegawai, day, time) punches into `presensi`; the person-days inserted or changed.
    The caller commits (all or nothing)."""
    if db.session.get_bind().dialect.name == "postgresql":
        return _copy_then_merge(punches)
    # The person-days written, so that one split over two batches is counted once (a set as
    # large as the file's person-days: SQLite serves small installations).
    written: set[tuple[int, date]] = set()
    for batch in _spans(punches, BATCH):
        written.update(_merge_batch(batch))
    return len(written)


def _spans(punches, size: int):
    """The earliest and latest punch of each person-day, `size` person-days at a time (the
    last chunk may be smaller; none is empty). The caller writes a chunk before more lines are
    read."""
    span: dict[tuple[int, date], list[datetime]] = {}
    for pid, day, ts in punches:
        known = span.get((pid, day))
        if known is None:
            span[(pid, day)] = [ts, ts]
            if len(span) >= size:
                yield span
                span = {}
        elif ts < known[0]:
            known[0] = ts
        elif ts > known[1]:
            known[1] = ts
    if span:
        yield span


def _copy_then_merge(punches) -> int:
    connection = db.session.connection()
    # One commit at the end, and the import can be repeated (it is idempotent): a crash in the
    # moment after that commit may lose it, never half of it; the fsync is not waited for.
    connection.exec_driver_sql("SET LOCAL synchronous_commit = off")
    connection.exec_driver_sql(
        "CREATE TEMPORARY TABLE presensi_masuk (pegawai_id integer, tanggal date, "
        "datang timestamp, pulang timestamp) ON COMMIT DROP")
    raw = connection.connection.driver_connection
    # Reading a line may ask the database (a month's calendar the first time it is met), which
    # cannot happen while a COPY holds the connection: punches are gathered per person-day (the
    # earliest and latest) and copied in chunks in between. A person-day split over two chunks
    # is joined again by the grouped merge.
    for span in _spans(punches, COPY_CHUNK):
        _copy(raw, span)
    from sqlalchemy.dialects.postgresql import insert

    # A month of a province groups and sorts a million person-days: in memory, not in
    # temporary files.
    connection.exec_driver_sql("SET LOCAL work_mem = '128MB'")
    staged = (select(STAGING.c.pegawai_id, STAGING.c.tanggal,
                     func.min(STAGING.c.datang).label("lo"),
                     func.max(STAGING.c.pulang).label("hi"))
              .group_by(STAGING.c.pegawai_id, STAGING.c.tanggal).subquery("baru"))
    old = Presensi.__table__.alias("lama")
    new_hi = case((staged.c.hi > staged.c.lo, staged.c.hi))
    *_merged, changes = _gabung(old.c, staged.c.lo, new_hi)
    # Only the person-days that the merge would change (a file imported again changes none, and
    # an ON CONFLICT that finds its row still locks and rewrites it), in the order of the unique
    # index (pegawai, tanggal): each index page is visited once, not at random, and a person's
    # month lands on neighbouring heap pages.
    rows = (select(staged.c.pegawai_id, staged.c.tanggal, staged.c.lo, new_hi,
                   literal("mesin"), case((staged.c.hi > staged.c.lo, literal("mesin"))),
                   literal(clock.utcnow()))
            .select_from(staged.outerjoin(old, (old.c.pegawai_id == staged.c.pegawai_id)
                                          & (old.c.tanggal == staged.c.tanggal)))
            .where(old.c.id.is_(None) | changes)
            .order_by(staged.c.pegawai_id, staged.c.tanggal))
    stmt = insert(Presensi).from_select(
        ["pegawai_id", "tanggal", "datang", "pulang", "sumber_datang", "sumber_pulang",
         "diubah_pada"], rows)
    # Counted through RETURNING: the driver reports no row count for INSERT … SELECT here. The
    # ON CONFLICT stays: a check-in committed after this statement's snapshot began.
    written = _on_conflict(stmt, func.least, func.greatest).returning(literal(1)).cte("ditulis")
    changed = connection.execute(select(func.count()).select_from(written)).scalar_one()
    connection.exec_driver_sql("DROP TABLE presensi_masuk")
    return changed


def _copy(raw, span: dict[tuple[int, date], list[datetime]]) -> None:
    """One COPY of (pegawai, day, earliest, latest) as text: whole seconds, ISO dates."""
    if span:
        text = "".join([f"{pid}\t{day}\t{lo}\t{hi}\n" for (pid, day), (lo, hi) in span.items()])
        with raw.cursor() as cursor, cursor.copy(
                "COPY presensi_masuk (pegawai_id, tanggal, datang, pulang) FROM STDIN") as copy:
            copy.write(text)


def _merge_batch(batch: dict) -> list[tuple[int, date]]:
    """SQLite: one batch in one statement; the person-days it inserted or changed."""
    from sqlalchemy.dialects.sqlite import insert

    now = clock.utcnow()
    stmt = insert(Presensi).values([
        {"pegawai_id": pid, "tanggal": day, "datang": lo, "pulang": hi if hi != lo else None,
         "sumber_datang": "mesin", "sumber_pulang": "mesin" if hi != lo else None,
         "diubah_pada": now}
        for (pid, day), (lo, hi) in batch.items()])
    stmt = _on_conflict(stmt, func.min, func.max).returning(Presensi.pegawai_id,
                                                             Presensi.tanggal)
    return [tuple(r) for r in db.session.connection().execute(stmt)]


def _gabung(old, datang, pulang, least=func.least, greatest=func.greatest):
    """A stored person-day (`old` columns) with a new earliest `datang` and latest `pulang`
    (None: one punch): (jam datang, the latest time, jam pulang, whether either changes). The
    earliest time is jam datang and the latest jam pulang (none when they are the same)."""
    new_hi = func.coalesce(pulang, datang)
    lo = least(func.coalesce(old.datang, datang), func.coalesce(old.pulang, datang), datang)
    hi = greatest(func.coalesce(old.datang, new_hi), func.coalesce(old.pulang, new_hi), new_hi)
    jam_pulang = case((hi == lo, None), else_=hi)
    return lo, hi, jam_pulang, (lo.is_distinct_from(old.datang)
                                | jam_pulang.is_distinct_from(old.pulang))


def _on_conflict(stmt, least, greatest):
    """A person-day already stored is merged by `_gabung`; only a day that changes is written
    (and counted)."""
    ex, old = stmt.excluded, Presensi.__table__.c
    lo, hi, pulang, changes = _gabung(old, ex.datang, ex.pulang, least, greatest)
    return stmt.on_conflict_do_update(
        index_elements=["pegawai_id", "tanggal"],
        set_={"datang": lo, "pulang": pulang,
              "sumber_datang": case((lo == old.datang, old.sumber_datang),
                                    (lo == old.pulang, old.sumber_pulang), else_="mesin"),
              "sumber_pulang": case((hi == lo, None), (hi == old.pulang, old.sumber_pulang),
                                    (hi == old.datang, old.sumber_datang), else_="mesin"),
              "diubah_pada": ex.diubah_pada},
        where=changes)
