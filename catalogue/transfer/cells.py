"""What a cell may hold, and how a CSV cell is kept from running as a spreadsheet formula.

A spreadsheet runs a cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return (the OWASP advice on CSV injection). An export writes such a cell, and any cell that
begins with a single quote, with one more single quote in front; an import of a CSV file takes
exactly that quote off again. The rule has one reading either way, so ``'=x`` and ``-0044``
survive the round trip unchanged.
"""

from django.utils.translation import gettext as _

from ..text import CONTROL_CHARACTERS

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"


def protect(value: str) -> str:
    """The cell as an export writes it: a spreadsheet shows it as text and runs nothing."""
    if value.startswith((*FORMULA_STARTS, QUOTE)):
        return QUOTE + value
    return value


def unprotect(value: str) -> str:
    """The value of a cell that ``protect()`` wrote: one leading quote less, when it added one."""
    if value.startswith(QUOTE) and value[1:].startswith((*FORMULA_STARTS, QUOTE)):
        return value[1:]
    return value


def control_character(value) -> str:
    """Why ``value`` (text, or a list of texts) cannot be stored, or "" if it can."""
    texts = value if isinstance(value, list) else [value]
    for text in texts:
        if not isinstance(text, str):
            continue
        found = CONTROL_CHARACTERS.search(text)
        if found:
            return _(
                "the value holds the control character U+%(code)04X at position %(position)s; "
                "remove it and import the file again"
            ) % {"code": ord(found.group()), "position": found.start() + 1}
    return ""


def json_type(value) -> str:
    """How a JSON value that is not text is named in a message."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return _("a number")
    if isinstance(value, list):
        return _("a list")
    if isinstance(value, dict):
        return _("an object")
    return type(value).__name__
