"""People, organizations with their memberships, events, collections and subjects."""

from django.db.models import Prefetch
from ninja import Field, Query, Router, Schema

from .. import models
from . import cursors, schemas
from .links import citation, page_url, text

router = Router(by_alias=True)

BY_SLUG = cursors.Keyset("slug", (cursors.Key("slug"),))
BY_REFERENCE = cursors.Keyset("reference", (cursors.Key("reference_code"),))


class Paging(Schema):
    page_size: int = Field(cursors.PAGE_SIZE, ge=1, le=cursors.MAX_PAGE_SIZE)
    cursor: str | None = Field(None, description="From the previous page's `next`.")


def _paged(request, queryset, keyset, paging: Paging, build) -> dict:
    rows, next_url = cursors.page(request, queryset, keyset, paging.page_size, paging.cursor)
    return {"next": next_url, "results": [build(request, row) for row in rows]}


def _person(request, person) -> dict:
    return {
        "@type": "Person",
        "url": page_url(request, person),
        "slug": person.slug,
        "name_en": person.name_en,
        "name_ru": text(person.name_ru),
        "native_name": person.native_name,
        "birth_date": person.birth_date,
        "death_date": person.death_date,
        "wikidata_id": person.wikidata_id,
        "record_count": person.record_count,
    }


@router.get("/people/", response={200: schemas.PersonPage, **schemas.REFUSALS}, tags=["people"])
def person_list(request, paging: Query[Paging]):
    """Every person, by slug, with how many published records name them."""
    return _paged(request, models.Person.objects.for_listing(), BY_SLUG, paging, _person)


def _membership(request, membership) -> dict:
    return {
        "person": {
            "slug": membership.person.slug,
            "name_en": membership.person.name_en,
            "url": page_url(request, membership.person),
        },
        "role": membership.role,
        "start": membership.start,
        "end": membership.end,
        "elected_by": membership.elected_by.slug if membership.elected_by else None,
        "certainty": membership.certainty,
        "basis_en": text(membership.basis_en),
        "sources": [citation(source) for source in membership.sources.all()],
    }


def _organization(request, organization) -> dict:
    return {
        "@type": "Organization",
        "url": page_url(request, organization),
        "slug": organization.slug,
        "name_en": organization.name_en,
        "name_ru": text(organization.name_ru),
        "abbreviation_en": text(organization.abbreviation_en),
        "kind": organization.kind,
        "parent": organization.parent.slug if organization.parent else None,
        "founded": organization.founded,
        "dissolved": organization.dissolved,
        "wikidata_id": organization.wikidata_id,
        "memberships": [_membership(request, m) for m in organization.memberships.all()],
    }


@router.get(
    "/organizations/",
    response={200: schemas.OrganizationPage, **schemas.REFUSALS},
    tags=["organizations"],
)
def organization_list(request, paging: Query[Paging]):
    """Every body, by slug, with its memberships: role, dates, certainty and sources."""
    queryset = models.Organization.objects.for_listing().prefetch_related(
        Prefetch(
            "memberships",
            queryset=models.Membership.objects.for_table().order_by("role", "person__name"),
        )
    )
    return _paged(request, queryset, BY_SLUG, paging, _organization)


def _event(request, event) -> dict:
    return {
        "@type": "Event",
        "url": page_url(request, event),
        "slug": event.slug,
        "name_en": event.name_en,
        "name_ru": text(event.name_ru),
        "kind": event.kind,
        "date": event.date,
        "date_earliest": event.date_earliest,
        "date_latest": event.date_latest,
        "parent": event.parent.slug if event.parent else None,
        "place_en": text(event.place_en),
        "record_count": event.record_count,
    }


@router.get("/events/", response={200: schemas.EventPage, **schemas.REFUSALS}, tags=["events"])
def event_list(request, paging: Query[Paging]):
    """Every event, by slug, with how many published records it has."""
    return _paged(request, models.Event.objects.for_listing(), BY_SLUG, paging, _event)


def _collection(request, collection) -> dict:
    return {
        "@type": "Collection",
        "url": page_url(request, collection),
        "slug": collection.slug,
        "reference_code": collection.reference_code,
        "title_en": collection.title_en,
        "title_ru": text(collection.title_ru),
        "level": collection.level,
        "parent": collection.parent.slug if collection.parent else None,
        "children": [
            {
                "slug": child.slug,
                "reference_code": child.reference_code,
                "title_en": child.title_en,
                "url": page_url(request, child),
            }
            for child in collection.children.all()
        ],
        "record_count": collection.record_count,
    }


@router.get(
    "/collections/",
    response={200: schemas.CollectionPage, **schemas.REFUSALS},
    tags=["collections"],
)
def collection_list(request, paging: Query[Paging]):
    """Every unit of arrangement, by reference code, with its children."""
    queryset = (
        models.Collection.objects.with_record_counts()
        .select_related("parent")
        .prefetch_related(
            Prefetch("children", queryset=models.Collection.objects.order_by("reference_code"))
        )
    )
    return _paged(request, queryset, BY_REFERENCE, paging, _collection)


def _subject(request, subject) -> dict:
    return {
        "@type": "DefinedTerm",
        "url": page_url(request, subject),
        "slug": subject.slug,
        "label_en": subject.label_en,
        "label_ru": text(subject.label_ru),
        "scope_note_en": text(subject.scope_note_en),
        "record_count": subject.record_count,
    }


@router.get(
    "/subjects/", response={200: schemas.SubjectPage, **schemas.REFUSALS}, tags=["subjects"]
)
def subject_list(request, paging: Query[Paging]):
    """Every subject term, by slug, with how many published records it has."""
    queryset = models.Subject.objects.with_record_counts()
    return _paged(request, queryset, BY_SLUG, paging, _subject)
