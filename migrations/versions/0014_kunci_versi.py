"""idempotency keys for create forms; edit versions for people, seats and units

Revision ID: 0014
Revises: 0008
Create Date: 2026-11-27 04:20:00

"""
from alembic import op
import sqlalchemy as sa


revision = '0014'
down_revision = '0008'
branch_labels = None
depends_on = None

KUNCI = (("umpan_balik", "penulis_id"), ("prestasi", "pegawai_id"),
         ("daftar_pendek", "pemilik_id"), ("plt_jabatan", "jabatan_id"),
         ("ketidakhadiran", "pegawai_id"), ("unit_kerja", "instansi_id"),
         ("jabatan", "unit_id"))
VERSI = ("pegawai", "jabatan", "unit_kerja")


def upgrade():
    for table, owner in KUNCI:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('kunci', sa.String(length=64), nullable=True))
            batch_op.create_unique_constraint(f'uq_{table}_kunci', [owner, 'kunci'])
    with op.batch_alter_table('keberatan', schema=None) as batch_op:
        batch_op.add_column(sa.Column('kunci', sa.String(length=64), nullable=True))
    for table in VERSI:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('versi', sa.Integer(), nullable=False,
                                          server_default='1'))


def downgrade():
    for table in VERSI:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('versi')
    with op.batch_alter_table('keberatan', schema=None) as batch_op:
        batch_op.drop_column('kunci')
    for table, _owner in KUNCI:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(f'uq_{table}_kunci', type_='unique')
            batch_op.drop_column('kunci')
