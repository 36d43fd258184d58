"""What has no manifest says so, in JSON a viewer can read: a draft, a record without images,
an unknown or hostile reference (404), a withdrawn record (410); never a 500."""

import pytest

from catalogue import models, publishing

from .conftest import add_image
from .helpers import fetch


def test_draft_manifest_is_not_found(client, catalogue):
    assert models.Image.objects.filter(record=catalogue.draft, tiled=True).exists()

    refusal = fetch(client, "/iiif/C20-DRAFT/manifest.json", status=404)

    assert refusal == {"detail": "No published record with images has this reference code."}


def test_manifest_of_a_record_without_images_is_not_found(client, catalogue):
    assert models.Record.objects.published().filter(reference_code="C20-RESOLUTION").exists()

    refusal = fetch(client, "/iiif/C20-RESOLUTION/manifest.json", status=404)

    assert refusal == {"detail": "This record has no images."}


def test_manifest_of_a_withdrawn_record_is_gone(client, catalogue, curator):
    publishing.unpublish(models.Record.objects.filter(pk=catalogue.speech.pk), user=curator)

    refusal = fetch(client, "/iiif/C20-SPEECH/manifest.json", status=410)

    assert refusal["reference_code"] == "C20-SPEECH"
    assert refusal["detail"].startswith("This record was withdrawn from the catalogue on ")


def test_manifest_of_a_former_reference_redirects_to_the_new_one(client, catalogue):
    models.FormerReference.objects.create(reference_code="C20-OLD", record=catalogue.speech)

    response = client.get("/iiif/C20-OLD/manifest.json")

    assert response.status_code == 301
    assert response["Location"] == "/iiif/C20-SPEECH/manifest.json"


def test_refusal_is_in_the_language_asked_for(client, catalogue):
    response = client.get("/iiif/C20-DRAFT/manifest.json", headers={"accept-language": "ru"})

    assert response.json() == {
        "detail": "Нет опубликованной записи с изображениями под этим шифром."
    }


@pytest.mark.parametrize(
    "address",
    [
        "/iiif/C20-SPEECH%00/manifest.json",
        "/iiif/%00/manifest.json",
        "/iiif/" + "C" * 5000 + "/manifest.json",
        "/iiif/" + "C" * 65 + "/manifest.json",
        "/iiif/NO-SUCH-RECORD/manifest.json",
        "/iiif/C20-SPEECH/../C20-DRAFT/manifest.json",
        "/iiif/collections/no-such-collection/collection.json",
        "/iiif/collections/congress-20/pages/0/collection.json",
        "/iiif/collections/congress-20/pages/99999999999999999999/collection.json",
        "/iiif/collections/%00/collection.json",
    ],
)
def test_hostile_addresses_are_refused_without_an_error(client, catalogue, address):
    response = client.get(address)

    assert response.status_code == 404
    assert b"Unpublished" not in response.content


def test_manifest_is_open_to_every_origin_and_to_head_requests(client, catalogue):
    response = client.head(
        "/iiif/C20-SPEECH/manifest.json", headers={"origin": "https://viewer.example"}
    )

    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert client.post("/iiif/C20-SPEECH/manifest.json").status_code == 405


def test_draft_images_on_a_published_records_copy_stay_out(client, catalogue):
    # A copy belongs to its record: a draft's copy never reaches a published manifest.
    draft_copy = models.Copy.objects.create(record=catalogue.draft, key="draft-copy", label_en="X")
    hidden = add_image(copy=draft_copy, alt="A draft's copy")

    manifest = fetch(client, "/iiif/C20-SPEECH/manifest.json")

    assert hidden.key not in str(manifest)
