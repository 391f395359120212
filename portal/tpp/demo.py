"""Demo TPP: a rules version modelled on a Central Java Pergub (as data), a kelas for every
seat but one, a sentence and a missing LHKPN, last month's run approved and this month's in
review (its anomaly: a seat without kelas). Idempotent."""
from __future__ import annotations

import json
from contextlib import suppress
from datetime import date
from decimal import Decimal as D

from sqlalchemy import insert, select

from portal.extensions import db
from portal.models import Jabatan, TppAturan, TppCatatan, TppJabatan, TppRun
from portal.rules import tpp_aturan
from portal.rules.tpp_aturan import Aturan
from portal.tpp import run as runs

NAMA = "Pergub Jawa Tengah tentang TPP ASN (model demo)"
PAGU = {1: 2_100_000, 2: 2_300_000, 3: 2_550_000, 4: 2_800_000, 5: 3_100_000, 6: 3_450_000,
        7: 3_850_000, 8: 4_300_000, 9: 4_850_000, 10: 5_500_000, 11: 6_300_000, 12: 7_300_000,
        13: 8_600_000, 14: 10_400_000, 15: 13_000_000, 16: 17_500_000, 17: 32_000_000}
ATURAN = Aturan(
    pagu_kelas=PAGU, metode_kinerja="hari_entri", batas_disiplin=D(100),
    atasan_persen=D("0.5"), atasan_batas=D(5), lhkpn_persen=D(5), pph21_mode="golongan",
    pph21_golongan={"IV": D(15), "III": D(5), "II": D(0), "I": D(0), "PPPK": D(5)})
# Kelas by kind of seat; the analis of Sosial Budaya is left without one (the anomaly).
KELAS = {("struktural", "I"): 17, ("struktural", "II"): 14, ("struktural", "III"): 12,
         ("struktural", "IV"): 9}
TANPA_KELAS = "Analis Sosial Budaya"


def _bulan_lalu(bulan: date) -> date:
    return date(bulan.year - (bulan.month == 1), (bulan.month - 2) % 12 + 1, 1)


def seed(people: dict, today: date) -> None:
    if db.session.scalar(select(TppAturan.id).where(TppAturan.nama == NAMA)):
        return
    db.session.add(TppAturan(nama=NAMA, mulai=date(today.year - 1, 1, 1),
                             isi=json.dumps(tpp_aturan.ke_dict(ATURAN), sort_keys=True),
                             dibuat_oleh_id=people["admin"].id))
    for seat in db.session.scalars(select(Jabatan)):
        if seat.nama == TANPA_KELAS:
            continue
        kelas = KELAS.get((seat.jenis, seat.eselon)) or (
            8 if seat.jenis == "fungsional" else 6)
        kriteria = "[]"
        if seat.nama.startswith(("Epidemiolog", "Perawat", "Bidan")):
            kriteria = json.dumps([{"nama": "kondisi kerja", "persen": "10"}])
        db.session.add(TppJabatan(jabatan_id=seat.id, kelas=kelas, kriteria=kriteria))
    lalu = _bulan_lalu(today.replace(day=1))
    db.session.add(TppCatatan(pegawai_id=people["staf_pm1"].id, jenis="hukuman",
                              tingkat="sedang", nomor="800/45/2026", mulai=lalu, bulan=6,
                              keterangan="Hukuman disiplin sedang (PP 94/2021)"))
    db.session.add(TppCatatan(pegawai_id=people["kabid_yankes"].id, jenis="lhkpn", mulai=lalu,
                              keterangan="LHKPN tahun lalu belum dilaporkan"))
    db.session.flush()
    _runs(people, today, lalu)


def _runs(people: dict, today: date, lalu: date) -> None:
    admin, sekda = people["admin"].id, people["sekda"].id
    for bulan in (lalu, today.replace(day=1)):
        row = runs.versi.berlaku(bulan)
        run = TppRun(bulan=bulan, aturan_id=row.id, dibuat_oleh_id=admin, status="berjalan")
        db.session.add(run)
        db.session.flush()
        runs._hitung(run, lambda **_kw: None, today=today)
        if bulan == lalu:
            runs.sahkan_sendiri(run, sekda, admin)
            # An input missing in this installation keeps last month in review, as it must.
            with suppress(runs.RunDitolak):
                runs.setujui(run, sekda)
            db.session.flush()


def siapkan_sintetis(bulan: date) -> None:
    """The synthetic province (`flask seed-synthetic`) made ready for a TPP run: this demo's
    rules in force from January and a kelas for every seat (5–14 by seat id)."""
    db.session.add(TppAturan(nama="Provinsi sintetis", mulai=bulan.replace(month=1),
                             isi=json.dumps(tpp_aturan.ke_dict(ATURAN), sort_keys=True)))
    seats = db.session.scalars(select(Jabatan.id)).all()
    db.session.execute(insert(TppJabatan), [
        {"jabatan_id": s, "kelas": 5 + s % 10, "kriteria": "[]"} for s in seats])
    db.session.commit()
