"""`/_bench/hello`: the floor a full request is compared with in bench/entry_post.py.

The bench harness serves the portal through this module (`gunicorn
"bench.hello:create_bench_app()"`, see `common.Server(hello=True)`), so the endpoint exists only
in that process: the portal itself never has it.
"""
from flask import Flask

from portal import access, create_app


def register(app: Flask) -> None:
    @access.public
    def hello():
        return "Halo", 200, {"Content-Type": "text/plain; charset=utf-8"}

    app.add_url_rule("/_bench/hello", "bench_hello", hello)


def create_bench_app() -> Flask:
    app = create_app()
    register(app)
    return app
