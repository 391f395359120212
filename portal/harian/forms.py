"""Forms of the daily log, realization, feedback and evidence upload (messages in Indonesian)."""
from __future__ import annotations

from decimal import Decimal

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import URL, DataRequired, Length, Optional, StopValidation, ValidationError

from portal.idempotency import IdempotencyMixin
from portal.models.harian import MODE_KERJA
from portal.rules import angka

URAIAN_MAX = 500
MODE_LABEL = {"WFO": _l("WFO (kantor)"), "WFH": _l("WFH (rumah)"), "WFA": _l("WFA (lokasi lain)")}


def choices(pairs) -> list[SelectChoice]:
    """Options whose labels stay lazy, so each reader sees them in their own language (a label
    made a str here, at import, stayed Indonesian in English)."""
    return [SelectChoice(str(value), label) for value, label in pairs]


def parse_angka(text: str | None) -> Decimal | None:
    """A non-negative number typed by a person ("12", "2,5", "1.234,5"); None when empty;
    ValueError else (portal/rules/angka.py)."""
    return angka.baca(text)


def angka_valid(_form, field):
    try:
        parse_angka(field.data)
    except ValueError as exc:
        raise ValidationError(_l("Isi dengan angka 0 atau lebih, misalnya 3 atau 2,5.")) from exc


class EntriForm(IdempotencyMixin, FlaskForm):
    """The entry names a rencana aksi of its month (`rencana`); the RHK follows from it. `rhk`
    is asked only of a person who has no rencana aksi for that month."""

    rencana = SelectField(_l("Rencana aksi"), coerce=str, validate_choice=False)
    rhk = SelectField(_l("RHK"), coerce=str, validate_choice=False)
    uraian = StringField(_l("Yang dikerjakan"), validators=[
        DataRequired(_l("Tuliskan apa yang dikerjakan.")),
        Length(max=URAIAN_MAX, message=_l("Paling banyak %(n)s karakter.", n=URAIAN_MAX))])
    output = StringField(_l("Output"), validators=[Optional(), angka_valid])
    tanggal = StringField(_l("Tanggal"))
    bukti_link = StringField(_l("Tautan bukti"), validators=[
        Optional(), Length(max=500, message=_l("Tautan terlalu panjang.")),
        URL(require_tld=False, message=_l("Tautan harus diawali http:// atau https://."))])
    mode = SelectField(_l("Mode kerja"), choices=choices((m, MODE_LABEL[m]) for m in MODE_KERJA),
                       validate_choice=False)


# The quick entry's text fields, checked by `periksa` with EntriForm's own validators.
ISIAN_TEKS = ("uraian", "output", "bukti_link")


class _Isian:
    """What a WTForms validator reads of a field: its posted value and its errors."""

    def __init__(self, data: str | None):
        self.data = data
        self.raw_data = [] if data is None else [data]
        self.errors: list = []

    @staticmethod
    def gettext(text):
        return text

    @staticmethod
    def ngettext(one, many, n):
        return one if n == 1 else many


def periksa(data) -> dict[str, list]:
    """The posted text fields of a quick entry checked by the validators EntriForm declares,
    without building the form (the hot path): the same chain WTForms runs per field (a
    StopValidation ends it), so the messages have one source. {field: messages}; empty when
    every field passes."""
    errors = {}
    for name in ISIAN_TEKS:
        field = _Isian(data.get(name))
        for validator in getattr(EntriForm, name).kwargs.get("validators", ()):
            try:
                validator(None, field)
            except StopValidation as stop:
                if stop.args and stop.args[0]:
                    field.errors.append(stop.args[0])
                break
            except ValidationError as exc:
                field.errors.append(exc.args[0])
        if field.errors:
            errors[name] = field.errors
    return errors


class RealisasiForm(FlaskForm):
    """Values are read per IKI from fields `nilai-<iki id>` and `catatan-<iki id>`; `version` is
    the realization's version the page showed (empty for a new one)."""


class KeputusanForm(FlaskForm):
    """`version`: the realization's version the supervisor saw (a second decision is refused)."""
    catatan = TextAreaField(_l("Catatan untuk perbaikan"), validators=[
        Optional(), Length(max=2000, message=_l("Paling banyak 2000 karakter."))])


class UmpanBalikForm(IdempotencyMixin, FlaskForm):
    topik = SelectField(_l("Tentang"), validate_choice=False)
    teks = TextAreaField(_l("Umpan balik"), validators=[
        DataRequired(_l("Tuliskan umpan balik.")),
        Length(max=2000, message=_l("Paling banyak 2000 karakter."))])


class BalasForm(IdempotencyMixin, FlaskForm):
    teks = TextAreaField(_l("Balasan"), validators=[
        DataRequired(_l("Tuliskan balasan.")),
        Length(max=2000, message=_l("Paling banyak 2000 karakter."))])


class BuktiForm(FlaskForm):
    berkas = FileField(_l("Berkas bukti (PDF, JPEG, PNG)"))
