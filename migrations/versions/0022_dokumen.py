"""the register of issued documents (numbers, codes, hashes, status), their kept bytes, the
number counters, the public verifier's rate-limit rows and the admin's number pattern

Revision ID: 0022
Revises: 0019
Create Date: 2026-11-30 10:56:25.705977

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0022'
down_revision = '0019'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('berkas',
    sa.Column('kunci', sa.String(length=200), nullable=False),
    sa.Column('isi', sa.LargeBinary(), nullable=False),
    sa.Column('ukuran', sa.Integer(), nullable=False),
    sa.Column('disimpan_pada', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('kunci', name=op.f('pk_berkas'))
    )
    op.create_table('nomor_urut',
    sa.Column('awalan', sa.String(length=120), nullable=False),
    sa.Column('terakhir', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('awalan', name=op.f('pk_nomor_urut'))
    )
    op.create_table('verifikasi_akses',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('alamat', sa.String(length=64), nullable=False),
    sa.Column('waktu', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_verifikasi_akses'))
    )
    with op.batch_alter_table('verifikasi_akses', schema=None) as batch_op:
        batch_op.create_index('ix_verifikasi_akses_alamat_waktu', ['alamat', 'waktu'], unique=False)

    op.create_table('dokumen',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('nomor', sa.String(length=80), nullable=False),
    sa.Column('kode', sa.String(length=24), nullable=False),
    sa.Column('jenis', sa.String(length=16), nullable=False),
    sa.Column('seri', sa.String(length=120), nullable=False),
    sa.Column('sumber', sa.String(length=200), nullable=False),
    sa.Column('pegawai_id', sa.Integer(), nullable=True),
    sa.Column('subjek_nama', sa.String(length=250), nullable=False),
    sa.Column('subjek_nip', sa.String(length=18), nullable=True),
    sa.Column('periode', sa.String(length=80), nullable=True),
    sa.Column('penerbit', sa.String(length=250), nullable=False),
    sa.Column('penandatangan', sa.String(length=300), nullable=False),
    sa.Column('diterbitkan_pada', sa.DateTime(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('ukuran', sa.Integer(), nullable=False),
    sa.Column('kunci_berkas', sa.String(length=200), nullable=False),
    sa.Column('nama_berkas', sa.String(length=200), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('diganti_oleh_id', sa.Integer(), nullable=True),
    sa.Column('status_pada', sa.DateTime(), nullable=True),
    sa.Column('alasan_status', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['diganti_oleh_id'], ['dokumen.id'], name=op.f('fk_dokumen_diganti_oleh_id_dokumen')),
    sa.ForeignKeyConstraint(['pegawai_id'], ['pegawai.id'], name=op.f('fk_dokumen_pegawai_id_pegawai')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dokumen')),
    sa.UniqueConstraint('kode', name=op.f('uq_dokumen_kode')),
    sa.UniqueConstraint('nomor', name=op.f('uq_dokumen_nomor'))
    )
    with op.batch_alter_table('dokumen', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_dokumen_pegawai_id'), ['pegawai_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_dokumen_seri'), ['seri'], unique=False)
        batch_op.create_index(batch_op.f('ix_dokumen_sha256'), ['sha256'], unique=False)
        batch_op.create_index('uq_dokumen_seri_berlaku', ['seri'], unique=True, sqlite_where=sa.text("status = 'berlaku'"), postgresql_where=sa.text("status = 'berlaku'"))

    with op.batch_alter_table('instansi', schema=None) as batch_op:
        batch_op.add_column(sa.Column('pola_nomor_dokumen', sa.String(length=60), server_default='800/KIN/{tahun}/{nomor:6}', nullable=False))



def downgrade():
    with op.batch_alter_table('instansi', schema=None) as batch_op:
        batch_op.drop_column('pola_nomor_dokumen')

    with op.batch_alter_table('dokumen', schema=None) as batch_op:
        batch_op.drop_index('uq_dokumen_seri_berlaku', sqlite_where=sa.text("status = 'berlaku'"), postgresql_where=sa.text("status = 'berlaku'"))
        batch_op.drop_index(batch_op.f('ix_dokumen_sha256'))
        batch_op.drop_index(batch_op.f('ix_dokumen_seri'))
        batch_op.drop_index(batch_op.f('ix_dokumen_pegawai_id'))

    op.drop_table('dokumen')
    with op.batch_alter_table('verifikasi_akses', schema=None) as batch_op:
        batch_op.drop_index('ix_verifikasi_akses_alamat_waktu')

    op.drop_table('verifikasi_akses')
    op.drop_table('nomor_urut')
    op.drop_table('berkas')
