"""CSV cells that a spreadsheet would run as formulas come out as text."""
import csv
import io

import pytest

from portal.rules.csv_aman import BOM, cell, row, stream


@pytest.mark.parametrize("text", ["=1+1", "+62812", "-2+3", "@SUM(A1)", "\t=1", "\r=1",
                                  '=HYPERLINK("http://x","klik")'])
def test_dangerous_starts_get_an_apostrophe(text):
    assert cell(text) == "'" + text


@pytest.mark.parametrize("value, expected", [
    ("Andi Pratama", "Andi Pratama"), ("a=b", "a=b"), ("", ""), (None, ""),
    (42, 42), (-5, -5), (2.5, 2.5), (True, "True"), ("'=sudah", "'=sudah"),
])
def test_harmless_values_are_unchanged(value, expected):
    assert cell(value) == expected


def test_row_and_stream_round_trip():
    assert row(["=x", 1, None]) == ["'=x", 1, ""]
    text = "".join(stream(["a", "b"], [["=cmd|' /C calc'!A0", "baris\nbaru, \"kutip\""],
                                       [1, "-1"]]))
    assert text.startswith(BOM)
    parsed = list(csv.reader(io.StringIO(text.removeprefix(BOM))))
    assert parsed == [["a", "b"], ["'=cmd|' /C calc'!A0", "baris\nbaru, \"kutip\""],
                      ["1", "'-1"]]


def test_stream_yields_line_by_line():
    pieces = list(stream(["h"], (["x"] for _ in range(3))))
    assert len(pieces) == 4 and all(p.endswith("\r\n") for p in pieces)
