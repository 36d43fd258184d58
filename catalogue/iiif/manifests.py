"""The IIIF Presentation 3 manifest of a published record with images.

Its ``label``, ``summary`` and ``metadata`` are the fields the record page shows, written by the
page's own helpers in English and Russian. One Canvas per image whose tiles are made: first the
record's own images, then each copy's, in the page's order. Each copy with images is a Range in
``structures`` (labelled as the copy); the record's own images belong to no range.

``rights`` is given on the manifest only when every image carries the same rights URI, and on
each canvas whose image carries one; ``requiredStatement`` holds the images' credits (each
once), and each canvas its own.
"""

import re
from collections.abc import Callable

from django.urls import reverse
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from catalogue.dates import edtf_display
from catalogue.images.rights import canonical_rights
from catalogue.models import Record

from .languages import each_language, entry, field_map, in_language

PRESENTATION_CONTEXT = "http://iiif.io/api/presentation/3/context.json"
CONTENT_TYPE = f'application/ld+json;profile="{PRESENTATION_CONTEXT}"'
IMAGE_FORMAT = "image/jpeg"

# ``absolute(path)``: the address of ``path`` on the host the request came to.
Absolute = Callable[[str], str]


def images_of(record: Record) -> list[tuple[object, list]]:
    """``[(None, the record's images), (copy, its images), ...]``, only those with images;
    expects ``for_manifest()``."""
    groups = [(None, list(record.tiled_images))]
    groups += [(copy, list(copy.tiled_images)) for copy in record.copies.all()]
    return [(copy, images) for copy, images in groups if images]


def has_manifest(record: Record) -> bool:
    """Whether ``record``, loaded for its page (``for_detail()``), has an image whose tiles are
    made, on itself or a copy: the records whose pages advertise a manifest. No query."""
    images = [*record.images.all(), *(i for copy in record.copies.all() for i in copy.images.all())]
    return any(image.tiled for image in images)


def manifest_url(record: Record) -> str:
    return reverse("iiif_manifest", kwargs={"reference": record.reference_code})


def service(image, absolute: Absolute) -> list[dict]:
    return [{"id": absolute(image.service_path), "type": "ImageService3", "profile": "level0"}]


def image_resource(image, url: str, size: tuple[int, int], absolute: Absolute) -> dict:
    return {
        "id": absolute(url),
        "type": "Image",
        "format": IMAGE_FORMAT,
        "width": size[0],
        "height": size[1],
        "service": service(image, absolute),
    }


def thumbnail(image, absolute: Absolute) -> list[dict]:
    return [image_resource(image, image.thumbnail_url, image.thumbnail_size, absolute)]


def _attribution(credits: dict[str, list[str]]) -> dict:
    return entry(lambda: _("Attribution"), credits)


def _credits(images) -> dict[str, list[str]]:
    """Every credit of ``images`` once, in order, in each language it is held in."""
    found: dict[str, list[str]] = {}
    for image in images:
        for language, values in field_map(image, "credit").items():
            if values[0] not in found.setdefault(language, []):
                found[language].append(values[0])
    return found


def _canvas(image, base: str, absolute: Absolute) -> dict:
    canvas_id = f"{base}/canvas/{image.key}"
    label = field_map(image, "caption") or field_map(image, "alt_text")
    canvas = {
        "id": canvas_id,
        "type": "Canvas",
        "label": label,
        "width": image.width,
        "height": image.height,
        "thumbnail": thumbnail(image, absolute),
        "items": [
            {
                "id": f"{base}/page/{image.key}",
                "type": "AnnotationPage",
                "items": [
                    {
                        "id": f"{base}/annotation/{image.key}",
                        "type": "Annotation",
                        "motivation": "painting",
                        "body": image_resource(
                            image, image.display_url, image.display_size, absolute
                        ),
                        "target": canvas_id,
                    }
                ],
            }
        ],
    }
    if image.rights:
        canvas["rights"] = canonical_rights(image.rights)
    credit = field_map(image, "credit")
    if credit:
        canvas["requiredStatement"] = _attribution(credit)
    return canvas


def _names(links, attribute: str, language: str) -> list[str]:
    return [
        f"{in_language(getattr(link, attribute), 'name', language)} ({link.get_role_display()})"
        for link in links
    ]


def _date(record: Record, language: str) -> str:
    note = in_language(record, "date_note", language)
    return f"{edtf_display(record.date)} ({note})" if note else edtf_display(record.date)


def _languages(record: Record, language: str) -> str:
    names = [in_language(item, "name", language) for item in record.languages.all()]
    return ", ".join(names) or _("unknown")


def _original_title(record: Record) -> dict[str, list[str]]:
    # A language map's keys are letters and hyphens: "none" for any other code.
    code = record.original_language.code if record.original_language else "none"
    return {code if re.fullmatch(r"[A-Za-z-]+", code) else "none": [record.original_title]}


def _described(record: Record) -> list[tuple]:
    """The page's list of fields: (label, value) pairs, label a callable."""
    fields = [(lambda: _("Reference code"), {"none": [record.reference_code]})]
    if record.original_title:
        title = (lambda: capfirst(_("title in the original language")), _original_title(record))
        fields.append(title)
    return fields + [
        (lambda: _("Kind"), each_language(lambda _l: capfirst(record.get_kind_display()))),
        (
            lambda: _("Level of description"),
            each_language(lambda _l: capfirst(record.get_level_display())),
        ),
        (lambda: _("Date"), each_language(lambda language: _date(record, language))),
        (
            lambda: _("Collection"),
            each_language(lambda language: in_language(record.collection, "title", language)),
        ),
        (lambda: _("Languages"), each_language(lambda language: _languages(record, language))),
        (
            lambda: _("Extent"),
            field_map(record, "extent") or each_language(lambda _l: _("unknown")),
        ),
    ]


def _named(record: Record) -> list[tuple]:
    """The people, bodies and subjects the page lists, each with its role."""
    people, bodies, subjects = (
        record.people.all(),
        record.organizations.all(),
        record.subjects.all(),
    )
    fields = []
    if people:
        names = each_language(lambda language: _names(people, "person", language))
        fields.append((lambda: _("People"), names))
    if bodies:
        names = each_language(lambda language: _names(bodies, "organization", language))
        fields.append((lambda: _("Organizations"), names))
    if subjects:
        labels = each_language(
            lambda language: [in_language(s, "label", language) for s in subjects]
        )
        fields.append((lambda: _("Subjects"), labels))
    return fields


def metadata(record: Record) -> list[dict]:
    """The record page's fields, in the page's order and words."""
    return [entry(label, value) for label, value in _described(record) + _named(record)]


def _homepage(record: Record, absolute: Absolute) -> list[dict]:
    pages = []
    for language in ("en", "ru"):
        with translation.override(language):
            pages.append(
                {
                    "id": absolute(record.get_absolute_url()),
                    "type": "Text",
                    "label": field_map(record, "title"),
                    "format": "text/html",
                    "language": [language],
                }
            )
    return pages


def _see_also(record: Record, absolute: Absolute) -> list[dict]:
    return [
        {
            "id": absolute(reverse("api:record_detail", args=[record.reference_code])),
            "type": "Dataset",
            "label": each_language(lambda _l: _("The record in the catalogue's JSON API")),
            "format": "application/json",
        }
    ]


def provider(absolute: Absolute) -> list[dict]:
    """The catalogue, named by its root address; its homepage is the English home page."""
    with translation.override("en"):
        home = absolute(reverse("catalogue:home"))
    return [
        {
            "id": absolute(reverse("root")),
            "type": "Agent",
            "label": each_language(lambda _l: _("The 20th Congress archive")),
            "homepage": [{"id": home, "type": "Text", "format": "text/html"}],
        }
    ]


def manifest(record: Record, absolute: Absolute) -> dict:
    """The manifest of ``record`` (published, loaded with ``for_manifest()``, with images)."""
    address = absolute(manifest_url(record))
    base = address.removesuffix("/manifest.json")
    groups = images_of(record)
    images = [image for _copy, group in groups for image in group]
    data = {
        "@context": PRESENTATION_CONTEXT,
        "id": address,
        "type": "Manifest",
        "label": field_map(record, "title"),
    }
    summary = field_map(record, "description")
    if summary:
        data["summary"] = summary
    data["metadata"] = metadata(record)
    credits = _credits(images)
    if credits:
        data["requiredStatement"] = _attribution(credits)
    rights = {canonical_rights(image.rights) for image in images}
    if len(rights) == 1 and "" not in rights:
        data["rights"] = rights.pop()
    data.update(
        {
            "provider": provider(absolute),
            "homepage": _homepage(record, absolute),
            "seeAlso": _see_also(record, absolute),
            "thumbnail": thumbnail(images[0], absolute),
            "behavior": ["individuals"],
            "items": [_canvas(image, base, absolute) for image in images],
        }
    )
    ranges = _ranges(groups, base)
    if ranges:
        data["structures"] = ranges
    return data


def _ranges(groups, base: str) -> list[dict]:
    """One Range per copy with images, labelled as the copy, naming its canvases."""
    return [
        {
            "id": f"{base}/range/copy-{copy.key}",
            "type": "Range",
            "label": field_map(copy, "label"),
            "items": [{"id": f"{base}/canvas/{image.key}", "type": "Canvas"} for image in group],
        }
        for copy, group in groups
        if copy is not None
    ]
