"""Turn bench/out/bytes.json (written by the browser tests) into the README's Markdown table.

    python -m pytest tests/e2e/test_budgets.py && python bench/bytes_table.py
"""
import json
import sys
from pathlib import Path

SOURCE = Path(__file__).resolve().parent / "out" / "bytes.json"


def kb(n) -> str:
    return f"{n / 1024:.1f} KB" if isinstance(n, int) else "–"


def table(rows: dict) -> str:
    lines = ["| page | first visit (empty cache) | requests | repeat visit |",
             "|---|---:|---:|---:|"]
    for name, row in rows.items():
        lines.append(f"| {name} (`{row['path']}`) | {kb(row['first_bytes'])} | "
                     f"{row.get('first_requests', '–')} | {kb(row.get('repeat_bytes'))} |")
    files = next((row["files"] for row in rows.values() if "files" in row), None)
    if files:
        lines += ["", "| file (first visit) | on the wire |", "|---|---:|"]
        lines += [f"| `{path}` | {kb(size)} |" for path, size in files.items()]
    return "\n".join(lines)


if __name__ == "__main__":
    if not SOURCE.exists():
        sys.exit(f"{SOURCE} belum ada: jalankan dulu pytest tests/e2e/test_budgets.py")
    print(table(json.loads(SOURCE.read_text())))
