"""Forms of the evaluation, with Indonesian messages."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, SelectField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from portal.idempotency import IdempotencyMixin
from portal.rules.kurva import RATING_ORGANISASI_LABEL
from portal.rules.predikat import RATING_LABEL


def choices(pairs) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in pairs]


RATING_CHOICES = choices(RATING_LABEL.items())
PILIH = _l("Pilih salah satu rating.")


class RatingForm(FlaskForm):
    hasil_kerja = RadioField(_l("Rating hasil kerja"), choices=RATING_CHOICES,
                             validators=[InputRequired(PILIH)])
    perilaku_kerja = RadioField(_l("Rating perilaku kerja"), choices=RATING_CHOICES,
                                validators=[InputRequired(PILIH)])
    catatan = TextAreaField(_l("Catatan / rekomendasi"),
                            validators=[Optional(), Length(max=2000, message=_l(
                                "Catatan paling banyak 2000 karakter."))])


class KeberatanForm(IdempotencyMixin, FlaskForm):
    alasan = TextAreaField(_l("Alasan keberatan"), validators=[
        DataRequired(_l("Tuliskan alasan keberatan.")),
        Length(min=10, max=3000, message=_l("Alasan 10 sampai 3000 karakter."))])


class PenjelasanForm(FlaskForm):
    penjelasan = TextAreaField(_l("Penjelasan pejabat penilai"), validators=[
        DataRequired(_l("Tuliskan penjelasan.")),
        Length(max=3000, message=_l("Penjelasan paling banyak 3000 karakter."))])


class PutusanForm(FlaskForm):
    keputusan = RadioField(_l("Keputusan"), choices=choices([
        ("tetap", _l("Tetap (rating tidak diubah)")), ("ubah", _l("Ubah rating"))]),
        validators=[InputRequired(_l("Pilih keputusan."))])
    hasil_kerja = RadioField(_l("Rating hasil kerja baru"), choices=RATING_CHOICES,
                             validators=[Optional()])
    perilaku_kerja = RadioField(_l("Rating perilaku kerja baru"), choices=RATING_CHOICES,
                                validators=[Optional()])
    pertimbangan = TextAreaField(_l("Pertimbangan"), validators=[
        DataRequired(_l("Tuliskan pertimbangan keputusan.")),
        Length(max=3000, message=_l("Pertimbangan paling banyak 3000 karakter."))])

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        if self.keputusan.data == "ubah":
            for f in (self.hasil_kerja, self.perilaku_kerja):
                if not f.data:
                    f.errors = [*f.errors, str(PILIH)]
                    ok = False
        return ok


class RatingOrganisasiForm(FlaskForm):
    unit_id = SelectField(_l("Organisasi"), choices=[], validate_choice=True,
                          validators=[Optional()])
    rating = RadioField(_l("Capaian kinerja organisasi"),
                        choices=choices(RATING_ORGANISASI_LABEL.items()),
                        validators=[InputRequired(_l("Pilih capaian kinerja organisasi."))])
    justifikasi = TextAreaField(_l("Justifikasi (bila distribusi menyimpang)"), validators=[
        Optional(), Length(max=3000, message=_l("Justifikasi paling banyak 3000 karakter."))])


class BukaForm(FlaskForm):
    alasan = TextAreaField(_l("Alasan membuka kembali"), validators=[
        DataRequired(_l("Tuliskan alasan membuka kembali periode.")),
        Length(min=5, max=1000, message=_l("Alasan 5 sampai 1000 karakter."))])
