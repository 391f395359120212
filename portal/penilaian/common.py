"""What the penilaian views share."""
from flask_babel import gettext as _

from portal.locking import STALE


def conflict() -> str:
    """The one stale-data message (`portal.locking.STALE`) and what to do about it."""
    return _(STALE) + " " + _("Muat ulang halaman untuk melihat nilai terkini.")
