"""The month's reckoning of daily work per person (the TPP run reads it): working days with
and without entries, verified days, and the entries a supervisor left past the deadline."""
from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import delete, select

from portal.extensions import db
from portal.models import (
    HariLibur,
    Instansi,
    Ketidakhadiran,
    ProgresHarian,
    Rhk,
    Skp,
)
from portal.rencana import pengaturan
from portal.rencana.rekap import rekap_bulan

# October 2026: Thu 1 … Sat 31. Working days 22; we add a holiday on Wed 14.
LIBUR = date(2026, 10, 14)


@pytest.fixture
def oktober(app, demo):
    with app.app_context():
        a, b = demo.persona("pegawai"), demo.persona("pegawai_b")
        db.session.execute(delete(ProgresHarian).where(ProgresHarian.tanggal.between(
            date(2026, 10, 1), date(2026, 10, 31))))
        inst = db.session.scalar(select(Instansi))
        db.session.add(HariLibur(instansi_id=inst.id, tanggal=LIBUR, nama="Libur uji"))
        db.session.add(Ketidakhadiran(pegawai_id=b, jenis="cuti", mulai=date(2026, 10, 5),
                                      selesai=date(2026, 10, 9)))
        rhk = db.session.scalar(select(Rhk.id).join(Skp).where(Skp.pegawai_id == a))
        rhk_b = db.session.scalar(select(Rhk.id).join(Skp).where(Skp.pegawai_id == b))
        atasan = demo.persona("atasan")

        def add(pid, rid, day, status=None, decided=None, n=1):
            for i in range(n):
                db.session.add(ProgresHarian(
                    pegawai_id=pid, rhk_id=rid, tanggal=day, uraian="uji", kunci=f"{day}-{pid}-{i}",
                    verifikasi=status, diverifikasi_oleh_id=atasan if status else None,
                    diverifikasi_pada=decided))

        add(a, rhk, date(2026, 10, 1), "diterima", datetime(2026, 10, 5, 3), n=2)
        add(a, rhk, date(2026, 10, 2), "dikembalikan", datetime(2026, 10, 5, 3))
        add(a, rhk, date(2026, 10, 12))                                      # still waiting
        add(a, rhk, date(2026, 10, 13), "diterima", datetime(2026, 11, 2, 3))  # decided late
        add(a, rhk, date(2026, 10, 26))                      # its deadline is still ahead
        add(b, rhk_b, date(2026, 10, 1))
        db.session.commit()
        yield a, b, atasan


def _settings(aktif: bool):
    inst = db.session.scalar(select(Instansi))
    pengaturan.simpan(inst.id, verifikasi_aktif=aktif, batas_verifikasi=2)
    db.session.commit()


def test_days_and_verification_of_a_month(app, oktober):
    a, b, atasan = oktober
    with app.app_context():
        _settings(True)
        rekap = rekap_bulan([a, b, a], 2026, 10, pada=date(2026, 10, 30))
        assert rekap.verifikasi_aktif and set(rekap.hari) == {a, b}
        days_a = {h.tanggal: h for h in rekap.hari[a]}
        assert len(days_a) == 21 and LIBUR not in days_a and date(2026, 10, 3) not in days_a
        assert days_a[date(2026, 10, 1)].entri == 2 and days_a[date(2026, 10, 1)].terverifikasi
        assert days_a[date(2026, 10, 2)].ada_entri and not days_a[date(2026, 10, 2)].terverifikasi
        assert not days_a[date(2026, 10, 5)].ada_entri
        assert len(rekap.hari[b]) == 16 and date(2026, 10, 6) not in {h.tanggal for h in
                                                                       rekap.hari[b]}
        # Week of 12 Oct: Friday 16, two working days -> Tue 20. Week of 26 Oct: Tue 3 Nov.
        late = rekap.tertunda[atasan]
        by_day = {e.tanggal: e for e in late}
        assert set(by_day) == {date(2026, 10, 12), date(2026, 10, 13), date(2026, 10, 1)}
        assert by_day[date(2026, 10, 12)].diputus_pada is None
        assert by_day[date(2026, 10, 12)].batas == date(2026, 10, 20)
        assert by_day[date(2026, 10, 13)].diputus_pada == date(2026, 11, 2)
        assert by_day[date(2026, 10, 1)].pegawai_id == b  # b's entry was never decided
        assert set(rekap.tertunda) == {atasan}


def test_without_verification_nothing_is_late_and_nothing_verified(app, oktober):
    a, _b, _atasan = oktober
    with app.app_context():
        _settings(False)
        rekap = rekap_bulan([a], 2026, 10, pada=date(2026, 12, 30))
        assert not rekap.verifikasi_aktif and rekap.tertunda == {}
        assert not any(h.terverifikasi for h in rekap.hari[a])
        assert sum(h.entri for h in rekap.hari[a]) == 6
