"""Forms in tests: a count query, a hidden field of a page."""
from __future__ import annotations

import re

from portal.extensions import db


def count(app, stmt) -> int:
    with app.app_context():
        return db.session.scalar(stmt)


def hidden(html: str, name: str) -> str:
    match = re.search(rf'name="{name}"[^>]*value="([^"]*)"', html) or re.search(
        rf'value="([^"]*)"[^>]*name="{name}"', html)
    assert match, f"no hidden {name}"
    return match.group(1)
