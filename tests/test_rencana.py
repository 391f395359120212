"""Rencana aksi on the SKP: planning a month under each approved RHK, copying last month,
the month view with progress, who may see and change what."""
from __future__ import annotations

from decimal import Decimal

import pytest

from sqlalchemy import func, select

from portal import clock
from portal.extensions import db
from portal.models import Periode, ProgresHarian, RencanaAksi, Rhk, Skp, SubPeriode
from tests.test_harian import HX


def bulan_ini() -> str:
    return f"{clock.today().year}-{clock.today().month:02d}"


def skp_of(app, pegawai_id: int) -> tuple[int, list[int]]:
    with app.app_context():
        skp = db.session.scalar(select(Skp).join(Periode, Periode.id == Skp.periode_id).where(
            Skp.pegawai_id == pegawai_id, Periode.aktif, Skp.status == "disetujui"))
        return skp.id, [r.id for r in skp.rhk if not r.diarsipkan]


def count_ra(app, pegawai_id: int, tahun: int | None = None, bulan: int | None = None) -> int:
    with app.app_context():
        stmt = select(func.count(RencanaAksi.id)).where(RencanaAksi.pegawai_id == pegawai_id)
        if bulan:
            stmt = stmt.where(RencanaAksi.tahun == tahun, RencanaAksi.bulan == bulan)
        return db.session.scalar(stmt)


def test_month_page_shows_each_rencana_aksi_with_its_entries_and_progress(client, auth, app,
                                                                            demo):
    auth.login_as("pegawai")
    skp_id, rhks = skp_of(app, demo.persona("pegawai"))
    html = client.get(f"/skp/{skp_id}/rencana-aksi").get_data(as_text=True)
    assert "Rencana aksi" in html and "<progress" in html and "Salin dari bulan lalu" in html
    with app.app_context():
        named = db.session.scalar(select(ProgresHarian).where(
            ProgresHarian.pegawai_id == demo.persona("pegawai"),
            ProgresHarian.rencana_aksi_id.is_not(None),
            ProgresHarian.tanggal >= clock.today().replace(day=1)).limit(1))
        if named is not None:
            assert named.uraian in html and f'id="ra-{named.rencana_aksi_id}"' in html
    assert f'id="ra-list-{rhks[0]}"' in html


def test_add_inline_with_htmx_and_plain_form(client, auth, app, demo):
    pid = demo.persona("pegawai")
    auth.login_as("pegawai")
    skp_id, rhks = skp_of(app, pid)
    today = clock.today()
    before = count_ra(app, pid, today.year, today.month)
    data = {"rhk": rhks[0], "bulan": bulan_ini(), "teks": "Menyusun buletin epidemiologi",
            "target": "2", "satuan": "buletin", "kunci": "ra-1"}
    r = client.post(f"/skp/{skp_id}/rencana-aksi", data=data, headers=HX)
    html = r.get_data(as_text=True)
    assert r.status_code == 200 and "<html" not in html and len(r.data) < 2048
    assert "Menyusun buletin epidemiologi" in html and f"beforeend:#ra-list-{rhks[0]}" in html
    # The same form again (a double tap) makes nothing new.
    client.post(f"/skp/{skp_id}/rencana-aksi", data=data, headers=HX)
    assert count_ra(app, pid, today.year, today.month) == before + 1
    r = client.post(f"/skp/{skp_id}/rencana-aksi",
                    data={**data, "kunci": "ra-2", "target": "", "satuan": "",
                          "target_teks": "Draf SOP selesai dibahas"})
    assert r.status_code == 303 and f"rhk-{rhks[0]}" in r.headers["Location"]
    assert count_ra(app, pid, today.year, today.month) == before + 2


def test_bad_rencana_aksi_is_refused_with_a_message_and_nothing_saved(client, auth, app, demo):
    pid = demo.persona("pegawai")
    auth.login_as("pegawai")
    skp_id, rhks = skp_of(app, pid)
    before = count_ra(app, pid)
    base = {"rhk": rhks[0], "bulan": bulan_ini(), "teks": "Rapat", "kunci": "x"}
    for data, message in (({**base, "teks": ""}, "Tuliskan apa yang akan dikerjakan"),
                          ({**base, "target": "dua"}, "Isi dengan angka"),
                          ({**base, "target": "2"}, "Isi satuan target"),
                          (base, "Isi target berupa angka dan satuan, atau uraiannya")):
        r = client.post(f"/skp/{skp_id}/rencana-aksi", data=data, headers=HX)
        assert r.status_code == 422 and message in r.get_data(as_text=True), data
    # Another person's RHK, an archived RHK and another person's SKP are refused.
    other_skp, other_rhks = skp_of(app, demo.persona("pegawai_b"))
    ok = {**base, "target_teks": "Selesai"}
    assert client.post(f"/skp/{skp_id}/rencana-aksi", data={**ok, "rhk": other_rhks[0]}
                       ).status_code == 403
    assert client.post(f"/skp/{other_skp}/rencana-aksi", data=ok).status_code == 403
    with app.app_context():
        rhk = db.session.get(Rhk, rhks[-1])
        rhk.diarsipkan = True
        db.session.commit()
    assert client.post(f"/skp/{skp_id}/rencana-aksi", data={**ok, "rhk": rhks[-1]}
                       ).status_code == 403
    assert count_ra(app, pid) == before


def test_copy_last_month_once(client, auth, app, demo):
    pid = demo.persona("pegawai")
    auth.login_as("pegawai")
    skp_id, rhks = skp_of(app, pid)
    today = clock.today()
    if today.month == 1:
        return  # the demo's SKP starts in January: nothing before it to copy
    with app.app_context():
        db.session.execute(ProgresHarian.__table__.update().where(
            ProgresHarian.pegawai_id == pid).values(rencana_aksi_id=None))
        db.session.execute(RencanaAksi.__table__.delete().where(
            RencanaAksi.pegawai_id == pid, RencanaAksi.tahun == today.year,
            RencanaAksi.bulan == today.month))
        db.session.commit()
    last = count_ra(app, pid, today.year, today.month - 1)
    assert last > 0
    r = client.post(f"/skp/{skp_id}/rencana-aksi/salin", data={"bulan": bulan_ini()})
    assert r.status_code == 303
    assert count_ra(app, pid, today.year, today.month) == last
    client.post(f"/skp/{skp_id}/rencana-aksi/salin", data={"bulan": bulan_ini()})
    assert count_ra(app, pid, today.year, today.month) == last


def test_edit_and_delete_and_a_used_one_stays(client, auth, app, demo):
    pid = demo.persona("pegawai")
    auth.login_as("pegawai")
    skp_id, rhks = skp_of(app, pid)
    client.post(f"/skp/{skp_id}/rencana-aksi", data={
        "rhk": rhks[0], "bulan": bulan_ini(), "teks": "Baru", "target_teks": "Ada",
        "kunci": "ubah-1"})
    with app.app_context():
        ra = db.session.scalar(select(RencanaAksi).where(RencanaAksi.kunci == "ubah-1"))
        used = db.session.scalar(select(ProgresHarian.rencana_aksi_id).where(
            ProgresHarian.pegawai_id == pid, ProgresHarian.rencana_aksi_id.is_not(None),
            ProgresHarian.tanggal >= clock.today().replace(day=1)).limit(1))
    r = client.get(f"/rencana-aksi/{ra.id}/ubah", headers=HX)
    assert r.status_code == 200 and 'value="Baru"' in r.get_data(as_text=True)
    r = client.post(f"/rencana-aksi/{ra.id}/ubah", headers=HX, data={
        "teks": "Diubah", "target": "3", "satuan": "laporan"})
    assert r.status_code == 200 and "Diubah" in r.get_data(as_text=True)
    assert client.post(f"/rencana-aksi/{ra.id}/hapus", headers=HX,
                       data={"konfirmasi": "ya"}).data == b""
    if used:  # refused before anything is asked
        r = client.post(f"/rencana-aksi/{used}/hapus", headers=HX)
        assert r.status_code == 422 and "sudah dipakai" in r.get_data(as_text=True)
    auth.logout()
    auth.login_as("pegawai_b")
    if used:
        assert client.post(f"/rencana-aksi/{used}/ubah", data={"teks": "x"}).status_code == 403


def test_supervisor_and_sekda_read_but_do_not_edit(client, auth, app, demo):
    skp_id, _ = skp_of(app, demo.persona("pegawai"))
    for persona, status in (("atasan", 200), ("atasan_atasan", 200), ("sekda", 200),
                            ("atasan_lain", 403), ("pegawai_b", 403)):
        auth.login_as(persona)
        r = client.get(f"/skp/{skp_id}/rencana-aksi")
        assert r.status_code == status, persona
        if status == 200:
            assert "Tambah rencana aksi" not in r.get_data(as_text=True)
        auth.logout()


@pytest.mark.parametrize("closed", ["sub_periode", "tahun"])
def test_a_closed_month_is_locked(client, auth, app, demo, closed):
    pid = demo.persona("pegawai")
    skp_id, rhks = skp_of(app, pid)
    with app.app_context():
        sub = db.session.scalar(select(SubPeriode).join(Periode).where(
            Periode.aktif, SubPeriode.mulai <= clock.today(), SubPeriode.selesai >= clock.today()))
        if closed == "tahun":  # the whole year closed, its sub-periods left as they were
            sub.periode.ditutup = True
        else:
            sub.ditutup = True
        db.session.commit()
    auth.login_as("pegawai")
    html = client.get(f"/skp/{skp_id}/rencana-aksi").get_data(as_text=True)
    assert "sudah terkunci" in html and "Tambah rencana aksi" not in html
    r = client.post(f"/skp/{skp_id}/rencana-aksi", data={
        "rhk": rhks[0], "bulan": bulan_ini(), "teks": "x", "target_teks": "y"})
    assert r.status_code == 403


def test_realization_form_shows_the_sum_per_rencana_aksi_as_a_hint(client, auth, app, demo):
    pid = demo.persona("pegawai")
    with app.app_context():
        row = db.session.execute(select(RencanaAksi.teks, func.sum(ProgresHarian.output)).join(
            ProgresHarian, ProgresHarian.rencana_aksi_id == RencanaAksi.id).where(
            RencanaAksi.pegawai_id == pid, ProgresHarian.tanggal >= clock.today().replace(day=1))
            .group_by(RencanaAksi.teks).limit(1)).first()
    auth.login_as("pegawai")
    html = client.get("/realisasi").get_data(as_text=True)
    assert "Rencana aksi" in html
    if row is not None:
        total = format(Decimal(row[1]).normalize(), "f").replace(".", ",")
        assert row[0] in html and f"{total} / " in html


def test_supervisor_sees_the_reports_rencana_aksi_beside_the_rhk_they_serve(client, auth, app,
                                                                            demo):
    skp_id, _rhks = skp_of(app, demo.persona("atasan"))
    auth.login_as("atasan")
    html = client.get(f"/skp/{skp_id}/rencana-aksi").get_data(as_text=True)
    assert "Rencana aksi bawahan untuk RHK ini" in html and "Andi Pratama" in html
