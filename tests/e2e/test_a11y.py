"""Every page of every role (pages.PAGES, which names every GET endpoint of the app): no
serious or critical axe-core violation, no sideways scrolling at 360 px (a cheap phone) nor at
200% zoom of a 1280 px window (640 CSS px), and no Content-Security-Policy violation in the
console. At 360 x 740 also: every element fits the screen and nothing is cut off inside a box,
every link, button and control is at least 44 x 44 px or has a 44 px area of its own, the
navigation takes at most 15% of the first screen's height, and every form that changes a period,
a rating or a batch asks for confirmation without JavaScript too."""
from itertools import groupby

import pytest

from tests.e2e.checks import (
    axe_violations,
    confirmation_problems,
    horizontal_overflow,
    phone_problems,
)
from tests.e2e.pages import NOT_PAGES, PAGES

pytestmark = pytest.mark.e2e

BY_PERSONA = {persona or "anon": list(pages) for persona, pages in
              groupby(sorted(PAGES, key=lambda p: p.persona or ""), key=lambda p: p.persona)}
WIDTHS = {"360 px": 360, "zoom 200%": 640}
NAV_SHARE = 0.15


@pytest.mark.parametrize("persona", list(BY_PERSONA))
def test_pages_are_accessible_and_fit(new_context, live, persona):
    problems = []
    for label, width in WIDTHS.items():
        page = new_context(viewport={"width": width, "height": 740 if width == 360 else 800}
                           ).new_page()
        console = []
        page.on("console", lambda m, c=console: c.append(m.text) if m.type == "error" else None)
        if persona != "anon":
            from tests.e2e.harness import login

            login(page, live, persona)
        for spec in BY_PERSONA[persona]:
            response = page.goto(live.url + live.path(spec.path))
            assert response.status == spec.status, f"{spec.name}: {response.status}"
            page.wait_for_load_state("load")
            overflow = horizontal_overflow(page)
            if overflow > 0:
                problems.append(f"{spec.name} @ {label}: {overflow}px lebih lebar dari layar")
            if width == 360:
                layout, nav = phone_problems(page)
                problems += [f"{spec.name}: {p}" for p in layout[:8]]
                if nav > NAV_SHARE:
                    problems.append(f"{spec.name}: navigasi {nav:.0%} dari layar pertama")
                problems += [f"{spec.name}: {p}" for p in confirmation_problems(page)]
                for v in axe_violations(page):
                    problems.append(f"{spec.name}: axe {v['impact']} {v['id']} ({v['help']}) "
                                    f"{v['nodes']}")
        csp = [m for m in console if "Content Security Policy" in m]
        problems += [f"CSP @ {label}: {m}" for m in csp]
    assert not problems, "\n".join(problems)


class _AnyId:
    """Stands in for `{kind.key}` and `{key}` when a path is only matched against the url_map."""

    def __getattr__(self, _key):
        return 1

    def __format__(self, _spec):
        return "1"


def test_pages_cover_every_endpoint(app):
    """A new GET page cannot skip the checks above: it needs a Page in PAGES, or a reason in
    NOT_PAGES for answering no HTML."""
    from string import Formatter

    adapter = app.url_map.bind("localhost")
    covered = set()
    for spec in PAGES:
        names = {f.split(".")[0] for _, f, _, _ in Formatter().parse(spec.path) if f}
        path = spec.path.format(**dict.fromkeys(names, _AnyId()) | {"triwulan": "2026-TW1"})
        if spec.status != 404:
            covered.add(adapter.match(path.split("?")[0], method="GET")[0])
    pages = {rule.endpoint for rule in app.url_map.iter_rules() if "GET" in rule.methods}
    assert sorted(pages - covered - set(NOT_PAGES)) == [], "halaman GET tanpa Page di PAGES"
    assert sorted(set(NOT_PAGES) - pages) == [], "NOT_PAGES menyebut endpoint yang tidak ada"
