"""The dashboard tells the truth: its numbers equal counts computed directly."""
import re
from datetime import date

from sqlalchemy import func, select

from portal import orgtree
from portal.extensions import db
from portal.models import Periode, ProgramPrioritas, RiwayatJabatan, Skp
from tests.conftest import QueryCounter


def _cells(html, label):
    row = re.search(rf"<tr><td>{label}</td>(.*?)</tr>", html, re.S).group(1)
    return [int(n) for n in re.findall(r">(\d+)</a>", row)]


def test_sekda_dashboard_counts_match_the_database(client, auth, app):
    auth.login_as("sekda")
    html = client.get("/dasbor").get_data(as_text=True)
    with app.app_context():
        periode = db.session.scalar(select(Periode).where(Periode.aktif))
        people = db.session.scalar(select(func.count(RiwayatJabatan.id)).where(
            orgtree.holder_current(date.today())))
        by_status = dict(db.session.execute(
            select(Skp.status, func.count()).where(Skp.periode_id == periode.id)
            .group_by(Skp.status)).all())
    total = _cells(html, "Jumlah")[:5]  # belum, draf, diajukan, dikembalikan, disetujui
    assert sum(total) == people
    assert total[4] == by_status.get("disetujui", 0)
    assert total[2] == by_status.get("diajukan", 0)
    assert total[0] == people - sum(by_status.values())
    assert f"{people} pegawai" in html


def test_dashboard_program_coverage_counts_the_cascade(client, auth, app):
    auth.login_as("sekda")
    html = client.get("/dasbor").get_data(as_text=True)
    with app.app_context():
        names = list(db.session.scalars(select(ProgramPrioritas.nama).where(
            ProgramPrioritas.tahun == date.today().year)))
    for name in names:
        assert name in html
    # "Reformasi birokrasi" is served by the Sekda's third RHK only.
    assert re.search(r"Reformasi birokrasi</td><td class=\"num\">1<", html)


def test_atasan_sees_only_own_subtree(client, auth):
    auth.login_as("atasan")  # kepala seksi surveilans: three staff
    html = client.get("/dasbor").get_data(as_text=True)
    assert "3 pegawai" in html
    assert "Badan Perencanaan" not in html


def test_figure_links_list_the_people_behind_the_number(client, auth):
    auth.login_as("sekda")
    html = client.get("/dasbor/daftar?f=skp&v=diajukan").get_data(as_text=True)
    assert "Dimas Aditya" in html and "Andi Pratama" not in html
    assert client.get("/dasbor/daftar?f=skp&v=hacked").status_code == 404
    assert client.get("/dasbor/daftar?f=apa&v=draf").status_code == 404


def test_dashboard_statements_do_not_grow_with_people(client, auth, app):
    auth.login_as("sekda")
    with app.app_context(), QueryCounter(db.engine) as before:
        client.get("/dasbor")
    with app.app_context():
        periode = db.session.scalar(select(Periode).where(Periode.aktif))
        for s in db.session.scalars(select(Skp).where(Skp.periode_id == periode.id)):
            s.status = "draf"
        db.session.commit()
    with app.app_context(), QueryCounter(db.engine) as after:
        client.get("/dasbor")
    assert after.count == before.count
