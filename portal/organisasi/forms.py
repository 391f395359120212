from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import Form, IntegerField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice as C
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from portal.idempotency import IdempotencyMixin
from portal.models.penilaian import PREDIKAT
from portal.rules.golongan import GOLONGAN_PNS

PREDIKAT_LABEL = {"sangat_baik": _l("Sangat Baik"), "baik": _l("Baik"),
                  "butuh_perbaikan": _l("Butuh Perbaikan"), "kurang": _l("Kurang/Misconduct"),
                  "sangat_kurang": _l("Sangat Kurang")}
SORT_LABEL = [C("nama", _l("Nama")), C("golongan", _l("Golongan tertinggi")),
              C("lama", _l("Terlama menjabat")), C("predikat", _l("Jumlah predikat terbanyak"))]


class TalentaForm(Form):
    """Search filters, read from the query string (a GET form: bookmarkable, no CSRF)."""

    predikat = SelectField(_l("Predikat"), choices=[C("", _l("(semua)"))] +
                           [C(p, PREDIKAT_LABEL[p]) for p in PREDIKAT], default="")
    minimal = IntegerField(_l("Minimal (kali)"), default=1, validators=[
        Optional(), NumberRange(1, 10, _l("Isi angka 1 sampai 10."))])
    dari_terakhir = IntegerField(_l("dari periode tahunan terakhir"), default=3, validators=[
        Optional(), NumberRange(1, 10, _l("Isi angka 1 sampai 10."))])
    jenis = SelectField(_l("Jenis jabatan"), default="", choices=[
        C("", _l("(semua)")), C("struktural", _l("Struktural")), C("fungsional", _l("Fungsional")),
        C("pelaksana", _l("Pelaksana"))])
    eselon = SelectField(_l("Eselon"), default="", choices=[C("", _l("(semua)"))] +
                         [C(e) for e in ("I", "II", "III", "IV")])
    golongan_min = SelectField(_l("Golongan dari"), default="",
                               choices=[C("", "-")] + [C(g) for g in GOLONGAN_PNS])
    golongan_max = SelectField(_l("sampai"), default="",
                               choices=[C("", "-")] + [C(g) for g in GOLONGAN_PNS])
    opd = SelectField(_l("OPD"), default="", choices=[C("", _l("(semua)"))], validate_choice=False)
    lama_tahun = IntegerField(_l("Lama di jabatan (tahun, minimal)"), validators=[
        Optional(), NumberRange(0, 40, _l("Isi angka 0 sampai 40."))])
    urut = SelectField(_l("Urutkan"), choices=SORT_LABEL, default="nama")


class DaftarPendekForm(IdempotencyMixin, FlaskForm):
    nama = StringField(_l("Nama daftar"), validators=[
        DataRequired(_l("Nama daftar wajib diisi.")),
        Length(max=150, message=_l("Nama daftar paling banyak 150 karakter."))])
    catatan = TextAreaField(_l("Catatan (untuk keputusan rotasi/promosi)"), validators=[
        Optional(), Length(max=2000, message=_l("Catatan paling banyak 2000 karakter."))])
