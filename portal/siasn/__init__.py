"""SIASN (BKN): the outbox page of BKPSDM — what waits, what was sent, what failed and why;
resend one or many; reconcile a person against what SIASN holds. The sending itself is in
`outbox`, the HTTP client in `client`."""
from flask import Blueprint

bp = Blueprint("siasn", __name__)

from portal.siasn import routes  # noqa: E402,F401
