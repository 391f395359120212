"""Fail when a template line runs past the limit (120 characters), so templates stay readable:
one element per line. Splitting a line inside a template adds a byte to the page unless
whitespace control eats it (`-%}` / `{{-`), which keeps the byte budgets of the tests honest.
Quoted text of 40 characters or more counts as two: a translated sentence or an attribute
value (htmx's JSON configuration) cannot be broken without changing what it says, so it may
run on.

    python tools/long_lines.py [templates]
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

LIMIT = 120
QUOTED = re.compile(r'"[^"]{40,}"|\'[^\']{40,}\'')


def long_lines(root: Path):
    for path in sorted(root.rglob("*.html")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            length = len(QUOTED.sub("''", line))
            if length > LIMIT:
                yield path, number, length


def main(argv: list[str]) -> int:
    found = list(long_lines(Path(argv[0] if argv else "templates")))
    for path, number, length in found:
        print(f"{path}:{number}: {length} characters (limit {LIMIT}): one element per line")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
