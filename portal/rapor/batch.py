"""All rapor of a period as one ZIP: who is in scope, and the job handler that renders them.

Scopes: "bawahan" (the owner's whole subtree, for any atasan), "semua" (the instansi) and
"opd:<unit id>" (one OPD), the last two for the Sekda only. Only people rated for the period
are included. The rapor are rendered into a temporary folder of the job's own host; the ZIP
is kept in the document storage under `unduhan/<job id>/<name>.zip` (the database by default, a
directory or a bucket by configuration), so any web host sends it whichever host built it. A
large batch is split into chunks rendered by one process per core (both cores of a small
server), each process replaced after a few chunks so memory stays flat.
"""
from __future__ import annotations

import io
import os
import tempfile
import zipfile
from multiprocessing import get_context
from pathlib import Path

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from portal import orgtree
from portal.db_setup import writing
from portal.dokumen import jenis, seal
from portal.dokumen.storage import storage
from portal.extensions import db
from portal.models import Jabatan, Job, Pegawai, Penilaian, RiwayatJabatan, UnitKerja
from portal.rapor import services


def opd_units() -> list[UnitKerja]:
    return db.session.scalars(select(UnitKerja).where(UnitKerja.induk_id.is_(None),
                                                      UnitKerja.aktif)
                              .order_by(UnitKerja.nama)).all()


def scope_choices(is_sekda: bool) -> list[tuple[str, str]]:
    choices = [("bawahan", "Semua bawahan saya")]
    if is_sekda:
        choices.append(("semua", "Seluruh instansi"))
        choices += [(f"opd:{u.id}", u.nama) for u in opd_units()]
    return choices


def period_choices() -> list[tuple[str, str]]:
    from portal.models import Periode
    from portal.rules import periode_kode

    out = []
    for periode in db.session.scalars(select(Periode).order_by(Periode.tahun.desc())):
        for sub in periode.sub_periode:
            label = periode_kode.judul(sub.kode)
            out.append((sub.kode_lengkap, f"{label} {periode.tahun}"))
        out.append((str(periode.tahun), f"Tahunan {periode.tahun}"))
    return out


def last_rated_code() -> str | None:
    """The period whose rapor people most likely want: the last one anybody was rated in."""
    from portal.models import Periode
    from portal.rules import periode_kode

    row = db.session.execute(
        select(Periode.tahun, Penilaian.kode).join(Periode, Periode.id == Penilaian.periode_id)
        .order_by(Penilaian.dinilai_pada.desc(), Penilaian.id.desc()).limit(1)).first()
    return periode_kode.url_code(row.tahun, row.kode) if row else None


def _unit_ids(root_id: int):
    down = select(UnitKerja.id.label("uid")).where(UnitKerja.id == root_id).cte(
        "units", recursive=True)
    return down.union_all(select(UnitKerja.id).join(down, UnitKerja.induk_id == down.c.uid))


def owner_may_have(job, nips: list[str] | None = None) -> bool:
    """The owner's rights of today still cover the job (asked when it is retried, when it runs
    and when its ZIP is downloaded): the scope is one they may choose today, and everyone in a
    finished ZIP (`nips`) is someone they may read today. A Sekda who moved, or an atasan whose
    reports changed, does not keep the scope of the day the job was started."""
    owner = db.session.get(Pegawai, job.owner_id)
    if owner is None or not owner.aktif:
        return False
    sekda = orgtree.acts_for_root(owner.id)
    if job.param.get("cakupan") not in {value for value, _label in scope_choices(sekda)}:
        return False
    if sekda:
        return True
    if not orgtree.has_direct_reports(owner.id):
        return False
    if not nips:
        return True
    readable = set(db.session.scalars(select(Pegawai.nip).where(
        Pegawai.nip.in_(nips), Pegawai.id.in_(orgtree.subtree_pegawai_ids(owner.id)))))
    return readable >= set(nips)


def nips_in_zip(data: bytes) -> list[str]:
    """The NIPs of the rapor in a finished ZIP (its files are rapor-<nip>-<period>.pdf)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [name.split("-")[1] for name in archive.namelist()
                if name.startswith("rapor-") and name.count("-") >= 2]


def rated_in_scope(owner_id: int, scope: str, period: services.Period) -> list[Pegawai]:
    q = (select(Pegawai).join(Penilaian, Penilaian.pegawai_id == Pegawai.id)
         .where(Penilaian.periode_id == period.periode.id, Penilaian.kode == period.kode))
    if scope == "bawahan":
        q = q.where(Pegawai.id.in_(orgtree.subtree_pegawai_ids(owner_id)))
    elif scope.startswith("opd:"):
        units = _unit_ids(int(scope[4:]))
        seats = select(RiwayatJabatan.pegawai_id).join(
            Jabatan, Jabatan.id == RiwayatJabatan.jabatan_id).where(
            Jabatan.unit_id.in_(select(units.c.uid)),
            orgtree.holder_current(period.selesai if period.sub else period.periode.selesai))
        q = q.where(Pegawai.id.in_(seats))
    return db.session.scalars(q.order_by(Pegawai.nama)).all()


class GagalSemua(Exception):
    """Not one rapor of the batch could be rendered."""

    def __init__(self, contoh: str):
        super().__init__(_("Tidak satu pun rapor berhasil dibuat. Contoh kesalahan: %(e)s",
                           e=contoh))


class HakBerubah(Exception):
    """The owner's rights no longer cover the job's scope."""

    def __init__(self):
        super().__init__(_("Hak akses Anda atas cakupan ini sudah berubah sejak pekerjaan "
                           "dimulai; mulai unduhan baru."))


# Below this many documents the batch renders in the job's own process (spawning renderers
# costs about a second each); above it, chunks go to one renderer process per core.
PARALLEL_FROM = 60
CHUNK = 25
RENDERS_PER_PROCESS = 8  # chunks before a renderer is replaced: memory stays flat


def render_one(pegawai: Pegawai, period: services.Period, folder: Path) -> str:
    name = f"rapor-{pegawai.nip}-{period.code}.pdf"
    penilaian = services.penilaian_of(pegawai.id, period)
    # The same document as its own download: a final rapor sealed once (or its kept bytes),
    # a draft marked as such.
    data = seal.terbitkan(jenis.rapor(pegawai, period, penilaian)).data
    (folder / name).write_bytes(data)
    return name


def _render_all(people, period, folder, on_done) -> list[str]:
    """Render each rapor (one failure does not stop the rest); `on_done(failure or None)`."""
    names = []
    for pegawai in people:
        try:
            names.append(render_one(pegawai, period, folder))
            on_done(None)
        except Exception as exc:  # one broken document must not stop the batch
            if type(exc).__name__ == "JobTimeoutException":
                raise  # RQ's job_timeout: the whole job is over, not this document
            db.session.rollback()
            current_app.logger.exception("rapor %s gagal", pegawai.nip)
            on_done(f"{pegawai.nama_lengkap} ({pegawai.nip}): {exc}"[:300])
    return names


def render_chunk(overrides: dict, folder: str, period_code: str, ids: list[int]):
    """In a renderer process: its own app (stylesheets parsed once per process) renders a
    chunk of rapor to files. Returns (file names, failures)."""
    from portal.jobs import _app_for

    failures: list[str] = []
    with _app_for(overrides).app_context():
        period = services.period_or_404(period_code)
        people = db.session.scalars(select(Pegawai).where(Pegawai.id.in_(ids))
                                    .order_by(Pegawai.nama)).all()
        names = _render_all(people, period, Path(folder),
                            lambda failure: failures.append(failure) if failure else None)
        db.session.remove()
    return names, failures


def _chunk_task(args: tuple) -> tuple[int, list[str], list[str]]:
    count = len(args[3])
    try:
        names, failures = render_chunk(*args)
    except Exception as exc:  # noqa: BLE001 - the chunk is reported, the batch goes on
        names, failures = [], [f"{count} rapor gagal: {exc}"[:300]]
    return count, names, failures


def _render_parallel(people, period, folder: Path, progress) -> list[str]:
    overrides = {"SQLALCHEMY_DATABASE_URI": current_app.config["SQLALCHEMY_DATABASE_URI"],
                 "SECRET_KEY": current_app.config["SECRET_KEY"],
                 "_instance": current_app.instance_path}
    ids = [p.id for p in people]
    tasks = [(overrides, str(folder), period.code, ids[i:i + CHUNK])
             for i in range(0, len(ids), CHUNK)]
    names: list[str] = []
    done = 0
    workers = min(os.cpu_count() or 1, len(tasks))
    # multiprocessing.Pool, not ProcessPoolExecutor: the latter's max_tasks_per_child hangs
    # when a worker is replaced on Python 3.11.
    with get_context("spawn").Pool(workers, maxtasksperchild=RENDERS_PER_PROCESS) as pool:
        for count, got, failures in pool.imap_unordered(_chunk_task, tasks):
            done += count
            names += got
            for failure in failures:
                progress(failure=failure)
            progress(done=done)
    return sorted(names)


def build_zip(job: Job, progress) -> str:
    """Render every rapor in scope to a file, on every core for a large batch, then zip them."""
    params = job.param
    if not owner_may_have(job):
        raise HakBerubah()
    period = services.period_or_404(params["periode"])
    people = rated_in_scope(job.owner_id, params["cakupan"], period)
    progress(done=0, total=len(people))
    with tempfile.TemporaryDirectory(prefix=f"rapor-{job.id}-") as tmp:
        folder = Path(tmp)
        if len(people) >= PARALLEL_FROM and (os.cpu_count() or 1) > 1:
            names = _render_parallel(people, period, folder, progress)
        else:
            count = iter(range(1, len(people) + 1))

            def one_done(failure):
                progress(done=next(count), failure=failure)

            names = _render_all(people, period, folder, one_done)
        if people and not names:  # nothing to put in the ZIP: the job failed, say why
            raise GagalSemua(job.failure_list[-1] if job.failure_list else "")
        zip_name = f"rapor-{period.code}-{job.id}.zip"
        with tempfile.SpooledTemporaryFile(max_size=64 * 1024 * 1024, dir=tmp) as out:
            with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
                for name in names:
                    archive.write(folder / name, arcname=name)
                    (folder / name).unlink()
            out.seek(0)
            data = out.read()
    key = f"unduhan/{job.id}/{zip_name}"
    # The render processes wrote (sealed rapor) while this session's read transaction held an
    # older snapshot: on SQLite such a transaction can never become a writer ("database is
    # locked" whatever the timeout). End it, and write from a fresh writing transaction, which
    # the caller commits with the job's "selesai" (database backend).
    db.session.commit()
    with writing():
        storage().put(key, data)
    return key


def zip_bytes(result_path: str) -> bytes | None:
    """A finished job's ZIP from the storage; one an older release left in `instance/` is
    still read from there."""
    data = storage().get(result_path)
    if data is None:
        root = Path(current_app.instance_path).resolve()
        path = (root / result_path).resolve()
        if path.is_relative_to(root) and path.is_file():
            return path.read_bytes()
    return data
