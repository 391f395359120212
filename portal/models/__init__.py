"""All models, imported here so Alembic and `db.create_all` see every table."""
from portal.models.audit import AuditLog
from portal.models.cache import AngkaTersimpan
from portal.models.dokumen import Berkas, Dokumen, NomorUrut, VerifikasiAkses
from portal.models.dua_faktor import DuaFaktor, KebijakanDuaFaktor, KodePemulihan
from portal.models.harian import BuktiDukung, ModeKerja, Notifikasi, ProgresHarian
from portal.models.impor import ImporPratinjau
from portal.models.job import Job
from portal.models.keberatan import Keberatan, PeriodeLog
from portal.models.org import Instansi, Jabatan, PltJabatan, RiwayatJabatan, UnitKerja
from portal.models.pegawai import LoginGagal, Pegawai
from portal.models.penilaian import Penilaian, RatingOrganisasi
from portal.models.periode import HariLibur, Ketidakhadiran, Periode, SubPeriode
from portal.models.presensi import (
    BulanPresensiTutup,
    ImporPresensi,
    JadwalHari,
    JadwalJabatan,
    JadwalKerja,
    PengajuanPresensi,
    PinMesin,
    Presensi,
    TempatKerja,
)
from portal.models.prestasi import Prestasi
from portal.models.realisasi import Realisasi, RealisasiPeriode, UmpanBalik
from portal.models.rencana import PengaturanHarian, RencanaAksi
from portal.models.siasn import KirimanSiasn
from portal.models.skp import (
    EkspektasiPerilaku,
    Iki,
    ProgramPrioritas,
    Rhk,
    RhkKolaborator,
    RhkProgram,
    Skp,
    SkpRevisi,
    SkpTransisi,
)
from portal.models.talenta import DaftarPendek, DaftarPendekAnggota
from portal.models.token import ApiToken
from portal.models.tpp import TppAturan, TppCatatan, TppHasil, TppJabatan, TppRun

__all__ = [
    "ApiToken",
    "DuaFaktor",
    "KebijakanDuaFaktor",
    "KirimanSiasn",
    "KodePemulihan",
    "AngkaTersimpan",
    "AuditLog",
    "Berkas",
    "Dokumen",
    "NomorUrut",
    "VerifikasiAkses",
    "DaftarPendek",
    "DaftarPendekAnggota",
    "BuktiDukung",
    "ModeKerja",
    "Notifikasi",
    "ProgresHarian",
    "EkspektasiPerilaku",
    "Iki",
    "ProgramPrioritas",
    "PengaturanHarian",
    "Realisasi",
    "RencanaAksi",
    "RatingOrganisasi",
    "RealisasiPeriode",
    "Rhk",
    "RhkKolaborator",
    "RhkProgram",
    "Skp",
    "SkpRevisi",
    "SkpTransisi",
    "UmpanBalik",
    "HariLibur",
    "ImporPratinjau",
    "Keberatan",
    "PeriodeLog",
    "Instansi",
    "Jabatan",
    "Ketidakhadiran",
    "LoginGagal",
    "Pegawai",
    "Penilaian",
    "Periode",
    "Prestasi",
    "BulanPresensiTutup",
    "ImporPresensi",
    "JadwalHari",
    "JadwalJabatan",
    "JadwalKerja",
    "PengajuanPresensi",
    "PinMesin",
    "Presensi",
    "TempatKerja",
    "Job",
    "PltJabatan",
    "RiwayatJabatan",
    "SubPeriode",
    "UnitKerja",
    "TppAturan",
    "TppCatatan",
    "TppHasil",
    "TppJabatan",
    "TppRun",
]
