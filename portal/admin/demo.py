"""Demo data for the admin pages: an upcoming Plh confirmed by the Sekda, and a Plt that waits
for the Sekda's confirmation, so the Plt/Plh list and the Sekda's confirmation page are not
empty.

Both start a month from now, so nobody's supervisor changes today. Idempotent (keyed by SK)."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from portal.extensions import db
from portal.models import Jabatan, Notifikasi, PltJabatan
from portal.models.org import PLT_BERLAKU, PLT_MENUNGGU

SK_PLH = "800/217/BKPSDM/2026"
SK_PLT = "800/231/BKPSDM/2026"


def _seat(nama: str) -> Jabatan:
    return db.session.scalar(select(Jabatan).where(Jabatan.nama == nama))


def seed(people: dict, today: date) -> None:
    if db.session.scalar(select(PltJabatan.id).where(PltJabatan.nomor_sk == SK_PLH)):
        return
    mulai = today + timedelta(days=30)
    db.session.add(PltJabatan(
        jabatan_id=_seat("Kepala Seksi Pencegahan Penyakit Menular").id,
        pegawai_id=people["staf_pm1"].id, jenis="Plh", nomor_sk=SK_PLH, mulai=mulai,
        selesai=mulai + timedelta(days=13), catatan="Kepala seksi menjalani cuti besar",
        status=PLT_BERLAKU, diusulkan_oleh_id=people["admin"].id,
        dikonfirmasi_oleh_id=people["sekda"].id,
        dikonfirmasi_pada=datetime.combine(today - timedelta(days=2), time(2, 30))))
    db.session.add(PltJabatan(
        jabatan_id=_seat("Kepala Subbidang Perekonomian").id,
        pegawai_id=people["staf_ekon1"].id, jenis="Plt", nomor_sk=SK_PLT, mulai=mulai,
        selesai=mulai + timedelta(days=59), catatan="Kepala subbidang mengikuti diklat PIM",
        status=PLT_MENUNGGU, diusulkan_oleh_id=people["admin"].id))
    db.session.add(Notifikasi(penerima_id=people["sekda"].id, jenis="plt", tautan="/plt/konfirmasi",
                              teks="Plt Ratna Sari untuk Kepala Subbidang Perekonomian menunggu "
                                   "konfirmasi Anda."))
