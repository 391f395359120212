"""Who supervises a seat: the holder of the parent seat, its Plt/Plh when one is appointed,
otherwise the next filled seat further up.

The database query gathers the seat's ancestors once; this function only decides.
"""
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class SeatState:
    """One ancestor seat, nearest first: who holds it and who acts for it (Plt/Plh) today."""

    jabatan_id: int
    holder_id: int | None
    plt_id: int | None


def acting_person(seat: SeatState) -> int | None:
    """An appointed Plt/Plh acts for the seat (vacant or absent holder); else the holder."""
    return seat.plt_id if seat.plt_id is not None else seat.holder_id


def resolve_atasan(ancestors: Iterable[SeatState], exclude: int | None = None) -> int | None:
    """The pegawai id acting as supervisor, walking up from the parent seat.

    `exclude` is the person being supervised: someone acting for their own parent seat
    (a Plt of their supervisor's seat) is skipped, since no one rates themselves.
    """
    for seat in ancestors:
        person = acting_person(seat)
        if person is not None and person != exclude:
            return person
    return None


def resolve_chain(ancestors: Sequence[SeatState], exclude: int | None = None) -> list[int]:
    """Supervisor, then the supervisor's supervisor, and so on, each person once."""
    chain: list[int] = []
    for seat in ancestors:
        person = acting_person(seat)
        if person is not None and person != exclude and person not in chain:
            chain.append(person)
    return chain
