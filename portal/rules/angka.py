"""Numbers as people in Indonesia type them, and how large an output or a realization can
plausibly be next to its IKI target.

"1.234,5" is one thousand two hundred thirty-four and a half; "2,5" and "2.5" both two and a
half; "12.000" twelve thousand (a dot followed by exactly three digits groups thousands).
"""
import re
from decimal import Decimal, InvalidOperation

MAKS = Decimal("1e12")
_RIBUAN = re.compile(r"^\d{1,3}(\.\d{3})+$")
# A realization may pass its target (a good year), but not by more than this factor; one day's
# output may not pass the target of the whole period. Beyond, it is a slip of the finger.
KALI_REALISASI = Decimal(3)


def baca(text: str | None) -> Decimal | None:
    """A non-negative number typed by a person; None when empty; ValueError when not a number."""
    text = re.sub(r"\s+", "", text or "")
    if not text:
        return None
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    elif _RIBUAN.match(text):
        text = text.replace(".", "")
    try:
        value = Decimal(text)
    except InvalidOperation as exc:
        raise ValueError(text) from exc
    if not value.is_finite() or value < 0 or value >= MAKS:
        raise ValueError(text)
    return value.quantize(Decimal("0.01"))


def batas_output(target: Decimal | None) -> Decimal | None:
    """The largest plausible output of one daily entry: the IKI's whole target (at least 1)."""
    return None if target is None else max(Decimal(target), Decimal(1))


def batas_realisasi(target: Decimal | None) -> Decimal | None:
    """The largest plausible realization of an IKI: three times its target (at least 3)."""
    return None if target is None else max(Decimal(target) * KALI_REALISASI, KALI_REALISASI)
