"""The rapor: PDF documents (rapor, Dokumen SKP, riwayat kinerja), prestasi and batch ZIPs."""
