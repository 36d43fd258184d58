"""Batches of 100 with signed, stateless resumption tokens that hold the request and position."""

import datetime

import pytest
from django.core import signing

from catalogue import models, publishing
from tests import factories

from .conftest import NS, error_codes, harvest_all, identifiers, oai, oai_id, published, token


def _ordered(records):
    """Give the records distinct datestamps, one second apart, in the order given."""
    start = datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)
    for index, record in enumerate(records):
        moment = start + datetime.timedelta(seconds=index)
        models.Record.objects.filter(pk=record.pk).update(updated_at=moment)


def test_a_long_list_comes_in_batches_of_100_with_cursor_and_size(client, arrangement):
    records = published(250, arrangement["fonds"])
    _ordered(records)

    pages = harvest_all(client, "ListRecords", metadataPrefix="oai_dc")

    assert [len(identifiers(page)) for page in pages] == [100, 100, 50]
    tokens = [token(page) for page in pages]
    assert [(node.get("cursor"), node.get("completeListSize")) for node in tokens] == [
        ("0", "250"),
        ("100", "250"),
        ("200", "250"),
    ]
    assert tokens[-1].text is None
    harvested = [identifier for page in pages for identifier in identifiers(page)]
    assert harvested == [oai_id(record.reference_code) for record in records]


def test_a_list_of_one_batch_has_no_token(client, arrangement):
    published(3, arrangement["fonds"])

    document = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc")

    assert len(identifiers(document)) == 3
    assert token(document) is None


def test_a_token_keeps_the_set_and_the_dates(client, arrangement):
    inside = published(150, arrangement["series"])
    outside = published(60, arrangement["fonds"])
    _ordered(outside[:30] + inside + outside[30:])

    pages = harvest_all(
        client, metadataPrefix="oai_dc", set="fonds:series", until="2024-01-01T00:02:30Z"
    )

    harvested = [identifier for page in pages for identifier in identifiers(page)]
    # 30 outside the set come first; the set's records stamped up to 00:02:30 are 121.
    assert harvested == [oai_id(record.reference_code) for record in inside[:121]]
    assert token(pages[0]).get("completeListSize") == "121"


def test_a_harvest_survives_changes_made_while_it_runs(client, arrangement):
    records = published(250, arrangement["fonds"])
    _ordered(records)
    first = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc")
    sent = identifiers(first)

    # While the harvester waits: a record already sent and one not yet sent are changed, one
    # not yet sent is withdrawn, and a new one is published.
    for record in (records[10], records[150]):
        record.title_en += " (revised)"
        record.save()
    publishing.unpublish(models.Record.objects.filter(pk=records[200].pk), user=None)
    newcomer = factories.record(collection=arrangement["fonds"], reference_code="NEW-1")
    rest = harvest_all(client, resumptionToken=token(first).text)

    harvested = sent + [identifier for page in rest for identifier in identifiers(page)]
    assert len(harvested) == len(set(harvested))
    changed = {oai_id(records[i].reference_code) for i in (150, 200)}
    assert set(harvested) == {oai_id(r.reference_code) for r in records} - changed
    # The next harvest, from when this one began, brings what changed meanwhile.
    since = first.findtext("oai:responseDate", namespaces=NS)
    later = harvest_all(client, metadataPrefix="oai_dc", **{"from": since})
    assert sorted(identifiers(later[0])) == sorted(
        [oai_id(records[i].reference_code) for i in (10, 150, 200)] + [oai_id("NEW-1")]
    )
    deleted = later[0].findall(".//oai:header[@status='deleted']/oai:identifier", NS)
    assert [node.text for node in deleted] == [oai_id(records[200].reference_code)]
    assert newcomer.status == "published"


def test_a_tampered_token_is_refused(client, arrangement):
    _ordered(published(120, arrangement["fonds"]))
    issued = token(oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc")).text
    data = signing.loads(issued, salt="catalogue.oai.resumption")
    forged = signing.dumps({**data, "s": ""}, salt="not-ours", compress=True)

    for bad in (issued[:-2] + "xx", forged, issued.replace(":", ";", 1)):
        document = oai(client, verb="ListIdentifiers", resumptionToken=bad)
        assert error_codes(document) == ["badResumptionToken"]


def test_a_token_of_one_verb_is_refused_by_another(client, arrangement):
    _ordered(published(120, arrangement["fonds"]))
    issued = token(oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc")).text

    document = oai(client, verb="ListRecords", resumptionToken=issued)

    assert error_codes(document) == ["badResumptionToken"]


@pytest.mark.parametrize("count", [1, 3])
def test_a_resumed_batch_costs_the_same_queries_for_one_or_three(
    client, arrangement, count, django_assert_num_queries
):
    records = published(100 + count, arrangement["series"])
    _ordered(records)
    person = factories.person()
    for record in records[100:]:
        record.subjects.add(factories.subject())
        models.RecordPerson.objects.create(record=record, person=person, role="author")
    issued = token(oai(client, verb="ListRecords", metadataPrefix="oai_dc")).text

    with django_assert_num_queries(9):
        document = oai(client, verb="ListRecords", resumptionToken=issued)

    assert identifiers(document) == [oai_id(record.reference_code) for record in records[100:]]
