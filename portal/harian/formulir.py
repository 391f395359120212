"""The quick entry's form: its choices and defaults (`prepare`), the edit form, and the fresh
form answered after every save written without building a WTForms form (`segar`).

The fresh form is the hot path of the portal (everyone, every day): building an `EntriForm`
and rendering its widgets cost ~2.5 ms of the ~13 ms an entry cost. `Isian` writes each field
exactly as its WTForms widget does, from the same values `fresh_values` gives `prepare`, into
the same template (harian/_quick.html); tests/test_harian_segar.py compares the two byte for
byte.
"""
from __future__ import annotations

import secrets
from datetime import date

from markupsafe import Markup, escape
from sqlalchemy import select

from portal import clock
from portal.extensions import db
from portal.harian.forms import MODE_LABEL, EntriForm, choices, periksa
from portal.idempotency import KUNCI_MAX
from portal.models import ModeKerja, ProgresHarian, Rhk
from portal.models.harian import MODE_KERJA

INPUT_FLAGS = ("required", "disabled", "readonly", "maxlength", "minlength", "max", "min",
               "step", "pattern")  # what wtforms' Input widget writes from validator flags


def short(text: str, n: int = 60) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def mode_on(pegawai_id: int, day: date) -> str:
    return db.session.scalar(select(ModeKerja.mode).where(
        ModeKerja.pegawai_id == pegawai_id, ModeKerja.tanggal == day)) or "WFO"


def rencana_of(pegawai_id: int, month: tuple[int, int], rencana: list | None) -> list:
    """The month's rencana aksi: those the caller already has when they are of that month."""
    from portal.rencana import rencana_aksi  # here: the rencana blueprint imports this area

    if rencana is None or (rencana and (rencana[0].tahun, rencana[0].bulan) != month):
        rencana = rencana_aksi.untuk_bulan(pegawai_id, *month)
    return rencana


def fresh_values(pegawai_id: int, rhks: list[Rhk], rencana: list,
                 last: tuple[int | None, int | None] | None,
                 mode_hari_ini: str | None) -> dict[str, str | None]:
    """The fresh form's defaults: the rencana aksi used last (or the last RHK), today, today's
    mode. Right after a save the caller knows the last (RHK, rencana aksi) and today's mode
    (for an entry of today) and passes them instead of asking the database again."""
    today = clock.today()
    if last is None:
        row = db.session.execute(select(ProgresHarian.rhk_id, ProgresHarian.rencana_aksi_id)
                                 .where(ProgresHarian.pegawai_id == pegawai_id)
                                 .order_by(ProgresHarian.dibuat_pada.desc(),
                                           ProgresHarian.id.desc()).limit(1)).first()
        last = (row[0], row[1]) if row else (None, None)
    last_rhk, last_ra = last
    values: dict[str, str | None] = {}
    if rencana:
        values["rencana"] = str(last_ra) if any(r.id == last_ra for r in rencana) \
            else str(rencana[0].id)
    values["rhk"] = str(last_rhk) if last_rhk else (str(rhks[0].id) if rhks else None)
    values["tanggal"] = today.isoformat()
    values["mode"] = mode_hari_ini or mode_on(pegawai_id, today)
    return values


def prepare(form: EntriForm, pegawai_id: int, rhks: list[Rhk], *, fresh: bool,
            last: tuple[int | None, int | None] | None = None,
            mode_hari_ini: str | None = None,
            rencana: list | None = None) -> EntriForm:
    """Choices and defaults (`fresh_values`) and a new idempotency key.

    The rencana aksi offered are those of the month of the posted day (so a late entry of last
    month, sent back with a message, can pick one of that month), else of this month."""
    today = clock.today()
    month = (today.year, today.month)
    if not fresh:
        try:
            posted = date.fromisoformat((form.tanggal.data or "").strip())
            month = (posted.year, posted.month)
        except ValueError:
            pass
    rencana = rencana_of(pegawai_id, month, rencana)
    form.rencana_list, form.rencana_bulan = rencana, month
    form.rencana.choices = choices((r.id, short(r.teks, 48)) for r in rencana)
    form.rhk.choices = choices((r.id, short(r.teks, 50)) for r in rhks)
    if fresh:
        for name, value in fresh_values(pegawai_id, rhks, rencana, last, mode_hari_ini).items():
            getattr(form, name).data = value
        form.fresh_key()
    elif not form.posted_key():  # absent, empty or too long for the column: a new one
        form.fresh_key()
    return form


def edit_form(entri: ProgresHarian, rhks: list[Rhk]) -> EntriForm:
    form = EntriForm(formdata=None)
    form.uraian.data, form.bukti_link.data, form.kunci.data = entri.uraian, entri.bukti_link, \
        entri.kunci
    form.rhk.data, form.tanggal.data = str(entri.rhk_id), entri.tanggal.isoformat()
    form.rencana.data = str(entri.rencana_aksi_id or "")
    form.output.data = "" if entri.output is None else \
        format(entri.output.normalize(), "f").replace(".", ",")
    form.mode.data = mode_on(entri.pegawai_id, entri.tanggal)
    return prepare(form, entri.pegawai_id, rhks, fresh=False)


def _flags(name: str) -> dict:
    """The attributes EntriForm's validators give a field's input (maxlength, required)."""
    out: dict = {}
    for validator in getattr(EntriForm, name).kwargs.get("validators", ()):
        out.update({k: v for k, v in getattr(validator, "field_flags", {}).items()
                    if k in INPUT_FLAGS})
    return out


def _attrs(kw: dict) -> str:
    """wtforms' `html_params` without its per-attribute Markup formatting (a third of the fresh
    form's cost): sorted names, `class_` → `class`, `data_x`/`aria_x` → `data-x`, True as a bare
    name, False left out, values escaped."""
    out = []
    for key in sorted(kw):
        value = kw[key]
        name = key.rstrip("_")
        if name.startswith(("data_", "aria_")):
            name = name.replace("_", "-")
        if value is True:
            out.append(name)
        elif value is not False:
            out.append(f'{name}="{escape(value)}"')
    return " ".join(out)


class Isian:
    """One field of the fresh form, written as its WTForms widget writes it (no errors)."""

    errors = ()

    def __init__(self, name: str, data: str | None, kind: str = "text",
                 options: list[tuple[str, str]] | None = None):
        self.id = self.name = name
        self.data, self.kind, self.choices = data, kind, options
        self.flags = _flags(name) if options is None else {}

    def __call__(self, **kw) -> Markup:
        kw.setdefault("id", self.id)
        kw["name"] = self.name
        if self.choices is None:
            kw.setdefault("type", self.kind)
            kw.setdefault("value", "" if self.data is None else self.data)
            for key, value in self.flags.items():
                kw.setdefault(key, value)
            return Markup(f"<input {_attrs(kw)}>")  # noqa: S704 - every value escaped by _attrs
        options = "".join(
            f'<option {"selected " if value == self.data else ""}value="{escape(value)}">'
            f"{escape(label)}</option>" for value, label in self.choices)
        return Markup(f"<select {_attrs(kw)}>{options}</select>")  # noqa: S704 - as above


class FormSegar:
    """The fresh quick-entry form after a save, with the fields harian/_quick.html uses."""

    def __init__(self, values: dict[str, str | None], rhks: list[Rhk], rencana: list):
        self.kunci = Isian("kunci", secrets.token_urlsafe(16), "hidden")
        self.uraian = Isian("uraian", None)
        self.rencana = Isian("rencana", values.get("rencana"),
                             options=[(str(r.id), short(r.teks, 48)) for r in rencana])
        self.rhk = Isian("rhk", values["rhk"],
                         options=[(str(r.id), short(r.teks, 50)) for r in rhks])
        self.output = Isian("output", None)
        self.tanggal = Isian("tanggal", values["tanggal"])
        self.mode = Isian("mode", values["mode"],
                          options=[(m, str(MODE_LABEL[m])) for m in MODE_KERJA])
        self.bukti_link = Isian("bukti_link", None)


def segar(pegawai_id: int, rhks: list[Rhk], *, last: tuple[int | None, int | None],
          mode_hari_ini: str | None, rencana: list | None) -> FormSegar:
    """The fresh form after a save (this month's rencana aksi, as `prepare(fresh=True)`)."""
    today = clock.today()
    rencana = rencana_of(pegawai_id, (today.year, today.month), rencana)
    return FormSegar(fresh_values(pegawai_id, rhks, rencana, last, mode_hari_ini), rhks, rencana)


class Kiriman:
    """A posted quick entry as plain values, for the hot path: what `services.validate` and
    `create` read of an EntriForm, without building one. Made only when the text fields pass
    EntriForm's own validators (`forms.periksa`); a refusal renders the real form."""

    FIELDS = ("rencana", "rhk", "uraian", "output", "tanggal", "bukti_link", "mode")

    def __init__(self, data, rencana: list, month: tuple[int, int]):
        for name in self.FIELDS:  # as WTForms reads them: the first value, None when absent
            setattr(self, name, _Nilai(data.get(name)))
        key = (data.get("kunci") or "").strip()
        self.kunci = _Nilai(key if 0 < len(key) <= KUNCI_MAX else secrets.token_urlsafe(16))
        self.rencana_list, self.rencana_bulan = rencana, month

    def validate(self) -> bool:
        return True  # checked by `periksa` before it was made

    def posted_key(self) -> str:
        return self.kunci.data


class _Nilai:
    def __init__(self, data: str | None):
        self.data, self.errors = data, []


def kiriman(data, pegawai_id: int) -> Kiriman | None:
    """The posted entry, or None when a text field fails its own check (then the caller builds
    the EntriForm, whose messages are the same validators'). The rencana aksi offered are
    those of the posted day's month, else of this month, as `prepare` offers them."""
    if periksa(data):
        return None
    today = clock.today()
    month = (today.year, today.month)
    try:
        posted = date.fromisoformat((data.get("tanggal") or "").strip())
        month = (posted.year, posted.month)
    except ValueError:
        pass
    return Kiriman(data, rencana_of(pegawai_id, month, None), month)
