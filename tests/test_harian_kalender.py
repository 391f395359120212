"""The daily entry reads its calendar and the week's work modes in one statement
(`kalender.untuk_entri`): the same answers as `kalender` and `week_modes`, also with a closed
sub-period, a holiday, an absence and no active period."""
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from portal import clock
from portal.extensions import db
from portal.harian import kalender, services
from portal.models import HariLibur, Instansi, Ketidakhadiran, Periode, SubPeriode

pytestmark = pytest.mark.db


def _same(pid, day):
    kal, modes = kalender.untuk_entri(pid, day)
    old = kalender.kalender(pid)
    assert (kal.libur, sorted(kal.absen), kal.batas, kal.batas_telat) == \
        (old.libur, sorted(old.absen), old.batas, old.batas_telat)
    assert [(s.id, s.mulai, s.selesai, s.is_closed) for s in kal.sub] == \
        [(s.id, s.mulai, s.selesai, s.is_closed) for s in old.sub]
    assert modes == services.week_modes(pid, day)
    assert kalender.untuk_entri(pid, None)[1] is None
    return kal


def test_one_statement_answers_what_the_calendar_and_the_week_answer(app, demo):
    pid = demo.persona("pegawai")
    with app.test_request_context():
        day = clock.today()
        assert _same(pid, day).sub
        inst = db.session.scalar(select(Instansi.id))
        db.session.add(HariLibur(instansi_id=inst, tanggal=day - timedelta(days=3),
                                 nama="Libur uji"))
        db.session.add(Ketidakhadiran(pegawai_id=pid, mulai=day - timedelta(days=9),
                                      selesai=day - timedelta(days=8), jenis="cuti"))
        first = db.session.scalar(select(SubPeriode).join(Periode).where(Periode.aktif)
                                  .order_by(SubPeriode.mulai).limit(1))
        first.ditutup = True
        db.session.flush()
        assert any(s.is_closed for s in _same(pid, day).sub)
        db.session.execute(update(Periode).values(aktif=False))
        kal = _same(pid, day)
        assert kal.sub == [] and kal.batas_telat is None
        db.session.rollback()
