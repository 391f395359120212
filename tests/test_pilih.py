"""The admin's seat picker: every seat named with its unit, vacancies marked, no seat chosen
for the admin, and a search that narrows the list as one types (htmx) in one statement."""
import re

from portal.extensions import db
from tests.conftest import QueryCounter


def test_move_form_lists_seats_with_unit_and_vacancy_and_chooses_none(client, auth, demo):
    auth.login_as("admin")
    html = client.get(f"/admin/pegawai/{demo['staf_surv2']}/pindah").get_data(as_text=True)
    select = re.search(r'<select[^>]*id="jabatan_id".*?</select>', html, re.S).group(0)
    options = re.findall(r"<option[^>]*>([^<]*)</option>", select)
    assert options[0] == "— pilih jabatan —" and "selected" not in select  # not the Sekda's
    assert all(" — " in o for o in options[1:])  # each seat with its unit
    assert any(o.endswith("· kosong") for o in options)
    assert len(set(options)) == len(options)  # two seats of the same name differ by their unit
    assert 'hx-get="/admin/jabatan/pilih"' in html and 'form="tanpa-formulir"' in html
    r = client.post(f"/admin/pegawai/{demo['staf_surv2']}/pindah",
                    data={"jabatan_id": "0", "tanggal": "2026-11-30"})
    assert r.status_code == 422 and "Pilih jabatan." in r.get_data(as_text=True)


def test_search_narrows_the_options_in_one_statement(client, auth, app):
    auth.login_as("admin")
    with app.app_context():
        engine = db.engine
    with QueryCounter(engine) as counted:
        r = client.get("/admin/jabatan/pilih?q=surveilans", headers={"HX-Request": "true"})
    body = r.get_data(as_text=True)
    assert r.status_code == 200 and "<html" not in body
    found = re.findall(r'<option value="([1-9]\d*)">([^<]*)</option>', body)
    assert found and all("surveilans" in label.lower() for _v, label in found)
    # (the person logged in is loaded with their seat: that statement is not the search)
    assert len([s for s in counted.statements
                if "jabatan" in s.lower() and "sesi_token" not in s]) == 1
    none = client.get("/admin/jabatan/pilih?q=%25_zz", headers={"HX-Request": "true"})
    assert "Tidak ada jabatan yang cocok" in none.get_data(as_text=True)


def test_person_picker_finds_people_by_name_or_spaced_nip_in_one_statement(client, auth, app,
                                                                           demo):
    auth.login_as("admin")
    nip = demo.nip["staf_surv2"]
    with app.app_context():
        engine = db.engine
    with QueryCounter(engine) as counted:
        r = client.get(f"/admin/pegawai/pilih?untuk=pin-nip&q={nip[:8]}+{nip[8:14]}",
                       headers={"HX-Request": "true"})
    body = r.get_data(as_text=True)
    assert r.status_code == 200 and "<html" not in body
    assert f'<button type="button" data-isi="pin-nip" value="{nip}">' in body
    assert len([s for s in counted.statements if " like " in s.lower()]) == 1  # one search
    by_name = client.get("/admin/pegawai/pilih?untuk=pin-nip&q=dewi").get_data(as_text=True)
    assert "Dewi Lestari" in by_name
    none = client.get("/admin/pegawai/pilih?untuk=pin-nip&q=%25_zz").get_data(as_text=True)
    assert "Tidak ada pegawai yang cocok" in none and "<button" not in none
    # the field it fills is a plain id, never markup from the query string
    odd = client.get('/admin/pegawai/pilih?untuk="><b>x&q=dewi').get_data(as_text=True)
    assert "<b>" not in odd and "<button" not in odd


def test_presensi_and_tpp_nip_fields_carry_the_person_picker(client, auth):
    auth.login_as("admin")
    for page, field in (("/admin/presensi", "pin-nip"), ("/admin/presensi/perbaiki", "nip"),
                        ("/tpp/catatan", "n-nip")):
        html = client.get(page).get_data(as_text=True)
        assert f'hx-get="/admin/pegawai/pilih?untuk={field}"' in html, page
        assert f'id="{field}"' in html and 'form="tanpa-formulir"' in html, page
