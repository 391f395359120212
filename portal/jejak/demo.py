"""Demo audit trail: a few people, org, import and plan events, so /audit is not empty."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from portal.extensions import db
from portal.models import AuditLog, Skp

# (days ago, hour, actor key, action, object kind, object person key or None, before, after)
EVENTS = [
    (20, 8, "admin", "impor_pegawai", "impor", None, None, {"berkas": "pegawai-dinkes.csv",
                                                          "baris": 14, "gagal": 0}),
    (18, 9, "admin", "ubah_jabatan", "riwayat_jabatan", "staf_surv2",
     {"jabatan": "Pengadministrasi Umum"}, {"jabatan": "Pengelola Data Surveilans"}),
    (15, 10, "admin", "plt.tunjuk", "plt_jabatan", None, None, {"nomor_sk": "800/112/2026"}),
    (12, 13, "admin", "reset_sandi", "pegawai", "staf_surv1", None, {"wajib_ganti": True}),
    (12, 14, "staf_surv1", "ganti_sandi", "pegawai", "staf_surv1", None, None),
    (10, 9, "kasi_surv", "setujui_skp", "skp", "staf_surv1", {"status": "diajukan"},
     {"status": "disetujui"}),
    (7, 15, "sekda", "tutup_periode", "periode", None, {"tertutup": False}, {"tertutup": True}),
    (3, 11, "admin", "tambah_hari_libur", "hari_libur", None, None,
     {"tanggal": "cuti bersama", "jumlah": 1}),
]


def seed(people: dict, today: date) -> None:
    if db.session.scalar(select(AuditLog.id).where(AuditLog.aksi == "impor_pegawai").limit(1)):
        return
    for days, hour, actor, aksi, jenis, target, before, after in EVENTS:
        waktu = datetime.combine(today - timedelta(days=days), time(hour)) - timedelta(hours=7)
        db.session.add(AuditLog(
            waktu=waktu, aktor_id=people[actor].id, aksi=aksi, objek_jenis=jenis,
            objek_id=_objek_id(jenis, people[target].id) if target else None, alamat_ip="10.20.1.15",
            sebelum=None if before is None else _json(before),
            sesudah=None if after is None else _json(after)))


def _objek_id(jenis: str, pegawai_id: int) -> int | None:
    if jenis == "skp":
        return db.session.scalar(select(Skp.id).where(Skp.pegawai_id == pegawai_id)
                                 .order_by(Skp.id).limit(1))
    return pegawai_id


def _json(value) -> str:
    import json

    return json.dumps(value, ensure_ascii=False, sort_keys=True)
