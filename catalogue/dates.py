"""EDTF dates written out for people, in English and Russian.

Covers what the catalogue holds: a year, a month or a day, each possibly approximate (``~``),
uncertain (``?``) or both (``%``), and intervals of those, open or unknown at either end.
Anything else is shown as written, which is still better than nothing.
"""

import re

from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _

_PART = re.compile(r"^(?P<year>-?\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?(?P<q>[~?%]?)$")

MONTHS_EN = (
    "January February March April May June July August September October November December"
).split()
# Russian needs the nominative for "февраль 1956" and the genitive after a day or "около".
MONTHS_RU_NOMINATIVE = (
    "январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь"
).split()
MONTHS_RU_GENITIVE = (
    "января февраля марта апреля мая июня июля августа сентября октября ноября декабря"
).split()


def _plain(year: str, month: str | None, day: str | None, russian: bool, genitive: bool) -> str:
    year_text = year.lstrip("0") or "0"
    if month is None:
        return year_text
    index = int(month) - 1
    if russian:
        names = MONTHS_RU_GENITIVE if (day or genitive) else MONTHS_RU_NOMINATIVE
        month_text = names[index]
    else:
        month_text = MONTHS_EN[index]
    if day is None:
        return f"{month_text} {year_text}"
    return f"{int(day)} {month_text} {year_text}"


def _part(text: str, russian: bool, genitive: bool = False) -> str | None:
    if text in ("", ".."):
        return None
    match = _PART.match(text)
    if not match:
        raise ValueError(text)
    month, day = match["month"], match["day"]
    if month is not None and not 1 <= int(month) <= 12:
        raise ValueError(text)
    if day is not None and not 1 <= int(day) <= 31:
        raise ValueError(text)
    qualifier = match["q"]
    plain = _plain(match["year"], month, day, russian, genitive=genitive or qualifier in ("~", "%"))
    if qualifier == "~":
        return _("c. %(date)s") % {"date": plain}
    if qualifier == "?":
        return _("%(date)s (uncertain)") % {"date": plain}
    if qualifier == "%":
        return _("c. %(date)s (uncertain)") % {"date": plain}
    return plain


def _one_of_or_all(value: str, russian: bool) -> str:
    """``[1956-02-14,1956-02-15]`` (one of them) reads "… or …"; ``{…}`` (all of them) "… and …"."""
    members = [_part(member.strip(), russian) for member in value[1:-1].split(",")]
    if not members or None in members or ".." in value:
        raise ValueError(value)
    joined = ", ".join(members[:-1])
    if len(members) == 1:
        return members[0]
    if value[0] == "[":
        return _("%(dates)s or %(last)s") % {"dates": joined, "last": members[-1]}
    return _("%(dates)s and %(last)s") % {"dates": joined, "last": members[-1]}


def edtf_display(value: str | None) -> str:
    """``1956-02-25`` → "25 February 1956"; empty → "unknown", in the active language."""
    value = (value or "").strip()
    if not value:
        return _("unknown")
    russian = (get_language() or "en").startswith("ru")
    try:
        if value[0] in "[{" and value[-1] in "]}":
            return _one_of_or_all(value, russian)
        if "/" not in value:
            return _part(value, russian) or _("unknown")
        start_text, end_text = value.split("/", 1)
        # An open end reads "from …"/"until …", which in Russian takes the genitive.
        one_sided = start_text in ("", "..") or end_text in ("", "..")
        start = _part(start_text, russian, genitive=one_sided)
        end = _part(end_text, russian, genitive=one_sided)
    except ValueError:
        return value
    if start is None and end is None:
        return _("unknown")
    if start is None:
        return pgettext("date range", "until %(date)s") % {"date": end}
    if end is None:
        open_end = end_text == ".."
        if open_end:
            return pgettext("date range", "from %(date)s") % {"date": start}
        return pgettext("date range", "%(date)s – unknown") % {"date": start}
    return f"{start} – {end}"
