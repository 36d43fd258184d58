"""Times that a client sends (an API filter, a form's hidden field), read one way for both
databases.

A time with an offset is turned to UTC here, in Python: PostgreSQL refuses an offset beyond
±15:59 and both engines fail on a time that the offset moves past the years 1 to 9999, so such a
time is no time at all for the catalogue (``None``), refused by the caller as any bad value.
"""

import datetime

from django.utils.dateparse import parse_date, parse_datetime


def parse_moment(text: str) -> datetime.datetime | None:
    """``text`` (an ISO 8601 date or time; without an offset, UTC) as an aware UTC time."""
    text = text.strip()
    try:
        moment = parse_datetime(text)
        if moment is None:
            day = parse_date(text)
            moment = datetime.datetime.combine(day, datetime.time()) if day else None
    except ValueError:
        return None
    if moment is None:
        return None
    if moment.tzinfo is None:
        return moment.replace(tzinfo=datetime.UTC)
    try:
        return moment.astimezone(datetime.UTC)
    except OverflowError:
        return None
