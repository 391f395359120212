"""SIASN's reference codes cached in the database (shared by every worker and host) —
referensi_siasn

Revision ID: 0024
Revises: 0023
Create Date: 2026-11-30 15:35:00

"""
from alembic import op
import sqlalchemy as sa


revision = '0024'
down_revision = '0023'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('referensi_siasn',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('alamat', sa.String(length=300), nullable=False),
    sa.Column('daftar', sa.String(length=20), nullable=False),
    sa.Column('nama', sa.String(length=200), nullable=False),
    sa.Column('kode', sa.String(length=50), nullable=False),
    sa.Column('diambil_pada', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_referensi_siasn')),
    sa.UniqueConstraint('alamat', 'daftar', 'nama', name='uq_referensi_siasn_alamat_daftar_nama')
    )


def downgrade():
    op.drop_table('referensi_siasn')
