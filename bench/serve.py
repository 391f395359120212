"""Serve the demo province for benchmarks (Lighthouse) and print one session cookie per role.

    .venv/bin/python bench/serve.py            # prints {"url": …, "cookies": {role: "session=…"}}

The server is the browser tests' live server (its own SQLite file, CSRF on); it runs until
stopped (Ctrl-C or SIGTERM).
"""
import json
import re
import signal
import sys
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.e2e import harness  # noqa: E402


def session_cookie(live: harness.LiveServer, role: str) -> str:
    """Log in through the form as a browser would; then view as `role`."""
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    html = opener.open(live.url + "/masuk").read().decode()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html)
    token = token or re.search(r'name="csrf-token" content="([^"]+)"', html)
    form = {"csrf_token": token.group(1), "nip": live.nip(role), "password": harness.PASSWORD}
    page = opener.open(live.url + "/masuk", data=urlencode(form).encode()).read().decode()
    if role in ("admin",):  # people with several roles: choose the view
        token = re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)
        opener.open(live.url + "/peran", data=urlencode({"csrf_token": token,
                                                         "peran": role}).encode()).read()
    return "; ".join(f"{c.name}={c.value}" for c in jar)


def main() -> None:
    live = harness.LiveServer()
    cookies = {role: session_cookie(live, role) for role in harness.HOMES}
    print(json.dumps({"url": live.url, "homes": harness.HOMES, "cookies": cookies}), flush=True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        signal.pause()
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        live.stop()


if __name__ == "__main__":
    main()
