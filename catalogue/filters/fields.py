"""Form fields for filters that must turn any malformed value into a message, never a 500."""

import calendar
import datetime
import re

from django import forms
from django.utils.translation import gettext_lazy as _

_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


def partial_date_range(text: str) -> tuple[datetime.date, datetime.date]:
    """``1956`` → the whole year; ``1956-02`` → the month; ``1956-02-25`` → that day."""
    match = _PARTIAL_DATE.match(text.strip())
    if not match:
        raise ValueError(text)
    year = int(match[1])
    if year < 1:
        raise ValueError(text)
    if match[2] is None:
        return datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    month = int(match[2])
    if match[3] is None:
        last_day = calendar.monthrange(year, month)[1] if 1 <= month <= 12 else 0
        return datetime.date(year, month, 1), datetime.date(year, month, last_day)
    day = datetime.date(year, month, int(match[3]))
    return day, day


class PartialDateField(forms.CharField):
    """A year, a month or a day; cleans to the first and last day it covers."""

    default_error_messages = {
        "invalid": _(
            "“%(value)s” is not a date. Write a year (1956), a month (1956-02) "
            "or a day (1956-02-25)."
        ),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 10)
        kwargs.setdefault("widget", forms.TextInput(attrs={"placeholder": "1956-02"}))
        super().__init__(**kwargs)

    def clean(self, value):
        text = super().clean(value)
        if not text:
            return None
        try:
            return partial_date_range(text)
        except ValueError:
            raise forms.ValidationError(
                self.error_messages["invalid"], code="invalid", params={"value": text}
            ) from None
