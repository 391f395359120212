"""Writing the audit trail: one call per recorded action, in the same transaction as the change."""
from __future__ import annotations

import json

from flask import has_request_context, request
from flask_login import current_user

from portal.extensions import db
from portal.models import AuditLog

# What the admin (BKPSDM operator) may read of the audit trail: people, org and import events
# (docs/domain.md). The one place that says so; record() callers pick their objek_jenis from here
# when the event is about people, the org tree, periods or imports.
ADMIN_OBJEK_JENIS = frozenset({
    "pegawai", "instansi", "unit_kerja", "jabatan", "riwayat_jabatan", "plt_jabatan", "periode",
    "hari_libur", "ketidakhadiran", "impor",
    # presensi: machine files, the admin's fixes, working hours, closed months
    "presensi", "jadwal_kerja", "presensi_bulan",
})


def _dump(value) -> str | None:
    if value is None:
        return None
    return json.dumps(value, ensure_ascii=False, default=str, sort_keys=True)


def record(aksi: str, objek_jenis: str, objek_id: int | None, *, sebelum=None, sesudah=None,
           atas_nama: str | None = None, aktor_id: int | None = None) -> AuditLog:
    if aktor_id is None and has_request_context() and current_user.is_authenticated:
        aktor_id = current_user.id
    entry = AuditLog(
        aksi=aksi, objek_jenis=objek_jenis, objek_id=objek_id, aktor_id=aktor_id,
        sebelum=_dump(sebelum), sesudah=_dump(sesudah), atas_nama=atas_nama,
        alamat_ip=(request.remote_addr if has_request_context() else None),
    )
    db.session.add(entry)
    return entry
