"""dashboard figures kept for a short time, shared by every worker (when Redis is not set);
people by name (talent search and long lists page through a sorted province)

Revision ID: 0016
Revises: 0015
Create Date: 2026-11-27 05:10:00

"""
from alembic import op
import sqlalchemy as sa


revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'angka_tersimpan',
        sa.Column('kunci', sa.String(length=120), nullable=False),
        sa.Column('isi', sa.Text(), nullable=False),
        sa.Column('dihitung_pada', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('kunci', name=op.f('pk_angka_tersimpan')))
    with op.batch_alter_table('pegawai', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pegawai_nama'), ['nama'], unique=False)


def downgrade():
    with op.batch_alter_table('pegawai', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pegawai_nama'))
    op.drop_table('angka_tersimpan')
