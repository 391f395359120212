"""Portal Kinerja ASN: the application factory."""
from __future__ import annotations

import os
from importlib import import_module
from pathlib import Path

from dotenv import load_dotenv
from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from portal import clock
from portal import config as config_module

ROOT = Path(__file__).resolve().parent.parent


def create_app(test_config: dict | None = None) -> Flask:
    load_dotenv(ROOT / ".env")
    app = Flask(
        __name__,
        instance_path=os.environ.get("INSTANCE_PATH", str(ROOT / "instance")),
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    app.config.from_mapping(config_module.load(app.instance_path))
    if test_config:
        app.config.update(test_config)
    clock.configure(app.config["BABEL_DEFAULT_TIMEZONE"])
    clock.freeze_from_environment(app.config["PRODUCTION"])
    if app.config["PROXY_FIX_HOPS"]:
        hops = app.config["PROXY_FIX_HOPS"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)

    _init_extensions(app)
    _register_blueprints(app)

    from portal import errors, web

    errors.register(app)
    web.register(app)

    from portal.cli import register as register_cli

    register_cli(app)

    from portal.access import check_rules

    check_rules(app)
    return app


def _init_extensions(app: Flask) -> None:
    from portal import models  # noqa: F401  (every table known to SQLAlchemy and Alembic)
    from portal.db_setup import configure_engine
    from portal.extensions import babel, compress, csrf, db, htmx, login_manager, migrate
    from portal.i18n import select_locale

    db.init_app(app)
    with app.app_context():
        configure_engine(db.engine)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"), render_as_batch=True)
    csrf.init_app(app)
    htmx.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    compress.init_app(app)
    login_manager.init_app(app)

    from portal.auth.loader import configure_login

    configure_login(login_manager)


# One line per area: (blueprint package, whose `__init__` holds `bp`, URL prefix).
BLUEPRINTS = (
    ("portal.auth", None),
    ("portal.home", None),
    ("portal.admin", "/admin"),
    ("portal.organisasi", None),
    ("portal.harian", None),
    ("portal.impor", "/admin/impor"),
    ("portal.jejak", None),
    ("portal.skp", None),
    ("portal.penilaian", "/penilaian"),
    ("portal.rapor", None),
    ("portal.presensi", None),
    ("portal.publik", None),
    ("portal.rencana", None),
    ("portal.tpp", "/tpp"),
    ("portal.plt", None),
    ("portal.dokumen", None),
    ("portal.api", None),  # url_prefix /api/v1 is the blueprint's own
    ("portal.tokenapi", None),
    ("portal.siasn", None),
    ("portal.duafaktor", None),
)


def _register_blueprints(app: Flask) -> None:
    from portal.web import IdConverter

    app.url_map.converters["int"] = IdConverter  # before any route is added
    for module, prefix in BLUEPRINTS:
        app.register_blueprint(import_module(module).bp, url_prefix=prefix)
