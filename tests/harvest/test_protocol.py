"""The six verbs, the crosswalk to oai_dc, sets, dates and every protocol error."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from catalogue import models
from tests import factories

from .conftest import NS, XML_LANG, error_codes, identifiers, oai, oai_id, published


def test_identify_names_the_repository_from_settings(client, arrangement, settings):
    settings.CATALOGUE_OAI_REPOSITORY_ID = "archive.example.org"
    settings.CATALOGUE_OAI_ADMIN_EMAIL = "curators@example.org"
    record = factories.record(collection=arrangement["series"], reference_code="R-1")
    moment = datetime.datetime(2020, 5, 1, 12, 30, 15, 500, tzinfo=datetime.UTC)
    models.Record.objects.filter(pk=record.pk).update(updated_at=moment)

    document = oai(client, verb="Identify")

    identify = document.find("oai:Identify", NS)
    assert identify.findtext("oai:baseURL", namespaces=NS) == "http://testserver/oai"
    assert identify.findtext("oai:adminEmail", namespaces=NS) == "curators@example.org"
    assert identify.findtext("oai:earliestDatestamp", namespaces=NS) == "2020-05-01T12:30:15Z"
    assert identify.findtext("oai:deletedRecord", namespaces=NS) == "persistent"
    assert identify.findtext("oai:granularity", namespaces=NS) == "YYYY-MM-DDThh:mm:ssZ"
    description = identify.find("oai:description/id:oai-identifier", NS)
    assert description.findtext("id:repositoryIdentifier", namespaces=NS) == "archive.example.org"
    assert description.findtext("id:sampleIdentifier", namespaces=NS) == (
        "oai:archive.example.org:R-1"
    )


def test_list_metadata_formats_offers_oai_dc(client, arrangement):
    record = factories.record(collection=arrangement["fonds"])

    document = oai(client, verb="ListMetadataFormats", identifier=oai_id(record.reference_code))

    assert [node.text for node in document.iterfind(".//oai:metadataPrefix", NS)] == ["oai_dc"]


def test_list_sets_nests_collections_and_names_kinds(client, arrangement):
    document = oai(client, verb="ListSets")

    specs = [node.text for node in document.iterfind(".//oai:setSpec", NS)]
    assert specs[:2] == ["fonds", "fonds:series"]
    assert "kind" in specs
    assert {f"kind:{kind}" for kind in models.RecordKind.values} <= set(specs)
    names = [node.text for node in document.iterfind(".//oai:setName", NS)]
    assert names[:2] == ["The fonds", "The series"]


def test_get_record_carries_the_whole_crosswalk(client, arrangement, settings):
    settings.CATALOGUE_RIGHTS = "http://rightsstatements.org/vocab/CNE/1.0/"
    russian = models.Language.objects.create(code="ru", name_en="Russian")
    record = factories.record(
        collection=arrangement["series"],
        reference_code="R-SPEECH",
        kind=models.RecordKind.SPEECH,
        title_en="On the cult of personality",
        title_ru="О культе личности",
        original_title="О культе личности и его последствиях",
        original_language=russian,
        date="1956-02-25",
        extent_en="One report",
    )
    record.languages.add(russian)
    speaker = factories.person(name_en="Nikita Khrushchev", name_ru="Никита Хрущёв")
    models.RecordPerson.objects.create(record=record, person=speaker, role="speaker")
    topic = factories.subject(label_en="cult of personality", label_ru="культ личности")
    record.subjects.add(topic)
    source = factories.source(key="SRC-A", title="A source", url="https://example.org/a")
    record.sources.add(source)
    other = factories.record(collection=arrangement["fonds"], reference_code="R-OTHER")
    hidden = factories.record(
        collection=arrangement["fonds"], reference_code="R-HID", status="draft"
    )
    for target in (other, hidden):
        models.RecordRelation.objects.create(subject=record, object=target, type="refers_to")

    document = oai(client, verb="GetRecord", identifier=oai_id("R-SPEECH"), metadataPrefix="oai_dc")

    header = document.find(".//oai:header", NS)
    assert header.findtext("oai:identifier", namespaces=NS) == "oai:catalogue.localhost:R-SPEECH"
    assert [node.text for node in header.iterfind("oai:setSpec", NS)] == [
        "fonds:series",
        "kind:speech",
    ]
    dc = document.find(".//oai_dc:dc", NS)
    fields = [(node.tag.split("}")[1], node.text, node.get(XML_LANG)) for node in dc]
    assert ("title", "On the cult of personality", "en") in fields
    assert ("title", "О культе личности", "ru") in fields
    assert ("title", "О культе личности и его последствиях", "ru") in fields
    assert ("creator", "Nikita Khrushchev (speaker)", "en") in fields
    assert ("creator", "Никита Хрущёв (докладчик)", "ru") in fields
    assert ("subject", "cult of personality", "en") in fields
    assert ("subject", "культ личности", "ru") in fields
    assert ("date", "1956-02-25", None) in fields
    assert ("type", "Text", None) in fields
    assert ("type", "speech", "en") in fields
    assert ("format", "One report", "en") in fields
    assert ("language", "ru", None) in fields
    assert ("identifier", "http://testserver/en/records/R-SPEECH/", None) in fields
    relations = [value for name, value, _ in fields if name == "relation"]
    assert relations == ["http://testserver/en/records/R-OTHER/"]
    assert ("source", "[SRC-A], A source, https://example.org/a", None) in fields
    assert ("rights", "http://rightsstatements.org/vocab/CNE/1.0/", None) in fields


def test_get_record_of_a_draft_is_id_does_not_exist(client, arrangement):
    draft = arrangement["drafts"][0]
    assert models.Record.objects.filter(reference_code=draft.reference_code).exists()

    document = oai(
        client, verb="GetRecord", identifier=oai_id(draft.reference_code), metadataPrefix="oai_dc"
    )

    assert error_codes(document) == ["idDoesNotExist"]


def test_list_records_never_shows_a_draft(client, arrangement):
    published(2, arrangement["series"])
    assert models.Record.objects.drafts().count() == 2

    document = oai(client, verb="ListRecords", metadataPrefix="oai_dc")

    assert identifiers(document) == [oai_id("series-0000"), oai_id("series-0001")]


def test_post_answers_as_get_does_and_needs_no_csrf_token(arrangement):
    published(2, arrangement["fonds"])
    client = Client(enforce_csrf_checks=True)

    by_post = oai(client, "post", verb="ListIdentifiers", metadataPrefix="oai_dc")
    by_get = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc")

    assert (
        identifiers(by_post) == identifiers(by_get) == [oai_id("fonds-0000"), oai_id("fonds-0001")]
    )


def test_a_set_of_a_fonds_holds_its_series_records_too(client, arrangement):
    published(1, arrangement["fonds"])
    published(1, arrangement["series"], kind=models.RecordKind.LETTER)

    whole = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc", set="fonds")
    series = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc", set="fonds:series")
    letters = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc", set="kind:letter")

    assert identifiers(whole) == [oai_id("fonds-0000"), oai_id("series-0000")]
    assert identifiers(series) == identifiers(letters) == [oai_id("series-0000")]


def _stamp(record, moment):
    models.Record.objects.filter(pk=record.pk).update(updated_at=moment)


def test_from_and_until_select_by_day_and_by_second(client, arrangement):
    early, late = published(2, arrangement["fonds"])
    _stamp(early, datetime.datetime(2024, 1, 1, 23, 59, 59, 900000, tzinfo=datetime.UTC))
    _stamp(late, datetime.datetime(2024, 1, 2, 0, 0, 0, tzinfo=datetime.UTC))

    def listed(**dates):
        return identifiers(oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc", **dates))

    assert listed(until="2024-01-01") == [oai_id(early.reference_code)]
    assert listed(until="2024-01-01T23:59:59Z") == [oai_id(early.reference_code)]
    assert listed(**{"from": "2024-01-02"}) == [oai_id(late.reference_code)]
    assert listed(**{"from": "2024-01-01T23:59:59Z", "until": "2024-01-02T00:00:00Z"}) == [
        oai_id(early.reference_code),
        oai_id(late.reference_code),
    ]


@pytest.mark.parametrize("until", ["9999-12-31", "9999-12-31T23:59:59Z"])
def test_until_the_last_day_there_is_lists_everything(client, arrangement, until):
    (record,) = published(1, arrangement["fonds"])

    document = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc", until=until)

    assert error_codes(document) == []
    assert identifiers(document) == [oai_id(record.reference_code)]


def test_datestamps_are_utc_to_the_second(client, arrangement):
    record = factories.record(collection=arrangement["fonds"])
    _stamp(record, datetime.datetime(2024, 3, 4, 5, 6, 7, 890, tzinfo=datetime.UTC))

    document = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc")

    assert document.findtext(".//oai:datestamp", namespaces=NS) == "2024-03-04T05:06:07Z"


BAD_REQUESTS = [
    ({}, "badVerb"),
    ({"verb": "Harvest"}, "badVerb"),
    ({"verb": ["Identify", "Identify"]}, "badVerb"),
    ({"verb": "Identify", "extra": "1"}, "badArgument"),
    ({"verb": "ListRecords"}, "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": ["oai_dc", "oai_dc"]}, "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "1956-02-30"}, "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "25.02.1956"}, "badArgument"),
    (
        {
            "verb": "ListRecords",
            "metadataPrefix": "oai_dc",
            "from": "2020-01-01",
            "until": "2021-01-01T00:00:00Z",
        },
        "badArgument",
    ),
    (
        {
            "verb": "ListRecords",
            "metadataPrefix": "oai_dc",
            "from": "2021-01-02",
            "until": "2021-01-01",
        },
        "badArgument",
    ),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "resumptionToken": "x"}, "badArgument"),
    ({"verb": "GetRecord", "identifier": "oai:catalogue.localhost:R-1"}, "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": ""}, "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": "marc21"}, "cannotDisseminateFormat"),
    (
        {
            "verb": "GetRecord",
            "identifier": "oai:catalogue.localhost:R-1",
            "metadataPrefix": "marc21",
        },
        "cannotDisseminateFormat",
    ),
    (
        {"verb": "GetRecord", "identifier": "oai:elsewhere.org:R-1", "metadataPrefix": "oai_dc"},
        "idDoesNotExist",
    ),
    (
        {
            "verb": "GetRecord",
            "identifier": "oai:catalogue.localhost:NONE",
            "metadataPrefix": "oai_dc",
        },
        "idDoesNotExist",
    ),
    (
        {"verb": "ListMetadataFormats", "identifier": "oai:catalogue.localhost:NONE"},
        "idDoesNotExist",
    ),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": "no-such-set"}, "noRecordsMatch"),
    (
        {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "from": "2999-01-01"},
        "noRecordsMatch",
    ),
    ({"verb": "ListRecords", "resumptionToken": "not-a-token"}, "badResumptionToken"),
    ({"verb": "ListSets", "resumptionToken": "not-a-token"}, "badResumptionToken"),
    # Refused before the view (a control character; more parameters than Django reads).
    ({"verb": "GetRecord\x00", "metadataPrefix": "oai_dc"}, "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": "fonds\x1b"}, "badArgument"),
    ({"verb": "Identify", **{f"extra{n}": "1" for n in range(1001)}}, "badArgument"),
]


@pytest.mark.parametrize(("arguments", "code"), BAD_REQUESTS)
def test_bad_requests_answer_with_their_error_code(client, arrangement, arguments, code):
    factories.record(collection=arrangement["fonds"], reference_code="R-1")

    document = oai(client, **arguments)

    assert error_codes(document) == [code]
    request = document.find("oai:request", NS)
    if code in ("badVerb", "badArgument"):
        assert dict(request.attrib) == {}
    else:
        assert request.get("verb") == arguments["verb"]


def test_other_methods_are_refused(client, db):
    assert client.put("/oai?verb=Identify").status_code == 405


@pytest.mark.parametrize("count", [1, 3])
def test_list_records_costs_the_same_queries_for_one_or_three(
    client, arrangement, count, django_assert_num_queries
):
    person = factories.person()
    for record in published(count, arrangement["series"]):
        record.subjects.add(factories.subject())
        record.sources.add(factories.source())
        models.RecordPerson.objects.create(record=record, person=person, role="author")
        models.RecordRelation.objects.create(
            subject=record, object=arrangement["drafts"][0], type="refers_to"
        )
    models.Tombstone.objects.create(
        reference_code=f"GONE-{count}", title_en="Gone", withdrawn_at=timezone.now()
    )

    with django_assert_num_queries(11):
        document = oai(client, verb="ListRecords", metadataPrefix="oai_dc")

    assert len(identifiers(document)) == count + 1


def test_get_record_gives_a_title_that_is_also_the_original_once(client, arrangement):
    russian = models.Language.objects.create(code="ru", name_en="Russian")
    factories.record(
        collection=arrangement["series"],
        reference_code="R-TESTAMENT",
        title_en="Letter to the Congress",
        title_ru="Письмо к съезду",
        original_title="Письмо к съезду",
        original_language=russian,
    )

    document = oai(
        client, verb="GetRecord", identifier=oai_id("R-TESTAMENT"), metadataPrefix="oai_dc"
    )

    titles = [(node.text, node.get(XML_LANG)) for node in document.iterfind(".//dc:title", NS)]
    assert titles == [("Letter to the Congress", "en"), ("Письмо к съезду", "ru")]


@pytest.mark.parametrize("method", ["get", "post"])
def test_request_to_another_host_name_is_refused_without_an_error(client, method):
    response = getattr(client, method)("/oai", {"verb": "Identify"}, HTTP_HOST="evil.example")

    assert response.status_code == 400
    assert "The catalogue could not read this request." in response.content.decode()
