"""The daftar nominatif of a run for finance: one row per person (identity frozen as it was
that month), each deduction in its own column, and totals per OPD and for the instansi."""
from __future__ import annotations

import json
from collections.abc import Iterator

from sqlalchemy import select

from portal.extensions import db
from portal.models import TppHasil, TppRun

# Deduction columns: header -> line codes (the line items' `kode`).
POTONGAN = {
    "Potongan TL": ("TL1", "TL2", "TL3", "TL4"),
    "Potongan PSW": ("PSW1", "PSW2", "PSW3", "PSW4"),
    "Potongan TK": ("TK",),
    "Batas potongan": ("BATAS",),
    "Potongan entri harian": ("ENTRI", "VERIF"),
    "Potongan hukuman disiplin": ("HUKDIS",),
    "Potongan LHKPN": ("LHKPN",),
    "Potongan atasan": ("ATASAN",),
}
HEADER = (["No", "NIP", "Nama", "Golongan", "Jabatan", "Kelas", "Pagu", "Kinerja %",
           "Disiplin %"] + list(POTONGAN) + ["Bruto", "BPJS", "PPh 21", "Netto"])


def rows(run: TppRun, opd_id: int | None) -> Iterator[list]:
    """Rows of the list, streamed in batches (a province's run is tens of thousands)."""
    q = select(TppHasil).where(TppHasil.run_id == run.id)
    if opd_id is not None:
        q = q.where(TppHasil.opd_id == opd_id)
    q = q.order_by(TppHasil.opd_id, TppHasil.kelas.desc(), TppHasil.nama, TppHasil.id)
    koreksi = run.jenis == "koreksi"
    for n, h in enumerate(db.session.scalars(q.execution_options(yield_per=1000)), start=1):
        by_code: dict[str, int] = {}
        for _kel, kode, _u, jumlah in json.loads(h.baris):
            by_code[kode] = by_code.get(kode, 0) + jumlah
        cuts = [sum(by_code.get(k, 0) for k in codes) for codes in POTONGAN.values()]
        row = [n, h.nip, h.nama, h.golongan or "", h.jabatan or "", h.kelas or "", h.pagu,
               str(h.skor_kinerja), str(h.skor_disiplin), *cuts, h.bruto, h.bpjs, h.pph21,
               h.netto]
        if koreksi:
            row.append(h.selisih or 0)
        yield row


def header(run: TppRun) -> list[str]:
    return HEADER + (["Selisih netto"] if run.jenis == "koreksi" else [])


def jumlah(data: list[list], width: int) -> list:
    """The totals row: the money columns summed (pagu onwards, scores left blank)."""
    out: list = ["Jumlah"] + [""] * (width - 1)
    for i in range(6, width):
        if i in (7, 8):
            continue
        out[i] = sum(int(r[i] or 0) for r in data)
    return out
