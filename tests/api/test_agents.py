import json

import pytest

from catalogue import models
from tests import factories

from .conftest import API, follow


def test_organization_list_carries_memberships_with_certainty_and_sources(client, catalogue):
    organizations = {o["slug"]: o for o in follow(client, f"{API}/organizations/")}

    committee = organizations["central-committee-20"]
    assert committee["@type"] == "Organization"
    assert committee["url"] == "http://testserver/en/organizations/central-committee-20/"
    assert committee["parent"] == "cpsu"
    assert [
        (m["person"]["slug"], m["role"], m["start"], m["certainty"], m["elected_by"])
        for m in committee["memberships"]
    ] == [
        ("khrushchev", "member", "1956-02-25", "stated", "congress-20"),
        ("bulganin", "member", "", "inferred", None),
    ]
    assert committee["memberships"][1]["basis_en"] == (
        "Presidium full member elected by the plenum of 27 Feb 1956"
    )
    assert [s["key"] for s in committee["memberships"][0]["sources"]] == ["MARXDIC"]


def test_collection_list_carries_children(client, catalogue):
    collections = follow(client, f"{API}/collections/")

    assert [(c["reference_code"], c["parent"]) for c in collections] == [
        ("C20", None),
        ("C20.1", "congress-20"),
    ]
    assert collections[0]["children"] == [
        {
            "slug": "congress-20-documents",
            "reference_code": "C20.1",
            "title_en": "Documents",
            "url": "http://testserver/en/collections/congress-20-documents/",
        }
    ]
    assert collections[1]["record_count"] == 3


def test_people_events_and_subjects_count_published_records_only(client, catalogue):
    assert catalogue.draft.status == models.Status.DRAFT

    people = {p["slug"]: p for p in follow(client, f"{API}/people/")}
    events = {e["slug"]: e for e in follow(client, f"{API}/events/")}
    subjects = {s["slug"]: s for s in follow(client, f"{API}/subjects/")}

    assert people["khrushchev"]["record_count"] == 1
    assert people["khrushchev"]["@type"] == "Person"
    assert events["closed-session"]["record_count"] == 1
    assert events["closed-session"]["parent"] == "congress-20"
    assert subjects["cult-of-personality"]["record_count"] == 2
    assert subjects["cult-of-personality"]["@type"] == "DefinedTerm"


def test_lists_page_by_cursor_to_the_end(client, db):
    for n in range(7):
        factories.person(slug=f"person-{n:02}")

    people = follow(client, f"{API}/people/", page_size=3)

    assert [p["slug"] for p in people] == [f"person-{n:02}" for n in range(7)]


ENDPOINTS = [
    "records/",
    "records/?q=working+notes",
    "records/?person=khrushchev",
    "records/C20-SPEECH/",
    "records/C20-RESOLUTION/",
    "people/",
    "organizations/",
    "events/",
    "collections/",
    "subjects/",
]


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_api_shows_no_draft_anywhere(client, catalogue, endpoint):
    draft = models.Record.objects.get(reference_code="C20-DRAFT")
    assert draft.status == models.Status.DRAFT
    assert draft.relations.exists() and draft.people.exists()

    response = client.get(f"{API}/{endpoint}")

    assert response.status_code == 200
    text = json.dumps(response.json(), ensure_ascii=False)
    assert "C20-DRAFT" not in text
    assert "working notes" not in text


def _organizations(count: int) -> None:
    source = factories.source()
    event = factories.event()
    parent = factories.organization()
    for _n in range(count):
        body = factories.organization(parent=parent)
        for _m in range(2):
            membership = factories.membership(organization=body, elected_by=event)
            membership.sources.add(source)


@pytest.mark.parametrize("count", [1, 3])
def test_organization_list_costs_constant_queries(client, db, django_assert_num_queries, count):
    _organizations(count)

    with django_assert_num_queries(3):
        response = client.get(f"{API}/organizations/")

    bodies = [o for o in response.json()["results"] if o["memberships"]]
    assert len(bodies) == count


@pytest.mark.parametrize("endpoint", ["people/", "events/", "collections/", "subjects/"])
def test_other_lists_refuse_hostile_page_size_and_cursor(client, catalogue, endpoint):
    for params in ({"page_size": "x\x00"}, {"page_size": "-1"}, {"cursor": "forged"}):
        response = client.get(f"{API}/{endpoint}", params)

        assert response.status_code == 400
        assert response.json()["detail"]


def _linked(count: int) -> None:
    parent_event = factories.event()
    fonds = factories.collection()
    for _n in range(count):
        person = factories.person()
        event = factories.event(parent=parent_event)
        subject = factories.subject()
        series = factories.collection(parent=fonds, level=models.Level.SERIES)
        factories.collection(parent=series, level=models.Level.FILE)
        record = factories.record(collection=series)
        record.subjects.add(subject)
        record.events.add(event)
        models.RecordPerson.objects.create(record=record, person=person, role="author")


@pytest.mark.parametrize("count", [1, 3])
@pytest.mark.parametrize(
    ("endpoint", "queries"),
    [("people/", 1), ("events/", 1), ("collections/", 2), ("subjects/", 1)],
)
def test_other_lists_cost_constant_queries(
    client, db, django_assert_num_queries, count, endpoint, queries
):
    _linked(count)

    with django_assert_num_queries(queries):
        response = client.get(f"{API}/{endpoint}")

    assert len(response.json()["results"]) >= count
