"""Numbers for the server-drawn SVG bar chart of declared seats against catalogued members."""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from .models import MembershipRole

# After "25 of 133": Russian needs the genitive here ("25 из 133 членов").
ROLE_PLURALS = {
    MembershipRole.MEMBER: pgettext_lazy("seat count", "full members"),
    MembershipRole.CANDIDATE: pgettext_lazy("seat count", "candidate members"),
}
ROLE_LABELS = {
    MembershipRole.MEMBER: gettext_lazy("Full members"),
    MembershipRole.CANDIDATE: gettext_lazy("Candidate members"),
}


def seat_summary(seat) -> str:
    """ "25 of 133 full members catalogued", from a seat annotated by ``with_catalogued()``."""
    return _("%(catalogued)s of %(declared)s %(role)s catalogued") % {
        "catalogued": seat.catalogued,
        "declared": seat.count,
        "role": ROLE_PLURALS.get(seat.role, seat.get_role_display()),
    }


CHART_WIDTH = 320
BAR_HEIGHT = 18
ROW_HEIGHT = 64
LABEL_HEIGHT = 18


@dataclass
class SeatBar:
    label: str
    declared: int
    catalogued: int
    declared_width: float
    catalogued_width: float
    y: float

    @property
    def label_y(self) -> float:
        return self.y + 13

    @property
    def declared_y(self) -> float:
        return self.y + LABEL_HEIGHT

    @property
    def catalogued_y(self) -> float:
        return self.y + LABEL_HEIGHT + BAR_HEIGHT + 2


@dataclass
class SeatChart:
    bars: list[SeatBar]
    width: int = CHART_WIDTH
    bar_height: int = BAR_HEIGHT

    @property
    def height(self) -> int:
        return ROW_HEIGHT * len(self.bars)


def seat_chart(seats) -> SeatChart | None:
    """One pair of bars per declared role, scaled to the largest declared count."""
    seats = list(seats)
    if not seats:
        return None
    largest = max(seat.count for seat in seats)
    bars = []
    for index, seat in enumerate(seats):
        catalogued = min(seat.catalogued, seat.count)
        bars.append(
            SeatBar(
                label=str(ROLE_LABELS.get(seat.role, seat.get_role_display())),
                declared=seat.count,
                catalogued=seat.catalogued,
                declared_width=round(CHART_WIDTH * seat.count / largest, 1),
                catalogued_width=round(CHART_WIDTH * catalogued / largest, 1),
                y=index * ROW_HEIGHT,
            )
        )
    return SeatChart(bars=bars)
