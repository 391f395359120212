"""Numbers as people in Indonesia type them, and plausibility limits next to the IKI target
(portal/rules/angka.py), plus the daily entry and the realization that use them."""
from decimal import Decimal

import pytest

from portal.rules import angka


@pytest.mark.parametrize("typed,value", [
    ("12", "12.00"), ("2,5", "2.50"), ("2.5", "2.50"), ("1.234,5", "1234.50"),
    ("12.000", "12000.00"), (" 3 ", "3.00"), ("1 234", "1234.00"), ("", None), (None, None)])
def test_baca_reads_what_people_type(typed, value):
    assert angka.baca(typed) == (Decimal(value) if value else None)


@pytest.mark.parametrize("typed", ["-1", "1e20", "99999999999999", "nan", "Infinity", "2,5,1", "x"])
def test_baca_refuses_what_is_not_a_plausible_number(typed):
    with pytest.raises(ValueError):
        angka.baca(typed)


def test_limits_follow_the_target():
    assert angka.batas_output(Decimal(12)) == 12 and angka.batas_output(Decimal("0.5")) == 1
    assert angka.batas_realisasi(Decimal(12)) == 36 and angka.batas_realisasi(Decimal(0)) == 3
    assert angka.batas_output(None) is None and angka.batas_realisasi(None) is None


def test_an_implausible_output_is_refused_with_its_reason_and_kept(client, auth, app, demo):
    from tests.helpers.harian import HX, count_entries, entry

    auth.login_as("pegawai")
    before = count_entries(app)
    r = client.post("/harian/entri", data=entry(app, demo, output="99.999.999.999"), headers=HX)
    body = r.get_data(as_text=True)
    assert r.status_code == 422 and "melebihi target setahun" in body
    assert 'value="99.999.999.999"' in body  # what was typed stays, nothing is lost
    assert count_entries(app) == before
    r = client.post("/harian/entri", data=entry(app, demo, output="1,5", kunci="k2"), headers=HX)
    assert r.status_code == 200 and "1,5" in r.get_data(as_text=True)
