"""Disiplin kerja (presensi): check-in and check-out, machine files, corrections and izin, the
month views and the rekap per OPD. Views in `routes_<topic>.py`, logic in the service modules
named by their noun (`rekap`, `catat`, `mesin`, `pengajuan`, `angka`)."""
