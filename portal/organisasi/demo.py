"""Demo data of the talent view: one saved shortlist of the Sekda, so the shortlist page and its
PDF show something after `make run`. Idempotent."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select

from portal.extensions import db
from portal.models import DaftarPendek, DaftarPendekAnggota

NAMA = "Calon Kepala Bidang P2P 2027"
ANGGOTA = ("kasi_surv", "kasi_pm", "staf_surv1")


def seed(people: dict, today: date) -> None:
    sekda = people["sekda"]
    if db.session.scalar(select(DaftarPendek.id).where(DaftarPendek.pemilik_id == sekda.id,
                                                       DaftarPendek.nama == NAMA)):
        return
    daftar = DaftarPendek(
        pemilik_id=sekda.id, nama=NAMA,
        catatan="Rotasi awal tahun: kepala seksi dengan predikat Sangat Baik atau Baik, "
                "dibandingkan dengan satu fungsional senior.",
        kriteria="jenis=struktural&eselon=IV&urut=predikat")
    daftar.anggota = [DaftarPendekAnggota(pegawai_id=people[key].id) for key in ANGGOTA
                      if key in people]
    db.session.add(daftar)
