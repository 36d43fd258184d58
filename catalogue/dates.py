"""EDTF dates written out for people, in English and Russian.

Covers what the catalogue holds: a year, a month or a day, each possibly approximate (``~``),
uncertain (``?``) or both (``%``), and intervals of those, open or unknown at either end.
Anything else is shown as written, which is still better than nothing.

A day before Russia took up the Gregorian calendar (14 February 1918) also reads in the Julian
calendar the sources of the time used: "15 April [O.S. 3 April] 1894". EDTF stays New Style.
"""

import datetime
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


# The first day of the Gregorian calendar in Russia: the day before was 31 January (O.S.).
GREGORIAN_IN_RUSSIA = datetime.date(1918, 2, 14)


def old_style(day: datetime.date) -> tuple[int, int, int]:
    """The Julian (Old Style) ``(year, month, day)`` of a Gregorian date, by its Julian day number.

    The offset grows by a day at each century year that is not a multiple of 400 (10 days in
    the 1600s, 11 from 1 March 1700 O.S., 12 from 1800, 13 from 1900).
    """
    c = day.toordinal() + 1721425 + 32082  # toordinal() 1 is Julian day number 1721426
    d = (4 * c + 3) // 1461
    e = c - (1461 * d) // 4
    m = (5 * e + 2) // 153
    return d - 4800 + m // 10, m + 3 - 12 * (m // 10), e - (153 * m + 2) // 5 + 1


def _old_style_text(year: int, month: int, day: int, russian: bool) -> tuple[str, bool]:
    """The Old Style date to put in brackets, and whether its year differs from the new one."""
    try:
        gregorian = datetime.date(year, month, day)
    except ValueError:
        return "", False
    if gregorian >= GREGORIAN_IN_RUSSIA:
        return "", False
    old_year, old_month, old_day = old_style(gregorian)
    months = MONTHS_RU_GENITIVE if russian else MONTHS_EN
    old = f"{old_day} {months[old_month - 1]}"
    if old_year != year:
        old = f"{old} {old_year}"
    return (f"{old} ст. ст." if russian else f"O.S. {old}"), old_year != year


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
    old, other_year = _old_style_text(int(year), int(month), int(day), russian)
    if not old:
        return f"{int(day)} {month_text} {year_text}"
    # "12 January 1894 [O.S. 31 December 1893]": the brackets follow the year when it differs.
    if other_year:
        return f"{int(day)} {month_text} {year_text} [{old}]"
    return f"{int(day)} {month_text} [{old}] {year_text}"


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
