"""Create forms sent twice — a double click, a retry after a lost answer, the offline queue —
make one record: the hidden idempotency key of portal/idempotency.py (the daily entry's mechanism,
tested in test_harian.py; keberatan, prestasi and realisasi in test_konkurensi.py)."""
from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import func, select

from portal import clock
from portal.extensions import db
from portal.models import DaftarPendek, Jabatan, Ketidakhadiran, PltJabatan, UmpanBalik, UnitKerja
from tests.helpers.forms import count, hidden

# --- feedback, shortlists --------------------------------------------------------------------

def test_feedback_and_reply_sent_twice_make_one_each(client, auth, app, demo):
    report = demo.persona("pegawai")
    auth.login_as("atasan")
    page = client.get(f"/umpan-balik/{report}").get_data(as_text=True)
    topik = re.search(r'name="topik"[^>]*>\s*<option[^>]*value="([^"]+)"', page).group(1)
    data = {"topik": topik, "teks": "Bagus, pertahankan.", "kunci": hidden(page, "kunci")}
    for _ in range(2):
        assert client.post(f"/umpan-balik/{report}", data=data).status_code == 303
    with app.app_context():
        threads = db.session.scalars(select(UmpanBalik).where(
            UmpanBalik.teks == "Bagus, pertahankan.")).all()
        assert len(threads) == 1
        tid = threads[0].id
    page = client.get(f"/umpan-balik/{report}").get_data(as_text=True)
    assert page.count('name="kunci"') >= 2  # the new-thread form and each reply form
    reply = {"teks": "Terima kasih.", "kunci": "balasan-1"}
    for _ in range(2):
        assert client.post(f"/umpan-balik/balas/{tid}", data=reply).status_code == 303
    assert count(app, select(func.count()).select_from(UmpanBalik).where(
        UmpanBalik.induk_id == tid, UmpanBalik.teks == "Terima kasih.")) == 1
    other = {"teks": "Terima kasih.", "kunci": "balasan-2"}  # a new reply, same words
    assert client.post(f"/umpan-balik/balas/{tid}", data=other).status_code == 303
    assert count(app, select(func.count()).select_from(UmpanBalik).where(
        UmpanBalik.induk_id == tid, UmpanBalik.teks == "Terima kasih.")) == 2


def test_shortlist_sent_twice_makes_one(client, auth, app, demo):
    auth.login_as("sekda")
    data = {"nama": "Calon Kasi", "pegawai": [demo["kasi_surv"]], "kunci": "daftar-1"}
    first = client.post("/talenta/daftar", data=data)
    second = client.post("/talenta/daftar", data=data)
    assert first.status_code == second.status_code == 302
    assert first.headers["Location"] == second.headers["Location"]
    assert count(app, select(func.count()).select_from(DaftarPendek).where(
        DaftarPendek.nama == "Calon Kasi")) == 1


def test_plt_and_absence_sent_twice_make_one_each(client, auth, app, demo):
    auth.login_as("admin")
    today = clock.today()
    with app.app_context():
        seat = db.session.scalar(select(Jabatan.id).where(
            Jabatan.nama == "Kepala Subbidang Sosial Budaya").order_by(Jabatan.id).limit(1))
    plt = {"jabatan_id": seat, "jenis": "Plt", "nip": demo.nip["kabid_pemsos"],
           "nomor_sk": "800/99/2026", "mulai": today.isoformat(),
           "selesai": (today + timedelta(days=30)).isoformat(), "kunci": "plt-1"}
    for _ in range(2):
        assert client.post("/admin/plt/baru", data=plt).status_code == 303
    assert count(app, select(func.count()).select_from(PltJabatan).where(
        PltJabatan.nomor_sk == "800/99/2026")) == 1
    absen = {"nip": demo.nip["staf_surv1"], "jenis": "dinas_luar", "mulai": "2026-03-02",
             "selesai": "2026-03-04", "keterangan": "Rakor dua kali", "kunci": "absen-1"}
    for _ in range(2):
        assert client.post("/admin/kalender/ketidakhadiran", data=absen).status_code == 303
    assert count(app, select(func.count()).select_from(Ketidakhadiran).where(
        Ketidakhadiran.keterangan == "Rakor dua kali")) == 1


def test_new_unit_and_seat_sent_twice_make_one_each(client, auth, app, demo):
    auth.login_as("admin")
    with app.app_context():
        opd = db.session.scalar(select(UnitKerja.id).where(UnitKerja.induk_id.is_(None))
                                .order_by(UnitKerja.id).limit(1))
        boss = db.session.scalar(select(Jabatan.id).where(Jabatan.unit_id == opd)
                                 .order_by(Jabatan.id).limit(1))
    unit = {"nama": "Seksi Kembar", "induk_id": opd, "kunci": "unit-1"}
    for _ in range(2):
        assert client.post("/admin/unit/baru", data=unit).status_code == 303
    assert count(app, select(func.count()).select_from(UnitKerja).where(
        UnitKerja.nama == "Seksi Kembar")) == 1
    seat = {"nama": "Analis Kembar", "jenis": "pelaksana", "eselon": "", "unit_id": opd,
            "atasan_id": boss, "kunci": "jabatan-1"}
    first = client.post("/admin/jabatan/baru", data=seat)
    assert first.status_code == 303, first.get_data(as_text=True)
    assert client.post("/admin/jabatan/baru", data=seat).status_code == 303
    assert count(app, select(func.count()).select_from(Jabatan).where(
        Jabatan.nama == "Analis Kembar")) == 1
