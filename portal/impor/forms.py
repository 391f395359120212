from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired


class UnggahForm(FlaskForm):
    berkas = FileField(_l("Berkas pegawai (CSV atau XLSX)"),
                       validators=[FileRequired(_l("Pilih berkas CSV atau XLSX."))])


class KonfirmasiForm(FlaskForm):
    """Only the CSRF token: confirming applies the previewed import."""
