"""Ways to cite a record: Chicago and GOST in the page, BibTeX and RIS as downloads.

Each works on a record fetched with ``for_detail()`` or ``for_citation()``, so that its
people and collection are already loaded.
"""

import datetime
import re

from django.utils import translation
from django.utils.translation import gettext as _

from .dates import edtf_display
from .models import PersonRole, Record

AUTHOR_ROLES = (PersonRole.AUTHOR, PersonRole.SPEAKER)


def _authors(record: Record) -> list:
    return [link.person for link in record.people.all() if link.role in AUTHOR_ROLES]


def _in(obj, field: str, language: str) -> str:
    """A translated field in ``language``, falling back to the other language."""
    other = "en" if language == "ru" else "ru"
    return getattr(obj, f"{field}_{language}", "") or getattr(obj, f"{field}_{other}", "") or ""


def _inverted(name: str) -> str:
    """ "Nikita Khrushchev" → "Khrushchev, Nikita" (the last word taken as the surname)."""
    words = name.split()
    if len(words) < 2:
        return name
    return f"{words[-1]}, {' '.join(words[:-1])}"


def _initials(name: str) -> str:
    """ "Никита Хрущёв" → "Хрущёв Н." as GOST writes authors."""
    words = name.split()
    if len(words) < 2:
        return name
    return f"{words[-1]} {' '.join(word[0] + '.' for word in words[:-1])}"


def chicago(record: Record, url: str) -> str:
    language = (translation.get_language() or "en")[:2]
    parts = []
    authors = [_inverted(_in(person, "name", language)) for person in _authors(record)]
    if authors:
        parts.append(" and ".join(authors) + ".")
    parts.append(f"“{_in(record, 'title', language)}.”")
    date = edtf_display(record.date) if record.date else _("n.d.")
    parts.append(f"{record.get_kind_display().capitalize()}, {date}.")
    parts.append(f"{record.reference_code}. {_in(record.collection, 'title', language)}.")
    parts.append(url + ".")
    return " ".join(parts)


def gost(record: Record, url: str, today: datetime.date | None = None) -> str:
    today = today or datetime.date.today()
    with translation.override("ru"):
        authors = ", ".join(_initials(_in(person, "name", "ru")) for person in _authors(record))
        date = f"{edtf_display(record.date)} г." if record.date else "б. д."
        kind = record.get_kind_display()
        head = f"{authors} " if authors else ""
        return (
            f"{head}{_in(record, 'title', 'ru')} : {kind}, {date} // "
            f"{_in(record.collection, 'title', 'ru')}. – Шифр {record.reference_code}. – "
            f"URL: {url} (дата обращения: {today:%d.%m.%Y})."
        )


def _year(record: Record) -> str:
    return str(record.date_earliest.year) if record.date_earliest else ""


def _exact_day(record: Record) -> datetime.date | None:
    if record.date_earliest and record.date_earliest == record.date_latest:
        return record.date_earliest
    return None


_BIBTEX_SPECIAL = re.compile(r"([\\{}%&$#_^~])")


def _bibtex_escape(text: str) -> str:
    return _BIBTEX_SPECIAL.sub(lambda match: "\\" + match[1], text)


def bibtex(record: Record, url: str) -> str:
    language = (translation.get_language() or "en")[:2]
    key = re.sub(r"[^A-Za-z0-9_.:-]", "_", record.reference_code)
    fields = [
        ("author", " and ".join(_inverted(_in(p, "name", language)) for p in _authors(record))),
        ("title", "{" + _bibtex_escape(_in(record, "title", language)) + "}"),
        ("year", _year(record)),
        ("date", _exact_day(record).isoformat() if _exact_day(record) else ""),
        ("howpublished", _in(record.collection, "title", language)),
        ("note", f"{record.get_kind_display()}; {record.reference_code}"),
        ("url", url),
    ]
    lines = [f"@misc{{{key},"]
    for name, value in fields:
        if value:
            escaped = value if name in ("title", "url") else _bibtex_escape(value)
            lines.append(f"  {name} = {{{escaped}}},")
    lines.append("}")
    return "\n".join(lines) + "\n"


def ris(record: Record, url: str) -> str:
    language = (translation.get_language() or "en")[:2]
    lines = [("TY", "GEN")]
    lines += [("AU", _inverted(_in(person, "name", language))) for person in _authors(record)]
    lines.append(("TI", _in(record, "title", language)))
    if record.original_title:
        lines.append(("T2", record.original_title))
    if _year(record):
        lines.append(("PY", _year(record)))
    if _exact_day(record):
        lines.append(("DA", f"{_exact_day(record):%Y/%m/%d}/"))
    lines.append(("M3", str(record.get_kind_display())))
    lines.append(("AN", record.reference_code))
    lines.append(("DB", _in(record.collection, "title", language)))
    lines.append(("UR", url))
    lines.append(("ER", ""))
    return "".join(f"{tag}  - {value}\r\n" for tag, value in lines)
