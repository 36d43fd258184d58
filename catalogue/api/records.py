"""Records: the list with the records list's filters, and a record by its reference code."""

import datetime
import re

from django.conf import settings
from django.db.models import Prefetch
from django.http import HttpResponsePermanentRedirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.responses import Status

from .. import jsonld, tombstones
from ..filters import RecordFilterSet
from ..filters.keysets import record_keysets
from ..models import Record as RecordModel
from ..models import RecordOrganization, RecordPerson
from ..models.core import CODE_PATTERN
from ..moments import parse_moment
from . import cursors, schemas
from .errors import BadRequest
from .links import citation, page_url, text

router = Router(tags=["records"], by_alias=True)
REFERENCE_LENGTH = RecordModel._meta.get_field("reference_code").max_length

# The records list's sort orders, each ending in the unique reference code.
KEYSETS = record_keysets("en")


class RecordFilters(Schema):
    """The records list's filters (the same names and values), plus ``modified_since``."""

    q: str | None = Field(None, description="Search in any script and spelling.")
    kind: str | None = Field(None, description="speech, report, letter, resolution, …")
    date_from: str | None = Field(None, description="A year, month or day: 1956, 1956-02.")
    date_to: str | None = Field(None, description="A year, month or day: 1956-02-25.")
    person: str | None = Field(None, description="A person's slug.")
    organization: str | None = Field(None, description="An organization's slug.")
    subject: str | None = Field(None, description="A subject's slug.")
    collection: str | None = Field(None, description="A collection's slug.")
    language: str | None = Field(None, description="A language code (ru).")
    has_images: bool | None = Field(None, description="Only records with images.")
    sort: str | None = Field(
        None, description="relevance, date, -date, title, -title, reference, -reference."
    )
    modified_since: str | None = Field(
        None, description="Records changed at or after this time (ISO 8601 date or time)."
    )


def published_records():
    return (
        RecordModel.objects.published()
        .for_listing()
        .prefetch_related(
            "languages",
            "subjects",
            "events",
            Prefetch("people", queryset=RecordPerson.objects.select_related("person")),
            Prefetch(
                "organizations", queryset=RecordOrganization.objects.select_related("organization")
            ),
        )
    )


def _modified_since(raw: str | None) -> datetime.datetime | None:
    if raw is None or raw.strip() == "":
        return None
    moment = parse_moment(raw)
    if moment is None:
        raise BadRequest(
            _("“modified_since” must be a date (2026-01-31) or a time (2026-01-31T12:00:00Z)."),
            errors={"modified_since": [_("Not a date or a time.")]},
        )
    return moment


def _filtered(request):
    """The published records the list page would show for these filters, and its sort."""
    filterset = RecordFilterSet(request.GET, queryset=published_records())
    if not filterset.is_valid():
        raise BadRequest(
            _("Some filter values are not valid."),
            errors={
                name: [str(m) for m in messages] for name, messages in filterset.errors.items()
            },
        )
    queryset = filterset.qs
    since = _modified_since(request.GET.get("modified_since"))
    if since is not None:
        queryset = queryset.filter(updated_at__gte=since)
    sort = filterset.form.cleaned_data.get("sort") or "relevance"
    if sort == "relevance" and not filterset.searching:
        sort = "date"
    return queryset, KEYSETS[sort]


def summary(request, record) -> dict:
    return {
        "@type": "ArchiveComponent",
        "url": page_url(request, record),
        "reference_code": record.reference_code,
        "title_en": record.title_en,
        "title_ru": text(record.title_ru),
        "original_title": record.original_title,
        "kind": record.kind,
        "level": record.level,
        "date": record.date,
        "date_earliest": record.date_earliest,
        "date_latest": record.date_latest,
        "collection": {
            "slug": record.collection.slug,
            "reference_code": record.collection.reference_code,
            "title_en": record.collection.title_en,
            "url": page_url(request, record.collection),
        },
        "languages": [language.code for language in record.languages.all()],
        "subjects": [subject.slug for subject in record.subjects.all()],
        "events": [event.slug for event in record.events.all()],
        "people": [
            {
                "slug": link.person.slug,
                "name_en": link.person.name_en,
                "role": link.role,
                "url": page_url(request, link.person),
            }
            for link in record.people.all()
        ],
        "organizations": [
            {
                "slug": link.organization.slug,
                "name_en": link.organization.name_en,
                "role": link.role,
                "url": page_url(request, link.organization),
            }
            for link in record.organizations.all()
        ],
        "image_count": (
            record.image_count if hasattr(record, "image_count") else len(record.images.all())
        ),
        "published_at": record.published_at,
        "modified": record.updated_at,
    }


def _jsonld(record, url: str, request) -> dict:
    # The same data as the page's, with the addresses of the default language.
    with translation.override(settings.LANGUAGE_CODE):
        return jsonld.record_data(record, url, request)


@router.get("/records/", response={200: schemas.RecordPage, **schemas.REFUSALS})
def record_list(
    request,
    filters: Query[RecordFilters],
    page_size: int = Query(cursors.PAGE_SIZE, ge=1, le=cursors.MAX_PAGE_SIZE),
    cursor: str | None = Query(None, description="From the previous page's `next`."),
):
    """Published records, filtered and sorted as on the records list; follow ``next``."""
    queryset, keyset = _filtered(request)
    rows, next_url = cursors.page(request, queryset, keyset, page_size, cursor)
    return {"next": next_url, "results": [summary(request, record) for record in rows]}


@router.get(
    "/records/{reference}/",
    response={
        200: schemas.RecordDetail,
        404: schemas.Error,
        410: schemas.Gone,
        429: schemas.Error,
    },
)
def record_detail(request, reference: str):
    """A published record by its reference code, with its relations, sources and JSON-LD.

    A record that was published and then withdrawn or deleted answers 410 with its tombstone
    (when, and the curators' note); a former reference code redirects (301) to the new one.
    """
    # Only a well-formed code reaches the database (PostgreSQL refuses a NUL in text).
    if not (len(reference) <= REFERENCE_LENGTH and re.fullmatch(CODE_PATTERN, reference)):
        return Status(404, {"detail": _("No published record has this reference code.")})
    record = RecordModel.objects.published().for_detail().filter(reference_code=reference).first()
    if record is None:
        return _not_published(reference)
    url = page_url(request, record)
    relations = [
        {
            "type": link.type,
            "direction": "to",
            "reference_code": link.object.reference_code,
            "url": page_url(request, link.object),
        }
        for link in record.relations.all()
    ] + [
        {
            "type": link.type,
            "direction": "from",
            "reference_code": link.subject.reference_code,
            "url": page_url(request, link.subject),
        }
        for link in record.inverse_relations.all()
    ]
    return {
        **summary(request, record),
        "description_en": text(record.description_en),
        "description_ru": text(record.description_ru),
        "extent_en": text(record.extent_en),
        "extent_ru": text(record.extent_ru),
        "date_note_en": text(record.date_note_en),
        "relations": relations,
        "sources": [citation(source) for source in record.sources.all()],
        "jsonld": _jsonld(record, url, request),
    }


def _not_published(reference: str):
    renamed_to, stone = tombstones.lookup(reference)
    if renamed_to is not None:
        address = reverse("api:record_detail", args=[renamed_to.reference_code])
        return HttpResponsePermanentRedirect(address)
    if stone is None:
        return Status(404, {"detail": _("No published record has this reference code.")})
    detail = _("This record was withdrawn from the catalogue on %(date)s.") % {
        "date": stone.withdrawn_at.strftime("%Y-%m-%d")
    }
    return Status(
        410,
        {
            "detail": detail,
            "reference_code": stone.reference_code,
            "title_en": text(stone.title_en),
            "title_ru": text(stone.title_ru),
            "withdrawn_at": stone.withdrawn_at,
            "note_en": text(stone.note_en),
            "note_ru": text(stone.note_ru),
        },
    )
