"""TPP: rules versions by start date, kelas jabatan per seat, per-person facts, monthly runs and every person's line items

Revision ID: 0021
Revises: 0020
Create Date: 2026-11-30 11:04:39.572468

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0021'
down_revision = '0020'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('tpp_aturan',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('nama', sa.String(length=200), nullable=False),
    sa.Column('mulai', sa.Date(), nullable=False),
    sa.Column('selesai', sa.Date(), nullable=True),
    sa.Column('isi', sa.Text(), nullable=False),
    sa.Column('penyetuju_id', sa.Integer(), nullable=True),
    sa.Column('dibuat_oleh_id', sa.Integer(), nullable=True),
    sa.Column('dibuat_pada', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['dibuat_oleh_id'], ['pegawai.id'], name=op.f('fk_tpp_aturan_dibuat_oleh_id_pegawai')),
    sa.ForeignKeyConstraint(['penyetuju_id'], ['pegawai.id'], name=op.f('fk_tpp_aturan_penyetuju_id_pegawai')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tpp_aturan')),
    sa.UniqueConstraint('mulai', name=op.f('uq_tpp_aturan_mulai'))
    )
    op.create_table('tpp_catatan',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('pegawai_id', sa.Integer(), nullable=False),
    sa.Column('jenis', sa.String(length=16), nullable=False),
    sa.Column('tingkat', sa.String(length=10), nullable=True),
    sa.Column('nomor', sa.String(length=100), nullable=True),
    sa.Column('mulai', sa.Date(), nullable=False),
    sa.Column('selesai', sa.Date(), nullable=True),
    sa.Column('bulan', sa.Integer(), nullable=True),
    sa.Column('keterangan', sa.String(length=200), nullable=True),
    sa.ForeignKeyConstraint(['pegawai_id'], ['pegawai.id'], name=op.f('fk_tpp_catatan_pegawai_id_pegawai')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tpp_catatan'))
    )
    with op.batch_alter_table('tpp_catatan', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_tpp_catatan_pegawai_id'), ['pegawai_id'], unique=False)

    op.create_table('tpp_run',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('bulan', sa.Date(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=True),
    sa.Column('aturan_id', sa.Integer(), nullable=False),
    sa.Column('jenis', sa.String(length=8), nullable=False),
    sa.Column('induk_id', sa.Integer(), nullable=True),
    sa.Column('alasan', sa.Text(), nullable=True),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('job_id', sa.Integer(), nullable=True),
    sa.Column('dibuat_oleh_id', sa.Integer(), nullable=False),
    sa.Column('dibuat_pada', sa.DateTime(), nullable=False),
    sa.Column('disetujui_oleh_id', sa.Integer(), nullable=True),
    sa.Column('disetujui_pada', sa.DateTime(), nullable=True),
    sa.Column('sendiri_oleh_id', sa.Integer(), nullable=True),
    sa.Column('jumlah_pegawai', sa.Integer(), nullable=False),
    sa.Column('total_bruto', sa.BigInteger(), nullable=False),
    sa.Column('total_netto', sa.BigInteger(), nullable=False),
    sa.Column('anomali', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['aturan_id'], ['tpp_aturan.id'], name=op.f('fk_tpp_run_aturan_id_tpp_aturan')),
    sa.ForeignKeyConstraint(['dibuat_oleh_id'], ['pegawai.id'], name=op.f('fk_tpp_run_dibuat_oleh_id_pegawai')),
    sa.ForeignKeyConstraint(['disetujui_oleh_id'], ['pegawai.id'], name=op.f('fk_tpp_run_disetujui_oleh_id_pegawai')),
    sa.ForeignKeyConstraint(['induk_id'], ['tpp_run.id'], name=op.f('fk_tpp_run_induk_id_tpp_run')),
    sa.ForeignKeyConstraint(['job_id'], ['job.id'], name=op.f('fk_tpp_run_job_id_job')),
    sa.ForeignKeyConstraint(['sendiri_oleh_id'], ['pegawai.id'], name=op.f('fk_tpp_run_sendiri_oleh_id_pegawai')),
    sa.ForeignKeyConstraint(['unit_id'], ['unit_kerja.id'], name=op.f('fk_tpp_run_unit_id_unit_kerja')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tpp_run'))
    )
    with op.batch_alter_table('tpp_run', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_tpp_run_bulan'), ['bulan'], unique=False)
        batch_op.create_index(batch_op.f('ix_tpp_run_status'), ['status'], unique=False)

    op.create_table('tpp_hasil',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('run_id', sa.Integer(), nullable=False),
    sa.Column('pegawai_id', sa.Integer(), nullable=False),
    sa.Column('opd_id', sa.Integer(), nullable=True),
    sa.Column('nip', sa.String(length=18), nullable=False),
    sa.Column('nama', sa.String(length=300), nullable=False),
    sa.Column('golongan', sa.String(length=20), nullable=True),
    sa.Column('jabatan', sa.String(length=200), nullable=True),
    sa.Column('kelas', sa.Integer(), nullable=True),
    sa.Column('pagu', sa.Integer(), nullable=False),
    sa.Column('skor_kinerja', sa.Numeric(precision=5, scale=2), nullable=False),
    sa.Column('skor_disiplin', sa.Numeric(precision=5, scale=2), nullable=False),
    sa.Column('kinerja', sa.Integer(), nullable=False),
    sa.Column('disiplin', sa.Integer(), nullable=False),
    sa.Column('potongan', sa.Integer(), nullable=False),
    sa.Column('bruto', sa.Integer(), nullable=False),
    sa.Column('bpjs', sa.Integer(), nullable=False),
    sa.Column('pph21', sa.Integer(), nullable=False),
    sa.Column('netto', sa.Integer(), nullable=False),
    sa.Column('selisih', sa.Integer(), nullable=True),
    sa.Column('catatan', sa.String(length=120), nullable=False),
    sa.Column('baris', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['opd_id'], ['unit_kerja.id'], name=op.f('fk_tpp_hasil_opd_id_unit_kerja')),
    sa.ForeignKeyConstraint(['pegawai_id'], ['pegawai.id'], name=op.f('fk_tpp_hasil_pegawai_id_pegawai')),
    sa.ForeignKeyConstraint(['run_id'], ['tpp_run.id'], name=op.f('fk_tpp_hasil_run_id_tpp_run')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tpp_hasil')),
    sa.UniqueConstraint('run_id', 'pegawai_id', name='uq_tpp_hasil_run_pegawai')
    )
    with op.batch_alter_table('tpp_hasil', schema=None) as batch_op:
        batch_op.create_index('ix_tpp_hasil_pegawai_run', ['pegawai_id', 'run_id'], unique=False)
        batch_op.create_index('ix_tpp_hasil_run_opd', ['run_id', 'opd_id'], unique=False)

    op.create_table('tpp_jabatan',
    sa.Column('jabatan_id', sa.Integer(), nullable=False),
    sa.Column('kelas', sa.Integer(), nullable=True),
    sa.Column('kriteria', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['jabatan_id'], ['jabatan.id'], name=op.f('fk_tpp_jabatan_jabatan_id_jabatan')),
    sa.PrimaryKeyConstraint('jabatan_id', name=op.f('pk_tpp_jabatan'))
    )


def downgrade():
    op.drop_table('tpp_jabatan')
    with op.batch_alter_table('tpp_hasil', schema=None) as batch_op:
        batch_op.drop_index('ix_tpp_hasil_run_opd')
        batch_op.drop_index('ix_tpp_hasil_pegawai_run')

    op.drop_table('tpp_hasil')
    with op.batch_alter_table('tpp_run', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_tpp_run_status'))
        batch_op.drop_index(batch_op.f('ix_tpp_run_bulan'))

    op.drop_table('tpp_run')
    with op.batch_alter_table('tpp_catatan', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_tpp_catatan_pegawai_id'))

    op.drop_table('tpp_catatan')
    op.drop_table('tpp_aturan')
