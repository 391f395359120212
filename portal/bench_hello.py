"""`/_bench/hello`: the floor a full request is compared with in bench/entry_post.py.

Registered only when BENCH_HELLO is set (PORTAL_BENCH_HELLO=1, never with FLASK_ENV=production);
the portal itself never has it.
"""
from flask import Flask

from portal import access


def register(app: Flask) -> None:
    @access.public
    def hello():
        return "Halo", 200, {"Content-Type": "text/plain; charset=utf-8"}

    app.add_url_rule("/_bench/hello", "bench_hello", hello)
