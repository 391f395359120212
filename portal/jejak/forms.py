"""The filter of the audit trail: a GET form (no CSRF token: it changes nothing)."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SelectField, StringField
from wtforms.validators import Optional, Regexp, ValidationError

from portal.rules.nip import INPUT as NIP_INPUT
from portal.rules.nip import bersihkan
from portal.rules.tanggal import TAHUN_MAX, TAHUN_MIN, parse_tanggal


class Tanggal(DateField):
    """A date field whose refusal speaks Indonesian like the rest of the form."""

    def process_formdata(self, valuelist):
        """The portal's one date parser (rules.tanggal.parse_tanggal): a date far outside
        the years of any record is refused here, before it overflows a time-zone shift."""
        self.data = None
        if valuelist and valuelist[0].strip():
            try:
                self.data = parse_tanggal(valuelist[0])
            except ValueError as exc:
                raise ValueError(_l("Tanggal tidak valid (format: 2026-01-31, tahun %(a)s–%(b)s).",
                                    a=TAHUN_MIN, b=TAHUN_MAX)) from exc


class FilterForm(FlaskForm):
    class Meta:
        csrf = False

    aksi = SelectField(_l("Aksi"), choices=[], validate_choice=False)
    nip = StringField(_l("NIP pelaku"), filters=[lambda v: bersihkan(v or "")],
                      render_kw=NIP_INPUT,
                      validators=[Optional(), Regexp(r"^\d{18}$",
                                                     message=_l("NIP terdiri dari 18 digit."))])
    objek_jenis = SelectField(_l("Jenis objek"), choices=[], validate_choice=False)
    dari = Tanggal(_l("Dari tanggal"), validators=[Optional()],
                     render_kw={"type": "date"})
    sampai = Tanggal(_l("Sampai tanggal"), validators=[Optional()],
                       render_kw={"type": "date"})

    def validate_sampai(self, field):
        if field.data and self.dari.data and field.data < self.dari.data:
            raise ValidationError(_l("Tanggal akhir tidak boleh sebelum tanggal awal."))

    def set_choices(self, aksi: list[str], jenis: list[str]) -> None:
        everything = [("", _l("Semua"))]
        self.aksi.choices = everything + [(a, a) for a in aksi]
        self.objek_jenis.choices = everything + [(j, j) for j in jenis]
