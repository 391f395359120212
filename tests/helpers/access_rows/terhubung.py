"""Rows of the role × route matrix (tests/test_access_matrix.py): tokens, the SIASN outbox,
the second factor, the API without a token."""
from tests.helpers.access_rows import ADMIN_ONLY, RUN_READERS, L
from tests.helpers.resolvers import RESOLVERS


# Tokens: everyone makes their own; a token is revoked by its owner only (others: 404).
# SIASN outbox: the Sekda reads, BKPSDM (admin) resends and reconciles (domain.md).
# The second factor's login step belongs to a half-done login: any session is sent on (302).
# The API takes no session at all: every persona without a token gets 401.
def _token(_app, pid):
    from sqlalchemy import select

    from portal.extensions import db
    from portal.models import ApiToken

    return db.session.scalar(select(ApiToken.id).where(ApiToken.pemilik_id == pid))


def _kiriman(_app, _pid):
    from sqlalchemy import select

    from portal.extensions import db
    from portal.models import KirimanSiasn

    return db.session.scalar(select(KirimanSiasn.id).order_by(KirimanSiasn.id))


RESOLVERS.update({"token": _token, "kiriman": _kiriman})
EVERYONE = (L, 200, 200, 200, 200, 200, 200, 200)
NO_TOKEN = (401, 401, 401, 401, 401, 401, 401, 401)

# (method, url, form data, answers in PERSONAS order)
# anon  peg   pegB  atasan lain  atas2 sekda admin
ROWS = [
    ("GET", "/token", None, EVERYONE),
    ("POST", "/token", {}, (L, 422, 422, 422, 422, 422, 422, 422)),
    ("POST", "/token/{token.pegawai}/cabut", {}, (L, 303, 404, 404, 404, 404, 404, 404)),
    # Every token, personal and service: the admin lists and revokes any (pegawai A's here).
    ("GET", "/admin/token", None, ADMIN_ONLY),
    ("POST", "/admin/token/{token.pegawai}/cabut", {}, (L, 403, 403, 403, 403, 403, 403, 303)),
    ("POST", "/admin/token/999999/cabut", {}, (L, 403, 403, 403, 403, 403, 403, 404)),
    ("GET", "/siasn/saya", None, EVERYONE),
    ("GET", "/siasn", None, RUN_READERS),
    ("GET", "/siasn?status=gagal", None, RUN_READERS),
    ("POST", "/siasn/kirim", {}, (L, 403, 403, 403, 403, 403, 403, 303)),
    ("POST", "/siasn/{kiriman.admin}/ulang", {}, (L, 403, 403, 403, 403, 403, 403, 303)),
    ("GET", "/siasn/rekonsiliasi", None, ADMIN_ONLY),
    ("GET", "/dua-faktor/masuk", None, (L, L, L, L, L, L, L, L)),
    ("POST", "/dua-faktor/masuk", {}, (L, L, L, L, L, L, L, L)),
    ("GET", "/dua-faktor/daftar", None, EVERYONE),
    ("POST", "/dua-faktor/daftar", {}, (L, 422, 422, 422, 422, 422, 422, 422)),
    ("GET", "/dua-faktor", None, EVERYONE),
    ("POST", "/dua-faktor/nonaktif", {}, (L, 303, 303, 303, 303, 303, 303, 303)),
    ("GET", "/admin/dua-faktor", None, ADMIN_ONLY),
    ("POST", "/admin/dua-faktor", {}, (L, 403, 403, 403, 403, 403, 403, 422)),
    ("POST", "/admin/pegawai/{pegawai_b}/dua-faktor/reset", {},
     (L, 403, 403, 403, 403, 403, 403, 303)),
    ("GET", "/api/v1/openapi.json", None, (200, 200, 200, 200, 200, 200, 200, 200)),
    ("GET", "/api/v1/saya", None, NO_TOKEN),
    ("GET", "/api/v1/pegawai/{pegawai_b}", None, NO_TOKEN),
    ("GET", "/api/v1/penilaian", None, NO_TOKEN),
    ("GET", "/api/v1/rhk", None, NO_TOKEN),
    ("GET", "/api/v1/harian", None, NO_TOKEN),
    ("POST", "/api/v1/harian", {}, NO_TOKEN),
    ("GET", "/api/v1/pegawai", None, NO_TOKEN),
    ("GET", "/api/v1/pegawai/{pegawai_b}/bawahan", None, NO_TOKEN),
    ("GET", "/api/v1/pegawai/{pegawai_b}/skp", None, NO_TOKEN),
    ("GET", "/api/v1/pegawai/{pegawai_b}/penilaian", None, NO_TOKEN),
    ("GET", "/api/v1/pegawai/{pegawai_b}/tpp", None, NO_TOKEN),
    ("GET", "/api/v1/dokumen/2222222222ab", None, NO_TOKEN),
    ("POST", "/api/v1/presensi", {}, NO_TOKEN),
]
