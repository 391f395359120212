"""Locked means locked: a closed year takes no daily entry, realization or SKP revision (one
question, `is_closed`, asked everywhere); a rated year's SKP is not reopened; the weekly
flexible-work cap holds when two entries race."""
from __future__ import annotations

import contextlib
import threading
from datetime import date, timedelta

from sqlalchemy import select

from portal.extensions import db
from portal.harian import kalender
from portal.harian import services as harian_services
from portal.models import ModeKerja, Periode, ProgresHarian, Skp, SubPeriode
from tests.conftest import ON_DATES
from tests.helpers.harian import HX, entry, rhk_of, workdays
from tests.helpers.skp import login, skp_id

YA = {"konfirmasi": "ya"}  # the confirmation a person gives to a consequential action


def _close_the_year(client, demo, year: int):
    login(client, demo, "sekda")
    closed = client.post(f"/penilaian/periode/{year}/tutup", data=YA)
    assert closed.status_code == 303


@ON_DATES
def test_a_closed_year_takes_no_daily_entry(client, app, demo, today):
    day = workdays(app)[0]
    _close_the_year(client, demo, today.year)
    with app.app_context():  # the sub-period's own flag stays open: the year decides
        sub = db.session.scalar(select(SubPeriode).join(Periode).where(
            Periode.aktif, SubPeriode.mulai <= day, SubPeriode.selesai >= day))
        assert sub.ditutup is False and sub.is_closed is True
        before = db.session.scalar(select(ProgresHarian.id).order_by(ProgresHarian.id.desc()))
    login(client, demo, "staf_surv1")
    r = client.post("/harian/entri", data=entry(app, demo, tanggal=day.isoformat()))
    assert r.status_code == 422 and "sudah ditutup" in r.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(
            select(ProgresHarian.id).order_by(ProgresHarian.id.desc())) == before


def test_a_closed_year_offers_and_takes_no_realization(client, app, demo, today):
    _close_the_year(client, demo, today.year)
    login(client, demo, "staf_surv1")
    with app.app_context():
        sub_id = kalender.kalender(demo["staf_surv1"]).sub_on(today).id
    page = client.get(f"/realisasi?sub={sub_id}").get_data(as_text=True)
    assert 'name="aksi" value="simpan"' not in page and " disabled" in page
    assert client.post(f"/realisasi/{sub_id}", data={"aksi": "simpan"}).status_code == 403


def test_a_closed_years_skp_is_not_reopened(client, app, demo, today):
    sid = skp_id(app, demo["staf_surv1"])
    _close_the_year(client, demo, today.year)
    login(client, demo, "staf_surv1")
    r = client.post(f"/skp/{sid}/revisi", data=YA, follow_redirects=True)
    assert "sudah ditutup" in r.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Skp, sid).status == "disetujui"


def test_a_rated_years_skp_is_not_reopened(client, app, demo):
    """Last year (closed and rated in the demo) and this year once its annual rating is given:
    the rapor keeps the approved SKP."""
    with app.app_context():
        last = db.session.scalar(select(Skp.id).join(Periode, Periode.id == Skp.periode_id)
                                 .where(Skp.pegawai_id == demo["staf_surv3"],
                                        Skp.status == "disetujui", ~Periode.aktif))
    assert last is not None
    login(client, demo, "staf_surv3")
    r = client.post(f"/skp/{last}/revisi", data=YA, follow_redirects=True)
    assert "tidak dapat diubah atau direvisi" in r.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Skp, last).status == "disetujui"


@ON_DATES
def test_the_annual_rating_locks_the_skp(client, app, demo, today):
    sid = skp_id(app, demo["staf_surv3"])
    login(client, demo, "kasi_surv")
    r = client.post(f"/penilaian/tim/{today.year}/{demo['staf_surv3']}",
                    data={**YA, "hasil_kerja": "sesuai", "perilaku_kerja": "sesuai"})
    login(client, demo, "staf_surv3")
    answer = client.post(f"/skp/{sid}/revisi", data=YA, follow_redirects=True)
    answer = answer.get_data(as_text=True)
    with app.app_context():
        status = db.session.get(Skp, sid).status
    if r.status_code == 303:  # the year is rated from its last triwulan on
        assert "Penilaian tahunan" in answer and status == "disetujui"
    else:
        assert status == "draf"


def test_the_weekly_cap_holds_when_two_entries_race(app, demo, monkeypatch):
    """Two flexible days sent at the same moment, one left under the cap: exactly one is
    saved. Both requests read the week before either writes, unless the first holds the
    person's week (PostgreSQL: a row lock; SQLite: one writer at a time)."""
    pid = demo["staf_surv1"]
    with app.app_context():
        kal = kalender.kalender(pid)
        days = [d for d in workdays(app) if d >= date.fromisoformat("2026-07-13")]
        rhk = rhk_of(app, pid)
        db.session.execute(ModeKerja.__table__.delete().where(ModeKerja.pegawai_id == pid))
        db.session.add_all(ModeKerja(pegawai_id=pid, tanggal=d, mode="WFH")
                           for d in days[2:2 + kal.batas - 1])
        db.session.commit()
    assert len(days) >= kal.batas + 1, days
    barrier = threading.Barrier(2)
    read_week = harian_services.week_modes

    def meet_after_reading(pegawai_id, day):
        modes = read_week(pegawai_id, day)
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait(timeout=3)  # the other request reads now too, unless it must wait
        return modes

    monkeypatch.setattr(harian_services, "week_modes", meet_after_reading)
    answers = {}

    def post(day, key):
        c = app.test_client()
        c.post("/masuk", data={"nip": demo.nip["staf_surv1"], "password": "rahasia123"})
        answers[key] = c.post("/harian/entri", headers=HX, data=entry(
            app, demo, rhk=str(rhk), tanggal=day.isoformat(), mode="WFA", kunci=key)).status_code

    threads = [threading.Thread(target=post, args=(days[i], f"balapan-{i}")) for i in (0, 1)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert sorted(answers.values()) == [200, 422], answers
    with app.app_context():
        flexible = db.session.scalars(select(ModeKerja.tanggal).where(
            ModeKerja.pegawai_id == pid, ModeKerja.mode.in_(("WFH", "WFA")),
            ModeKerja.tanggal >= days[-1] - timedelta(days=days[-1].weekday()))).all()
    assert len(flexible) == kal.batas
