"""Each public page costs the same number of queries with one row as with three."""

import pytest

from catalogue import models
from tests import factories

from .conftest import add_image


def build(n: int) -> dict:
    """``n`` published records, each with people, bodies, subjects, images, copies and relations;
    ``n`` members of one body and ``n`` child units, events and subjects."""
    collection = factories.collection(slug="fonds")
    body = factories.organization(slug="body")
    models.OrganizationSeats.objects.create(
        organization=body, role=models.MembershipRole.MEMBER, count=133
    )
    event = factories.event(slug="congress", date="1956-02")
    subject = factories.subject(slug="theme")
    language = models.Language.objects.create(code="ru", name_en="Russian")
    main = factories.record(reference_code="MAIN", collection=collection, date="1956-02-25")
    person = factories.person(slug="main-person")
    source = factories.source()
    for index in range(n):
        factories.collection(parent=collection)
        factories.event(parent=event, date=f"1956-02-{index + 10}")
        other = factories.person()
        membership = factories.membership(person=other, organization=body)
        membership.sources.add(source)
        factories.membership(person=person, organization=factories.organization())
        record = factories.record(
            collection=collection, title_en=f"Report {index}", date=f"1956-03-{index + 10}"
        )
        for item in (record, main):
            item.subjects.add(factories.subject(), subject)
            item.languages.add(language)
            item.events.add(event)
            item.sources.add(factories.source())
            models.RecordPerson.objects.create(
                record=item, person=other, role=models.PersonRole.AUTHOR, source=source
            )
            models.RecordOrganization.objects.create(
                record=item,
                organization=body if item is record else factories.organization(),
                role=models.OrganizationRole.ISSUER,
            )
            add_image(record=item)
        models.RecordPerson.objects.create(
            record=record, person=person, role=models.PersonRole.MENTIONED
        )
        copy = models.Copy.objects.create(record=main, key=f"copy-{index}", label_en="A copy")
        copy.sources.add(source)
        add_image(copy=copy)
        models.RecordRelation.objects.create(
            subject=main, object=record, type=models.RelationType.REFERS_TO
        )
        models.RecordRelation.objects.create(
            subject=record, object=main, type=models.RelationType.TRANSLATION_OF
        )
        models.Claim.objects.create(
            slug=f"claim-{index}", record=main, topic_en="date", statement_en="x", source=source
        )
    return {"rows": n}


# A list of records also reads their thumbnails: the records' first images, their copies, and
# (when any of the listed records has a copy) the copies' first images.
PAGES = [
    # The home page draws the timeline from its events and its dated records (2 more) and
    # reads the thumbnails of its records (3 more).
    ("/en/", 11, "of 133 full members catalogued"),
    # The change marker, the counts table (one query, the total included), the labels of
    # five facets, the page (the total is no longer counted), and the thumbnails (the
    # records' first images, their copies, the copies' first images).
    ("/en/records/", 11, "Report 0"),
    (
        "/en/records/?q=report&kind=report&date_from=1956&person=main-person&subject=theme",
        # The person and the subject looked up, how many records they have (counts
        # table), the change marker, the search's window (its bounded count), the keys of
        # the first matches once for each set of other filters (without the kind, the
        # person, the subject, and all of them), six facets grouped over them, the page
        # ranked by keys, then its rows, the thumbnails. No copy among these records: no
        # query for copies' images.
        19,
        "Report</mark> 0",
    ),
    # The record page: the record, one query for each kind of thing it shows (with people,
    # also their memberships; with copies, their sources), and its history.
    ("/en/records/MAIN/", 14, "Report 0"),
    ("/en/records/MAIN/cite.bib", 2, "@misc{MAIN,"),
    ("/en/people/", 3, "main-person"),
    ("/en/people/?organization=body&role=member", 4, "Test Person"),
    ("/en/people/main-person/", 9, "Report 0"),
    ("/en/organizations/", 1, "Test Body"),
    ("/en/organizations/body/", 10, "full members catalogued"),
    # The events and, for the timeline, the dated records.
    ("/en/events/", 2, "Test Event"),
    ("/en/events/congress/", 9, "Test Event"),
    ("/en/collections/", 1, "Test collection"),
    ("/en/collections/fonds/", 7, "Report 0"),
    ("/en/subjects/", 1, "Test subject"),
    ("/en/subjects/theme/", 5, "Report 0"),
    # The change marker (the ranking is cached under it), then for each kind its window
    # (one query below the limit) and its ranked keys, the rows of each kind with results
    # (the records here), and the thumbnails.
    ("/en/search/?q=report", 12, "Report</mark> 0"),
]


@pytest.mark.parametrize("rows", [1, 3])
@pytest.mark.parametrize(("url", "queries", "shown"), PAGES)
def test_public_page_query_count_does_not_grow_with_rows(
    client, db, django_assert_num_queries, url, queries, shown, rows
):
    build(rows)

    with django_assert_num_queries(queries):
        response = client.get(url)

    assert shown in response.content.decode()
