"""Admin forms. Every message is Indonesian, including the ones WTForms writes itself."""
from __future__ import annotations

from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, IntegerField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from portal.kunci import KunciMixin
from portal.models.org import JENIS_JABATAN
from portal.models.periode import JENIS_SUB
from portal.rules.golongan import GOLONGAN_PNS, GOLONGAN_PPPK, STATUS, golongan_valid
from portal.rules.nip import INPUT as NIP_INPUT
from portal.rules.nip import bersihkan, nip_error
from portal.rules.nomor_dokumen import pola_error
from portal.rules.organisasi import ESELON_STRUKTURAL, eselon_error, range_error
from portal.versi import VersiMixin

# WTForms' own messages (bad date, bad choice, bad number) in Indonesian.
_BAWAAN = {
    "Not a valid date value.": "Tanggal tidak valid (format TTTT-BB-HH).",
    "Not a valid choice.": "Pilihan tidak valid.",
    "Invalid Choice: could not coerce.": "Pilihan tidak valid.",
    "Not a valid integer value.": "Harus berupa bilangan bulat.",
    "This field is required.": "Wajib diisi.",
}


# A seat select gets a search box above it (admin/_macros.html `fields`, htmx search-as-you-type
# against admin.jabatan_pilih); without JavaScript the full list, vacancies marked, is the picker.
PILIH_JABATAN = {"data-cari": "jabatan"}
# A NIP field that names someone else gets the person picker above it (`cari_pegawai`): a name
# typed there lists the people; without JavaScript the NIP is typed.
PILIH_PEGAWAI = {**NIP_INPUT, "data-cari": "pegawai"}


def opsi(pairs) -> list[SelectChoice]:
    """(value, label) pairs as the options of a select."""
    return [SelectChoice(value=v, label=label) for v, label in pairs]


class _Terjemahan:
    def gettext(self, text):
        return _BAWAAN.get(text, text)

    def ngettext(self, singular, plural, n):
        return self.gettext(singular if n == 1 else plural)


class Form(FlaskForm):
    class Meta:
        def get_translations(self, form):
            return _Terjemahan()


def _wajib(label: str):
    return DataRequired(_l("%(f)s wajib diisi.", f=label))


def _nip_valid(form, field):
    error = nip_error(field.data or "")
    if error:
        raise ValidationError(error)


def _pola_nomor(form, field):
    error = pola_error(field.data or "")
    if error:
        raise ValidationError(gettext(error))


def _tanggal(label):
    return DateField(label, validators=[InputRequired(_l("Tanggal wajib diisi."))])


class UnitForm(KunciMixin, VersiMixin, Form):
    nama = StringField(_l("Nama unit"), validators=[_wajib("Nama unit"), Length(max=200)])
    induk_id = SelectField(_l("Unit induk"), coerce=int)


class JabatanForm(KunciMixin, VersiMixin, Form):
    nama = StringField(_l("Nama jabatan"), validators=[_wajib("Nama jabatan"), Length(max=200)])
    jenis = SelectField(_l("Jenis jabatan"),
                        choices=opsi((j, j.capitalize()) for j in JENIS_JABATAN))
    eselon = SelectField(_l("Eselon"),
                         choices=opsi([("", "—")] + [(e, e) for e in ESELON_STRUKTURAL]))
    unit_id = SelectField(_l("Unit kerja"), coerce=int)
    atasan_id = SelectField(_l("Jabatan atasan"), coerce=int)
    fleksibel = BooleanField(_l("Boleh bekerja fleksibel (WFH/WFA)"))

    def validate_eselon(self, field):
        error = eselon_error(self.jenis.data, field.data or None)
        if error:
            raise ValidationError(error)


class PegawaiForm(VersiMixin, Form):
    nip = StringField(_l("NIP"), filters=[bersihkan], render_kw=NIP_INPUT,
                      validators=[_wajib("NIP"), _nip_valid])
    nama = StringField(_l("Nama (tanpa gelar)"), validators=[_wajib("Nama"), Length(max=150)])
    gelar_depan = StringField(_l("Gelar depan"), validators=[Optional(), Length(max=50)])
    gelar_belakang = StringField(_l("Gelar belakang"), validators=[Optional(), Length(max=80)])
    status = SelectField(_l("Status"), choices=opsi((s, s) for s in STATUS))
    golongan = SelectField(_l("Golongan"), validate_choice=False, choices={
        "PNS": {g: g for g in GOLONGAN_PNS}, "PPPK": {g: g for g in GOLONGAN_PPPK}})
    alamat = StringField(_l("Alamat"), validators=[Optional(), Length(max=300)])
    is_admin = BooleanField(_l("Operator BKPSDM (admin)"))

    def validate_golongan(self, field):
        if not golongan_valid(self.status.data, field.data):
            # Eager gettext: a lazy string renders as markup and would not be escaped.
            raise ValidationError(gettext("Golongan %(g)s tidak dikenal untuk status %(s)s.",
                                     g=field.data or "-", s=self.status.data))


class PindahForm(VersiMixin, Form):
    jabatan_id = SelectField(_l("Jabatan baru"), coerce=int, render_kw=PILIH_JABATAN,
                             validators=[NumberRange(min=1, message=_l("Pilih jabatan."))])
    tanggal = _tanggal(_l("Mulai tanggal"))
    keterangan = StringField(_l("Keterangan (nomor SK)"), validators=[Optional(), Length(max=200)])


class _Rentang:
    def validate_selesai(self, field):
        error = range_error(self.mulai.data, field.data)
        if error:
            raise ValidationError(error)


class PltForm(KunciMixin, _Rentang, Form):
    jabatan_id = SelectField(_l("Jabatan"), coerce=int, render_kw=PILIH_JABATAN,
                             validators=[NumberRange(min=1, message=_l("Pilih jabatan."))])
    jenis = SelectField(_l("Jenis"), choices=opsi([("Plt", "Plt"), ("Plh", "Plh")]))
    nip = StringField(_l("NIP pegawai yang ditunjuk"), filters=[bersihkan],
                      render_kw=PILIH_PEGAWAI,
                      validators=[_wajib("NIP"), _nip_valid])
    nomor_sk = StringField(_l("Nomor SK"), validators=[_wajib("Nomor SK"), Length(max=100)])
    mulai = _tanggal(_l("Mulai"))
    selesai = _tanggal(_l("Selesai"))
    catatan = StringField(_l("Catatan"), validators=[Optional(), Length(max=500)])


class PeriodeForm(Form):
    jenis = SelectField(_l("Pembagian sub-periode"),
                        choices=opsi((j, j.capitalize()) for j in JENIS_SUB),
                        default="triwulan")


class LiburForm(Form):
    tanggal = _tanggal(_l("Tanggal"))
    nama = StringField(_l("Nama hari libur"), validators=[_wajib("Nama"), Length(max=150)])
    jenis = SelectField(_l("Jenis"), choices=opsi([("libur_nasional", _l("Libur nasional")),
                                                   ("cuti_bersama", _l("Cuti bersama"))]))


class KetidakhadiranForm(KunciMixin, _Rentang, Form):
    nip = StringField(_l("NIP pegawai"), filters=[bersihkan], render_kw=PILIH_PEGAWAI,
                      validators=[_wajib("NIP"), _nip_valid])
    jenis = SelectField(_l("Jenis"), choices=opsi([("cuti", _l("Cuti")), ("sakit", _l("Sakit")),
                                                   ("dinas_luar", _l("Dinas luar"))]))
    mulai = _tanggal(_l("Mulai"))
    selesai = _tanggal(_l("Selesai"))
    keterangan = StringField(_l("Keterangan"), validators=[Optional(), Length(max=200)])


class InstansiForm(Form):
    nama = StringField(_l("Nama instansi"), validators=[_wajib("Nama instansi"),
                                                         Length(max=200)])
    tempat = StringField(_l("Tempat (untuk dokumen)"), validators=[_wajib("Tempat"),
                                                                   Length(max=100)])
    kepala_daerah_nama = StringField(_l("Nama kepala daerah"),
                                     validators=[_wajib("Nama kepala daerah"), Length(max=200)])
    kepala_daerah_nip = StringField(_l("NIP kepala daerah (kosongkan bila tidak ada)"),
                                    filters=[bersihkan], render_kw=NIP_INPUT,
                                    validators=[Optional(), _nip_valid])
    kepala_daerah_jabatan = StringField(_l("Jabatan kepala daerah"),
                                        validators=[_wajib("Jabatan"), Length(max=100)])
    batas_hari_fleksibel = IntegerField(
        _l("Batas hari kerja fleksibel per minggu"),
        validators=[InputRequired(_l("Wajib diisi (0–5).")),
                    NumberRange(0, 5, _l("Harus antara 0 dan 5."))])
    pola_nomor_dokumen = StringField(
        _l("Pola nomor dokumen ({tahun}, {bulan}, {romawi}, {jenis}, {nomor:6})"),
        validators=[_pola_nomor])
