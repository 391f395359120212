"""flask-login wiring: sessions are keyed by a rotating token, and htmx requests whose session
has expired get `HX-Redirect` to the login page instead of a login form inside a fragment."""
from urllib.parse import urlsplit

from flask import flash, make_response, redirect, request, url_for
from flask_babel import lazy_gettext as _l

from portal import orgtree


def configure_login(login_manager) -> None:
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Silakan masuk terlebih dahulu.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"

    @login_manager.user_loader
    def load_user(token: str):
        return orgtree.person_with_seat(token)

    @login_manager.unauthorized_handler
    def unauthorized():
        if request.headers.get("HX-Request") == "true":
            # Come back to the page the person was on, not to the fragment's URL.
            page = urlsplit(request.headers.get("HX-Current-URL", "")).path or "/"
            response = make_response("", 401)
            target = url_for("auth.login", next=page)
            response.headers["HX-Redirect"] = target
            return response
        flash(login_manager.login_message, login_manager.login_message_category)
        return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
