"""What the penilaian views share."""
from flask_babel import lazy_gettext

CONFLICT = lazy_gettext("Data ini baru saja diubah orang lain. Muat ulang halaman lalu coba "
                        "lagi.")
