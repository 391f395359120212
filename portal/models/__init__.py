"""All models, imported here so Alembic and `db.create_all` see every table."""
from portal.models.audit import AuditLog
from portal.models.org import Instansi, Jabatan, PltJabatan, RiwayatJabatan, UnitKerja
from portal.models.pegawai import LoginGagal, Pegawai
from portal.models.periode import HariLibur, Ketidakhadiran, Periode, SubPeriode

__all__ = [
    "AuditLog",
    "HariLibur",
    "Instansi",
    "Jabatan",
    "Ketidakhadiran",
    "LoginGagal",
    "Pegawai",
    "Periode",
    "PltJabatan",
    "RiwayatJabatan",
    "SubPeriode",
    "UnitKerja",
]
