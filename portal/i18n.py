"""Locale choice: the person's saved language, else Indonesian (the default everywhere)."""
from flask import has_request_context, session
from flask_login import current_user

SUPPORTED = ("id", "en")


def select_locale() -> str:
    if not has_request_context():  # a background job: messages are stored in Indonesian
        return "id"
    if current_user and current_user.is_authenticated and current_user.bahasa in SUPPORTED:
        return current_user.bahasa
    return session.get("bahasa") if session.get("bahasa") in SUPPORTED else "id"
