"""rencana aksi per month under each RHK; daily entries name one and carry the supervisor's
verification; the instansi's settings of the daily log

Revision ID: 0020
Revises: 0022
Create Date: 2026-11-30 11:00:00

"""
from alembic import op
import sqlalchemy as sa


revision = '0020'
down_revision = '0022'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'rencana_aksi',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('pegawai_id', sa.Integer(), nullable=False),
        sa.Column('rhk_id', sa.Integer(), nullable=False),
        sa.Column('tahun', sa.Integer(), nullable=False),
        sa.Column('bulan', sa.Integer(), nullable=False),
        sa.Column('teks', sa.String(length=300), nullable=False),
        sa.Column('target', sa.Numeric(precision=14, scale=2), nullable=True),
        sa.Column('satuan', sa.String(length=40), nullable=True),
        sa.Column('target_teks', sa.String(length=200), nullable=True),
        sa.Column('urutan', sa.Integer(), nullable=False),
        sa.Column('kunci', sa.String(length=64), nullable=True),
        sa.Column('dibuat_pada', sa.DateTime(), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['pegawai_id'], ['pegawai.id'],
                                name=op.f('fk_rencana_aksi_pegawai_id_pegawai')),
        sa.ForeignKeyConstraint(['rhk_id'], ['rhk.id'], name=op.f('fk_rencana_aksi_rhk_id_rhk')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_rencana_aksi')),
        sa.UniqueConstraint('pegawai_id', 'kunci', name='uq_rencana_aksi_kunci'))
    with op.batch_alter_table('rencana_aksi', schema=None) as batch_op:
        batch_op.create_index('ix_rencana_aksi_pegawai_bulan', ['pegawai_id', 'tahun', 'bulan'],
                              unique=False)
        batch_op.create_index(batch_op.f('ix_rencana_aksi_rhk_id'), ['rhk_id'], unique=False)
    op.create_table(
        'pengaturan_harian',
        sa.Column('instansi_id', sa.Integer(), nullable=False),
        sa.Column('verifikasi_aktif', sa.Boolean(), nullable=False),
        sa.Column('batas_telat_entri', sa.Integer(), nullable=False),
        sa.Column('batas_verifikasi', sa.Integer(), nullable=False),
        sa.Column('jam_pengingat', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['instansi_id'], ['instansi.id'],
                                name=op.f('fk_pengaturan_harian_instansi_id_instansi')),
        sa.PrimaryKeyConstraint('instansi_id', name=op.f('pk_pengaturan_harian')))
    with op.batch_alter_table('progres_harian', schema=None) as batch_op:
        batch_op.add_column(sa.Column('rencana_aksi_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('verifikasi', sa.String(length=12), nullable=True))
        batch_op.add_column(sa.Column('catatan_verifikasi', sa.String(length=500), nullable=True))
        batch_op.add_column(sa.Column('diverifikasi_oleh_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('diverifikasi_pada', sa.DateTime(), nullable=True))
        batch_op.create_index(batch_op.f('ix_progres_harian_rencana_aksi_id'),
                              ['rencana_aksi_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_progres_harian_rencana_aksi_id_rencana_aksi'),
                                    'rencana_aksi', ['rencana_aksi_id'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_progres_harian_diverifikasi_oleh_id_pegawai'),
                                    'pegawai', ['diverifikasi_oleh_id'], ['id'])


def downgrade():
    with op.batch_alter_table('progres_harian', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_progres_harian_diverifikasi_oleh_id_pegawai'),
                                 type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_progres_harian_rencana_aksi_id_rencana_aksi'),
                                 type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_progres_harian_rencana_aksi_id'))
        batch_op.drop_column('diverifikasi_pada')
        batch_op.drop_column('diverifikasi_oleh_id')
        batch_op.drop_column('catatan_verifikasi')
        batch_op.drop_column('verifikasi')
        batch_op.drop_column('rencana_aksi_id')
    op.drop_table('pengaturan_harian')
    with op.batch_alter_table('rencana_aksi', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_rencana_aksi_rhk_id'))
        batch_op.drop_index('ix_rencana_aksi_pegawai_bulan')
    op.drop_table('rencana_aksi')
