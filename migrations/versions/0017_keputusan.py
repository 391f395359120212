"""separation of duties: a Plt/Plh of a seat with reports waits for a second person's
confirmation (who proposed it, who confirmed it, when); the admin who recorded the kepala
daerah's rating; a period's year closed as a column (the one place `is_closed` reads), filled
from the period log

Revision ID: 0017
Revises: 0021
Create Date: 2026-11-30 11:10:00

"""
from alembic import op
import sqlalchemy as sa


revision = '0017'
down_revision = '0021'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('plt_jabatan', schema=None) as batch_op:
        batch_op.add_column(sa.Column('status', sa.String(length=10), server_default='berlaku',
                                      nullable=False))
        batch_op.add_column(sa.Column('diusulkan_oleh_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('dikonfirmasi_oleh_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('dikonfirmasi_pada', sa.DateTime(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_plt_jabatan_diusulkan_oleh_id_pegawai'),
                                    'pegawai', ['diusulkan_oleh_id'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_plt_jabatan_dikonfirmasi_oleh_id_pegawai'),
                                    'pegawai', ['dikonfirmasi_oleh_id'], ['id'])
    with op.batch_alter_table('periode', schema=None) as batch_op:
        batch_op.add_column(sa.Column('ditutup', sa.Boolean(), server_default=sa.false(),
                                      nullable=False))
    # A year is closed when its last year-level entry in the period log says so.
    op.execute("UPDATE periode SET ditutup = TRUE WHERE (SELECT aksi FROM periode_log "
               "WHERE periode_log.periode_id = periode.id AND sub_periode_id IS NULL "
               "ORDER BY periode_log.id DESC LIMIT 1) = 'tutup'")
    with op.batch_alter_table('penilaian', schema=None) as batch_op:
        batch_op.add_column(sa.Column('dicatat_oleh_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_penilaian_dicatat_oleh_id_pegawai'),
                                    'pegawai', ['dicatat_oleh_id'], ['id'])


def downgrade():
    with op.batch_alter_table('penilaian', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_penilaian_dicatat_oleh_id_pegawai'),
                                 type_='foreignkey')
        batch_op.drop_column('dicatat_oleh_id')
    with op.batch_alter_table('periode', schema=None) as batch_op:
        batch_op.drop_column('ditutup')
    with op.batch_alter_table('plt_jabatan', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_plt_jabatan_dikonfirmasi_oleh_id_pegawai'),
                                 type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_plt_jabatan_diusulkan_oleh_id_pegawai'),
                                 type_='foreignkey')
        batch_op.drop_column('dikonfirmasi_pada')
        batch_op.drop_column('dikonfirmasi_oleh_id')
        batch_op.drop_column('diusulkan_oleh_id')
        batch_op.drop_column('status')
