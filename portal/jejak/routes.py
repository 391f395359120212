"""Reading the audit trail. Only GET routes: no route edits or deletes an audit row."""
from flask import request, stream_with_context
from flask_login import current_user

from portal import access
from portal.downloads import attachment
from portal.htmx import render
from portal.jejak import bp, services
from portal.jejak.forms import FilterForm
from portal.rules import csv_aman
from portal.web import page_number


def _read(own_only: bool):
    """The reader's scope, the filter form bound to the query string, and the filter (None when
    the form is invalid)."""
    scope = services.scoped(current_user, own_only)
    form = FilterForm(formdata=request.args)
    form.set_choices(*services.choices(scope))
    if not form.validate():
        return scope, form, None
    f = services.Filter(aksi=form.aksi.data or "", objek_jenis=form.objek_jenis.data or "",
                        nip="" if own_only else form.nip.data or "",
                        dari=form.dari.data, sampai=form.sampai.data)
    return scope, form, f


def _list(endpoint: str, own_only: bool):
    scope, form, f = _read(own_only)
    number = page_number(request.args.get("hal"))
    rows, total = services.page(services.filtered(scope, f), number) if f else ([], 0)
    query = {k: v for k, v in request.args.items() if k != "hal" and v}
    return render("jejak/page.html", "jejak/_isi.html", status=200 if f else 422, form=form,
                  rows=rows, total=total, page=number, per_page=services.PER_PAGE,
                  endpoint=endpoint, own_only=own_only, query=query)


@bp.get("/audit")
@access.any_role("sekda", "admin")
def index():
    return _list("jejak.index", own_only=False)


@bp.get("/audit/saya")
@access.login
def saya():
    return _list("jejak.saya", own_only=True)


@bp.get("/audit.csv")
@access.any_role("sekda", "admin")
def export():
    scope, form, f = _read(own_only=False)
    if f is None:
        return _list("jejak.index", own_only=False)
    rows = services.export_rows(services.filtered(scope, f))
    body = stream_with_context(csv_aman.stream(services.CSV_HEADER, rows))
    return attachment(body, "text/csv; charset=utf-8", "jejak-audit.csv")
