"""Demo data for the rapor: prestasi and inovasi (one verified, one waiting). The ratings the
rapor prints come from the penilaian demo. Idempotent."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select

from portal.extensions import db
from portal.models import Prestasi


def seed(people: dict, today: date) -> None:
    # The ratings (and so the rapor ready to download) come from the penilaian demo.
    _prestasi(people, today)


def _prestasi(people: dict, today: date) -> None:
    person = people["staf_surv1"]
    if db.session.scalar(select(Prestasi.id).where(Prestasi.pegawai_id == person.id).limit(1)):
        return
    db.session.add(Prestasi(
        pegawai_id=person.id, jenis="inovasi", judul="Dasbor surveilans mingguan otomatis",
        tanggal=date(today.year, 3, 12),
        uraian="Laporan mingguan dari 35 kabupaten/kota direkap otomatis, waktu rekap turun "
               "dari dua hari menjadi satu jam.",
        bukti_url="https://dinkes.jatengprov.go.id/inovasi/dasbor-surveilans",
        status="diverifikasi", diverifikasi_oleh_id=people["kasi_surv"].id,
        diverifikasi_pada=datetime.combine(date(today.year, 3, 20), datetime.min.time())))
    db.session.add(Prestasi(
        pegawai_id=person.id, jenis="prestasi", judul="Juara II Lomba Inovasi Pelayanan Publik "
        "tingkat provinsi", tanggal=date(today.year, 8, 17),
        uraian="Penghargaan dari Gubernur untuk dasbor surveilans.", status="menunggu"))
