"""The month's rekap per OPD as a sheet (CSV/XLSX), the one BKPSDM sends on to finance: a line
per person with the counts of each status and tier. Read in chunks of people, so a whole
province streams without holding every day in memory."""
from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import select

from portal import clock
from portal.extensions import db
from portal.models import Jabatan, Pegawai
from portal.organisasi.services import opd_names_of, population
from portal.presensi.rekap import rekap_bulan, ringkas

CHUNK = 1000
TINGKAT = ("TL1", "TL2", "TL3", "TL4", "PSW1", "PSW2", "PSW3", "PSW4")
HEADER = ["Bulan", "OPD", "NIP", "Nama", "Jabatan", "Hari kerja", "Hadir", *TINGKAT, "TK",
          "Izin", "Sakit", "Cuti", "DL", "Menit terlambat", "Menit pulang cepat"]


def baris(tahun: int, bulan: int, opd_id: int | None = None,
          viewer_id: int | None = None) -> Iterator[list]:
    pop = population(viewer_id, clock.today())
    q = (select(Pegawai.id, Pegawai.nip, Pegawai.nama, Jabatan.nama, pop.c.opd_id)
         .join(pop, pop.c.pegawai_id == Pegawai.id).join(Jabatan, Jabatan.id == pop.c.jabatan_id)
         .order_by(pop.c.opd_id, Pegawai.nama, Pegawai.id))
    if opd_id is not None:
        q = q.where(pop.c.opd_id == opd_id)
    people = db.session.execute(q).all()
    names = opd_names_of({p[4] for p in people})
    label = f"{tahun}-{bulan:02d}"
    for start in range(0, len(people), CHUNK):
        chunk = people[start:start + CHUNK]
        days = rekap_bulan([p[0] for p in chunk], tahun, bulan)  # up to yesterday
        for pid, nip, nama, jabatan, opd in chunk:
            c = ringkas(days[pid])
            yield [label, names.get(opd, ""), nip, nama, jabatan, c.get("hari_kerja", 0),
                   c.get("hadir", 0), *(c.get(k, 0) for k in TINGKAT), c.get("TK", 0),
                   c.get("izin", 0), c.get("sakit", 0), c.get("cuti", 0), c.get("DL", 0),
                   c.get("menit_terlambat", 0), c.get("menit_cepat", 0)]

