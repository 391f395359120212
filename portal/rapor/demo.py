"""Demo data for the rapor: ratings of the Seksi Surveilans for the last finished triwulan
(only if nobody rated them yet, so the penilaian demo may do it instead), and prestasi (one
verified, one waiting). Idempotent."""
from __future__ import annotations

import json
from datetime import date, datetime

from sqlalchemy import select

from portal import orgtree
from portal.extensions import db
from portal.models import Penilaian, Periode, Prestasi, Skp
from portal.rapor.identitas import snapshot

# person key -> (hasil kerja, perilaku kerja, predikat, catatan)
RATINGS = {
    "staf_surv1": ("di_atas", "di_atas", "sangat_baik",
                   "Laporan surveilans selalu tepat waktu; pertahankan dan bimbing rekan."),
    "staf_surv2": ("sesuai", "sesuai", "baik", "Tingkatkan kelengkapan data imunisasi desa."),
    "staf_surv3": ("sesuai", "di_atas", "baik", "Kerja sama lintas program sangat baik."),
}


def last_finished_sub(today: date):
    candidates = []
    for p in db.session.scalars(select(Periode).where(Periode.tahun.in_(
            (today.year, today.year - 1)))):
        candidates += [s for s in p.sub_periode if s.selesai < today]
    return max(candidates, key=lambda s: s.selesai) if candidates else None


def seed(people: dict, today: date) -> None:
    sub = last_finished_sub(today)
    if sub is not None:
        _ratings(people, sub)
    _prestasi(people, today)


def _ratings(people: dict, sub) -> None:
    rated = set(db.session.scalars(select(Penilaian.pegawai_id).where(
        Penilaian.periode_id == sub.periode_id, Penilaian.kode == sub.kode)))
    boss = people["kasi_surv"]
    for key, (hasil, perilaku, predikat, catatan) in RATINGS.items():
        person = people[key]
        if person.id in rated:
            continue
        seat = orgtree.current_seat(person.id)
        skp = db.session.scalar(select(Skp).where(
            Skp.pegawai_id == person.id, Skp.periode_id == sub.periode_id,
            Skp.status == "disetujui"))
        chain = orgtree.atasan_chain_ids(person)
        db.session.add(Penilaian(
            pegawai_id=person.id, periode_id=sub.periode_id, kode=sub.kode,
            sub_periode_id=sub.id, skp_id=skp.id if skp else None,
            penilai_id=boss.id, atasan_penilai_id=chain[1] if len(chain) > 1 else None,
            hasil_kerja=hasil, perilaku_kerja=perilaku, predikat=predikat, catatan=catatan,
            identitas=json.dumps(snapshot(person, seat), ensure_ascii=False),
            capaian_organisasi="baik",
            dinilai_pada=datetime.combine(sub.selesai, datetime.min.time())))


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
