"""Demo: the outbox is never empty — one rating already in SIASN, one waiting (the demo runs
with SIASN_MODE=kering: nothing is ever sent)."""
from __future__ import annotations

import json

from sqlalchemy import select

from portal import clock
from portal.extensions import db
from portal.models import KirimanSiasn, Penilaian
from portal.rules import siasn as rules
from portal.siasn import outbox


def seed(people, today) -> None:
    if db.session.scalar(select(KirimanSiasn.id).limit(1)) is not None:
        return
    rated = list(db.session.scalars(select(Penilaian).order_by(Penilaian.id).limit(2)))
    for n, p in enumerate(rated):
        row = outbox.antrekan(p)
        if n == 0:
            record = rules.kinerja_periodik(json.loads(row.payload), rules.referensi_nama())
            row.status, row.siasn_id, row.percobaan = "terkirim", "DEMO-0001", 1
            row.isi_siasn = json.dumps({**record, "id": "DEMO-0001"}, ensure_ascii=False,
                                       sort_keys=True)
            row.terkirim_pada = clock.utcnow()
    db.session.commit()
