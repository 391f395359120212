"""Operator commands: `flask --app wsgi seed-demo`, `user create`, `user set-password`."""
from __future__ import annotations

import json

import click
from flask import current_app
from flask.cli import AppGroup, with_appcontext
from sqlalchemy import select

from portal.extensions import db
from portal.models import Pegawai
from portal.rules.golongan import golongan_valid
from portal.rules.nip import nip_error


def register(app) -> None:
    app.cli.add_command(seed_demo_command)
    app.cli.add_command(seed_synthetic_command)
    app.cli.add_command(user)
    from portal import backup

    backup.register(app)
    from portal.jobs import worker_command

    app.cli.add_command(worker_command)
    from portal.presensi.cli import presensi_cli

    app.cli.add_command(presensi_cli)
    from portal.dokumen.cli import dokumen_cli

    app.cli.add_command(dokumen_cli)
    from portal.siasn.cli import siasn_cli

    app.cli.add_command(siasn_cli)


@click.command("seed-demo")
@with_appcontext
@click.option("--password", default=None, help="Kata sandi semua akun demo.")
@click.option("--json", "as_json", is_flag=True, help="Cetak akun demo sebagai JSON.")
@click.option("--if-empty", is_flag=True,
              help="Lewati bila basis data sudah berisi data sungguhan (bukan demo).")
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Hari ini bagi data demo (YYYY-MM-DD); bawaan: jam portal.")
def seed_demo_command(password: str | None, as_json: bool, if_empty: bool, today) -> None:
    """Build the demo province (idempotent), as of `--today` or the portal's clock."""
    from portal.demo import ADMIN_NIP, DEFAULT_PASSWORD, accounts, seed_demo

    password = password or DEFAULT_PASSWORD
    if if_empty and db.session.scalar(select(Pegawai.id).limit(1)) is not None \
            and db.session.scalar(select(Pegawai.id).where(Pegawai.nip == ADMIN_NIP)) is None:
        click.echo("Basis data sudah berisi data; provinsi demo tidak dibuat.")
        return
    people = seed_demo(password, today=today.date() if today else None)
    from portal.db_setup import refresh_statistics

    refresh_statistics(db.engine)
    rows = accounts(people, password)
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    click.echo(f"Provinsi demo siap. Kata sandi semua akun demo: {password}")
    for row in rows:
        click.echo(f"  {row['role']:<8} {row['nip']}  {row['nama']}")


@click.command("seed-synthetic")
@with_appcontext
@click.option("--employees", type=click.IntRange(min=20), default=2000, show_default=True,
              help="Jumlah pegawai provinsi sintetis.")
@click.option("--password", default=None, help="Kata sandi semua akun (bawaan: kata sandi demo).")
def seed_synthetic_command(employees: int, password: str | None) -> None:
    """Build a synthetic province of N employees on an empty database (for benchmarks)."""
    from portal.demo import DEFAULT_PASSWORD
    from portal.seeding.synthetic import seed_synthetic

    try:
        counts = seed_synthetic(employees, password or DEFAULT_PASSWORD, log=click.echo)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    rows = ", ".join(f"{t} {n}" for t, n in counts.items() if t != "detik")
    click.echo(f"Provinsi sintetis siap dalam {counts['detik']} detik: {rows}")


user = AppGroup("user", help="Accounts for operators.")


def _validated_password(password: str) -> str:
    minimum = current_app.config["PASSWORD_MIN_LENGTH"]
    if len(password) < minimum:
        raise click.BadParameter(f"Kata sandi minimal {minimum} karakter.")
    return password


@user.command("create")
@click.option("--nip", required=True)
@click.option("--nama", required=True)
@click.option("--status", type=click.Choice(["PNS", "PPPK"]), default="PNS")
@click.option("--golongan", default=None)
@click.option("--admin", is_flag=True, help="Beri hak operator BKPSDM.")
@click.password_option("--password")
def create_user(nip, nama, status, golongan, admin, password) -> None:
    """Create an account (it must be placed in a seat by an admin to have a home)."""
    if err := nip_error(nip):
        raise click.BadParameter(err, param_hint="--nip")
    if golongan and not golongan_valid(status, golongan):
        raise click.BadParameter("Golongan tidak dikenal.", param_hint="--golongan")
    if db.session.scalar(select(Pegawai).where(Pegawai.nip == nip)):
        raise click.BadParameter("NIP sudah terdaftar.", param_hint="--nip")
    pegawai = Pegawai(nip=nip, nama=nama, status=status, golongan=golongan, is_admin=admin)
    pegawai.set_password(_validated_password(password))
    db.session.add(pegawai)
    db.session.commit()
    click.echo(f"Akun {nip} dibuat.")


@user.command("set-password")
@click.option("--nip", required=True)
@click.password_option("--password")
@click.option("--temporary", is_flag=True, help="Wajib diganti saat masuk berikutnya.")
def set_password(nip, password, temporary) -> None:
    """Set a person's password (and end their sessions)."""
    pegawai = db.session.scalar(select(Pegawai).where(Pegawai.nip == nip))
    if pegawai is None:
        raise click.BadParameter("NIP tidak ditemukan.", param_hint="--nip")
    pegawai.set_password(_validated_password(password), wajib_ganti=temporary)
    db.session.commit()
    click.echo(f"Kata sandi {nip} diganti.")
