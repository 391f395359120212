"""Writing a machine file's punches: the first and last punch of each person-day, merged with
what is stored (a punch only ever moves jam datang earlier or jam pulang later, so the same file
twice changes nothing). PostgreSQL: COPY into a temporary table, then one grouped insert of the
person-days that change, in index order; SQLite (tests, small installs): batches of `BATCH`.
"""
from __future__ import annotations

from contextlib import suppress
from datetime import date, datetime

from sqlalchemy import (
    Date,
    DateTime,
    Integer,
    case,
    column,
    event,
    func,
    literal,
    literal_column,
    select,
    table,
)

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
    batch: dict[tuple[int, date], list[datetime]] = {}
    for pid, day, ts in punches:
        span = batch.get((pid, day))
        if span is None:
            batch[(pid, day)] = [ts, ts]
            if len(batch) >= BATCH:
                written.update(_merge_batch(batch))
                batch = {}
        elif ts < span[0]:
            span[0] = ts
        elif ts > span[1]:
            span[1] = ts
    if batch:
        written.update(_merge_batch(batch))
    return len(written)


def _copy_then_merge(punches) -> int:
    connection = db.session.connection()
    # One commit at the end, and the import can be repeated (it is idempotent): a crash in the
    # moment after that commit may lose it, never half of it; the fsync is not waited for.
    connection.exec_driver_sql("SET LOCAL synchronous_commit = off")
    # The grouping and sorting of a chunk's person-days in memory, not in temporary files.
    connection.exec_driver_sql("SET LOCAL work_mem = '128MB'")
    connection.exec_driver_sql(
        "CREATE TEMPORARY TABLE presensi_masuk (pegawai_id integer, tanggal date, "
        "datang timestamp, pulang timestamp) ON COMMIT DROP")
    lajur = _Lajur(connection)
    # Reading a line may ask the database (a month's calendar the first time it is met): the
    # merge in flight is waited for first.
    event.listen(connection, "before_cursor_execute", lajur.tunggu)
    try:
        # Punches are gathered per person-day (the earliest and latest) and handed over in
        # chunks; a person-day split over two chunks is joined again by the second merge.
        span: dict[tuple[int, date], list[datetime]] = {}
        for pid, day, ts in punches:
            known = span.get((pid, day))
            if known is None:
                span[(pid, day)] = [ts, ts]
                if len(span) >= COPY_CHUNK:
                    lajur.kirim(span)
                    span = {}
            elif ts < known[0]:
                known[0] = ts
            elif ts > known[1]:
                known[1] = ts
        lajur.kirim(span)
        lajur.tunggu()
    except BaseException:
        with suppress(Exception):  # the first failure is the one to report
            lajur.tunggu()
        raise
    finally:
        event.remove(connection, "before_cursor_execute", lajur.tunggu)
    connection.exec_driver_sql("DROP TABLE presensi_masuk")
    return lajur.diubah


class _Lajur:
    """Chunk by chunk: COPY the chunk into the temporary table, then send its merge without
    waiting for it (psycopg's pipeline mode), so that PostgreSQL inserts one chunk while this
    process reads the next; the merge is waited for before the next COPY or any other
    statement on the connection."""

    def __init__(self, connection):
        self.raw = connection.connection.driver_connection
        compiled = _merge_statement().compile(dialect=connection.dialect)
        self.sql, self.params = str(compiled), compiled.params
        self.diubah = 0
        self._pipeline = self._cursor = None

    def tunggu(self, *_event) -> None:
        """Wait for the merge in flight, if any, and count what it wrote."""
        if self._pipeline is None:
            return
        pipeline, self._pipeline = self._pipeline, None
        pipeline.__exit__(None, None, None)
        with self._cursor as cursor:
            self.diubah += cursor.fetchone()[0]

    def kirim(self, span: dict[tuple[int, date], list[datetime]]) -> None:
        self.tunggu()
        if not span:
            return
        with self.raw.cursor() as cursor:
            cursor.execute("TRUNCATE presensi_masuk")
        _copy(self.raw, span)
        self._pipeline = self.raw.pipeline()
        self._pipeline.__enter__()
        self._cursor = self.raw.cursor()
        self._cursor.execute(self.sql, self.params)


def _merge_statement():
    """The staged person-days merged into `presensi`, counting what was written."""
    from sqlalchemy.dialects.postgresql import insert

    staged = (select(STAGING.c.pegawai_id, STAGING.c.tanggal,
                     func.min(STAGING.c.datang).label("lo"),
                     func.max(STAGING.c.pulang).label("hi"))
              .group_by(STAGING.c.pegawai_id, STAGING.c.tanggal).subquery("baru"))
    old = Presensi.__table__.alias("lama")
    new_hi = case((staged.c.hi > staged.c.lo, staged.c.hi))
    *_merged, changes = _gabung(old.c, staged.c.lo, new_hi)
    # Only the person-days that the merge would change (a file imported again changes none, and
    # an ON CONFLICT that finds its row still locks and rewrites it), in the order of the unique
    # index (pegawai, tanggal): its pages are visited in order, not at random, and a person's
    # days land on neighbouring heap pages. `ulang`: the stored row was written by this import
    # already (a person-day split over two chunks), so it is not counted twice; this import's
    # rows are those with the transaction id of its own staged rows.
    ours = select(literal_column("xmin")).select_from(STAGING).limit(1).scalar_subquery()
    rows = (select(staged.c.pegawai_id, staged.c.tanggal, staged.c.lo.label("datang"),
                   new_hi.label("pulang"), literal("mesin").label("sd"),
                   case((staged.c.hi > staged.c.lo, literal("mesin"))).label("sp"),
                   literal(clock.utcnow()).label("pada"),
                   (literal_column("lama.xmin") == ours).label("ulang"))
            .select_from(staged.outerjoin(old, (old.c.pegawai_id == staged.c.pegawai_id)
                                          & (old.c.tanggal == staged.c.tanggal)))
            .where(old.c.id.is_(None) | changes)
            .order_by(staged.c.pegawai_id, staged.c.tanggal)).cte("perlu")
    stmt = insert(Presensi).from_select(
        ["pegawai_id", "tanggal", "datang", "pulang", "sumber_datang", "sumber_pulang",
         "diubah_pada"],
        select(rows.c.pegawai_id, rows.c.tanggal, rows.c.datang, rows.c.pulang, rows.c.sd,
               rows.c.sp, rows.c.pada))
    # Counted through RETURNING: the driver reports no row count for INSERT … SELECT here. The
    # ON CONFLICT stays: a check-in committed after this statement's snapshot began.
    written = _on_conflict(stmt, func.least, func.greatest).returning(literal(1)).cte("ditulis")
    again = select(func.count()).select_from(rows).where(rows.c.ulang).scalar_subquery()
    return select(func.count() - again).select_from(written)


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
