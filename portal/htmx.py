"""The one place that decides "fragment or full page", plus small htmx response helpers."""
from __future__ import annotations

from flask import flash, make_response, redirect, render_template, request


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


def fragment_or_redirect(fragment: str | None, url: str, flash_message: str | None = None, *,
                         category: str = "success", status: int = 200,
                         htmx_redirect: bool = False, **context):
    """After a POST: the `fragment` that htmx swaps in (an empty body when `fragment` is None, for
    a removed row), otherwise `flash_message` flashed and a redirect to `url` (Post/Redirect/Get).
    `htmx_redirect` answers a boosted request with HX-Redirect (`redirect_to`) rather than a 303.
    The context is built before the choice, so pass only what is already loaded; a view whose
    fragment needs extra queries keeps its own `if wants_fragment()`."""
    if wants_fragment():
        if fragment is None:
            response = make_response("", status)
            response.vary.add("HX-Request")
            return response
        return render(fragment, status=status, **context)
    if flash_message:
        flash(flash_message, category)
    return redirect_to(url) if htmx_redirect else redirect(url, 303)


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


def tersimpan(*bagian) -> str:
    """The words that answer an htmx save at its button: "Tersimpan · 30 Nov 14.05 · WFA"
    (shown by the `tersimpan` macro of _macros.html inside the returned fragment)."""
    from flask_babel import gettext as _

    from portal import clock
    from portal.web import tanggal_pendek

    now = clock.now()
    words = [_("Tersimpan"), f"{tanggal_pendek(now.date())} {now:%H.%M}"]
    return " · ".join(words + [str(b) for b in bagian if b])


def row_or_redirect(fragment: str, row_id: str, url: str, message: str | None = None,
                    **context):
    """After a successful change: the updated row when htmx asked to swap that row,
    otherwise a redirect (HX-Redirect for htmx, Post/Redirect/Get without JavaScript)."""
    if wants_fragment() and request.headers.get("HX-Target") == row_id:
        return render(fragment, fragment, tersimpan_teks=tersimpan(), **context)
    if message:  # only on a page change: a swapped row shows the change itself
        flash(message, "success")
    return redirect_to(url)
