"""Queries and changes behind the admin pages. Tree walks are recursive CTEs (one statement);
list pages run a fixed number of statements whatever the number of rows."""
from __future__ import annotations

from datetime import date, timedelta

from flask_babel import gettext as _
from sqlalchemy import Text, and_, cast, func, literal, or_, select

from portal import audit, clock, orgtree
from portal.extensions import db
from portal.models import Instansi, Jabatan, Pegawai, Periode, PltJabatan, RiwayatJabatan, UnitKerja
from portal.rules.nip import bersihkan
from portal.rules.organisasi import creates_cycle

PER_PAGE = 50


class Ditolak(ValueError):
    """A change the rules refuse; the message is shown to the admin next to the field."""


def snapshot(obj, fields: tuple[str, ...]) -> dict:
    return {f: getattr(obj, f) for f in fields}


def instansi() -> Instansi:
    """The deployment's government (one per installation)."""
    found = db.session.scalar(select(Instansi).order_by(Instansi.id).limit(1))
    if found is None:
        found = Instansi(nama="Pemerintah Daerah", tempat="-", kepala_daerah_nama="-")
        db.session.add(found)
        db.session.flush()
    return found


# Units ----------------------------------------------------------------------------------------

def unit_tree(only_active: bool = False) -> list[tuple[UnitKerja, int]]:
    """Every unit with its depth, ordered as a tree (OPD, then its bidang, then seksi)."""
    tree = select(UnitKerja.id.label("uid"), literal(0).label("depth"),
                  cast(UnitKerja.nama, Text).label("jalur")).where(
        UnitKerja.induk_id.is_(None)).cte("tree", recursive=True)
    tree = tree.union_all(
        select(UnitKerja.id, tree.c.depth + 1, tree.c.jalur + literal(" / ") + UnitKerja.nama)
        .join(tree, UnitKerja.induk_id == tree.c.uid))
    stmt = (select(UnitKerja, tree.c.depth).join(tree, tree.c.uid == UnitKerja.id)
            .order_by(tree.c.jalur))
    if only_active:
        stmt = stmt.where(UnitKerja.aktif)
    return [(u, d) for u, d in db.session.execute(stmt).all()]


def _ancestors(model, parent_col, start_id: int) -> list[int]:
    """Ids above `start_id` (its parent, grandparent, …) in one statement."""
    up = select(parent_col.label("nid")).where(model.id == start_id).cte("up", recursive=True)
    up = up.union_all(select(parent_col).join(up, model.id == up.c.nid)
                      .where(up.c.nid.is_not(None)))
    return [i for i in db.session.scalars(select(up.c.nid)) if i is not None]


def unit_cycle(unit_id: int | None, induk_id: int | None) -> bool:
    if not unit_id or not induk_id:
        return False
    return creates_cycle(unit_id, induk_id, _ancestors(UnitKerja, UnitKerja.induk_id, induk_id))


def unit_blockers(unit: UnitKerja) -> str | None:
    """Why a unit cannot be deactivated yet (active sub-units or seats), or None."""
    if db.session.scalar(select(func.count()).where(UnitKerja.induk_id == unit.id,
                                                    UnitKerja.aktif)):
        return _("Unit masih memiliki sub-unit aktif.")
    if db.session.scalar(select(func.count()).where(Jabatan.unit_id == unit.id, Jabatan.aktif)):
        return _("Unit masih memiliki jabatan aktif.")
    return None


def unit_descendants(unit_id: int):
    down = select(UnitKerja.id.label("uid")).where(UnitKerja.id == unit_id).cte(
        "down", recursive=True)
    return down.union_all(select(UnitKerja.id).join(down, UnitKerja.induk_id == down.c.uid))


# Seats ----------------------------------------------------------------------------------------

def _holder_name(on: date):
    return (select(Pegawai.nama).join(RiwayatJabatan, RiwayatJabatan.pegawai_id == Pegawai.id)
            .where(RiwayatJabatan.jabatan_id == Jabatan.id, orgtree.holder_current(on))
            .limit(1).scalar_subquery())


def _plt_name(on: date):
    return (select(PltJabatan.jenis + literal(" ") + Pegawai.nama)
            .join(Pegawai, Pegawai.id == PltJabatan.pegawai_id)
            .where(PltJabatan.jabatan_id == Jabatan.id, orgtree.plt_current(on))
            .order_by(PltJabatan.mulai.desc()).limit(1).scalar_subquery())


def jabatan_query(on: date | None = None):
    """Select of (Jabatan, holder name, Plt text) — the rows of the seats list."""
    on = on or clock.today()
    return select(Jabatan, _holder_name(on).label("pemangku"), _plt_name(on).label("plt"))


def jabatan_page(unit_id: int | None, q: str, page: int):
    stmt = jabatan_query()
    if unit_id:
        down = unit_descendants(unit_id)
        stmt = stmt.where(Jabatan.unit_id.in_(select(down.c.uid)))
    if q:
        stmt = stmt.where(func.lower(Jabatan.nama).like(f"%{q.lower()}%"))
    total = db.session.scalar(select(func.count()).select_from(
        stmt.with_only_columns(Jabatan.id).subquery()))
    rows = db.session.execute(stmt.order_by(Jabatan.unit_id, Jabatan.eselon.is_(None),
                                            Jabatan.eselon, Jabatan.id)
                              .limit(PER_PAGE).offset((page - 1) * PER_PAGE)).all()
    return rows, total


def jabatan_row(jabatan_id: int):
    return db.session.execute(jabatan_query().where(Jabatan.id == jabatan_id)).one()


def jabatan_choices(only_active: bool = True, q: str = "",
                    limit: int | None = None) -> list[tuple[int, str]]:
    """Seats for a picker, each named with its unit and its holder, or "kosong" when vacant (two
    seats of the same name in one unit differ by their holder), in the order of the units;
    `q` keeps those whose seat or unit name contains it. One statement."""
    holder = (select(Pegawai.nama).join(RiwayatJabatan, RiwayatJabatan.pegawai_id == Pegawai.id)
              .where(RiwayatJabatan.jabatan_id == Jabatan.id,
                     orgtree.holder_current(clock.today()))
              .order_by(RiwayatJabatan.mulai.desc()).limit(1).scalar_subquery())
    stmt = (select(Jabatan.id, Jabatan.nama, UnitKerja.nama, holder)
            .join(UnitKerja, UnitKerja.id == Jabatan.unit_id)
            .order_by(UnitKerja.nama, Jabatan.nama, Jabatan.id))
    if only_active:
        stmt = stmt.where(Jabatan.aktif)
    if q:
        words = q.lower()
        stmt = stmt.where(func.lower(Jabatan.nama).contains(words, autoescape=True)
                          | func.lower(UnitKerja.nama).contains(words, autoescape=True))
    if limit:
        stmt = stmt.limit(limit)
    return [(jid, f"{nama} — {unit} · {pemangku or _('kosong')}")
            for jid, nama, unit, pemangku in db.session.execute(stmt)]


def jabatan_cycle(jabatan_id: int | None, atasan_id: int | None) -> bool:
    if not jabatan_id or not atasan_id:
        return False
    return creates_cycle(jabatan_id, atasan_id, _ancestors(Jabatan, Jabatan.atasan_id, atasan_id))


def other_root(jabatan_id: int | None) -> Jabatan | None:
    """The active root seat (the Sekda's) other than this one, if there is one."""
    stmt = select(Jabatan).where(Jabatan.atasan_id.is_(None), Jabatan.aktif)
    if jabatan_id:
        stmt = stmt.where(Jabatan.id != jabatan_id)
    return db.session.scalars(stmt.limit(1)).first()


def seat_taken_from(jabatan_id: int, on: date) -> RiwayatJabatan | None:
    """An assignment to the seat in force on `on` or later (so the seat is not free then)."""
    return db.session.scalars(select(RiwayatJabatan).where(
        RiwayatJabatan.jabatan_id == jabatan_id,
        or_(RiwayatJabatan.selesai.is_(None), RiwayatJabatan.selesai >= on)).limit(1)).first()


def jabatan_blockers(jabatan: Jabatan) -> str | None:
    if seat_taken_from(jabatan.id, clock.today()):
        return _("Jabatan masih diduduki; pindahkan pemangkunya lebih dahulu.")
    if db.session.scalar(select(func.count()).where(Jabatan.atasan_id == jabatan.id,
                                                    Jabatan.aktif)):
        return _("Jabatan masih membawahi jabatan aktif.")
    return None


# People ---------------------------------------------------------------------------------------

def _pegawai_query(q: str, on: date):
    """People with the seat they hold on `on` (or none), searched by name or NIP (a NIP typed
    with spaces or dashes found as well)."""
    stmt = (select(Pegawai, Jabatan)
            .outerjoin(RiwayatJabatan, and_(RiwayatJabatan.pegawai_id == Pegawai.id,
                                            orgtree.holder_current(on)))
            .outerjoin(Jabatan, Jabatan.id == RiwayatJabatan.jabatan_id))
    if q:
        nip = bersihkan(q) or q
        stmt = stmt.where(or_(func.lower(Pegawai.nama).contains(q.lower(), autoescape=True),
                              Pegawai.nip.contains(nip, autoescape=True)))
    return stmt


def pegawai_pilihan(q: str, limit: int = 20):
    """The person picker's answers: active people matching `q`, with today's seat. One
    statement."""
    stmt = _pegawai_query(q, clock.today()).where(Pegawai.aktif)
    return db.session.execute(stmt.order_by(Pegawai.nama, Pegawai.id).limit(limit)).all()


def pegawai_page(q: str, page: int, on: date | None = None):
    """People with the seat they hold today (or none), searched by NIP or name."""
    stmt = _pegawai_query(q, on or clock.today())
    total = db.session.scalar(select(func.count()).select_from(
        stmt.with_only_columns(Pegawai.id).subquery()))
    rows = db.session.execute(stmt.order_by(Pegawai.nama, Pegawai.id)
                              .limit(PER_PAGE).offset((page - 1) * PER_PAGE)).all()
    return rows, total


def pegawai_by_nip(nip: str) -> Pegawai | None:
    return db.session.scalar(select(Pegawai).where(Pegawai.nip == (nip or "").strip()))


def nip_taken(nip: str, except_id: int | None = None) -> bool:
    found = pegawai_by_nip(nip)
    return found is not None and found.id != except_id


def move_pegawai(pegawai: Pegawai, jabatan: Jabatan, tanggal: date,
                 keterangan: str | None = None) -> RiwayatJabatan:
    """Move a person to a seat from `tanggal`: their open assignment ends the day before and
    the new one starts that day. The seat must be free from that day on. Raises `Ditolak`."""
    if not pegawai.aktif:
        raise Ditolak(_("Pegawai tidak aktif tidak dapat dipindahkan."))
    if not jabatan.aktif:
        raise Ditolak(_("Jabatan tujuan tidak aktif."))
    taken = seat_taken_from(jabatan.id, tanggal)
    if taken is not None:
        if taken.pegawai_id == pegawai.id:
            raise Ditolak(_("Pegawai sudah menduduki jabatan ini pada tanggal itu."))
        raise Ditolak(_("Jabatan tujuan tidak kosong pada tanggal itu."))
    later = db.session.scalars(select(RiwayatJabatan).where(
        RiwayatJabatan.pegawai_id == pegawai.id,
        or_(RiwayatJabatan.selesai.is_(None), RiwayatJabatan.mulai >= tanggal,
            RiwayatJabatan.selesai >= tanggal))).all()
    old = next((r for r in later if r.selesai is None), None)
    if any(r is not old for r in later) or (old is not None and old.mulai >= tanggal):
        raise Ditolak(_("Tanggal pindah harus setelah awal jabatan pegawai saat ini."))
    sebelum = None
    if old is not None:
        sebelum = {"jabatan_id": old.jabatan_id, "jabatan": old.jabatan.nama,
                   "mulai": old.mulai, "selesai": None}
        old.selesai = tanggal - timedelta(days=1)
        db.session.flush()  # the old assignment closes before the new one opens
    new = RiwayatJabatan(pegawai_id=pegawai.id, jabatan_id=jabatan.id, mulai=tanggal,
                         keterangan=keterangan or None)
    db.session.add(new)
    db.session.flush()
    if old is not None:
        # The plan of the old seat ends with it; a draft for the new seat starts on the move.
        from portal.skp.mutasi import end_skp_on_move

        end_skp_on_move(pegawai.id, tanggal - timedelta(days=1))
    audit.record("pegawai.pindah", "pegawai", pegawai.id, sebelum=sebelum,
                 sesudah={"jabatan_id": jabatan.id, "jabatan": jabatan.nama, "mulai": tanggal})
    return new


# Plt/Plh, periods -----------------------------------------------------------------------------

def plt_current(on: date | None = None) -> list[PltJabatan]:
    """Appointments in force today or starting later."""
    on = on or clock.today()
    return list(db.session.scalars(select(PltJabatan).where(PltJabatan.selesai >= on)
                                   .order_by(PltJabatan.mulai)))


def plt_overlap(jabatan_id: int, mulai: date, selesai: date) -> bool:
    return db.session.scalar(select(func.count()).where(
        PltJabatan.jabatan_id == jabatan_id, PltJabatan.mulai <= selesai,
        PltJabatan.selesai >= mulai)) > 0


def next_year() -> int:
    last = db.session.scalar(select(func.max(Periode.tahun)))
    return (last + 1) if last else clock.today().year
