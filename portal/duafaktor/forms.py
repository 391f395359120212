"""Forms of the second factor and of the admin's policy."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, IntegerField, SelectMultipleField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange
from wtforms.widgets import CheckboxInput, ListWidget

PERAN_LABEL = {"sekda": _l("Sekda"), "admin": _l("Admin (BKPSDM)"),
               "atasan": _l("Atasan dengan bawahan langsung")}


class KodeForm(FlaskForm):
    kode = StringField(_l("Kode dari aplikasi autentikator (6 angka) atau kode pemulihan"),
                       validators=[DataRequired(_l("Isi kode.")),
                                   Length(max=40, message=_l("Kode terlalu panjang."))])
    percaya = BooleanField(_l("Percayai perangkat ini 30 hari (jangan di komputer bersama)"))


class KebijakanForm(FlaskForm):
    peran = SelectMultipleField(
        _l("Wajib dua faktor bagi"), choices=[SelectChoice(k, v) for k, v in PERAN_LABEL.items()],
        option_widget=CheckboxInput(), widget=ListWidget(prefix_label=False))
    min_bawahan = IntegerField(
        _l("Atasan: mulai dari berapa bawahan langsung"),
        validators=[InputRequired(_l("Isi jumlah bawahan, misalnya 1.")),
                    NumberRange(min=1, max=1000, message=_l("Isi angka 1 sampai 1000."))])
