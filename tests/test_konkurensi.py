"""Two people (or two tabs) on the same record, and forms sent twice.

A second change made from a stale page answers 409 "data telah diubah oleh orang lain" with
the current state, and nothing the first one saved is overwritten; the same decision or form
sent twice is answered once. More create forms sent twice: test_idempotensi.py. The SKP, RHK,
IKI and rating paths have their own tests in test_skp*.py and test_penilaian.py.
"""
from __future__ import annotations

from sqlalchemy import func, select

from portal import clock
from portal.extensions import db
from portal.models import (
    AuditLog,
    Jabatan,
    Keberatan,
    Pegawai,
    Penilaian,
    Periode,
    PeriodeLog,
    Prestasi,
    RealisasiPeriode,
    Skp,
    SubPeriode,
    UnitKerja,
)
from tests.conftest import YA
from tests.helpers.forms import count, hidden

STALE = "diubah oleh orang lain"


# --- realisasi -------------------------------------------------------------------------------

def _submitted_realisasi(client, auth, app, demo) -> int:
    with app.app_context():
        sub = db.session.scalar(select(SubPeriode.id).join(Periode).where(
            Periode.aktif, SubPeriode.mulai <= clock.today(), SubPeriode.selesai >= clock.today()))
        skp = db.session.scalar(select(Skp).join(Periode, Periode.id == Skp.periode_id).where(
            Skp.pegawai_id == demo.persona("pegawai"), Periode.aktif, Skp.status == "disetujui"))
        values = {f"nilai-{i.id}": "4" for r in skp.rhk for i in r.iki}
    auth.login_as("pegawai")
    page = client.get("/realisasi").get_data(as_text=True)
    form = values | {"aksi": "ajukan", "version": hidden(page, "version")}
    assert client.post(f"/realisasi/{sub}", data=form).status_code == 303
    again = client.post(f"/realisasi/{sub}", data=form)  # the double submit
    assert again.status_code == 303
    assert count(app, select(func.count()).select_from(AuditLog).where(
        AuditLog.aksi == "realisasi.ajukan")) == 1
    auth.logout()
    with app.app_context():
        return db.session.scalar(select(RealisasiPeriode.id).join(Skp).where(
            Skp.pegawai_id == demo.persona("pegawai"), RealisasiPeriode.sub_periode_id == sub))


def test_a_second_realisasi_decision_is_409_and_keeps_the_first(client, auth, app, demo):
    rp_id = _submitted_realisasi(client, auth, app, demo)
    auth.login_as("atasan")
    seen = hidden(client.get(f"/tim/realisasi/{rp_id}").get_data(as_text=True), "version")
    first = client.post(f"/tim/realisasi/{rp_id}/putuskan",
                        data={"aksi": "kembalikan", "catatan": "Lengkapi bukti", "version": seen})
    assert first.status_code == 303
    second = client.post(f"/tim/realisasi/{rp_id}/putuskan",  # the other tab, same old page
                         data={"aksi": "terima", "version": seen})
    text = second.get_data(as_text=True)
    assert second.status_code == 409 and STALE in text and "Dikembalikan" in text
    with app.app_context():
        rp = db.session.get(RealisasiPeriode, rp_id)
        assert rp.status == "dikembalikan" and rp.catatan_atasan == "Lengkapi bukti"
    assert count(app, select(func.count()).select_from(AuditLog).where(
        AuditLog.aksi.in_(("realisasi.terima", "realisasi.kembalikan")))) == 1


def test_the_same_decision_sent_again_is_answered_as_the_first(client, auth, app, demo):
    rp_id = _submitted_realisasi(client, auth, app, demo)
    auth.login_as("atasan")
    seen = hidden(client.get(f"/tim/realisasi/{rp_id}").get_data(as_text=True), "version")
    data = {"aksi": "kembalikan", "catatan": "Lengkapi bukti", "version": seen}
    assert client.post(f"/tim/realisasi/{rp_id}/putuskan", data=data).status_code == 303
    assert client.post(f"/tim/realisasi/{rp_id}/putuskan", data=data).status_code == 303
    assert count(app, select(func.count()).select_from(AuditLog).where(
        AuditLog.aksi == "realisasi.kembalikan")) == 1
    other_note = client.post(f"/tim/realisasi/{rp_id}/putuskan",
                             data=data | {"catatan": "Catatan lain"})
    assert other_note.status_code == 409


def test_a_realisasi_saved_from_a_stale_page_is_409(client, auth, app, demo):
    rp_id = _submitted_realisasi(client, auth, app, demo)
    auth.login_as("atasan")
    client.post(f"/tim/realisasi/{rp_id}/putuskan",
                data={"aksi": "kembalikan", "catatan": "Perbaiki angka"})
    auth.logout()
    auth.login_as("pegawai")
    with app.app_context():
        rp = db.session.get(RealisasiPeriode, rp_id)
        sub, version = rp.sub_periode_id, rp.version
    r = client.post(f"/realisasi/{sub}", data={"aksi": "simpan", "version": str(version - 1)})
    assert r.status_code == 409 and STALE in r.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(RealisasiPeriode, rp_id).version == version


# --- keberatan -------------------------------------------------------------------------------

def _keberatan(client, app, demo) -> tuple[int, int]:
    with app.app_context():
        nid = db.session.scalar(select(Penilaian.id).where(
            Penilaian.pegawai_id == demo["staf_pm2"], Penilaian.kode.startswith("TW")))
    client.post("/masuk", data={"nip": demo.nip["staf_pm2"], "password": "rahasia123"})
    page = client.get(f"/penilaian/{nid}").get_data(as_text=True)
    data = {"alasan": "Kelas edukasi melampaui target triwulan.",
            "kunci": hidden(page, "kunci")}
    assert client.post(f"/penilaian/{nid}/keberatan", data=data | YA).status_code == 303
    twice = client.post(f"/penilaian/{nid}/keberatan", data=data | YA)  # double submit: same answer
    assert twice.status_code == 303
    assert count(app, select(func.count()).select_from(Keberatan).where(
        Keberatan.penilaian_id == nid)) == 1
    client.post("/keluar")
    with app.app_context():
        return nid, db.session.scalar(select(Keberatan.id).where(Keberatan.penilaian_id == nid))


def test_a_keberatan_with_another_key_is_still_refused(client, app, demo):
    nid, _kid = _keberatan(client, app, demo)
    client.post("/masuk", data={"nip": demo.nip["staf_pm2"], "password": "rahasia123"})
    r = client.post(f"/penilaian/{nid}/keberatan",
                    data={**YA, "alasan": "Alasan lain yang cukup panjang.", "kunci": "lain"})
    assert r.status_code == 409 and "sudah diajukan" in r.get_data(as_text=True)
    with app.app_context():  # still the one objection, with its first reason
        assert db.session.scalars(select(Keberatan.alasan).where(
            Keberatan.penilaian_id == nid)).all() == ["Kelas edukasi melampaui target triwulan."]


def test_explanation_and_decision_from_stale_pages_are_409(client, auth, app, demo):
    _nid, kid = _keberatan(client, app, demo)
    client.post("/masuk", data={"nip": demo.nip["kasi_pm"], "password": "rahasia123"})
    with app.app_context():
        seen = db.session.get(Keberatan, kid).version
    ok = client.post(f"/penilaian/keberatan/{kid}/penjelasan",
                     data={"penjelasan": "Penjelasan pertama.", "version": seen})
    assert ok.status_code == 303
    stale = client.post(f"/penilaian/keberatan/{kid}/penjelasan",
                        data={"penjelasan": "Penjelasan dari tab lama.", "version": seen})
    text = stale.get_data(as_text=True)
    assert stale.status_code == 409 and "Penjelasan pertama." in text
    client.post("/keluar")
    auth.login_as("atasan_atasan")  # decides from a page made before the explanation
    r = client.post(f"/penilaian/keberatan/{kid}/putusan",
                    data={**YA, "keputusan": "tetap", "pertimbangan": "Tetap.", "version": seen})
    assert r.status_code == 409 and "Penjelasan pertama." in r.get_data(as_text=True)
    with app.app_context():
        k = db.session.get(Keberatan, kid)
        assert k.penjelasan == "Penjelasan pertama." and k.keputusan is None


# --- admin edits -----------------------------------------------------------------------------

def test_two_admins_editing_one_person(client, auth, app, demo):
    auth.login_as("admin")
    pid = demo["staf_surv2"]
    page = client.get(f"/admin/pegawai/{pid}/ubah").get_data(as_text=True)
    seen = hidden(page, "version")
    with app.app_context():
        p = db.session.get(Pegawai, pid)
        base = {"nip": p.nip, "nama": p.nama, "gelar_depan": p.gelar_depan or "",
                "gelar_belakang": p.gelar_belakang or "", "status": p.status,
                "golongan": p.golongan, "alamat": p.alamat or "", "version": seen}
    first = client.post(f"/admin/pegawai/{pid}/ubah", data=base | {"nama": "Siti Pertama"})
    assert first.status_code in (302, 303)
    second = client.post(f"/admin/pegawai/{pid}/ubah", data=base | {"nama": "Siti Kedua"})
    text = second.get_data(as_text=True)
    assert second.status_code == 409 and STALE in text and "Siti Pertama" in text
    with app.app_context():
        assert db.session.get(Pegawai, pid).nama == "Siti Pertama"
    # A password change of that person does not make the admin's form stale.
    fresh = hidden(client.get(f"/admin/pegawai/{pid}/ubah").get_data(as_text=True), "version")
    assert client.post(f"/admin/pegawai/{pid}/reset-sandi", data=YA).status_code in (200, 302, 303)
    r = client.post(f"/admin/pegawai/{pid}/ubah",
                    data=base | {"nama": "Siti Ketiga", "version": fresh})
    assert r.status_code in (302, 303)


def test_two_admins_editing_one_seat_and_one_unit(client, auth, app, demo):
    auth.login_as("admin")
    with app.app_context():
        j = db.session.scalar(select(Jabatan).where(Jabatan.atasan_id.is_not(None),
                                                    Jabatan.jenis == "fungsional"))
        jid, unit_id, atasan, version = j.id, j.unit_id, j.atasan_id, j.version
        u = db.session.scalar(select(UnitKerja).where(UnitKerja.induk_id.is_not(None)))
        uid, induk, uversion = u.id, u.induk_id, u.version
    seat = {"nama": "Epidemiolog A", "jenis": "fungsional", "eselon": "", "unit_id": unit_id,
            "atasan_id": atasan, "version": version}
    assert client.post(f"/admin/jabatan/{jid}/ubah", data=seat).status_code in (302, 303)
    r = client.post(f"/admin/jabatan/{jid}/ubah", data=seat | {"nama": "Epidemiolog B"})
    assert r.status_code == 409 and "Epidemiolog A" in r.get_data(as_text=True)
    unit = {"nama": "Seksi A", "induk_id": induk, "version": uversion}
    assert client.post(f"/admin/unit/{uid}/ubah", data=unit).status_code in (302, 303)
    r = client.post(f"/admin/unit/{uid}/ubah", data=unit | {"nama": "Seksi B"},
                    headers={"HX-Request": "true"})
    assert r.status_code == 409 and "Seksi A" in r.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Jabatan, jid).nama == "Epidemiolog A"
        assert db.session.get(UnitKerja, uid).nama == "Seksi A"


# --- prestasi, periods -----------------------------------------------------------------------

def test_prestasi_created_once_and_decided_once(client, auth, app, demo):
    auth.login_as("pegawai_b")
    page = client.get("/prestasi").get_data(as_text=True)
    data = {"jenis": "prestasi", "judul": "Juara inovasi", "tanggal": "2026-05-02",
            "kunci": hidden(page, "kunci")}
    assert client.post("/prestasi", data=data).status_code == 303
    assert client.post("/prestasi", data=data).status_code == 303
    with app.app_context():
        rows = db.session.scalars(select(Prestasi).where(Prestasi.judul == "Juara inovasi")).all()
        assert len(rows) == 1
        pid = rows[0].id
    auth.logout()
    auth.login_as("atasan")
    ok = client.post(f"/prestasi/{pid}/verifikasi", data={"keputusan": "ditolak",
                                                          "catatan": "Bukti kurang"})
    assert ok.status_code == 303
    late = client.post(f"/prestasi/{pid}/verifikasi", data={"keputusan": "diverifikasi"})
    assert late.status_code == 409 and STALE in late.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Prestasi, pid).status == "ditolak"


def test_closing_a_period_twice_is_409_and_logged_once(client, auth, app, demo):
    with app.app_context():
        from portal.penilaian.periode import default_kode

        kode = default_kode(clock.today()).teks
    closes = select(func.count()).select_from(PeriodeLog).where(PeriodeLog.aksi == "tutup")
    before = count(app, closes)
    auth.login_as("sekda")
    assert client.post(f"/penilaian/periode/{kode}/tutup", data=YA).status_code == 303
    second = client.post(f"/penilaian/periode/{kode}/tutup", data=YA)
    assert second.status_code == 409 and "sudah ditutup" in second.get_data(as_text=True)
    assert count(app, closes) == before + 1


def test_any_version_conflict_left_to_the_app_is_a_409_never_a_500(app, demo):
    """Views answer their own 409 with the form; the app-wide handler is the safety net."""
    from sqlalchemy.orm.exc import StaleDataError

    with app.test_request_context("/penilaian/1/terima", method="POST",
                                  headers={"HX-Request": "true"}):
        response = app.handle_user_exception(StaleDataError("x"))
    body = response.get_data(as_text=True)
    assert response.status_code == 409 and STALE in body and "<html" not in body
    assert "HX-Request" in response.vary  # the one fragment-or-page helper says it varies


def test_a_move_sent_twice_moves_once(client, auth, app, demo):
    from datetime import timedelta

    from portal.models import RiwayatJabatan

    auth.login_as("admin")
    pid = demo.persona("pegawai")
    with app.app_context():
        target = db.session.scalar(select(Jabatan.id).where(
            Jabatan.nama == "Kepala Subbidang Sosial Budaya").order_by(Jabatan.id).limit(1))
    page = client.get(f"/admin/pegawai/{pid}/pindah").get_data(as_text=True)
    data = {"jabatan_id": target, "keterangan": "SK 7", "version": hidden(page, "version"),
            "tanggal": (clock.today() + timedelta(days=10)).isoformat()}
    rows = select(func.count()).select_from(RiwayatJabatan).where(RiwayatJabatan.pegawai_id == pid)
    before = count(app, rows)
    assert client.post(f"/admin/pegawai/{pid}/pindah", data=data).status_code == 303
    again = client.post(f"/admin/pegawai/{pid}/pindah", data=data)
    text = again.get_data(as_text=True)
    assert again.status_code == 409 and STALE in text and "kini" in text
    assert count(app, rows) == before + 1
