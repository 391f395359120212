"""The audit trail pages: who reads what, filters, pages, CSV export, and nothing that writes."""
import csv
import io
from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select

from portal import audit, clock
from portal.extensions import db
from portal.models import AuditLog
from tests.conftest import QueryCounter


def add(app, n, **kw):
    with app.app_context():
        for i in range(n):
            values = {"aksi": "uji", "objek_jenis": "pegawai", "objek_id": i} | kw
            db.session.add(AuditLog(**values))
        db.session.commit()


def test_sekda_reads_every_event(client, auth):
    auth.login_as("sekda")
    page = client.get("/audit").get_data(as_text=True)
    for aksi in ("impor_pegawai", "ubah_jabatan", "setujui_skp", "tutup_periode", "ganti_sandi"):
        assert aksi in page
    assert "Retno Wulandari" in page  # the atasan who approved


def test_admin_reads_only_people_org_and_import_events(client, auth):
    auth.login_as("admin")
    page = client.get("/audit").get_data(as_text=True)
    assert "impor_pegawai" in page and "ubah_jabatan" in page and "plt.tunjuk" in page
    assert "setujui_skp" not in page
    csv_text = client.get("/audit.csv").get_data(as_text=True)
    assert "impor_pegawai" in csv_text and "setujui_skp" not in csv_text


def test_admin_kinds_are_the_one_set_in_audit_module():
    assert "impor" in audit.ADMIN_OBJEK_JENIS and "pegawai" in audit.ADMIN_OBJEK_JENIS
    assert not {"skp", "penilaian", "rating_organisasi", "realisasi"} & audit.ADMIN_OBJEK_JENIS


def test_everyone_reads_their_own_actions_only(client, auth):
    auth.login_as("pegawai")
    page = client.get("/audit/saya").get_data(as_text=True)
    assert "ganti_sandi" in page
    assert "impor_pegawai" not in page and "setujui_skp" not in page
    assert 'name="nip"' not in page  # no filter by other actors on one's own page
    assert client.get("/audit").status_code == 403
    assert client.get("/audit.csv").status_code == 403


def test_filters(client, auth, app, demo):
    auth.login_as("sekda")
    by_action = client.get("/audit?aksi=plt.tunjuk").get_data(as_text=True)
    assert ">plt.tunjuk</td>" in by_action and ">impor_pegawai</td>" not in by_action
    by_actor = client.get(f"/audit?nip={demo.nip['kasi_surv']}").get_data(as_text=True)
    assert ">setujui_skp</td>" in by_actor and ">impor_pegawai</td>" not in by_actor
    by_kind = client.get("/audit?objek_jenis=periode").get_data(as_text=True)
    assert ">tutup_periode</td>" in by_kind and ">ubah_jabatan</td>" not in by_kind
    today = clock.today()
    recent = client.get(f"/audit?dari={today - timedelta(days=8)}&sampai={today}")
    text = recent.get_data(as_text=True)
    assert ">tutup_periode</td>" in text and ">tambah_hari_libur</td>" in text
    assert ">impor_pegawai</td>" not in text


def test_date_range_uses_the_portal_time_zone(client, auth, app):
    # 18:30 UTC on 1 March is 01:30 on 2 March in Jakarta.
    add(app, 1, aksi="tengah_malam", waktu=datetime(2026, 3, 1, 18, 30))
    auth.login_as("sekda")
    inside = client.get("/audit?dari=2026-03-02&sampai=2026-03-02").get_data(as_text=True)
    before = client.get("/audit?sampai=2026-03-01").get_data(as_text=True)
    assert ">tengah_malam</td>" in inside and ">tengah_malam</td>" not in before


def test_invalid_filter_is_explained_and_kept(client, auth):
    auth.login_as("sekda")
    response = client.get("/audit?dari=kemarin&nip=123&sampai=2026-01-01")
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Tanggal tidak valid" in page and "NIP terdiri dari 18 digit." in page
    assert 'value="kemarin"' in page and 'value="123"' in page
    bad_range = client.get("/audit?dari=2026-02-01&sampai=2026-01-01")
    assert bad_range.status_code == 422
    assert "tidak boleh sebelum" in bad_range.get_data(as_text=True)
    assert client.get("/audit.csv?dari=kemarin").status_code == 422


def test_pages_of_fifty_and_a_constant_number_of_statements(client, auth, app):
    add(app, 120, aksi="massal")
    auth.login_as("sekda")
    with app.app_context(), QueryCounter(db.engine) as few:
        first = client.get("/audit?aksi=massal").get_data(as_text=True)
    assert first.count(">massal</td>") == 50 and "Halaman 1 dari 3" in first
    third = client.get("/audit?aksi=massal&hal=3").get_data(as_text=True)
    assert third.count(">massal</td>") == 20
    assert "aksi=massal" in third  # the pager keeps the filter
    add(app, 200, aksi="massal")
    with app.app_context(), QueryCounter(db.engine) as many:
        client.get("/audit?aksi=massal")
    assert many.count == few.count


def test_fragment_for_htmx(client, auth):
    auth.login_as("admin")
    response = client.get("/audit?aksi=impor_pegawai", headers={"HX-Request": "true"})
    text = response.get_data(as_text=True)
    assert response.status_code == 200 and "<html" not in text and "impor_pegawai" in text


def test_csv_export_is_streamed_escaped_and_filtered(client, auth, app):
    add(app, 1, aksi="=HYPERLINK(\"http://x\")", atas_nama="@kepala",
        sesudah='{"a": 1}')
    add(app, 3, aksi="lain")
    auth.login_as("sekda")
    response = client.get("/audit.csv?objek_jenis=pegawai")
    assert response.status_code == 200 and response.is_streamed
    assert response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"].startswith("attachment")
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0][:5] == ["waktu_utc", "aktor_nip", "aktor_nama", "atas_nama", "aksi"]
    hostile = [r for r in rows if "HYPERLINK" in r[4]]
    assert hostile[0][4] == "'=HYPERLINK(\"http://x\")" and hostile[0][3] == "'@kepala"
    assert all(r[5] == "pegawai" for r in rows[1:])
    assert sum(1 for r in rows if r[4] == "lain") == 3


def test_user_text_is_escaped_on_the_page(client, auth, app):
    add(app, 1, aksi="x", atas_nama="<script>alert(1)</script>")
    auth.login_as("sekda")
    page = client.get("/audit").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page


def test_no_route_writes_to_the_audit_trail(app):
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/audit"):
            assert rule.methods <= {"GET", "HEAD", "OPTIONS"}, rule.rule


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE"])
def test_writes_to_audit_urls_are_refused(client, auth, app, method):
    auth.login_as("sekda")
    with app.app_context():
        before = db.session.scalar(select(func.count(AuditLog.id)))
    for url in ("/audit", "/audit/saya", "/audit.csv", "/audit/1"):
        assert client.open(url, method=method).status_code in (404, 405)
    with app.app_context():
        assert db.session.scalar(select(func.count(AuditLog.id))) == before


def test_nav_links(client, auth):
    auth.login_as("admin")
    client.post("/peran", data={"peran": "admin"})
    page = client.get("/admin/").get_data(as_text=True)
    assert 'href="/audit"' in page and 'href="/audit/saya"' in page
    auth.logout()
    auth.login_as("pegawai")
    page = client.get("/beranda/pegawai").get_data(as_text=True)
    assert 'href="/audit"' not in page and 'href="/audit/saya"' in page
