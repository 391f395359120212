"""The form that makes a token."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, SelectMultipleField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length
from wtforms.widgets import CheckboxInput, ListWidget

from portal.rules import token as rules


class TokenForm(FlaskForm):
    nama = StringField(_l("Nama token (untuk apa)"), validators=[
        DataRequired(_l("Beri nama token, misalnya nama aplikasinya.")),
        Length(max=100, message=_l("Paling banyak 100 karakter."))])
    cakupan = SelectMultipleField(
        _l("Cakupan"), choices=[SelectChoice(c, c) for c in rules.CAKUPAN],
        option_widget=CheckboxInput(), widget=ListWidget(prefix_label=False),
        validators=[DataRequired(_l("Pilih sedikitnya satu cakupan."))])
    hari = SelectField(_l("Berlaku"), choices=[SelectChoice(str(h), _l("%(n)s hari", n=h))
                                               for h in rules.MASA_HARI], default="90")
    jenis = SelectField(_l("Jenis"), default="pribadi", choices=[
        SelectChoice("pribadi", _l("Pribadi (atas nama saya)")),
        SelectChoice("layanan", _l("Layanan (sistem lain)"))])
