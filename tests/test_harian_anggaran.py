"""The daily entry is the portal's hot path (everyone, every working day): its statements are
counted, and what it no longer asks the database must still come out right."""
from __future__ import annotations

import re

from sqlalchemy import select

from portal import clock
from portal.extensions import db
from portal.models import ModeKerja, Periode, Rhk, Skp
from tests.conftest import QueryCounter
from tests.helpers.harian import HX, entry, rencana_of, workdays

# user, seat, RHK+IKI, the month's rencana aksi, sub-periods+cap+entry deadline,
# holidays+absences, week modes, insert, mode. The rencana aksi are one statement more than
# before: the entry names one of them, and the fresh form offers them (and reuses that list).
BUDGET = 9


def _rhks(app, pegawai_id: int) -> list[int]:
    with app.app_context():
        return list(db.session.scalars(
            select(Rhk.id).join(Skp).join(Periode, Periode.id == Skp.periode_id)
            .where(Skp.pegawai_id == pegawai_id, Periode.aktif, Skp.status == "disetujui")
            .order_by(Rhk.id)))


def _post(client, app, data):
    with app.app_context(), QueryCounter(db.engine) as counter:
        r = client.post("/harian/entri", data=data, headers=HX)
    assert r.status_code == 200, r.get_data(as_text=True)
    return r.get_data(as_text=True), counter.statements


def _mode_of(app, pegawai_id, day):
    with app.app_context():
        return list(db.session.scalars(select(ModeKerja.mode).where(
            ModeKerja.pegawai_id == pegawai_id, ModeKerja.tanggal == day)))


def _without_mode(app, pegawai_id, day):
    """The day starts with no work mode recorded (the demo may have given it one)."""
    with app.app_context():
        db.session.execute(ModeKerja.__table__.delete().where(
            ModeKerja.pegawai_id == pegawai_id, ModeKerja.tanggal == day))
        db.session.commit()


def test_entry_post_stays_within_its_statement_budget(client, auth, app, demo):
    auth.login_as("pegawai")
    client.get("/beranda/pegawai")
    day = workdays(app)[0]
    _without_mode(app, demo.persona("pegawai"), day)
    html, statements = _post(client, app, entry(app, demo, tanggal=day.isoformat(), mode="WFH",
                                                kunci="anggaran-1"))
    # PostgreSQL holds the person's row for the weekly cap (services.lock_week): one more there.
    with app.app_context():
        budget = BUDGET + (db.engine.dialect.name == "postgresql")
    assert len(statements) <= budget, "\n".join(statements)
    assert any("mode_kerja" in s.lower() and "insert" in s.lower() for s in statements)
    assert not any("WITH RECURSIVE" in s for s in statements)  # no walk below the person
    assert "Rekap laporan PD3I minggu 48" in html
    # The same mode again on the same day: the mode row is not touched.
    _html, again = _post(client, app, entry(app, demo, tanggal=day.isoformat(), mode="WFH",
                                            kunci="anggaran-2"))
    assert len(again) == len(statements) - 1
    assert not any("mode_kerja" in s.lower() and "insert" in s.lower() for s in again)


def test_fresh_form_follows_the_entry_just_saved(client, auth, app, demo):
    """Without asking again: the RHK just used is preselected, and an entry of today sets
    today's mode in the fresh form."""
    pid = demo.persona("pegawai")
    rhks = _rhks(app, pid)
    chosen = rhks[-1]
    auth.login_as("pegawai")
    day = workdays(app)[0]
    html, _ = _post(client, app, entry(app, demo, rhk=str(chosen), tanggal=day.isoformat(),
                                       mode="WFH", kunci="segar-1"))
    ra = rencana_of(app, chosen, day)
    assert re.search(rf'<option selected value="{ra}">|<option value="{ra}" selected',
                     html), html
    selected_mode = re.search(r'<option selected value="(WF[OHA])">|'
                              r'<option value="(WF[OHA])" selected', html)
    today_mode = _mode_of(app, pid, clock.today())
    expected = today_mode[0] if today_mode else "WFO"
    assert (selected_mode.group(1) or selected_mode.group(2)) == expected


def test_changing_the_mode_of_a_day_updates_its_one_row(client, auth, app, demo):
    pid = demo.persona("pegawai")
    auth.login_as("pegawai")
    day = workdays(app)[0]
    _post(client, app, entry(app, demo, tanggal=day.isoformat(), mode="WFO", kunci="m-1"))
    _post(client, app, entry(app, demo, tanggal=day.isoformat(), mode="WFH", kunci="m-2"))
    assert _mode_of(app, pid, day) == ["WFH"]
    _post(client, app, entry(app, demo, tanggal=day.isoformat(), mode="WFO", kunci="m-3"))
    assert _mode_of(app, pid, day) == ["WFO"]


def test_twin_that_finds_the_key_taken_while_writing_the_mode_answers_the_first(
        client, auth, app, demo):
    """A twin request racing the first: both saw no mode for the day, so the second meets the
    key at the unique index while writing its mode (a flush), not at the commit."""
    pid = demo.persona("pegawai")
    auth.login_as("pegawai")
    day = workdays(app)[0]
    first, _ = _post(client, app, entry(app, demo, tanggal=day.isoformat(), mode="WFA",
                                        kunci="kembar-1"))
    _without_mode(app, pid, day)  # as if the first had not been seen: the day's mode is gone
    second, _ = _post(client, app, entry(app, demo, tanggal=day.isoformat(), mode="WFA",
                                         kunci="kembar-1"))
    row = re.search(r'id="entri-(\d+)"', first).group(1)
    assert f'id="entri-{row}"' in second
