"""indexes for the province-wide pages (dashboard week figures)

Revision ID: 0015
Revises: 0008
Create Date: 2026-11-27 04:20:00

"""
from alembic import op

revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('progres_harian', schema=None) as batch_op:
        batch_op.create_index('ix_progres_tanggal_pegawai', ['tanggal', 'pegawai_id'],
                              unique=False)
    with op.batch_alter_table('mode_kerja', schema=None) as batch_op:
        batch_op.create_index('ix_mode_kerja_tanggal_pegawai', ['tanggal', 'pegawai_id'],
                              unique=False)


def downgrade():
    with op.batch_alter_table('mode_kerja', schema=None) as batch_op:
        batch_op.drop_index('ix_mode_kerja_tanggal_pegawai')
    with op.batch_alter_table('progres_harian', schema=None) as batch_op:
        batch_op.drop_index('ix_progres_tanggal_pegawai')
