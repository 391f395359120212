"""Each role's home shows that role's real data, and nothing of anyone else's."""


def test_pegawai_home_shows_identity_chain_and_period(client, auth):
    auth.login_as("pegawai")
    html = client.get("/beranda/pegawai").get_data(as_text=True)
    assert "Epidemiolog Kesehatan Ahli Pertama" in html
    assert "Penata Muda / III/a" in html
    assert "Retno Wulandari" in html and "Irianto Setiawan" in html  # penilai and atasan penilai
    assert "Triwulan" in html


def test_pppk_shows_golongan_without_pangkat(client, auth, demo):
    auth.login(demo.nip["staf_surv3"])
    html = client.get("/beranda/pegawai").get_data(as_text=True)
    assert "Golongan IX (PPPK)" in html and "Penata" not in html


def test_atasan_home_lists_direct_reports_only(client, auth):
    auth.login_as("atasan")
    client.post("/peran", data={"peran": "atasan"})
    html = client.get("/beranda/atasan").get_data(as_text=True)
    for name in ("Andi Pratama", "Siti Nurhaliza", "Dewi Lestari"):
        assert name in html
    assert "Rizky Maulana" not in html  # another seksi's staff


def test_subtree_pages_and_searches(client, auth):
    auth.login_as("atasan_atasan")
    html = client.get("/tim/semua").get_data(as_text=True)
    assert "Andi Pratama" in html and "Rizky Maulana" in html and "Ratna Sari" not in html
    fragment = client.get("/tim/semua?q=rizky", headers={"HX-Request": "true"})
    body = fragment.get_data(as_text=True)
    assert "Rizky Maulana" in body and "Andi Pratama" not in body and "<html" not in body
    assert "HX-Request" in fragment.headers["Vary"]


def test_history_restore_gets_the_full_page(client, auth):
    auth.login_as("atasan")
    r = client.get("/tim/semua", headers={"HX-Request": "true",
                                          "HX-History-Restore-Request": "true"})
    assert "<html" in r.get_data(as_text=True)


def test_sekda_home_counts_opds_and_vacancies(client, auth):
    auth.login_as("sekda")
    assert client.get("/").headers["Location"].endswith("/beranda/sekda")
    html = client.get("/beranda/sekda").get_data(as_text=True)
    for opd in ("Dinas Kesehatan", "Badan Perencanaan Pembangunan Daerah", "Dinas Pendidikan"):
        assert opd in html
    assert "Kepala Subbidang Sosial Budaya" in html  # the vacant seat


def test_role_switch(client, auth):
    auth.login_as("sekda")
    client.post("/peran", data={"peran": "pegawai"})
    assert client.get("/").headers["Location"].endswith("/beranda/pegawai")
    client.post("/peran", data={"peran": "admin"})  # not a role the Sekda has: ignored
    assert client.get("/").headers["Location"].endswith("/beranda/pegawai")


def test_healthz_reports_database_state(client, app, monkeypatch):
    assert client.get("/healthz").json == {"status": "ok"}
    from portal.extensions import db

    def broken(*a, **k):
        raise RuntimeError("db down")

    monkeypatch.setattr(db.session, "execute", broken)
    assert client.get("/healthz").status_code == 503


def test_error_pages_are_pages_and_fragments(client, auth):
    auth.login_as("pegawai")
    page = client.get("/beranda/sekda")
    assert page.status_code == 403 and "<html" in page.get_data(as_text=True)
    frag = client.get("/beranda/sekda", headers={"HX-Request": "true"})
    assert frag.status_code == 403 and "<html" not in frag.get_data(as_text=True)
    assert "Tidak berwenang" in frag.get_data(as_text=True)
    assert client.get("/tidak-ada").status_code == 404


def test_static_files_are_fingerprinted_and_cached_forever(client, auth):
    auth.login_as("pegawai")
    html = client.get("/beranda/pegawai").get_data(as_text=True)
    assert "/static/css/portal.css?v=" in html
    url = html.split('href="/static/css/portal.css?v=')[1].split('"')[0]
    r = client.get(f"/static/css/portal.css?v={url}")
    assert "immutable" in r.headers["Cache-Control"]
    r.close()
