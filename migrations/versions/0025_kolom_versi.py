"""one name for the optimistic-locking column: `versi` of people, seats and units becomes
`version`, like the mapper-versioned tables (penilaian, keberatan, skp, rhk, …)

Revision ID: 0025
Revises: 0024
Create Date: 2026-11-30 18:40:00

"""
from alembic import op
import sqlalchemy as sa


revision = '0025'
down_revision = '0024'
branch_labels = None
depends_on = None

TABLES = ("pegawai", "jabatan", "unit_kerja")


def _rename(old, new):
    # A plain RENAME COLUMN (PostgreSQL; SQLite since 3.25) touches only the catalogue. Alembic's
    # batch mode would copy each table and drop the old one, and on SQLite dropping `pegawai`
    # checks (or cascades to) every row that points at it: minutes on a province's daily log.
    for table in TABLES:
        op.execute(sa.text(f'ALTER TABLE {table} RENAME COLUMN {old} TO {new}'))


def upgrade():
    _rename('versi', 'version')


def downgrade():
    _rename('version', 'versi')
