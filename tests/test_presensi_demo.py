"""The demo province's presensi (portal/presensi/demo.py), as issue 16 lists it: two months for
everyone, a few late arrivals, one forgotten check-out with its correction waiting for the
supervisor, one TK day, a night-shift nurse, a WFH day with a location; and the pages show it."""
from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import func, select

from portal import clock
from portal.extensions import db
from portal.models import ModeKerja, Pegawai, PengajuanPresensi, Presensi
from portal.presensi.rekap import rekap_bulan


def _months():
    today = clock.today()
    last = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    return last, today.replace(day=1), today - timedelta(days=1)


def test_two_months_for_everyone_with_the_listed_cases(app, demo):
    last, this, yesterday = _months()
    with app.app_context():
        people = db.session.scalar(select(func.count(Pegawai.id)))
        for start, end in ((last, this - timedelta(days=1)), (this, yesterday)):
            seen = db.session.scalar(select(func.count(func.distinct(Presensi.pegawai_id)))
                                     .where(Presensi.tanggal.between(start, end)))
            assert seen == people, (start, end)
        ids = [demo[k] for k in ("staf_surv1", "staf_pm1", "staf_ekon2", "staf_surv3")]
        both = {pid: rekap_bulan([pid], last.year, last.month, sampai=this - timedelta(days=1))
                [pid] + rekap_bulan([pid], this.year, this.month, sampai=yesterday)[pid]
                for pid in ids}
        # A few late arrivals, one each, and one TK day (staf_ekon2).
        for pid in ids:
            assert sum(1 for h in both[pid] if h.tl) == 1, pid
        assert [h.status for h in both[demo["staf_ekon2"]]].count("TK") == 1
        # One forgotten check-out (Andi), its correction waiting for the supervisor.
        forgot = [h for h in both[demo["staf_surv1"]] if h.datang and not h.pulang]
        assert len(forgot) == 1
        waiting = db.session.scalars(select(PengajuanPresensi).where(
            PengajuanPresensi.pegawai_id == demo["staf_surv1"])).all()
        assert [(p.tanggal, p.jenis, p.status) for p in waiting] == [
            (forgot[0].tanggal, "lupa_pulang", "diajukan")]
        # The night-shift nurse: evening in, next morning out.
        nights = db.session.scalars(select(Presensi).where(
            Presensi.pegawai_id == demo["staf_rujukan1"], Presensi.datang.is_not(None))).all()
        assert nights and all(r.datang.hour >= 20 and r.pulang.date() == r.tanggal
                              + timedelta(days=1) for r in nights)
        # A WFH day with a location near home (not flagged), a WFA day far from every place.
        located = {r.pegawai_id: r for r in db.session.scalars(
            select(Presensi).where(Presensi.lokasi == "diberikan"))}
        assert set(located) == {demo["staf_surv1"], demo["staf_ekon1"]}
        andi, far = located[demo["staf_surv1"]], located[demo["staf_ekon1"]]
        assert (andi.jauh, far.jauh) == (False, True)
        assert db.session.scalar(select(ModeKerja.mode).where(
            ModeKerja.pegawai_id == andi.pegawai_id, ModeKerja.tanggal == andi.tanggal)) == "WFH"


def test_the_pages_show_the_demo_cases(client, auth, app, demo):
    auth.login_as("pegawai")  # Andi: late at 08.10 (40 minutes, TL2) on one day this month
    mine = re.sub(r"\s+", " ", client.get("/presensi/saya").get_data(as_text=True))
    assert re.search(r"<td>TL2</td><td>08\.10</td><td>[0-9.]+</td><td>WFO</td><td>40</td>", mine)
    assert "Menit terlambat 40" in mine
    auth.logout()
    auth.login_as("atasan")
    queue = client.get("/presensi/tim/pengajuan").get_data(as_text=True)
    assert "Lupa menekan Pulang karena rapat sampai sore." in queue
    team = client.get("/presensi/tim").get_data(as_text=True)
    assert "Andi Pratama" in team
    auth.logout()
    auth.login_as("sekda")
    figures = client.get("/presensi/angka").get_data(as_text=True)
    assert "Dinas Kesehatan" in figures


def test_andis_home_says_his_waiting_correction_is_waiting(client, auth, app, demo):
    """The forgotten check-out of the demo already has its correction waiting: the home says
    so instead of offering a second one."""
    auth.login_as("pegawai")
    home = re.sub(r"\s+", " ", client.get("/beranda/pegawai").get_data(as_text=True))
    assert "belum ada; koreksinya sudah diajukan dan menunggu atasan." in home
    assert "jenis=lupa_pulang" not in home and "belum ada: ajukan koreksi" not in home
