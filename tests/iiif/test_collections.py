"""A IIIF Collection per catalogue collection: its published records with images, its parts,
paged when large, in a constant number of queries."""

import pytest

from catalogue import models
from catalogue.iiif import collections
from tests import factories

from .conftest import add_image, schema_errors
from .helpers import fetch, path, repeated_ids

DOCUMENTS = "/iiif/collections/congress-20-documents/collection.json"
FONDS = "/iiif/collections/congress-20/collection.json"


def _ids(collection: dict) -> list[str]:
    return [item["id"].removeprefix("http://testserver") for item in collection["items"]]


def test_collection_is_valid_iiif_presentation_3(client, catalogue, presentation_schema):
    add_image(record=catalogue.letter)

    for address in (DOCUMENTS, FONDS):
        collection = fetch(client, address)
        assert schema_errors(presentation_schema, collection) == []
        assert repeated_ids(collection) == []
        assert collection["id"] == "http://testserver" + address
        assert collection["type"] == "Collection"


def test_collection_lists_published_records_with_images_by_date(client, catalogue):
    add_image(record=catalogue.letter)

    collection = fetch(client, DOCUMENTS)

    assert collection["label"] == {"en": ["Documents"], "ru": ["Документы"]}
    assert _ids(collection) == [
        "/iiif/C20-LETTER/manifest.json",
        "/iiif/C20-SPEECH/manifest.json",
    ]
    speech = collection["items"][1]
    assert speech["label"]["ru"] == ["О культе личности и его последствиях"]
    assert speech["thumbnail"][0]["service"][0]["type"] == "ImageService3"


def test_collection_never_lists_a_draft_or_a_record_without_images(client, catalogue):
    assert models.Image.objects.filter(record=catalogue.draft, tiled=True).exists()

    collection = fetch(client, DOCUMENTS)

    assert _ids(collection) == ["/iiif/C20-SPEECH/manifest.json"]
    assert "C20-DRAFT" not in str(collection) and "C20-RESOLUTION" not in str(collection)


def test_collection_lists_a_record_whose_images_are_on_a_copy(client, catalogue):
    add_image(copy=models.Copy.objects.get(record=catalogue.letter))

    assert "/iiif/C20-LETTER/manifest.json" in _ids(fetch(client, DOCUMENTS))


def test_collection_nests_its_parts_that_hold_images(client, catalogue):
    factories.collection(slug="empty-part", title_en="Nothing scanned", parent=catalogue.fonds)

    collection = fetch(client, FONDS)

    assert _ids(collection) == [DOCUMENTS]
    assert collection["items"][0]["type"] == "Collection"
    assert fetch(client, path(collection["items"][0]["id"]))["items"]


def test_collection_without_images_answers_with_no_items(client, catalogue):
    factories.collection(slug="empty-part", title_en="Nothing scanned", parent=catalogue.fonds)

    assert fetch(client, "/iiif/collections/empty-part/collection.json")["items"] == []


def test_large_collection_is_split_into_pages(client, catalogue, monkeypatch, presentation_schema):
    monkeypatch.setattr(collections, "PAGE_SIZE", 1)
    add_image(record=catalogue.letter)

    whole = fetch(client, DOCUMENTS)
    pages = [fetch(client, address) for address in _ids(whole)]

    assert _ids(whole) == [
        "/iiif/collections/congress-20-documents/pages/1/collection.json",
        "/iiif/collections/congress-20-documents/pages/2/collection.json",
    ]
    assert whole["items"][1]["label"]["en"] == ["Documents: records 2–2 of 2"]
    assert [_ids(page) for page in pages] == [
        ["/iiif/C20-LETTER/manifest.json"],
        ["/iiif/C20-SPEECH/manifest.json"],
    ]
    assert pages[0]["partOf"][0]["id"] == "http://testserver" + DOCUMENTS
    assert all(schema_errors(presentation_schema, page) == [] for page in [whole, *pages])
    fetch(client, "/iiif/collections/congress-20-documents/pages/3/collection.json", status=404)


@pytest.mark.parametrize("count", [1, 3])
def test_collection_query_count_does_not_grow_with_records(
    client, catalogue, django_assert_num_queries, count
):
    for index in range(count):
        record = factories.record(collection=catalogue.series, title_en=f"Scanned report {index}")
        add_image(record=record)
        add_image(copy=models.Copy.objects.create(record=record, key="copy", label_en="A copy"))

    # The collection, the count, the page, its images, copies and copies' images; the units
    # and those holding images (for the parts).
    with django_assert_num_queries(8):
        collection = fetch(client, DOCUMENTS)

    assert len(collection["items"]) == count + 1


def test_catalogue_collection_lists_the_outermost_collections_with_images(
    client, catalogue, presentation_schema, django_assert_num_queries
):
    factories.collection(slug="nothing-scanned", title_en="Nothing scanned")

    with django_assert_num_queries(2):
        whole = fetch(client, "/iiif/collection.json")

    assert schema_errors(presentation_schema, whole) == []
    assert repeated_ids(whole) == []
    assert whole["label"] == {"en": ["The 20th Congress archive"], "ru": ["Архив XX съезда"]}
    assert _ids(whole) == [FONDS]
