"""Operator commands: seed-demo (idempotent, --json) and user management."""
import json

from sqlalchemy import func, select

from portal.extensions import db
from portal.models import Jabatan, Pegawai, Periode, RiwayatJabatan


def test_seed_demo_builds_a_province_once(runner, app):
    first = runner.invoke(args=["seed-demo", "--password", "rahasia123"])
    assert first.exit_code == 0 and "rahasia123" in first.output
    with app.app_context():
        counts = [db.session.scalar(select(func.count()).select_from(m))
                  for m in (Pegawai, Jabatan, RiwayatJabatan, Periode)]
    again = runner.invoke(args=["seed-demo", "--password", "rahasia123"])
    assert again.exit_code == 0
    with app.app_context():
        assert counts == [db.session.scalar(select(func.count()).select_from(m))
                          for m in (Pegawai, Jabatan, RiwayatJabatan, Periode)]
        assert counts[0] >= 30
        vacant = db.session.scalar(select(func.count(Jabatan.id)).where(
            Jabatan.id.not_in(select(RiwayatJabatan.jabatan_id).where(
                RiwayatJabatan.selesai.is_(None)))))
        assert vacant == 1
        assert db.session.scalar(select(func.count()).where(Periode.aktif)) == 1


def test_seed_demo_json_lists_each_role(runner):
    result = runner.invoke(args=["seed-demo", "--json", "--password", "rahasia123"])
    rows = json.loads(result.output)
    assert {r["role"] for r in rows} == {"pegawai", "atasan", "sekda", "admin"}
    assert all(set(r) == {"role", "nip", "nama", "password"} for r in rows)


def test_seed_demo_if_empty_leaves_real_data_alone(runner, app):
    runner.invoke(args=["user", "create", "--nip", "199001012015031001", "--nama", "Operator",
                        "--password", "operator123"])
    result = runner.invoke(args=["seed-demo", "--if-empty"])
    assert "tidak dibuat" in result.output
    with app.app_context():
        assert db.session.scalar(select(func.count(Pegawai.id))) == 1


def test_user_create_and_set_password(runner, app, client):
    bad = runner.invoke(args=["user", "create", "--nip", "123", "--nama", "X",
                              "--password", "operator123"])
    assert bad.exit_code != 0 and "18 digit" in bad.output
    ok = runner.invoke(args=["user", "create", "--nip", "199001012015031001", "--nama", "Operator",
                             "--admin", "--password", "operator123"])
    assert ok.exit_code == 0
    dup = runner.invoke(args=["user", "create", "--nip", "199001012015031001", "--nama", "Y",
                              "--password", "operator123"])
    assert "sudah terdaftar" in dup.output
    # No policy saved on a fresh installation: the default asks the first admin to enrol.
    r = client.post("/masuk", data={"nip": "199001012015031001", "password": "operator123"})
    assert r.status_code == 302 and r.headers["Location"].endswith("/dua-faktor/daftar")
    runner.invoke(args=["user", "create", "--nip", "199001012015031002", "--nama", "Staf",
                        "--password", "operator123"])
    runner.invoke(args=["user", "set-password", "--nip", "199001012015031002",
                        "--password", "gantibaru99", "--temporary"])
    r = client.post("/masuk", data={"nip": "199001012015031002", "password": "gantibaru99"})
    assert r.status_code == 302 and "/ganti-sandi" in r.headers["Location"]
