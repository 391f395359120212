"""Forms of the second factor and of the admin's policy."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectMultipleField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

PERAN_LABEL = {"sekda": _l("Sekda"), "admin": _l("Admin (BKPSDM)"),
               "atasan": _l("Atasan dengan bawahan langsung")}


class KodeForm(FlaskForm):
    kode = StringField(_l("Kode dari aplikasi autentikator (6 angka) atau kode pemulihan"),
                       validators=[DataRequired(_l("Isi kode.")),
                                   Length(max=40, message=_l("Kode terlalu panjang."))])
    percaya = BooleanField(_l("Percayai perangkat ini 30 hari (jangan di komputer bersama)"))


def _peran_dikenal(_form, field):
    if any(p not in PERAN_LABEL for p in field.data or []):
        raise ValidationError(_l("Pilih dari daftar yang tersedia."))


def _jumlah_bawahan(_form, field):
    text = (field.data or "").strip()
    if not text.isdigit() or not 1 <= int(text) <= 1000:
        raise ValidationError(_l("Isi angka 1 sampai 1000."))


class KebijakanForm(FlaskForm):
    peran = SelectMultipleField(
        _l("Wajib dua faktor bagi"), choices=[SelectChoice(k, v) for k, v in PERAN_LABEL.items()],
        option_widget=CheckboxInput(), widget=ListWidget(prefix_label=False),
        validate_choice=False, validators=[_peran_dikenal])
    min_bawahan = StringField(
        _l("Atasan: mulai dari berapa bawahan langsung"), render_kw={"inputmode": "numeric"},
        validators=[DataRequired(_l("Isi jumlah bawahan, misalnya 1.")), _jumlah_bawahan])
