"""Withdrawn and deleted records: 410 Gone at their address, deleted in OAI-PMH; renamed: 301."""

import datetime

import pytest
from django.contrib.admin.models import LogEntry

from catalogue import models
from tests import factories
from tests.admin.helpers import change_url, changelist_url, open_change_form

from .conftest import NS, error_codes, identifiers, oai, oai_id


def _action(client, action: str, records) -> None:
    response = client.post(
        changelist_url(models.Record),
        {"action": action, "_selected_action": [record.pk for record in records]},
    )
    assert response.status_code == 302


def _deleted_header(client, reference_code: str):
    document = oai(
        client, verb="GetRecord", identifier=oai_id(reference_code), metadataPrefix="oai_dc"
    )
    return document.find(".//oai:record/oai:header", NS), document


def test_a_withdrawn_record_answers_410_in_both_languages(curator_client, client, arrangement):
    record = factories.record(
        collection=arrangement["fonds"],
        reference_code="R-GONE",
        title_en="Letter to the Congress",
        title_ru="Письмо к съезду",
    )
    assert client.get("/en/records/R-GONE/").status_code == 200

    _action(curator_client, "unpublish", [record])

    stone = models.Tombstone.objects.get(reference_code="R-GONE")
    english, russian = client.get("/en/records/R-GONE/"), client.get("/ru/records/R-GONE/")
    assert (english.status_code, russian.status_code) == (410, 410)
    assert "Record withdrawn" in english.text and "Letter to the Congress" in english.text
    assert "Запись снята с публикации" in russian.text and "Письмо к съезду" in russian.text
    assert f'datetime="{stone.withdrawn_at.isoformat()}"' in english.text


def test_a_curators_note_shows_on_the_tombstone(curator_client, client, arrangement):
    record = factories.record(collection=arrangement["fonds"], reference_code="R-NOTE")
    _action(curator_client, "unpublish", [record])
    stone = models.Tombstone.objects.get(reference_code="R-NOTE")
    data = open_change_form(curator_client, stone)
    data["note_en"] = "Withdrawn while its date is checked against the minutes."

    response = curator_client.post(change_url(stone), data)

    assert response.status_code == 302
    page = client.get("/en/records/R-NOTE/")
    assert page.status_code == 410
    assert "Withdrawn while its date is checked against the minutes." in page.text


def test_oai_reports_a_withdrawn_record_deleted_at_its_withdrawal(
    curator_client, client, arrangement
):
    record = factories.record(collection=arrangement["series"], reference_code="R-W")
    _action(curator_client, "unpublish", [record])
    stone = models.Tombstone.objects.get(reference_code="R-W")

    header, document = _deleted_header(client, "R-W")

    assert header.get("status") == "deleted"
    assert header.findtext("oai:datestamp", namespaces=NS) == stone.withdrawn_at.strftime(
        "%Y-%m-%dT%H:%M:%SZ"
    )
    assert document.find(".//oai:metadata", NS) is None
    assert [node.text for node in header.iterfind("oai:setSpec", NS)] == [
        "fonds:series",
        "kind:report",
    ]
    listed = oai(client, verb="ListRecords", metadataPrefix="oai_dc", set="fonds:series")
    assert identifiers(listed) == [oai_id("R-W")]


def test_a_deleted_record_leaves_a_tombstone(curator_client, client, arrangement):
    record = factories.record(collection=arrangement["fonds"], reference_code="R-DEL")
    draft = arrangement["drafts"][0]

    response = curator_client.post(
        changelist_url(models.Record),
        {"action": "delete_selected", "_selected_action": [record.pk, draft.pk], "post": "yes"},
    )

    assert response.status_code == 302
    assert not models.Record.objects.filter(pk__in=[record.pk, draft.pk]).exists()
    assert client.get("/en/records/R-DEL/").status_code == 410
    header, _ = _deleted_header(client, "R-DEL")
    assert header.get("status") == "deleted"
    # A draft that was never published leaves nothing behind.
    assert client.get(f"/en/records/{draft.reference_code}/").status_code == 404
    assert error_codes(_deleted_header(client, draft.reference_code)[1]) == ["idDoesNotExist"]


def test_a_record_deleted_from_its_page_leaves_a_tombstone(curator_client, client, arrangement):
    record = factories.record(collection=arrangement["fonds"], reference_code="R-DEL1")

    response = curator_client.post(f"/admin/catalogue/record/{record.pk}/delete/", {"post": "yes"})

    assert response.status_code == 302
    assert client.get("/en/records/R-DEL1/").status_code == 410


def test_publishing_again_clears_the_tombstone(curator_client, client, arrangement):
    record = factories.record(
        collection=arrangement["fonds"],
        reference_code="R-BACK",
        date="1956-02-25",
        extent_en="1 page",
    )
    _action(curator_client, "unpublish", [record])
    assert client.get("/en/records/R-BACK/").status_code == 410

    _action(curator_client, "publish", [record])

    assert not models.Tombstone.objects.filter(reference_code="R-BACK").exists()
    assert client.get("/en/records/R-BACK/").status_code == 200
    header, _ = _deleted_header(client, "R-BACK")
    assert header.get("status") is None


def test_unpublishing_through_the_change_form_leaves_a_tombstone(
    curator_client, client, arrangement
):
    record = factories.record(collection=arrangement["fonds"], reference_code="R-FORM")
    data = open_change_form(curator_client, record)
    data["status"] = models.Status.DRAFT

    curator_client.post(change_url(record), data)

    assert client.get("/en/records/R-FORM/").status_code == 410
    assert LogEntry.objects.filter(change_message="Unpublished").count() == 1


def test_a_changed_reference_code_redirects_from_the_old_address(
    curator_client, client, arrangement
):
    record = factories.record(
        collection=arrangement["fonds"],
        reference_code="R-OLD",
        date="1956-02-25",
        extent_en="1 page",
    )
    data = open_change_form(curator_client, record)
    data["reference_code"] = "R-NEW"

    response = curator_client.post(change_url(record), data)

    assert response.status_code == 302
    for language in ("en", "ru"):
        moved = client.get(f"/{language}/records/R-OLD/")
        assert (moved.status_code, moved["Location"]) == (301, f"/{language}/records/R-NEW/")
    assert client.get("/en/records/R-NEW/").status_code == 200
    # Harvesters holding the old identifier are told it is gone; the new one is there.
    listed = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc", set="fonds")
    deleted = listed.findall(".//oai:header[@status='deleted']/oai:identifier", NS)
    assert [node.text for node in deleted] == [oai_id("R-OLD")]
    assert oai_id("R-NEW") in identifiers(listed)


def test_an_old_code_of_a_draft_does_not_reveal_the_new_one(curator_client, client, arrangement):
    draft = arrangement["drafts"][0]
    data = open_change_form(curator_client, draft)
    data["reference_code"] = "DRAFT-RENAMED"

    curator_client.post(change_url(draft), data)

    assert models.FormerReference.objects.filter(reference_code=draft.reference_code).exists()
    assert client.get(f"/en/records/{draft.reference_code}/").status_code == 404


@pytest.mark.parametrize("count", [1, 3])
def test_tombstone_changelist_costs_the_same_queries_for_one_or_three(
    curator_client, arrangement, count, django_assert_num_queries
):
    for n in range(count):
        models.Tombstone.objects.create(
            reference_code=f"GONE-{n}", title_en=f"Gone {n}", collection=arrangement["fonds"]
        )

    with django_assert_num_queries(10):
        response = curator_client.get(changelist_url(models.Tombstone))

    assert response.text.count("GONE-") >= count


def test_a_live_record_is_never_also_reported_deleted(client, arrangement):
    record = factories.record(collection=arrangement["fonds"], reference_code="R-BOTH")
    # As after a path that brings a record back without clearing its tombstone.
    models.Tombstone.objects.create(reference_code="R-BOTH", title_en=record.title_en)

    listed = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc")

    assert identifiers(listed) == [oai_id("R-BOTH")]
    assert listed.find(".//oai:header[@status='deleted']", NS) is None


def test_a_tombstone_dates_the_withdrawal_in_each_languages_grammar(client, arrangement):
    factories.tombstone(
        reference_code="R-DATED",
        collection=arrangement["fonds"],
        withdrawn_at=datetime.datetime(2026, 2, 25, 10, 30, tzinfo=datetime.UTC),
    )

    english, russian = client.get("/en/records/R-DATED/"), client.get("/ru/records/R-DATED/")

    assert (english.status_code, russian.status_code) == (410, 410)
    assert "25 February 2026, 10:30 UTC" in english.text
    assert "25 февраля 2026, 10:30 UTC" in russian.text
