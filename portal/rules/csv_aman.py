"""Cells written to CSV/XLSX for other programs: a value that starts with = + - @ (or a tab or
carriage return before them) would run as a formula when a spreadsheet opens the file, so it
gets a leading apostrophe, which spreadsheets show as text."""

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def escape_cell(value):
    """The value as it is safe to write into a cell; non-strings pass unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def unescape_cell(value: str) -> str:
    """Reverse of `escape_cell` for a re-imported cell: drop the apostrophe we added."""
    if value.startswith("'") and value[1:].startswith(FORMULA_START):
        return value[1:]
    return value
