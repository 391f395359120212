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
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column(old, new_column_name=new, existing_type=sa.Integer(),
                                  existing_nullable=False, existing_server_default='1')


def upgrade():
    _rename('versi', 'version')


def downgrade():
    _rename('version', 'versi')
