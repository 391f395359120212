"""Import of people (admin): a whole new OPD, the statement count, a conflict while applying."""
from __future__ import annotations

from sqlalchemy import func, select

from portal.extensions import db
from portal.models import AuditLog, ImporPratinjau, Jabatan, Pegawai
from tests.conftest import YA, QueryCounter
from tests.helpers.impor import (
    count,
    make_csv,
    pending_token,
    summary,
    upload,
)

# --- a new OPD and the statement count -------------------------------------------------------

def generated(opd: str, n: int, seed: int) -> list[dict]:
    """A new OPD: its head, 4 bidang heads, 5 seksi heads each, the rest staff."""
    rows, k = [], 0

    def nip() -> str:
        nonlocal k
        k += 1
        return f"19{seed:02d}0101201503{1 + k % 2}{k:03d}"[:15] + f"{k % 1000:03d}"

    def person(jabatan, jenis, eselon, unit, atasan="") -> dict:
        nomor = len(rows)
        birth = f"19{70 + seed % 20:02d}{1 + nomor % 12:02d}{1 + (nomor // 12) % 28:02d}"
        code = f"{birth}2015031{nomor % 1000:03d}"
        return {"nip": code, "nama": f"Pegawai {nomor}", "gelar_depan": "", "gelar_belakang": "",
                "pangkat": "Penata Muda", "golongan": "III/a", "status": "PNS",
                "jabatan": jabatan, "jenis_jabatan": jenis, "eselon": eselon or "",
                "unit": unit, "nip_atasan": atasan, "fleksibel": "tidak"}

    rows.append(person(f"Kepala {opd}", "struktural", "II", opd))
    bidang = 0
    while len(rows) < n:
        bidang += 1
        b_unit = f"{opd} / Bidang {bidang}"
        rows.append(person(f"Kepala Bidang {bidang}", "struktural", "III", b_unit))
        for s in range(1, 6):
            s_unit = f"{b_unit} / Seksi {s}"
            rows.append(person(f"Kepala Seksi {s}", "struktural", "IV", s_unit))
            for _ in range(20):
                rows.append(person("Analis", "fungsional", None, s_unit))
    rows = rows[:n]
    assert len({r["nip"] for r in rows}) == n
    return rows


def _statements(app, fn) -> int:
    with app.app_context():
        engine = db.engine
    with QueryCounter(engine) as qc:
        fn()
    return qc.count


def test_statement_count_does_not_grow_with_rows(app, client, auth, demo):
    auth.login_as("admin")
    counts = {}
    for n, opd, seed in ((200, "Dinas Uji Kecil", 1), (2000, "Dinas Uji Besar", 2)):
        data = make_csv(generated(opd, n, seed))
        preview = _statements(app, lambda data=data: upload(client, data))
        s = summary(app)
        assert s["tidak_valid"] == [], s["tidak_valid"][:3]
        assert len(s["baru"]) == n
        token = pending_token(app)
        applied = _statements(app, lambda token=token: client.post(
            f"/admin/impor/p/{token}/terapkan", data=YA))
        counts[n] = (preview, applied)
        with app.app_context():
            assert db.session.scalar(select(func.count()).select_from(Pegawai).where(
                Pegawai.nip.in_([r["nip"] for r in generated(opd, n, seed)]))) == n
        r = upload(client, data)  # the same file again: nothing to do
        assert "Tidak ada perubahan." in client.get(r.headers["Location"]).get_data(as_text=True)
    assert counts[200] == counts[2000]
    with app.app_context():
        head = db.session.scalar(select(Jabatan).where(Jabatan.nama == "Kepala Dinas Uji Besar"))
        assert head.atasan.nama == "Sekretaris Daerah"


def test_conflict_while_applying_keeps_nothing(app, client, auth, demo, monkeypatch):
    from sqlalchemy.exc import IntegrityError

    from portal.impor import terapkan

    def clash(*_args, **_kw):
        db.session.add(AuditLog(aksi="sebagian", objek_jenis="x"))
        raise IntegrityError("INSERT", {}, Exception("unique"))

    monkeypatch.setattr(terapkan, "apply", clash)
    auth.login_as("admin")
    token = pending_token(app)
    r = client.post(f"/admin/impor/p/{token}/terapkan", data=YA, follow_redirects=True)
    assert r.status_code == 200 and "tidak ada yang disimpan" in r.get_data(as_text=True)
    assert count(app, AuditLog, AuditLog.aksi == "sebagian") == 0
    with app.app_context():
        status = db.session.scalar(select(ImporPratinjau.status).where(
            ImporPratinjau.token == token))
    assert status == "menunggu"
