"""Every kind of issued document carries a PAdES signature that pyHanko's validator accepts
against the demo CA, and a single changed byte is detected."""
from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from portal.extensions import db
from portal.models import DaftarPendek, Periode

pytestmark = pytest.mark.db


def _validate(data: bytes, ca_path: Path):
    from portal.dokumen.signer import validate

    return validate(data, ca_path)


def _one_byte_changed(data: bytes) -> bytes:
    """Flip one bit inside the first content stream (covered by the signature)."""
    at = data.index(b"stream\n") + 40
    return data[:at] + bytes([data[at] ^ 0x01]) + data[at + 1:]


def _downloads(app, demo):
    with app.app_context():
        tahun = db.session.scalar(select(Periode.tahun).order_by(Periode.tahun).limit(1))
        daftar = db.session.scalar(select(DaftarPendek.id).where(
            DaftarPendek.pemilik_id == demo["sekda"]))
    return [("pegawai", f"/rapor/{demo.nip['staf_surv1']}/{tahun}.pdf"),
            ("pegawai", f"/skp/{demo.nip['staf_surv1']}/{tahun + 1}.pdf"),
            ("pegawai", f"/riwayat/{demo.nip['staf_surv1']}.pdf"),
            ("sekda", f"/penilaian/organisasi/{tahun}/penetapan.pdf"),
            ("sekda", f"/talenta/daftar/{daftar}.pdf")]


def test_every_kind_is_signed_and_a_changed_byte_is_detected(client, auth, demo, app):
    ca = Path(app.instance_path) / "dokumen" / "demo-ca.pem"
    who = None
    for persona, url in _downloads(app, demo):
        if persona != who:
            auth.logout()
            auth.login_as(persona)
            who = persona
        response = client.get(url)
        assert response.status_code == 200, url
        assert "ETag" in response.headers, f"{url} tidak disegel"
        status = _validate(response.data, ca)
        assert status.intact and status.valid and status.trusted and status.bottom_line, url
        broken = _validate(_one_byte_changed(response.data), ca)
        assert not broken.intact and not broken.bottom_line, url
    with app.app_context():
        from portal.models import Dokumen

        kinds = sorted(db.session.scalars(select(Dokumen.jenis)))
        assert kinds == ["daftar_pendek", "penetapan", "rapor", "riwayat", "skp"]


def test_signature_is_not_trusted_without_the_ca(client, auth, demo, app, tmp_path):
    """A certificate from another CA does not validate as trusted."""
    from portal.dokumen.signer import make_demo_certificate

    other = make_demo_certificate(tmp_path, "Lain") and tmp_path / "dokumen" / "demo-ca.pem"
    auth.login_as("pegawai")
    url = _downloads(app, demo)[0][1]
    status = _validate(client.get(url).data, other)
    assert status.intact and not status.trusted


def test_periksa_command_checks_signature_and_register(client, auth, demo, app, runner,
                                                      tmp_path):
    auth.login_as("pegawai")
    data = client.get(_downloads(app, demo)[0][1]).data
    good, bad = tmp_path / "rapor.pdf", tmp_path / "ubah.pdf"
    good.write_bytes(data)
    bad.write_bytes(_one_byte_changed(data))
    ok = runner.invoke(args=["dokumen", "periksa", str(good)])
    assert ok.exit_code == 0 and "Terdaftar: 800/KIN/" in ok.output, ok.output
    changed = runner.invoke(args=["dokumen", "periksa", str(bad)])
    assert changed.exit_code == 1 and "utuh: TIDAK" in changed.output
    assert "Terdaftar: TIDAK" in changed.output
