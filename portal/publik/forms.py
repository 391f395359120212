"""The verifier's one form: a PDF to compare with the issued document."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired


class PeriksaForm(FlaskForm):
    berkas = FileField(_l("Berkas PDF yang ingin diperiksa"),
                       validators=[FileRequired(_l("Pilih berkas PDF terlebih dahulu."))])
