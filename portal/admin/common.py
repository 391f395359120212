"""What the admin views share: the page and search arguments of a list."""
from __future__ import annotations

from flask import request

from portal.web import page_number


def page_arg() -> int:
    """`?hal=` as a page number; anything else is page 1."""
    return page_number(request.args.get("hal"), 10_000)


def search_arg() -> str:
    return request.args.get("q", "").strip()[:100]
