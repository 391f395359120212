"""The one place that decides "fragment or full page", plus small htmx response helpers."""
from __future__ import annotations

from flask import make_response, redirect, render_template, request


def wants_fragment() -> bool:
    """An htmx request that is neither boosted nor a history restore wants only a fragment."""
    hx = getattr(request, "htmx", None)
    return bool(hx) and not hx.boosted and not hx.history_restore_request


def render(template: str, fragment: str | None = None, status: int = 200, **context):
    """Render `fragment` for htmx requests and the page `template` (which includes it)
    otherwise."""
    chosen = fragment if fragment and wants_fragment() else template
    response = make_response(render_template(chosen, **context), status)
    response.vary.add("HX-Request")
    return response


def redirect_to(url: str, status: int = 303):
    """After a successful htmx action that changes the page: a full navigation for htmx,
    an ordinary redirect (Post/Redirect/Get) without JavaScript."""
    if request.headers.get("HX-Request") == "true":
        response = make_response("", 204)
        response.headers["HX-Redirect"] = url
        return response
    return redirect(url, status)


def trigger(response, event: str):
    response.headers["HX-Trigger"] = event
    return response
