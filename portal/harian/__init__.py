"""Progres harian: the daily log (quick entries, proof files, work mode), realisasi per RHK,
the supervisor's umpan balik and the team pages."""
