"""The two floors the daily entry is compared with in bench/entry_post.py.

- `create_bare_app()`: a bare Flask hello-world (no extensions, no hooks): the framework's
  floor under the same gunicorn (`gunicorn "bench.hello:create_bare_app()"`).
- `create_bench_app()`: the portal with `/_bench/hello` added (every hook of the portal runs:
  session, security headers, compression), served through `common.Server(hello=True)`, so the
  endpoint exists only in that process: the portal itself never has it.
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


def create_bare_app() -> Flask:
    bare = Flask("hello")

    @bare.get("/")
    def hello():
        return "Halo"

    @bare.get("/healthz")  # what common.Server waits for
    def healthz():
        return "ok"

    return bare
