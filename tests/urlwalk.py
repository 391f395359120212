"""Walking `app.url_map`, so the security tests cover every route, including routes that later
capabilities add, without a list to keep up to date.

URL arguments are filled with real ids: an argument `skp_id` takes ids from the table `skp`,
`pegawai_id` from `pegawai`, and so on; an unknown name falls back to a pegawai id.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser

from sqlalchemy import select
from werkzeug.routing import IntegerConverter

from portal.extensions import db

WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


def table_for(argument: str):
    """The table whose ids an URL argument names (`rhk_id` -> rhk), or None."""
    name = re.sub(r"_?id$", "", argument)
    tables = db.metadata.tables
    for candidate in (name, name.replace("_", ""), f"{name}s"):
        if candidate in tables:
            return tables[candidate]
    return None


def real_ids(app, argument: str, limit: int = 20) -> list[int]:
    """Up to `limit` existing ids for an URL argument (empty when the table is empty)."""
    with app.app_context():
        table = table_for(argument)
        if table is None or "id" not in table.c:
            table = db.metadata.tables["pegawai"]
        return list(db.session.scalars(select(table.c.id).order_by(table.c.id).limit(limit)))


def rules(app, methods: set[str] | None = None):
    """Every rule (optionally only those answering one of `methods`), static excluded."""
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if rule.endpoint == "static":
            continue
        if methods is None or (rule.methods or set()) & methods:
            yield rule


def build(app, rule, pick=None) -> str:
    """A concrete URL for `rule`: int arguments get a real id (`pick(argument, ids)` chooses;
    the first by default), other arguments a harmless word."""
    values = {}
    for argument in rule.arguments:
        converter = rule._converters.get(argument)
        if isinstance(converter, IntegerConverter):
            ids = real_ids(app, argument) or [1]
            values[argument] = pick(argument, ids) if pick else ids[0]
        elif rule.defaults and argument in rule.defaults:
            continue
        else:
            values[argument] = "contoh"
    adapter = app.url_map.bind("localhost")
    return adapter.build(rule.endpoint, values, force_external=False)


class _FormFields(HTMLParser):
    """Collects (form action, method, field names) of every form on a page."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.forms.append({"action": a.get("action") or "", "method": (a.get("method") or
                               "get").upper(), "fields": {}})
        elif tag in {"input", "select", "textarea"} and self.forms and a.get("name"):
            field = self.forms[-1]["fields"].setdefault(a["name"], {"tag": tag, **a})
            if tag == "select":
                field["options"] = []
        elif tag == "button" and self.forms and a.get("name"):  # a choice made by a button
            field = self.forms[-1]["fields"].setdefault(a["name"], {"tag": tag, "options": []})
            field.setdefault("options", []).append(a.get("value", ""))
        elif tag == "option" and self.forms and self.forms[-1]["fields"]:
            last = list(self.forms[-1]["fields"].values())[-1]
            if "options" in last and a.get("value") is not None:
                last["options"].append(a["value"])

    def handle_endtag(self, tag):
        pass


def forms_on(html: str) -> list[dict]:
    parser = _FormFields()
    parser.feed(html)
    return parser.forms


DOWNLOADS = (".csv", ".pdf", ".xlsx", ".ico")


def page_urls(app, downloads: bool = False) -> list[str]:
    """A concrete URL for every GET rule (file downloads such as PDFs and CSVs only when asked
    for: they hold no forms)."""
    urls = []
    for rule in rules(app, {"GET"}):
        if not downloads and (rule.rule.endswith(DOWNLOADS) or rule.endpoint == "healthz"):
            continue
        urls.append(build(app, rule))
    return urls


def endpoint_of(app, url: str, method: str = "POST") -> str | None:
    from werkzeug.exceptions import HTTPException

    path = url.split("?", 1)[0]
    try:
        return app.url_map.bind("localhost").match(path, method=method)[0]
    except HTTPException:
        return None
