from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, EqualTo, Length, ValidationError

from portal.rules.nip import bersihkan


class LoginForm(FlaskForm):
    nip = StringField(_l("NIP"), filters=[bersihkan],
                      render_kw={"inputmode": "numeric", "autocomplete": "username"},
                      validators=[DataRequired(_l("NIP wajib diisi.")),
                                             Length(max=40, message=_l("NIP terlalu panjang."))])
    password = PasswordField(_l("Kata sandi"),
                             validators=[DataRequired(_l("Kata sandi wajib diisi.")),
                                         Length(max=200,
                                                message=_l("Kata sandi terlalu panjang."))])


class MinLength:
    """Minimum password length, read from the app config at validation time."""

    def __call__(self, form, field):
        from flask import current_app

        minimum = current_app.config["PASSWORD_MIN_LENGTH"]
        if len(field.data or "") < minimum:
            raise ValidationError(_l("Kata sandi minimal %(n)s karakter.", n=minimum))


class ChangePasswordForm(FlaskForm):
    lama = PasswordField(_l("Kata sandi saat ini"),
                         validators=[DataRequired(_l("Kata sandi saat ini wajib diisi."))])
    baru = PasswordField(_l("Kata sandi baru"),
                         validators=[DataRequired(_l("Kata sandi baru wajib diisi.")), MinLength(),
                                     Length(max=200, message=_l("Kata sandi terlalu panjang."))])
    ulang = PasswordField(_l("Ulangi kata sandi baru"),
                          validators=[EqualTo("baru", _l("Kedua kata sandi baru tidak sama."))])

    def validate_baru(self, field):
        if field.data and field.data == self.lama.data:
            raise ValidationError(_l("Kata sandi baru harus berbeda dari yang lama."))
