"""`flask --app wsgi backup PATH` and `restore PATH`: consistent copies of the database.

SQLite: the backup API copies the whole database in one step under one read transaction, so the
copy is the database as it was at one instant, while the portal keeps serving (WAL lets writers
go on). PostgreSQL: pg_dump and pg_restore do this better than we could; the commands say how.
"""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import click
from flask.cli import with_appcontext
from sqlalchemy import func, inspect, select, table

from portal.extensions import db


def register(app) -> None:
    app.cli.add_command(backup_command)
    app.cli.add_command(restore_command)


def _postgres_help(url, path: str, restoring: bool) -> None:
    shown = url.set(drivername="postgresql").render_as_string(hide_password=True)
    click.echo("Basis data ini PostgreSQL: gunakan alat PostgreSQL sendiri.", err=True)
    if restoring:
        click.echo(f"  createdb <basis-data-baru>   # pulihkan hanya ke basis data KOSONG\n"
                   f"  pg_restore --no-owner --exit-on-error --dbname=<basis-data-baru> {path}",
                   err=True)
    else:
        click.echo(f"  pg_dump --format=custom --no-owner --file={path} '{shown}'\n"
                   f"  (pulihkan dengan: pg_restore --no-owner --exit-on-error "
                   f"--dbname=<basis-data-kosong> {path})", err=True)


def _integrity(conn: sqlite3.Connection) -> str:
    return ", ".join(r[0] for r in conn.execute("PRAGMA integrity_check").fetchall())


@click.command("backup")
@click.argument("path", type=click.Path(dir_okay=False))
@with_appcontext
def backup_command(path: str) -> None:
    """Copy the SQLite database to PATH while the portal runs (one consistent instant)."""
    url = db.engine.url
    if url.get_backend_name() != "sqlite":
        _postgres_help(url, path, restoring=False)
        raise click.exceptions.Exit(2)
    target = Path(path)
    if target.exists():
        raise click.ClickException(f"{path} sudah ada; pilih nama berkas baru.")
    partial = target.with_name(target.name + ".sebagian")
    source = sqlite3.connect(url.database, timeout=30)
    copy = sqlite3.connect(partial)
    try:
        source.backup(copy)  # pages=-1: everything in one step, one snapshot
        check = _integrity(copy)
    finally:
        copy.close()
        source.close()
    if check != "ok":
        partial.unlink(missing_ok=True)
        raise click.ClickException(f"Salinan rusak menurut integrity_check: {check}")
    os.replace(partial, target)
    click.echo(f"Cadangan dibuat: {path} ({target.stat().st_size} byte); integrity_check: ok")


def _rows_in_target() -> dict[str, int]:
    """Tables of the configured database that hold rows (Alembic's own table excepted)."""
    full = {}
    for name in inspect(db.engine).get_table_names():
        if name == "alembic_version":
            continue
        count = db.session.scalar(select(func.count()).select_from(table(name)))
        if count:
            full[name] = count
    db.session.remove()
    return full


@click.command("restore")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@with_appcontext
def restore_command(path: str) -> None:
    """Restore a backup made by `backup` into the configured database, which must be empty."""
    url = db.engine.url
    if url.get_backend_name() != "sqlite":
        _postgres_help(url, path, restoring=True)
        raise click.exceptions.Exit(2)
    try:
        backup = sqlite3.connect(f"file:{Path(path).resolve()}?mode=ro", uri=True)
        check = _integrity(backup)
        tables = {r[0] for r in backup.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    except sqlite3.DatabaseError as exc:
        raise click.ClickException(f"{path} bukan cadangan basis data SQLite ({exc}).") from exc
    if check != "ok" or "pegawai" not in tables:
        backup.close()
        raise click.ClickException(f"{path} bukan cadangan portal yang utuh ({check}).")
    full = _rows_in_target()
    if full:
        backup.close()
        listed = ", ".join(f"{name} ({count} baris)" for name, count in sorted(full.items()))
        raise click.ClickException(
            "Basis data tujuan tidak kosong: " + listed + ". Pemulihan hanya ke basis data "
            "kosong, agar tidak ada data yang tertimpa.")
    db.engine.dispose()
    target = sqlite3.connect(url.database, timeout=30)
    try:
        backup.backup(target)
        check = _integrity(target)
    finally:
        target.close()
        backup.close()
    click.echo(f"Dipulihkan dari {path}; integrity_check: {check}")
    if check != "ok":
        raise click.exceptions.Exit(1)
