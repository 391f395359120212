"""Forms of the plan. Choices that depend on the person (RHK atasan, programs) are set by the
view; their checks answer in Indonesian instead of WTForms' own "Not a valid choice"."""
from __future__ import annotations

from decimal import Decimal, InvalidOperation

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    HiddenField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from portal.models.skp import ASPEK, JENIS_RHK, PERSPEKTIF
from portal.rules.berakhlak import KODE, LABEL

CATATAN_MAX = 2000


def _int_or_none(value):
    try:
        return int(value) if value not in (None, "", "None") else None
    except (TypeError, ValueError):
        return -1


class VersionedForm(FlaskForm):
    version = HiddenField()

    def version_int(self) -> int | None:
        try:
            return int(self.version.data)
        except (TypeError, ValueError):
            return None


class RhkForm(VersionedForm):
    jenis = SelectField(_l("Jenis"), choices=[SelectChoice(j, j.capitalize()) for j in JENIS_RHK],
                        validate_choice=False)
    teks = TextAreaField(_l("Rencana hasil kerja"), validators=[
        DataRequired(_l("Teks RHK wajib diisi.")),
        Length(max=CATATAN_MAX, message=_l("Teks RHK paling banyak %(max)d karakter."))])
    rhk_atasan_id = SelectField(_l("RHK atasan yang diintervensi"), coerce=_int_or_none,
                                validate_choice=False)
    perspektif = SelectField(_l("Perspektif"), validate_choice=False,
                             choices=[SelectChoice("", "-")]
                             + [SelectChoice(p) for p in PERSPEKTIF])
    program_ids = SelectMultipleField(_l("Program prioritas"), coerce=_int_or_none,
                                      validate_choice=False)

    def configure(self, parents, programs, top: bool, perspektif: bool):
        self.rhk_atasan_id.choices = [SelectChoice("", _l("— pilih —"))] + [
            SelectChoice(r.id, r.teks) for r in parents]
        self.program_ids.choices = [SelectChoice(p.id, p.nama) for p in programs]
        self._top, self._perspektif = top, perspektif
        return self

    def validate_jenis(self, field):
        if field.data not in JENIS_RHK:
            raise ValidationError(_l("Pilih utama atau tambahan."))

    def validate_rhk_atasan_id(self, field):
        if self._top:
            return
        allowed = {c.value for c in self.rhk_atasan_id.choices if c.value != ""}
        if field.data is None:
            raise ValidationError(_l("Pilih RHK atasan yang diintervensi."))
        if field.data not in allowed:
            raise ValidationError(_l("RHK atasan harus salah satu RHK atasan langsung yang sudah "
                                     "disetujui untuk periode ini."))

    def validate_perspektif(self, field):
        if not self._perspektif:
            field.data = None
        elif field.data not in PERSPEKTIF:
            raise ValidationError(_l("Pilih perspektif."))

    def validate_program_ids(self, field):
        if not self._top:
            field.data = []
            return
        allowed = {c.value for c in self.program_ids.choices}
        if not field.data:
            raise ValidationError(_l("Pilih minimal satu program prioritas."))
        if not set(field.data) <= allowed:
            raise ValidationError(_l("Program prioritas tidak dikenal untuk tahun ini."))


class IkiForm(VersionedForm):
    aspek = SelectField(_l("Aspek"), choices=[SelectChoice(a, a.capitalize()) for a in ASPEK],
                        validate_choice=False)
    indikator = StringField(_l("Indikator"), validators=[
        DataRequired(_l("Indikator wajib diisi.")),
        Length(max=500, message=_l("Indikator paling banyak %(max)d karakter."))])
    target = StringField(_l("Target"), validators=[DataRequired(_l("Target wajib diisi."))])
    satuan = StringField(_l("Satuan"), validators=[
        DataRequired(_l("Satuan wajib diisi.")),
        Length(max=40, message=_l("Satuan paling banyak %(max)d karakter."))])

    def validate_aspek(self, field):
        if field.data not in ASPEK:
            raise ValidationError(_l("Pilih aspek kuantitas, kualitas, waktu atau biaya."))

    def validate_target(self, field):
        try:
            value = Decimal((field.data or "").strip().replace(",", "."))
        except InvalidOperation:
            raise ValidationError(_l("Target harus berupa angka, misalnya 12 atau 95,5.")) \
                from None
        if not value.is_finite():
            raise ValidationError(_l("Target harus berupa angka, misalnya 12 atau 95,5."))
        if value < 0:
            raise ValidationError(_l("Target tidak boleh negatif."))
        if value >= Decimal("1e12"):
            raise ValidationError(_l("Target terlalu besar."))
        self.target_value = value.quantize(Decimal("0.01"))


class KolaboratorForm(FlaskForm):
    q = StringField(_l("NIP atau nama pegawai"), validators=[
        DataRequired(_l("Isi NIP atau nama pegawai.")),
        Length(max=150, message=_l("Isian terlalu panjang."))])


def _long_text(label):
    return TextAreaField(label, validators=[Optional(), Length(
        max=CATATAN_MAX, message=_l("Paling banyak %(max)d karakter."))])


class LampiranForm(VersionedForm):
    lampiran_sumber_daya = _long_text(_l("Dukungan sumber daya"))
    lampiran_skema = _long_text(_l("Skema pertanggungjawaban"))
    lampiran_konsekuensi = _long_text(_l("Konsekuensi"))


class CatatanForm(FlaskForm):
    catatan = TextAreaField(_l("Catatan pengembalian"), validators=[
        DataRequired(_l("Tulis alasan pengembalian.")),
        Length(max=CATATAN_MAX, message=_l("Catatan paling banyak %(max)d karakter."))])


class EkspektasiForm(FlaskForm):
    nilai = SelectField(_l("Nilai BerAKHLAK"), choices=[SelectChoice(k, LABEL[k]) for k in KODE],
                        validate_choice=False)
    teks = TextAreaField(_l("Ekspektasi khusus pimpinan"), validators=[
        Optional(), Length(max=CATATAN_MAX, message=_l("Paling banyak %(max)d karakter."))])

    def validate_nilai(self, field):
        if field.data not in KODE:
            raise ValidationError(_l("Nilai BerAKHLAK tidak dikenal."))


class ProgramForm(FlaskForm):
    nama = StringField(_l("Nama program"), validators=[
        DataRequired(_l("Nama program wajib diisi.")),
        Length(max=200, message=_l("Nama paling banyak %(max)d karakter."))])
    deskripsi = _long_text(_l("Deskripsi"))
    indikator = _long_text(_l("Indikator organisasi"))
