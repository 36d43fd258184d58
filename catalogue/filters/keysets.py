"""The records list's sort orders as keysets, for cursor paging: the JSON API's and the
public list's deep pages (``catalogue.api.cursors`` pages through them)."""

from django.db.models import FloatField
from django.db.models.functions import Cast, Lower

from ..api.cursors import Key, Keyset
from ..models.records import UNDATED

# Undated records last, as a column of its own rather than NULLS LAST: an ascending index
# (record_status_undated_last) then serves the order and every cursor past it.
DATE_KEYS = (Key("sort_undated"), Key("date_earliest"), Key("reference_code"))
UNDATED_ANNOTATION = (("sort_undated", UNDATED),)


def record_keysets(language: str = "en") -> dict[str, Keyset]:
    """Each sort of the records list, ending in the unique reference code; titles in
    ``language``, as the list sorts them."""
    title = (("sort_title", Lower(f"title_{language}")),)
    return {
        "date": Keyset("date", DATE_KEYS, annotations=UNDATED_ANNOTATION),
        "-date": Keyset(
            "-date", (Key("date_latest", descending=True, nullable=True), Key("reference_code"))
        ),
        "title": Keyset("title", (Key("sort_title"), Key("reference_code")), annotations=title),
        "-title": Keyset(
            "-title",
            (Key("sort_title", descending=True), Key("reference_code")),
            annotations=title,
        ),
        "reference": Keyset("reference", (Key("reference_code"),)),
        "-reference": Keyset("-reference", (Key("reference_code", descending=True),)),
        # PostgreSQL ranks in single precision: read as double, a rank round-trips exactly.
        "relevance": Keyset(
            "relevance",
            (Key("sort_rank", descending=True), *DATE_KEYS),
            annotations=(
                ("sort_rank", Cast("search_rank", FloatField())),
                *UNDATED_ANNOTATION,
            ),
        ),
    }
