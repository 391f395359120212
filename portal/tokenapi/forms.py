"""The form that makes a token."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, SelectMultipleField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from portal.rules import token as rules


def _dari_daftar(pilihan):
    """WTForms' own choice check answers in English: this one in Indonesian."""
    def check(_form, field):
        values = field.data if isinstance(field.data, list) else [field.data]
        if any(v not in pilihan for v in values):
            raise ValidationError(_l("Pilih dari daftar yang tersedia."))
    return check


class TokenForm(FlaskForm):
    nama = StringField(_l("Nama token (untuk apa)"), validators=[
        DataRequired(_l("Beri nama token, misalnya nama aplikasinya.")),
        Length(max=100, message=_l("Paling banyak 100 karakter."))])
    cakupan = SelectMultipleField(
        _l("Cakupan"), choices=[SelectChoice(c, c) for c in rules.CAKUPAN],
        option_widget=CheckboxInput(), widget=ListWidget(prefix_label=False),
        validate_choice=False, validators=[DataRequired(_l("Pilih sedikitnya satu cakupan.")),
                                           _dari_daftar(set(rules.CAKUPAN))])
    hari = SelectField(_l("Berlaku"), choices=[SelectChoice(str(h), _l("%(n)s hari", n=h))
                                               for h in rules.MASA_HARI], default="90",
                       validate_choice=False,
                       validators=[_dari_daftar({str(h) for h in rules.MASA_HARI})])
    jenis = SelectField(_l("Jenis"), default="pribadi", validate_choice=False,
                        validators=[_dari_daftar(set(rules.JENIS))], choices=[
        SelectChoice("pribadi", _l("Pribadi (atas nama saya)")),
        SelectChoice("layanan", _l("Layanan (sistem lain)"))])
