"""The rows of the role × route matrix, one module per area, collected in one table by
tests/test_access_matrix.py. Each row: (method, url, form data, answers in PERSONAS order);
answers come from docs/domain.md's rights table, never from the code's own declarations."""
L = 302  # redirect (to the login page for anon; to a home or the next page otherwise)
ADMIN_ONLY = (L, 403, 403, 403, 403, 403, 403, 200)  # BKPSDM's own pages
RUN_READERS = (L, 403, 403, 403, 403, 403, 200, 200)  # the Sekda and BKPSDM
