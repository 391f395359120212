"""Rows of the role × route matrix (tests/test_access_matrix.py): security"""
from tests.helpers.access_rows import L

# (method, url, form data, answers in PERSONAS order)
# anon  peg   pegB  atasan lain  atas2 sekda admin
ROWS = [
    # --- security ---
    # The audit trail: the Sekda all, the admin people/org/import events, everyone their own.
    ("GET", "/audit", None, (L, 403, 403, 403, 403, 403, 200, 200)),
    ("GET", "/audit/saya", None, (L, 200, 200, 200, 200, 200, 200, 200)),
    ("GET", "/audit.csv", None, (L, 403, 403, 403, 403, 403, 200, 200)),
]
