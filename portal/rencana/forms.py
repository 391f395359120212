"""Forms of rencana aksi, verification, the daily-log settings and the entry import."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, IntegerField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from portal.harian.forms import angka_valid, parse_angka
from portal.idempotency import IdempotencyMixin


class RencanaAksiForm(IdempotencyMixin, FlaskForm):
    """`rhk` is read from the URL or a hidden field; the target is a number with its unit, or
    a description."""

    teks = StringField(_l("Rencana aksi"), validators=[
        DataRequired(_l("Tuliskan apa yang akan dikerjakan bulan ini.")),
        Length(max=300, message=_l("Paling banyak %(n)s karakter.", n=300))])
    target = StringField(_l("Target (angka)"), validators=[Optional(), angka_valid])
    satuan = StringField(_l("Satuan"), validators=[
        Optional(), Length(max=40, message=_l("Paling banyak %(n)s karakter.", n=40))])
    target_teks = StringField(_l("atau target berupa uraian"), validators=[
        Optional(), Length(max=200, message=_l("Paling banyak %(n)s karakter.", n=200))])

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        if not ok:
            return False
        has_number = bool((self.target.data or "").strip())
        if has_number and not (self.satuan.data or "").strip():
            self.satuan.errors = [_l("Isi satuan target, misalnya laporan atau dokumen.")]
            return False
        if not has_number and not (self.target_teks.data or "").strip():
            self.target.errors = [_l("Isi target berupa angka dan satuan, atau uraiannya.")]
            return False
        return True

    def values(self) -> dict:
        number = parse_angka(self.target.data)
        satuan = (self.satuan.data or "").strip() or None
        return {"teks": self.teks.data.strip(), "target": number,
                "satuan": satuan if number is not None else None,
                "target_teks": (self.target_teks.data or "").strip() or None}


class CatatanForm(FlaskForm):
    catatan = TextAreaField(_l("Catatan untuk perbaikan"), validators=[
        Optional(), Length(max=500, message=_l("Paling banyak %(n)s karakter.", n=500))])


class PengaturanForm(FlaskForm):
    verifikasi_aktif = BooleanField(_l("Atasan memverifikasi entri harian"))
    batas_telat_entri = IntegerField(_l("Entri boleh terlambat paling lama (hari kerja)"),
                                     validators=[NumberRange(0, 30, _l("Isi 0 sampai 30."))])
    batas_verifikasi = IntegerField(_l("Verifikasi paling lambat setelah minggunya (hari kerja)"),
                                    validators=[NumberRange(0, 30, _l("Isi 0 sampai 30."))])
    jam_pengingat = IntegerField(_l("Pengingat entri kosong mulai pukul"),
                                 validators=[NumberRange(0, 23, _l("Isi 0 sampai 23."))])


class ImporForm(FlaskForm):
    berkas = FileField(_l("Berkas entri (XLSX atau CSV dari templat)"))
