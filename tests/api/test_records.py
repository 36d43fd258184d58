import datetime

import pytest
from django.utils import timezone

from catalogue import models
from tests import factories

from .conftest import API, follow


def test_record_list_lists_published_records_with_their_addresses(client, catalogue):
    results = follow(client, f"{API}/records/")

    assert [r["reference_code"] for r in results] == ["C20-LETTER", "C20-SPEECH", "C20-RESOLUTION"]
    speech = results[1]
    assert speech["@type"] == "ArchiveComponent"
    assert speech["url"] == "http://testserver/en/records/C20-SPEECH/"
    assert speech["title_ru"] == "О культе личности и его последствиях"
    assert speech["collection"]["url"] == "http://testserver/en/collections/congress-20-documents/"
    assert speech["people"] == [
        {
            "slug": "khrushchev",
            "name_en": "Nikita Khrushchev",
            "role": "speaker",
            "url": "http://testserver/en/people/khrushchev/",
        },
        {
            "slug": "stalin",
            "name_en": "Joseph Stalin",
            "role": "subject",
            "url": "http://testserver/en/people/stalin/",
        },
    ]
    assert speech["image_count"] == 1
    assert speech["languages"] == ["ru"]


def test_record_detail_carries_relations_sources_and_jsonld(client, catalogue):
    response = client.get(f"{API}/records/C20-RESOLUTION/")

    assert response.status_code == 200
    record = response.json()
    assert record["relations"] == [
        {
            "type": "responds_to",
            "direction": "to",
            "reference_code": "C20-SPEECH",
            "url": "http://testserver/en/records/C20-SPEECH/",
        }
    ]
    assert [source["key"] for source in record["sources"]] == []
    assert record["jsonld"]["@type"] == "ArchiveComponent"
    assert record["jsonld"]["@id"] == "http://testserver/en/records/C20-RESOLUTION/"
    assert record["organizations"][0]["role"] == "issuer"


@pytest.mark.parametrize("reference", ["C20-DRAFT", "NO-SUCH-RECORD"])
def test_record_detail_unknown_or_draft_is_404_json(client, catalogue, reference):
    assert models.Record.objects.filter(reference_code="C20-DRAFT", status="draft").exists()

    response = client.get(f"{API}/records/{reference}/")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response.json() == {
        "detail": "No published record has this reference code.",
        "errors": None,
    }


@pytest.mark.parametrize("sort", ["date", "-date", "title", "-title", "reference", "-reference"])
def test_record_list_pages_every_record_once_while_records_are_inserted(client, catalogue, sort):
    series = catalogue.series
    for n, date in enumerate(["1956-02-14", "", "1956-02-25", "1957", "1956-02-25", ""]):
        factories.record(
            reference_code=f"C20-EXTRA-{n}",
            collection=series,
            title_en=f"Extra {'BAC'[n % 3]} record",
            date=date,
        )
    before = set(models.Record.objects.published().values_list("reference_code", flat=True))

    response = client.get(f"{API}/records/", {"sort": sort, "page_size": 3})
    seen = [r["reference_code"] for r in response.json()["results"]]
    # Rows sorting before and after the cursor appear while the client pages.
    factories.record(reference_code="A-INSERTED", collection=series, title_en="A", date="1900")
    factories.record(reference_code="Z-INSERTED", collection=series, title_en="Z", date="2000")
    while response.json()["next"]:
        response = client.get(response.json()["next"])
        assert response.status_code == 200
        seen += [r["reference_code"] for r in response.json()["results"]]

    assert len(seen) == len(set(seen))
    assert before <= set(seen)
    assert "C20-DRAFT" not in seen


def test_record_list_search_pages_by_relevance(client, catalogue):
    for n in range(4):
        factories.record(
            reference_code=f"C20-CULT-{n}",
            collection=catalogue.series,
            title_en="Cult of personality" + " and cult" * n,
        )

    results = follow(client, f"{API}/records/", q="cult", page_size=2)

    codes = [r["reference_code"] for r in results]
    assert len(codes) == len(set(codes))
    assert {"C20-CULT-0", "C20-CULT-1", "C20-CULT-2", "C20-CULT-3", "C20-SPEECH"} <= set(codes)


FILTERS = [
    {"kind": "speech"},
    {"subject": "cult-of-personality"},
    {"person": "khrushchev"},
    {"organization": "central-committee-20"},
    {"collection": "congress-20-documents"},
    {"language": "ru"},
    {"has_images": "on"},
    {"date_from": "1956", "date_to": "1956-02"},
    {"q": "Хрущев"},
    {"q": "cult", "sort": "-date"},
]


@pytest.mark.parametrize("params", FILTERS)
def test_record_list_filters_match_the_records_page(client, catalogue, params):
    page = client.get("/en/records/", params)

    results = follow(client, f"{API}/records/", **params, page_size=1)

    assert page.status_code == 200
    assert len(results) == page.context["paginator"].count
    assert [r["reference_code"] for r in results] == [
        record.reference_code for record in page.context["object_list"]
    ]


def test_record_list_modified_since_keeps_recent_changes(client, catalogue):
    moment = timezone.now()
    models.Record.objects.filter(pk=catalogue.letter.pk).update(updated_at=moment)
    models.Record.objects.exclude(pk=catalogue.letter.pk).update(
        updated_at=moment - timezone.timedelta(days=2)
    )

    recent = follow(client, f"{API}/records/", modified_since=(moment.date()).isoformat())

    assert [r["reference_code"] for r in recent] == ["C20-LETTER"]


def test_record_list_modified_since_takes_any_offset(client, catalogue):
    # PostgreSQL takes offsets up to ±15:59 only; the time reaches it in UTC.
    moment = timezone.now()
    models.Record.objects.filter(pk=catalogue.letter.pk).update(updated_at=moment)
    models.Record.objects.exclude(pk=catalogue.letter.pk).update(
        updated_at=moment - timezone.timedelta(days=2)
    )
    east = (moment - timezone.timedelta(hours=1)).astimezone(
        datetime.timezone(datetime.timedelta(hours=23, minutes=59))
    )

    recent = follow(client, f"{API}/records/", modified_since=east.isoformat())

    assert [r["reference_code"] for r in recent] == ["C20-LETTER"]


HOSTILE = [
    ({"date_from": "1956\x00"}, "date_from"),
    ({"q": "x" * 100_000}, "q"),
    ({"q": "cult\x00"}, "q"),
    ({"kind": "nonsense"}, "kind"),
    ({"person": "\x00"}, "person"),
    ({"person": "p" * 5000}, "person"),
    ({"language": "zz"}, "language"),
    ({"sort": "pk; DROP TABLE"}, "sort"),
    ({"page_size": "abc"}, "page_size"),
    ({"page_size": "9" * 40}, "page_size"),
    ({"page_size": "0"}, "page_size"),
    ({"has_images": "maybe"}, "has_images"),
    ({"modified_since": "2026-13-45"}, "modified_since"),
    ({"modified_since": "\x00"}, "modified_since"),
    # Offsets that move the time out of the years 1 to 9999.
    ({"modified_since": "0001-01-01T00:00:00+23:59"}, "modified_since"),
    ({"modified_since": "0001-01-01T00:00:00+01:00"}, "modified_since"),
    ({"modified_since": "9999-12-31T23:59:59-01:00"}, "modified_since"),
    ({"cursor": "not-a-cursor"}, "cursor"),
    ({"cursor": "\x00" * 10}, "cursor"),
]


@pytest.mark.parametrize(("params", "field"), HOSTILE)
def test_record_list_hostile_values_are_400_json(client, catalogue, params, field):
    response = client.get(f"{API}/records/", params)

    assert response.status_code == 400
    body = response.json()
    assert body["detail"]
    assert field in body["errors"]


def test_record_list_cursor_of_another_sort_is_400(client, catalogue):
    first = client.get(f"{API}/records/", {"sort": "title", "page_size": 1}).json()
    cursor = first["next"].split("cursor=")[1]

    response = client.get(f"{API}/records/?sort=date&cursor={cursor}")

    assert response.status_code == 400
    assert "another listing or sort" in response.json()["detail"]


def test_record_list_edited_cursor_is_400(client, catalogue):
    first = client.get(f"{API}/records/", {"page_size": 1}).json()
    cursor = first["next"].split("cursor=")[1]

    response = client.get(f"{API}/records/", {"cursor": cursor[:-3] + "AAA"})

    assert response.status_code == 400
    assert response.json()["errors"]["cursor"] == ["This cursor is not one the catalogue gave out."]


def _linked_records(count: int) -> None:
    collection = factories.collection()
    language = models.Language.objects.create(code="ru", name_en="Russian")
    for n in range(count):
        record = factories.record(collection=collection, date=f"195{n}")
        record.languages.add(language)
        record.subjects.add(factories.subject())
        record.events.add(factories.event())
        models.RecordPerson.objects.create(
            record=record, person=factories.person(), role=models.PersonRole.AUTHOR
        )
        models.RecordOrganization.objects.create(
            record=record,
            organization=factories.organization(),
            role=models.OrganizationRole.ISSUER,
        )


@pytest.mark.parametrize("count", [1, 3])
def test_record_list_costs_constant_queries(client, db, django_assert_num_queries, count):
    _linked_records(count)

    with django_assert_num_queries(6):
        response = client.get(f"{API}/records/")

    assert len(response.json()["results"]) == count


def test_record_list_sorts_search_results_by_title(client, catalogue):
    response = client.get(f"{API}/records/", {"q": "культ", "sort": "title"})

    assert [r["title_en"] for r in response.json()["results"]] == [
        "On overcoming the cult of personality and its consequences",
        "On the Cult of Personality and Its Consequences",
    ]


@pytest.mark.parametrize("reference", ["%00", "C20-SPEECH%00", "R" * 5000, "%D0%AF"])
def test_record_detail_hostile_reference_is_404_json(client, catalogue, reference):
    response = client.get(f"{API}/records/{reference}/")

    assert response.status_code == 404
    assert response.json()["detail"] == "No published record has this reference code."


def test_record_detail_message_follows_accept_language(client, catalogue):
    response = client.get(f"{API}/records/NO-SUCH-RECORD/", HTTP_ACCEPT_LANGUAGE="ru")

    assert response.status_code == 404
    assert response.json()["detail"] == "Опубликованной записи с таким шифром нет."


def _detailed_record(links: int) -> None:
    record = factories.record(reference_code="R-DETAIL", date="1956")
    for _n in range(links):
        other = factories.record(collection=record.collection)
        models.RecordRelation.objects.create(
            subject=record, object=other, type=models.RelationType.REFERS_TO
        )
        record.sources.add(factories.source())
        record.subjects.add(factories.subject())
        person = factories.person()
        factories.membership(person=person)
        models.RecordPerson.objects.create(record=record, person=person, role="author")


@pytest.mark.parametrize("links", [1, 3])
def test_record_detail_costs_constant_queries(client, db, django_assert_num_queries, links):
    _detailed_record(links)

    with django_assert_num_queries(13):
        response = client.get(f"{API}/records/R-DETAIL/")

    assert len(response.json()["relations"]) == links
