"""Numbers for the server-drawn SVG timeline of the collection: events and dated records placed
by their EDTF spans, one row each, oldest first, on an axis of years."""

import dataclasses
import datetime

from django.utils.translation import gettext as _

from .dates import edtf_display
from .models import Event, Record

WIDTH = 720
ROW_HEIGHT = 20
AXIS_HEIGHT = 28
BAR_HEIGHT = 10
MINIMUM_BAR = 5
LABEL_CHARACTERS = 48
# A label wider than what is left to the right of its bar goes to the left of it.
LABEL_ROOM = 260


@dataclasses.dataclass(frozen=True)
class Item:
    number: int
    label: str
    url: str
    date_text: str
    kind: str  # "event" or "record"
    uncertain: bool
    x: float
    width: float
    y: float

    @property
    def bar_y(self) -> float:
        return self.y + (ROW_HEIGHT - BAR_HEIGHT) / 2

    @property
    def text_y(self) -> float:
        return self.y + ROW_HEIGHT / 2 + 4

    @property
    def label_right(self) -> bool:
        return self.x + self.width + LABEL_ROOM < WIDTH

    @property
    def text_x(self) -> float:
        return self.x + self.width + 4 if self.label_right else self.x - 4

    @property
    def short_label(self) -> str:
        label = f"{self.number}. {self.label}"
        if len(label) <= LABEL_CHARACTERS:
            return label
        return label[: LABEL_CHARACTERS - 1].rstrip() + "…"


@dataclasses.dataclass(frozen=True)
class Tick:
    year: int
    x: float

    @property
    def anchor(self) -> str:
        """Years at either edge are written inward, so that none is cut off."""
        if self.x > WIDTH - 20:
            return "end"
        return "start" if self.x < 20 else "middle"


@dataclasses.dataclass(frozen=True)
class Timeline:
    items: list[Item]
    ticks: list[Tick]
    first_year: int
    last_year: int
    width: int = WIDTH
    bar_height: int = BAR_HEIGHT
    axis_y: int = AXIS_HEIGHT - 8

    @property
    def height(self) -> int:
        return AXIS_HEIGHT + ROW_HEIGHT * len(self.items) + 4


def _is_uncertain(edtf: str) -> bool:
    return any(mark in (edtf or "") for mark in "~?%")


def _title(obj, field: str, language: str) -> str:
    other = "ru" if language == "en" else "en"
    return getattr(obj, f"{field}_{language}", "") or getattr(obj, f"{field}_{other}", "") or ""


def timeline(events, records, language: str) -> Timeline | None:
    """Place ``events`` and ``records`` (already fetched: nothing here queries) by their dates.

    Those without a known earliest date are left out; an open end is drawn to the earliest.
    """
    dated = [
        (event.date_earliest, event.date_latest or event.date_earliest, event, "event")
        for event in events
        if event.date_earliest
    ] + [
        (record.date_earliest, record.date_latest or record.date_earliest, record, "record")
        for record in records
        if record.date_earliest
    ]
    if not dated:
        return None
    dated.sort(key=lambda row: (row[0], row[1], row[3]))
    first_year = min(row[0] for row in dated).year
    last_year = max(row[1] for row in dated).year + 1
    start = datetime.date(first_year, 1, 1).toordinal()
    span = datetime.date(last_year, 1, 1).toordinal() - start
    margin = 8
    scale = (WIDTH - 2 * margin) / span

    def x_of(day: datetime.date) -> float:
        return round(margin + (day.toordinal() - start) * scale, 1)

    items = []
    for index, (earliest, latest, obj, kind) in enumerate(dated):
        x = x_of(earliest)
        width = max(round(x_of(latest + datetime.timedelta(days=1)) - x, 1), MINIMUM_BAR)
        field = "name" if kind == "event" else "title"
        items.append(
            Item(
                number=index + 1,
                label=_title(obj, field, language),
                url=obj.get_absolute_url(),
                date_text=edtf_display(obj.date),
                kind=kind,
                uncertain=_is_uncertain(obj.date),
                x=x,
                width=width,
                y=AXIS_HEIGHT + index * ROW_HEIGHT,
            )
        )
    step = 10 if last_year - first_year > 30 else 5 if last_year - first_year > 10 else 1
    years = range(first_year + (-first_year) % step, last_year + 1, step)
    ticks = [Tick(year, x_of(datetime.date(year, 1, 1))) for year in years]
    return Timeline(items=items, ticks=ticks, first_year=first_year, last_year=last_year - 1)


def collection_timeline(language: str, events=None, brief: bool = False) -> Timeline | None:
    """The collection's timeline: every event (or only those with no parent, ``brief``) and
    every dated published record. Two queries, or one when ``events`` are given."""
    if events is None:
        events = Event.objects.chronological()
        if brief:
            events = events.filter(parent__isnull=True)
    records = (
        Record.objects.published()
        .filter(date_earliest__isnull=False)
        .only("reference_code", "title_en", "title_ru", "date", "date_earliest", "date_latest")
    )
    return timeline(list(events), list(records), language)


def summary(chart: Timeline) -> str:
    return _("From %(first)s to %(last)s: %(count)s events and records in order of date.") % {
        "first": chart.first_year,
        "last": chart.last_year,
        "count": len(chart.items),
    }
