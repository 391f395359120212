"""The daily log: approved RHK of a person, validating and saving entries, the lists."""
from __future__ import annotations

from datetime import date, timedelta
from functools import cache

from flask_babel import format_decimal
from flask_babel import gettext as _
from sqlalchemy import bindparam, select
from sqlalchemy.orm import joinedload, selectinload
from sqlalchemy.orm.attributes import set_committed_value

from portal import clock, idempotency
from portal.extensions import db
from portal.harian import kalender
from portal.harian.forms import EntriForm, parse_angka
from portal.harian.formulir import edit_form, mode_on, prepare, short  # noqa: F401 (the API)
from portal.models import ModeKerja, Pegawai, Periode, ProgresHarian, Rhk, Skp
from portal.rencana import pengingat, rencana_aksi
from portal.rules import angka
from portal.rules.fleksibel import MODE_FLEKSIBEL, tolak_mode
from portal.rules.hari_kerja import hari_minggu, senin
from portal.rules.rencana import entri_masih_boleh


@cache
def _approved_rhk():
    """Built once per process: every daily entry asks (only the person changes)."""
    return (select(Rhk).join(Skp).join(Periode, Periode.id == Skp.periode_id)
            .where(Skp.pegawai_id == bindparam("pid"), Skp.status == "disetujui", Periode.aktif,
                   Rhk.diarsipkan.is_(False))
            .options(joinedload(Rhk.iki)).order_by(Skp.id, Rhk.urutan))


def approved_rhk(pegawai_id: int) -> list[Rhk]:
    """RHK of the person's approved SKP in the active period (with their IKI)."""
    return list(db.session.scalars(_approved_rhk(), {"pid": pegawai_id}).unique())


def satuan(rhk: Rhk) -> str:
    return rhk.iki[0].satuan if rhk.iki else ""


ALASAN_HARI = {
    "akhir_pekan": "Tanggal itu hari Sabtu atau Minggu, bukan hari kerja.",
    "libur": "Tanggal itu hari libur atau cuti bersama.",
    "absen": "Anda tercatat cuti, sakit atau dinas luar pada tanggal itu.",
}


def validate(form: EntriForm, pegawai_id: int, rhks: list[Rhk],
             kal: kalender.Kalender | None = None, *, fleksibel: bool | None = None,
             tanggal_lama: date | None = None,
             modes: dict[date, str] | None = None) -> dict | None:
    """Check an entry against the person's SKP, rencana aksi, calendar and flexible-work rules.
    Messages are attached to the fields; the parsed values are returned when everything is
    right. An edit that keeps its day (`tanggal_lama`) is not held to the entry deadline.
    `modes`: the posted day's week, when the caller read them with the calendar
    (`kalender.untuk_entri`); a flexible mode reads them again after `lock_week`."""
    ok = form.validate()
    kal = kal or kalender.kalender(pegawai_id)
    day = _check_day(form, kal, tanggal_lama)
    ok = ok and day is not None
    ra, rhk = _rencana_and_rhk(form, pegawai_id, rhks, day)
    ok = ok and rhk is not None
    if form.mode.data not in ("WFO", "WFH", "WFA"):
        form.mode.errors = [*form.mode.errors, _("Pilih WFO, WFH atau WFA.")]
        ok = False
    elif day is not None:
        if fleksibel is None:
            fleksibel = kalender.fleksibel(pegawai_id)
        locked = form.mode.data in MODE_FLEKSIBEL and lock_week(pegawai_id)
        if locked or modes is None:
            modes = week_modes(pegawai_id, day)
        reason = tolak_mode(form.mode.data, day, fleksibel=fleksibel, batas=kal.batas,
                            modes_minggu=modes, hari_kerja=kal.hari_kerja)
        if reason == "tidak_fleksibel":
            form.mode.errors = [*form.mode.errors, _(
                "Jabatan Anda tidak termasuk jabatan yang boleh bekerja fleksibel; pilih WFO.")]
            ok = False
        elif reason == "melebihi_batas":
            form.mode.errors = [*form.mode.errors, _(
                "Batas %(n)s hari kerja fleksibel (WFH/WFA) dalam minggu ini sudah tercapai.",
                n=kal.batas)]
            ok = False
    output = parse_angka(form.output.data) if not form.output.errors else None
    iki = rhk.iki[0] if output is not None and rhk is not None and rhk.iki else None
    limit = angka.batas_output(iki.target) if iki is not None else None
    if limit is not None and output > limit:
        form.output.errors = [*form.output.errors, _(
            "Output %(n)s %(s)s dalam satu hari melebihi target setahun (%(t)s); periksa "
            "angkanya.", n=format_decimal(output), s=iki.satuan, t=format_decimal(iki.target))]
        ok = False
    if not ok:
        return None
    return {"rhk_id": rhk.id, "rencana_aksi_id": ra.id if ra else None, "rencana_aksi": ra,
            "tanggal": day, "uraian": form.uraian.data.strip(),
            "output": output, "bukti_link": form.bukti_link.data or None,
            "mode": form.mode.data, "mode_lama": modes.get(day)}


def _rencana_and_rhk(form: EntriForm, pegawai_id: int, rhks: list[Rhk], day: date | None):
    """(rencana aksi or None, RHK or None): the RHK follows from the rencana aksi named; only a
    person without rencana aksi for the day's month names an RHK directly."""
    posted = (form.rencana.data or "").strip()
    rencana = form.rencana_list
    if posted:
        ra = next((r for r in rencana if str(r.id) == posted), None)
        if ra is None:
            other = rencana_aksi.milik(pegawai_id, [int(posted)] if posted.isdigit() else [])
            ra_lain = next(iter(other.values()), None)
            if ra_lain is not None and day is not None:
                form.rencana.errors = [_(
                    "Rencana aksi itu untuk bulan %(b)s; entri tanggal %(t)s memakai rencana aksi "
                    "bulan %(c)s.", b=rencana_aksi.label_bulan(ra_lain.tahun, ra_lain.bulan),
                    t=day.isoformat(), c=rencana_aksi.label_bulan(day.year, day.month))]
            else:
                form.rencana.errors = [_("Pilih salah satu rencana aksi Anda bulan ini.")]
            return None, None
        rhk = next((r for r in rhks if r.id == ra.rhk_id), None)
        if rhk is None:
            form.rencana.errors = [_("RHK rencana aksi itu tidak lagi ada di SKP Anda yang "
                                     "disetujui.")]
        return ra, rhk
    if rencana and day is not None:
        form.rencana.errors = [_("Pilih rencana aksi yang dikerjakan.")]
        return None, None
    rhk = next((r for r in rhks if str(r.id) == (form.rhk.data or "")), None)
    if rhk is None:
        form.rhk.errors = [*form.rhk.errors, _("Pilih RHK dari SKP Anda yang sudah disetujui.")]
    return None, rhk


def posted_day(form: EntriForm) -> date | None:
    try:
        return date.fromisoformat((form.tanggal.data or "").strip())
    except ValueError:
        return None


def _check_day(form: EntriForm, kal: kalender.Kalender,
               tanggal_lama: date | None = None) -> date | None:
    day = posted_day(form)
    if day is None:
        form.tanggal.errors = [_("Isi tanggal dengan format yang benar.")]
        return None
    message = None
    today = clock.today()
    if day > today:
        message = _("Tanggal tidak boleh di masa depan.")
    elif kal.sub_on(day) is None:
        message = _("Tanggal itu di luar periode penilaian yang aktif.")
    elif not kal.terbuka(day):
        message = _("Subperiode tanggal itu sudah ditutup; entri tidak dapat ditambah atau diubah.")
    elif kal.alasan(day):
        message = _(ALASAN_HARI[kal.alasan(day)])
    elif kal.batas_telat is not None and day != tanggal_lama and \
            not entri_masih_boleh(day, today, kal.batas_telat, kal.hari_kerja):
        message = _("Entri paling lambat %(n)s hari kerja setelah harinya; tanggal itu sudah "
                    "lewat.", n=kal.batas_telat)
    if message:
        form.tanggal.errors = [message]
        return None
    return day


def lock_week(pegawai_id: int) -> bool:
    """Hold the person's row until commit, so that two entries sent at once cannot both pass
    the weekly flexible-work cap: the second waits, then reads the first's mode. PostgreSQL
    only: SQLite already runs every writing request as BEGIN IMMEDIATE (one writer at a time).
    Its own statement: a row lock inside the modes query would not show the second request
    what the first wrote (READ COMMITTED rechecks only the locked row). True when it locked:
    the week's modes must then be read after it."""
    if db.session.get_bind().dialect.name != "postgresql":
        return False
    db.session.execute(select(Pegawai.id).where(Pegawai.id == pegawai_id).with_for_update())
    return True


def week_modes(pegawai_id: int, day: date) -> dict[date, str]:
    start = senin(day)
    rows = db.session.execute(select(ModeKerja.tanggal, ModeKerja.mode).where(
        ModeKerja.pegawai_id == pegawai_id, ModeKerja.tanggal >= start,
        ModeKerja.tanggal <= start + timedelta(days=6))).all()
    return {r.tanggal: r.mode for r in rows}


def set_mode(pegawai_id: int, day: date, mode: str) -> None:
    row = db.session.scalar(select(ModeKerja).where(ModeKerja.pegawai_id == pegawai_id,
                                                    ModeKerja.tanggal == day))
    if row is None:
        db.session.add(ModeKerja(pegawai_id=pegawai_id, tanggal=day, mode=mode))
    else:
        row.mode = mode


def upsert_mode(pegawai_id: int, day: date, mode: str) -> None:
    """The day's work mode in one statement (insert, or update the row already there)."""
    dialect = db.session.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    elif dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert
    else:  # pragma: no cover - the portal runs on SQLite and PostgreSQL
        set_mode(pegawai_id, day, mode)
        return
    db.session.execute(
        insert(ModeKerja).values(pegawai_id=pegawai_id, tanggal=day, mode=mode)
        .on_conflict_do_update(index_elements=["pegawai_id", "tanggal"], set_={"mode": mode}))


def create(pegawai_id: int, values: dict, kunci: str) -> tuple[ProgresHarian, bool]:
    """Save an entry once per idempotency key; (entry, created). A second submit of the same
    form answers the entry the first one made.

    The hot path of the portal (everyone, every day), so it costs two statements: the insert,
    and the work mode only when it changes. The key is not looked up first: the unique index
    refuses a twin and `kunci.once` then answers the twin's entry. Nothing is expired by the
    commit, so the answer renders from what this request already loaded (the new entry has no
    files yet)."""
    mode, lama = values.pop("mode"), values.pop("mode_lama", None)
    ra = values.pop("rencana_aksi", None)

    def build() -> ProgresHarian:
        entri = ProgresHarian(pegawai_id=pegawai_id, kunci=kunci, **values)
        db.session.add(entri)
        if mode != lama:
            upsert_mode(pegawai_id, values["tanggal"], mode)
        return entri

    session = db.session()
    expire, session.expire_on_commit = session.expire_on_commit, False
    try:
        entri, created = idempotency.once(ProgresHarian, "pegawai_id", pegawai_id, kunci, build,
                                        look_first=False)
    finally:
        session.expire_on_commit = expire
    if created:
        set_committed_value(entri, "bukti", [])
        set_committed_value(entri, "rencana_aksi", ra)
    return entri, created


def by_key(pegawai_id: int, kunci: str) -> ProgresHarian | None:
    return idempotency.by_key(ProgresHarian, "pegawai_id", pegawai_id, kunci)


def update(entri: ProgresHarian, values: dict) -> None:
    """Save an edit; a returned entry is thereby sent to the supervisor again (it waits)."""
    values.pop("mode_lama", None)
    values.pop("rencana_aksi", None)
    if entri.verifikasi == "dikembalikan":  # the note stays, for the supervisor to compare
        entri.verifikasi, entri.diverifikasi_oleh_id, entri.diverifikasi_pada = None, None, None
    set_mode(entri.pegawai_id, values["tanggal"], values.pop("mode"))
    for key, value in values.items():
        setattr(entri, key, value)
    db.session.commit()


def entries(pegawai_id: int, start: date, end: date, rhk_id: int | None = None):
    stmt = (select(ProgresHarian).where(ProgresHarian.pegawai_id == pegawai_id,
                                        ProgresHarian.tanggal >= start,
                                        ProgresHarian.tanggal <= end)
            .options(selectinload(ProgresHarian.rhk).selectinload(Rhk.iki),
                     selectinload(ProgresHarian.bukti), selectinload(ProgresHarian.rencana_aksi))
            .order_by(ProgresHarian.tanggal.desc(), ProgresHarian.id.desc()))
    if rhk_id is not None:
        stmt = stmt.where(ProgresHarian.rhk_id == rhk_id)
    return list(db.session.scalars(stmt))


def beranda(pegawai) -> dict:
    """What the quick entry on the Pegawai home needs (a fixed handful of statements)."""
    rhks = approved_rhk(pegawai.id)
    form = prepare(EntriForm(formdata=None), pegawai.id, rhks, fresh=True)
    today = clock.today()
    return {"form": form, "rhks": rhks, "hari_ini": entries(pegawai.id, today, today),
            "minggu": hari_minggu(today), "pengingat": pengingat.untuk_pegawai(pegawai.id)}
