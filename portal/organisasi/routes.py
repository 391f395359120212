"""The dashboard: the Sekda sees the whole organization, an atasan their own subtree."""

from flask import abort, request
from flask_babel import format_datetime

from portal import access, clock
from portal.home.services import active_periode
from portal.htmx import render
from portal.organisasi import bp, rincian, services
from portal.organisasi.common import viewer_id
from portal.parameter import id_arg
from portal.rules.kurva import RATING_ORGANISASI_LABEL
from portal.rules.predikat import PREDIKAT_LABEL
from portal.web import page_number


@bp.get("/dasbor")
@access.role("atasan")
def dashboard():
    periode = active_periode()
    if periode is None:
        return render("organisasi/no_period.html")
    data = services.dashboard(viewer_id(), periode, clock.today())
    return render("organisasi/dashboard.html", periode=periode, d=data,
                  skp_states=services.SKP_STATES, realisasi_states=services.REALISASI_STATES,
                  predikat_states=services.PREDIKAT_STATES, predikat_labels=PREDIKAT_LABEL,
                  org_labels=RATING_ORGANISASI_LABEL,
                  dihitung=format_datetime(data["dihitung"], "HH:mm"))


@bp.get("/dasbor/daftar")
@access.role("atasan")
def figure_list():
    periode = active_periode()
    figure = request.args.get("f", "")
    value = request.args.get("v", "")
    allowed = rincian.FIGURES.get(figure, ())
    if periode is None or value not in allowed:
        abort(404)
    opd = id_arg("opd")
    page = page_number(request.args.get("hal"))
    rows, total = rincian.people_for(viewer_id(), periode, clock.today(), opd, figure, value,
                                      page)
    return render("organisasi/list.html", rows=rows, total=total, page=page, figure=figure,
                  value=value, opd=opd, per_page=50)

# Routes on the same blueprint.
