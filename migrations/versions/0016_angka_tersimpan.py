"""dashboard figures kept for a short time, shared by every worker (when Redis is not set)

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


def downgrade():
    op.drop_table('angka_tersimpan')
