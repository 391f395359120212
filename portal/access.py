"""Who may do what: role decorators, the per-endpoint rule registry and `get_…_or_403` lookups.

Every view declares exactly one rule with a decorator from this module; `check_rules` refuses
to start an app with an endpoint that has none, and the matrix test reads the same registry only
to list endpoints (its expectations are its own literal table).
"""
from __future__ import annotations

from functools import wraps

from flask import abort, current_app, g, session
from flask_login import current_user

from portal import orgtree
from portal.extensions import db
from portal.models import Pegawai

MAX_ID = 2**31 - 1  # the largest id an INTEGER column holds (PostgreSQL would overflow beyond)


def deny(what: str, object_id, why: str | None = None):
    """Refuse (403) access to one object. Nothing is logged here: the 403 handler
    (`portal/errors.py`) is the one place that logs a refusal, with the actor, the endpoint and
    what was refused (`g.refused`). `why` is shown to the person when it helps them."""
    g.refused = f"{what} {object_id}"
    abort(403, description=why)


def get_or_404(model, object_id: int):
    """One row by id, or 404: ids beyond the column's range simply do not exist."""
    found = db.session.get(model, object_id) if 0 < object_id <= MAX_ID else None
    if found is None:
        abort(404)
    return found

RULES: dict[str, str] = {}  # view function qualified name -> rule
ROLES = ("pegawai", "atasan", "sekda", "admin")


def _declare(view, rule: str):
    RULES[f"{view.__module__}.{view.__qualname__}"] = rule
    view.access_rule = rule
    return view


def public(view):
    """Anyone, logged in or not."""
    return _declare(view, "public")


def _guard(view, rule: str, allowed):
    @wraps(view)
    def wrapped(*args, **kwargs):
        if not current_user.is_authenticated:
            return current_app.login_manager.unauthorized()
        if not allowed():
            abort(403)
        return view(*args, **kwargs)

    return _declare(wrapped, rule)


def login(view):
    """Any logged-in person; object-level checks happen in the view's lookup."""
    return _guard(view, "login", lambda: True)


def role(name: str):
    """Only people who have the role `name` today (roles follow the org tree)."""
    assert name in ROLES

    def decorator(view):
        return _guard(view, f"role:{name}", lambda: has_role(name))

    return decorator


def has_role(name: str) -> bool:
    return current_user.is_authenticated and orgtree.has_role(current_user, name)


def current_role() -> str | None:
    """The role whose view the person chose in the top bar (or their first)."""
    if not current_user.is_authenticated:
        return None
    roles = orgtree.roles_of(current_user)
    chosen = session.get("peran")
    if chosen in roles:
        return chosen
    for preferred in ("sekda", "atasan", "admin", "pegawai"):
        if preferred in roles:
            return preferred
    return None


def check_rules(app) -> None:
    missing = [ep for ep, view in app.view_functions.items()
               if not getattr(view, "access_rule", None)]
    if missing:
        raise RuntimeError(f"Endpoint tanpa aturan akses: {', '.join(sorted(missing))}")


# Object-level lookups -------------------------------------------------------------------------

def can_read_pegawai(viewer: Pegawai, target: Pegawai) -> bool:
    """Own data; anyone below in the chain; the Sekda reads all (docs/domain.md rights table)."""
    if viewer.id == target.id:
        return True
    if "sekda" in orgtree.roles_of(viewer):
        return True
    return orgtree.is_below(viewer.id, target.id)


def get_pegawai_or_404(pegawai_id: int) -> Pegawai:
    return get_or_404(Pegawai, pegawai_id)


def get_pegawai_readable_or_403(pegawai_id: int) -> Pegawai:
    target = get_pegawai_or_404(pegawai_id)
    if not can_read_pegawai(current_user, target):
        deny("pegawai", pegawai_id)
    return target


def get_direct_report_or_403(pegawai_id: int) -> Pegawai:
    """The target must be a direct report of the current user (or of the seat they act for),
    whose cases the current user may decide (portal.keputusan: never one's own)."""
    from portal import keputusan

    target = get_pegawai_or_404(pegawai_id)
    if not keputusan.boleh_atasan(target):
        deny("pegawai (bukan bawahan langsung)", pegawai_id)
    return target


# Organisasi ------------------------------------------------------------------------------------

def get_shortlist_or_404(daftar_id: int):
    """Shortlists are private to their owner: others get 404, existence is not revealed."""
    from portal.models import DaftarPendek

    daftar = db.session.get(DaftarPendek, daftar_id)
    if daftar is None or daftar.pemilik_id != current_user.id:
        abort(404)
    return daftar
# --- security ---

def any_role(*names: str):
    """People who have at least one of the roles `names` today (e.g. the audit trail, which the
    Sekda and the admin both read, each their own part)."""
    assert names and all(name in ROLES for name in names)

    def decorator(view):
        return _guard(view, "role:" + "|".join(names),
                      lambda: any(has_role(name) for name in names))

    return decorator
# --- rapor: documents, track record, prestasi, batch jobs ---------------------------------------


def get_pegawai_by_nip_readable_or_403(nip: str) -> Pegawai:
    """The rapor, SKP PDF and track record: the person, the chain above, the Sekda."""
    from sqlalchemy import select

    if current_user.is_authenticated and nip == current_user.nip:  # one's own: loaded already
        return current_user._get_current_object()
    target = db.session.scalar(select(Pegawai).where(Pegawai.nip == (nip or "")[:18]))
    if target is None:
        abort(404)
    return get_pegawai_readable_or_403(target.id)


def get_prestasi_to_verify_or_403(prestasi_id: int):
    """Only the direct supervisor (or Plt) of the prestasi's owner verifies it."""
    from portal.models import Prestasi

    prestasi = get_or_404(Prestasi, prestasi_id)
    get_direct_report_or_403(prestasi.pegawai_id)
    return prestasi


def get_own_prestasi_or_404(prestasi_id: int):
    from portal.models import Prestasi

    prestasi = get_or_404(Prestasi, prestasi_id)
    if prestasi.pegawai_id != current_user.id:
        abort(404)
    return prestasi


def get_own_job_or_404(job_id: int):
    """A background job and its ZIP belong to whoever started it; others learn nothing."""
    from portal.models import Job

    job = get_or_404(Job, job_id)
    if job.owner_id != current_user.id:
        abort(404)
    return job
# --- API (portal/api): token scopes ------------------------------------------------------------


def scope(name: str | None, *, peran: str | None = None):
    """An API view: the bearer token (checked before any API view runs, portal/api/auth.py) must
    carry the scope `name` (None: any valid token); with `peran`, its holder must also have that
    role today, as the same page asks. Object-level checks are the pages' own lookups."""
    from flask import g

    from portal.rules import token as token_rules

    rule = f"token:{name or '*'}" + (f"+role:{peran}" if peran else "")

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            token = g.get("api_token")
            if token is None:
                abort(401)
            if name and not token_rules.punya(token.cakupan, name):
                abort(403, description=f"Token ini tidak memiliki cakupan {name}.")
            if peran and not has_role(peran):
                abort(403, description="Pemilik token tidak memiliki peran untuk tindakan ini.")
            return view(*args, **kwargs)

        return _declare(wrapped, rule)

    return decorator
