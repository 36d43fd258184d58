"""A IIIF Collection for each catalogue collection: the manifests of its published records
with images, by date as on the collection's page, and its parts that hold such records as
nested Collections.

Presentation 3 has no paging of Collections: a collection of more than ``PAGE_SIZE`` such
records lists, after its parts, one Collection per ``PAGE_SIZE`` records
(``/iiif/collections/<slug>/pages/<n>/collection.json``), each ``partOf`` it. Every answer
costs the same number of queries, however many records there are.
"""

import dataclasses
import math

from django.db import models
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from catalogue.models import Collection, Record

from .languages import LANGUAGES, each_language, field_map, in_language
from .manifests import PRESENTATION_CONTEXT, Absolute, images_of, manifest_url, provider, thumbnail

PAGE_SIZE = 100


@dataclasses.dataclass
class Listing:
    """What a collection's IIIF answer lists: its parts with images, the number of its
    records with images, and one page of those records (loaded with ``with_tiled_images()``)."""

    collection: Collection
    parts: list
    total: int
    page: int
    records: list

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / PAGE_SIZE))


def _records(collection: Collection):
    return (
        Record.objects.published()
        .with_images()
        .filter(collection=collection)
        .order_by(models.F("date_earliest").asc(nulls_last=True), "reference_code")
    )


def _parts_with_images(collection: Collection | None) -> list:
    """The units directly below ``collection`` (``None``: the outermost units) that hold a
    published record with images, at any depth below them (two queries)."""
    units = list(Collection.objects.only("pk", "parent", "slug", "title_en", "title_ru"))
    holding = set(
        Record.objects.published()
        .with_images()
        .order_by()
        .values_list("collection", flat=True)
        .distinct()
    )
    children: dict = {}
    for unit in units:
        children.setdefault(unit.parent_id, []).append(unit)

    def holds(unit, seen) -> bool:
        if unit.pk in holding:
            return True
        seen.add(unit.pk)
        return any(
            holds(child, seen) for child in children.get(unit.pk, ()) if child.pk not in seen
        )

    top = collection.pk if collection is not None else None
    return [unit for unit in children.get(top, []) if holds(unit, {top})]


def listing(collection: Collection, page: int | None) -> Listing | None:
    """The listing of ``collection``, whole (``page=None``) or one page; None for a page
    beyond the last."""
    records = _records(collection)
    total = records.count()
    number = 1 if page is None else page
    if number < 1 or number > max(1, math.ceil(total / PAGE_SIZE)):
        return None
    if page is None and total > PAGE_SIZE:
        rows = []
    else:
        start = (number - 1) * PAGE_SIZE
        rows = list(records.with_tiled_images()[start : start + PAGE_SIZE])
    parts = _parts_with_images(collection) if page is None else []
    return Listing(collection, parts, total, number, rows)


def collection_url(collection: Collection, page: int | None = None) -> str:
    if page is None:
        return reverse("iiif_collection", kwargs={"slug": collection.slug})
    return reverse("iiif_collection_page", kwargs={"slug": collection.slug, "page": page})


def _manifest_reference(record: Record, absolute: Absolute) -> dict:
    images = [image for _copy, group in images_of(record) for image in group]
    return {
        "id": absolute(manifest_url(record)),
        "type": "Manifest",
        "label": field_map(record, "title"),
        "thumbnail": thumbnail(images[0], absolute),
    }


def _homepage(collection: Collection | None, absolute: Absolute) -> list[dict]:
    """The collection's page (``None``: the list of collections) in each language."""
    pages = []
    for language in LANGUAGES:
        with translation.override(language):
            pages.append(
                {
                    "id": absolute(
                        collection.get_absolute_url()
                        if collection is not None
                        else reverse("catalogue:collection_list")
                    ),
                    "type": "Text",
                    "label": (
                        field_map(collection, "title")
                        if collection is not None
                        else each_language(lambda _l: _("Collections"))
                    ),
                    "format": "text/html",
                    "language": [language],
                }
            )
    return pages


def _reference(unit: Collection, absolute: Absolute) -> dict:
    return {
        "id": absolute(collection_url(unit)),
        "type": "Collection",
        "label": field_map(unit, "title"),
    }


def catalogue_collection(absolute: Absolute) -> dict:
    """The whole catalogue: its outermost collections that hold records with images."""
    return {
        "@context": PRESENTATION_CONTEXT,
        "id": absolute(reverse("iiif_catalogue")),
        "type": "Collection",
        "label": each_language(lambda _l: _("The 20th Congress archive")),
        "provider": provider(absolute),
        "homepage": _homepage(None, absolute),
        "items": [_reference(unit, absolute) for unit in _parts_with_images(None)],
    }


def _page_label(found: Listing, page: int) -> dict:
    first = (page - 1) * PAGE_SIZE + 1
    last = min(page * PAGE_SIZE, found.total)
    return each_language(
        lambda language: (
            _("%(title)s: records %(first)s–%(last)s of %(total)s")
            % {
                "title": in_language(found.collection, "title", language),
                "first": first,
                "last": last,
                "total": found.total,
            }
        )
    )


def collection(found: Listing, absolute: Absolute, *, paged: bool = False) -> dict:
    """The IIIF Collection of ``found``: the whole collection, or one page when ``paged``."""
    unit = found.collection
    data = {
        "@context": PRESENTATION_CONTEXT,
        "id": absolute(collection_url(unit, found.page if paged else None)),
        "type": "Collection",
        "label": _page_label(found, found.page) if paged else field_map(unit, "title"),
    }
    summary = field_map(unit, "description")
    if summary and not paged:
        data["summary"] = summary
    data["provider"] = provider(absolute)
    data["homepage"] = _homepage(unit, absolute)
    if paged:
        data["partOf"] = [_reference(unit, absolute)]
    items = [_reference(part, absolute) for part in found.parts]
    if not paged and found.total > PAGE_SIZE:
        items += [
            {
                "id": absolute(collection_url(unit, page)),
                "type": "Collection",
                "label": _page_label(found, page),
            }
            for page in range(1, found.pages + 1)
        ]
    else:
        items += [_manifest_reference(record, absolute) for record in found.records]
    data["items"] = items
    return data
