"""Forms of the rapor area: prestasi/inovasi, its verification, and a batch ZIP request."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, RadioField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice as C
from wtforms.validators import (
    URL,
    AnyOf,
    DataRequired,
    InputRequired,
    Length,
    Optional,
    ValidationError,
)

from portal import clock
from portal.idempotency import IdempotencyMixin


class TanggalField(DateField):
    """A date field whose parse error speaks Indonesian."""

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError as exc:
            raise ValueError(_l("Tanggal tidak valid (format TTTT-BB-HH).")) from exc


class PrestasiForm(IdempotencyMixin, FlaskForm):
    jenis = SelectField(_l("Jenis"), choices=[C("prestasi", _l("Prestasi")),
                                              C("inovasi", _l("Inovasi"))],
                        validate_choice=False,
                        validators=[InputRequired(_l("Pilih jenis.")),
                                    AnyOf(("prestasi", "inovasi"), message=_l("Pilih jenis."))])
    judul = StringField(_l("Judul"), validators=[
        DataRequired(_l("Judul wajib diisi.")),
        Length(max=200, message=_l("Judul paling banyak 200 karakter."))])
    tanggal = TanggalField(_l("Tanggal"), validators=[InputRequired(_l("Tanggal wajib diisi."))],
                        format="%Y-%m-%d")
    uraian = TextAreaField(_l("Uraian"), validators=[
        Optional(), Length(max=2000, message=_l("Uraian paling banyak 2000 karakter."))])
    bukti_url = StringField(_l("Tautan bukti"), validators=[
        Optional(), URL(message=_l("Tautan bukti harus alamat web (https://…).")),
        Length(max=500, message=_l("Tautan paling banyak 500 karakter."))])

    def validate_tanggal(self, field):
        if field.data and field.data > clock.today():
            raise ValidationError(_l("Tanggal tidak boleh di masa depan."))


class VerifikasiForm(FlaskForm):
    keputusan = RadioField(_l("Keputusan"), choices=[C("diverifikasi", _l("Verifikasi")),
                                                     C("ditolak", _l("Tolak"))],
                           validate_choice=False,
                           validators=[InputRequired(_l("Pilih verifikasi atau tolak.")),
                                       AnyOf(("diverifikasi", "ditolak"),
                                             message=_l("Pilih verifikasi atau tolak."))])
    catatan = TextAreaField(_l("Catatan"), validators=[
        Optional(), Length(max=1000, message=_l("Catatan paling banyak 1000 karakter."))])


class BatchForm(FlaskForm):
    periode = StringField(_l("Periode"), validators=[
        DataRequired(_l("Pilih periode.")), Length(max=10, message=_l("Periode tidak dikenal."))])
    cakupan = SelectField(_l("Cakupan"), validate_choice=False,
                          validators=[InputRequired(_l("Pilih cakupan."))])

    def validate_cakupan(self, field):
        if field.data not in {c.value for c in field.choices}:
            raise ValidationError(_l("Cakupan ini tidak tersedia untuk Anda."))
