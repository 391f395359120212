"""Responses are compressed at a level chosen by their size (portal/compression.py)."""
import brotli

from portal import compression


def test_small_fragments_use_a_cheap_level_and_large_pages_the_configured_one(client, auth,
                                                                               monkeypatch):
    levels = []
    real = brotli.compress
    monkeypatch.setattr(compression.brotli, "compress",
                        lambda data, quality: levels.append((len(data), quality))
                        or real(data, quality=quality))
    auth.login_as("pegawai")
    r = client.get("/beranda/pegawai", headers={"Accept-Encoding": "br"})
    assert r.headers["Content-Encoding"] == "br"
    assert "Identitas saya" in brotli.decompress(r.data).decode()
    size, quality = levels[-1]
    assert quality == (compression.SMALL_LEVELS["br"] if size <= compression.SMALL
                       else client.application.config["COMPRESS_BR_LEVEL"])
    r = client.get("/harian?lihat=hari", headers={"Accept-Encoding": "br", "HX-Request": "true"})
    assert r.status_code == 200
    assert levels[-1][1] == compression.SMALL_LEVELS["br"] and levels[-1][0] <= compression.SMALL
