"""The schema comes from migrations: applying them yields exactly the models' tables."""
import os

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import upgrade
from sqlalchemy import create_engine, text

from portal import create_app
from portal.extensions import db


@pytest.fixture
def migrated_url(tmp_path):
    if os.environ.get("TEST_DB") == "postgres":
        base = os.environ["TEST_DATABASE_URL"]
        name = base.rsplit("/", 1)[1] + "_migrasi"  # beside the test database, never shared
        engine = create_engine(base, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            conn.execute(text(f"CREATE DATABASE {name}"))
        engine.dispose()
        yield base.rsplit("/", 1)[0] + "/" + name
        engine = create_engine(base, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        engine.dispose()
    else:
        yield f"sqlite:///{tmp_path / 'migrasi.db'}"


def test_migrations_build_the_models_schema(migrated_url):
    app = create_app({"TESTING": True, "SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": migrated_url})
    with app.app_context():
        upgrade()
        with db.engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), db.metadata)
        db.session.remove()
        db.engine.dispose()
    assert diff == [], "model dan migrasi berbeda: buat revisi baru dengan flask db migrate"


def test_seed_demo_runs_on_migrated_database(migrated_url):
    app = create_app({"TESTING": True, "SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": migrated_url,
                      "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000"})
    with app.app_context():
        upgrade()
        result = app.test_cli_runner().invoke(args=["seed-demo", "--if-empty"])
        db.session.remove()
        db.engine.dispose()
    assert result.exit_code == 0, result.output
    assert "Provinsi demo siap" in result.output
